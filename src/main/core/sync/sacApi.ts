// HTTP client of wire protocol v1. It never trusts the network: every answer is checked for
// status, content type, complete JSON and the protocol's schema, and anything else becomes a
// SyncFailure that says why.
import { createReadStream, statSync } from 'node:fs';
import axios, { AxiosError, type AxiosInstance, type AxiosResponse } from 'axios';
import type { z } from 'zod';
import {
  API_BASE_PATH,
  authResponseSchema,
  errorEnvelopeSchema,
  pullResponseSchema,
  pushResponseSchema,
  serverInfoSchema,
  type AuthResponse,
  type LoginRequest,
  type Mutation,
  type PullResponse,
  type PushResponse,
  type RegisterRequest,
  type ServerInfo,
} from '../../../shared/wire';
import { failure, SyncFailure } from './errors';
import { ClockWatch } from './clockWatch';

export interface SacApiOptions {
  serverUrl: string;
  token?: string | null;
  timeoutMs?: number;
  /** This computer's clock; tests move it to check clock skew. */
  clock?: () => Date;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Normalizes a server address typed by the user: no trailing slash, no API path. */
export function normalizeServerUrl(input: string): string {
  const url = new URL(input.trim());
  let path = url.pathname.replace(/\/+$/, '');
  if (path.endsWith(API_BASE_PATH)) path = path.slice(0, -API_BASE_PATH.length);
  return `${url.protocol}//${url.host}${path}`;
}

export class SacApi {
  private readonly http: AxiosInstance;
  private token: string | null;
  private offsetMs: number | null = null;
  private readonly offsetWatch = new ClockWatch(() => this.clock().getTime());

  constructor(readonly options: SacApiOptions) {
    this.token = options.token ?? null;
    this.http = axios.create({
      baseURL: `${normalizeServerUrl(options.serverUrl)}${API_BASE_PATH}`,
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      // Raw text: the client parses JSON itself so that truncated or HTML bodies are caught.
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
    });
  }

  setToken(token: string | null): void {
    this.token = token;
  }

  serverInfo(): Promise<ServerInfo> {
    return this.request('GET', '/server-info', serverInfoSchema);
  }

  register(body: RegisterRequest): Promise<AuthResponse> {
    return this.request('POST', '/auth/register', authResponseSchema, { body, expect: [201] });
  }

  login(body: LoginRequest): Promise<AuthResponse> {
    return this.request('POST', '/auth/login', authResponseSchema, { body });
  }

  async logout(): Promise<void> {
    await this.request('POST', '/auth/logout', null, { expect: [204] });
  }

  /**
   * How far the server's clock is ahead of this computer's (negative: behind), in milliseconds,
   * from the X-Server-Time header of the last answer (or its Date header, to the second); null
   * before the first answer.
   */
  get clockOffsetMs(): number | null {
    return this.clockSetSinceMeasured ? null : this.offsetMs;
  }

  /** True when an offset was measured but this computer's clock has been set since, so it no longer applies. */
  get clockSetSinceMeasured(): boolean {
    return this.offsetMs !== null && this.offsetWatch.changed();
  }

  private clock(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /** Pulls one page; with `count`, the answer says how many changes are left from the cursor on. */
  pull(cursor: string | null, limit: number, options: { count?: boolean } = {}): Promise<PullResponse> {
    const params: Record<string, string> = { limit: String(limit) };
    if (cursor) params.cursor = cursor;
    if (options.count) params.count = 'true';
    return this.request('GET', '/sync/pull', pullResponseSchema, { params });
  }

  /**
   * Pushes mutations with this computer's clock as clientTime, from which the server measures the
   * offset for any mutation that does not carry the one known when it was made.
   */
  async push(mutations: Mutation[]): Promise<PushResponse> {
    const body = { mutations, clientTime: this.clock().toISOString() };
    const response = await this.request('POST', '/sync/push', pushResponseSchema, { body });
    const ids = mutations.map((mutation) => mutation.id).join(',');
    if (response.results.map((result) => result.id).join(',') !== ids) {
      throw failure('invalid_response', { cause: new Error('push results do not match the mutations sent') });
    }
    return response;
  }

  /** Uploads a file by its SHA-256; the server answers 201, or 200 when it already has it. */
  async uploadAttachment(file: string, sha256: string, fileName: string, contentType: string): Promise<void> {
    await this.request('PUT', `/attachments/${sha256}`, null, {
      expect: [200, 201],
      rawBody: { stream: () => createReadStream(file), size: statSync(file).size },
      headers: { 'content-type': contentType || 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) },
      // Large files on slow links: no limit on the whole transfer, only on a stall.
      idle: true,
    });
  }

  /** Downloads an attachment's bytes. */
  async downloadAttachment(sha256: string): Promise<Buffer> {
    let response: AxiosResponse<ArrayBuffer>;
    const watchdog = new StallWatchdog(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    try {
      response = await this.http.get(`/attachments/${sha256}`, {
        responseType: 'arraybuffer',
        headers: this.authHeaders(),
        timeout: 0,
        signal: watchdog.signal,
        onDownloadProgress: watchdog.touch,
      });
    } catch (error) {
      throw toTransportFailure(error);
    } finally {
      watchdog.stop();
    }
    if (response.status !== 200) {
      const text = Buffer.from(response.data).toString('utf8');
      throw statusFailure(response.status, text, response.headers['retry-after']);
    }
    return Buffer.from(response.data);
  }

  /** Measures the clock offset from X-Server-Time (milliseconds), or from Date (whole seconds). */
  private recordServerTime(preciseHeader: unknown, dateHeader: unknown): void {
    const precise = typeof preciseHeader === 'string' ? Number(preciseHeader) : Number.NaN;
    const serverTime = Number.isFinite(precise) && precise > 0 ? precise : typeof dateHeader === 'string' ? Date.parse(dateHeader) : Number.NaN;
    if (Number.isNaN(serverTime)) return;
    this.offsetMs = serverTime - this.clock().getTime();
    this.offsetWatch.mark();
  }

  private authHeaders(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    schema: z.ZodType<T> | null,
    options: {
      body?: unknown;
      params?: Record<string, string>;
      expect?: number[];
      headers?: Record<string, string>;
      rawBody?: { stream: () => NodeJS.ReadableStream; size: number };
      /** No limit on the whole request, only on a stall longer than the client's timeout. */
      idle?: boolean;
    } = {},
  ): Promise<T> {
    const send = async () => {
      const watchdog = options.idle ? new StallWatchdog(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS) : null;
      try {
        return await this.sendOnce(method, path, options, watchdog);
      } finally {
        watchdog?.stop();
      }
    };
    let response: AxiosResponse<string>;
    try {
      try {
        response = await send();
      } catch (error) {
        // A kept-alive connection that the network dropped (Wi-Fi changed, laptop woke up) fails
        // the first request that reuses it. One immediate retry on a fresh connection is safe:
        // every request of the protocol is idempotent, pushes included, by their mutation ids.
        if (!isConnectionReset(error)) throw error;
        response = await send();
      }
    } catch (error) {
      throw toTransportFailure(error);
    }
    const expected = options.expect ?? [200];
    if (!expected.includes(response.status)) {
      throw statusFailure(response.status, response.data, response.headers['retry-after']);
    }
    const parsed = schema ? parseBody(response, schema) : (undefined as T);
    // Only an answer that proved to come from the SAC server sets the clock offset.
    this.recordServerTime(response.headers['x-server-time'], response.headers.date);
    return parsed;
  }

  private sendOnce(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    options: {
      body?: unknown;
      params?: Record<string, string>;
      headers?: Record<string, string>;
      rawBody?: { stream: () => NodeJS.ReadableStream; size: number };
    },
    watchdog: StallWatchdog | null,
  ): Promise<AxiosResponse<string>> {
    return this.http.request<string>({
      method,
      url: path,
      params: options.params,
      data: options.rawBody ? options.rawBody.stream() : options.body,
      headers: {
        ...this.authHeaders(),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.rawBody ? { 'content-length': String(options.rawBody.size) } : {}),
        ...options.headers,
      },
      ...(watchdog ? { timeout: 0, signal: watchdog.signal, onUploadProgress: watchdog.touch, onDownloadProgress: watchdog.touch } : {}),
    });
  }
}

/**
 * Aborts a transfer that makes no progress for `idleMs`: a large upload may take minutes on a
 * slow link, but one that stalls must not hold the sync (and sign-out, and quitting) forever.
 */
class StallWatchdog {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly idleMs: number) {
    this.touch();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  readonly touch = (): void => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {

      this.controller.abort();
    }, this.idleMs);
  };

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

function parseBody<T>(response: AxiosResponse<string>, schema: z.ZodType<T>): T {
  const contentType = String(response.headers['content-type'] ?? '');
  const body = typeof response.data === 'string' ? response.data : '';
  if (!contentType.includes('application/json')) {
    // A 200 with an HTML page is what hotel and office captive portals send: never a success.
    if (contentType.includes('text/html') || /^\s*</.test(body)) throw failure('captive_portal');
    throw failure('invalid_response', { cause: new Error(`unexpected content type ${contentType || '(none)'}`) });
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw failure('invalid_response', { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw failure('invalid_response', { cause: parsed.error });
  return parsed.data;
}

/** Parses Retry-After as seconds or as an HTTP date. */
export function parseRetryAfter(header: unknown, now = Date.now()): number | undefined {
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function statusFailure(status: number, body: string, retryAfterHeader: unknown): SyncFailure {
  const retryAfterMs = parseRetryAfter(retryAfterHeader);
  let envelope: z.infer<typeof errorEnvelopeSchema> | null = null;
  try {
    const parsed = errorEnvelopeSchema.safeParse(JSON.parse(body));
    if (parsed.success) envelope = parsed.data;
  } catch {
    envelope = null;
  }
  // Kept for the sign-in form, where a 401 means a wrong password rather than an expired session.
  const server = envelope ? { serverCode: envelope.error.code, serverMessage: envelope.error.message } : {};
  if (status === 401) return failure('unauthorized', { status, ...server });
  if (status === 429) {
    return failure('rate_limited', { status, ...server, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  if (status >= 500 || status === 408) {
    return failure('server_unavailable', { status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  if (envelope) {
    return new SyncFailure('rejected', envelope.error.message, { status, serverCode: envelope.error.code });
  }
  if (status === 413) {
    // A proxy in front of the server may refuse a large body with its own page: still a size refusal.
    return new SyncFailure('rejected', 'O conteúdo enviado passa do tamanho que o servidor aceita.', { status, serverCode: 'payload_too_large' });
  }
  if (/^\s*</.test(body)) return failure('captive_portal', { status });
  return failure('invalid_response', { status });
}

function isConnectionReset(error: unknown): boolean {
  if (!(error instanceof AxiosError)) return false;
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || /socket hang up/i.test(error.message)) return true;
  // axios 1.x reports a body cut off by a dropped connection as ERR_BAD_RESPONSE "stream has been aborted".
  return error.code === AxiosError.ERR_BAD_RESPONSE && /aborted/i.test(error.message);
}

function toTransportFailure(error: unknown): SyncFailure {
  if (error instanceof SyncFailure) return error;
  // Only the stall watchdog cancels requests.
  if (axios.isCancel(error)) return failure('timeout', { cause: error });
  if (error instanceof AxiosError) {
    if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT' || error.code === AxiosError.ETIMEDOUT) {
      return failure('timeout', { cause: error });
    }
    return failure('offline', { cause: error });
  }
  return failure('offline', { cause: error });
}
