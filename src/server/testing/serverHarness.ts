// Test harness for the SAC server: the real Fastify app over a real SQLite data folder in a
// temporary directory, driven in-process through app.inject. Only the tests import this file.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import {
  API_BASE_PATH,
  authResponseSchema,
  errorEnvelopeSchema,
  pullResponseSchema,
  pushResponseSchema,
  type AuthResponse,
  type ChangeEnvelope,
  type MutationArgs,
  type MutationName,
  type PushResponse,
} from '../../shared/wire';
import { createSacServer, type SacServer, type ServerOptions } from '../app';

export type TestServerOptions = Omit<ServerOptions, 'dataDir' | 'logger'> & { dataDir?: string };

export interface TestServer extends SacServer {
  dataDir: string;
  /** Closes the app and opens a new one on the same data folder, as a restarted process would. */
  restart(options?: Omit<TestServerOptions, 'dataDir'>): Promise<TestServer>;
  /** Closes the app and deletes its data folder. */
  dispose(): Promise<void>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sac-server-test-'));
  const sac = await createSacServer({ ...options, dataDir, logger: false });
  const server: TestServer = {
    ...sac,
    dataDir,
    async restart(next = options) {
      await sac.app.close();
      return startTestServer({ ...next, dataDir });
    },
    async dispose() {
      await sac.app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export const api = (path: string) => `${API_BASE_PATH}${path}`;

export const DEMO_PASSWORD = 'senha-de-teste-1';

export interface RegisteredUser extends AuthResponse {
  password: string;
}

let userCounter = 0;

/** Registers a new user with a unique e-mail through POST /auth/register and checks the 201. */
export async function registerUser(
  server: SacServer,
  inviteCode: string,
  fields: { name?: string; email?: string; password?: string } = {},
): Promise<RegisteredUser> {
  userCounter += 1;
  const password = fields.password ?? DEMO_PASSWORD;
  const response = await server.app.inject({
    method: 'POST',
    url: api('/auth/register'),
    payload: {
      name: fields.name ?? `Pessoa ${userCounter}`,
      email: fields.email ?? `pessoa${userCounter}-${randomUUID().slice(0, 8)}@exemplo.com.br`,
      password,
      inviteCode,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return { ...authResponseSchema.parse(response.json()), password };
}

export function login(server: SacServer, email: string, password: string, remoteAddress?: string) {
  return server.app.inject({
    method: 'POST',
    url: api('/auth/login'),
    payload: { email, password },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}

export async function pullPage(server: SacServer, token: string, query: { cursor?: string; limit?: number; count?: 'true' } = {}) {
  const response = await server.app.inject({ method: 'GET', url: api('/sync/pull'), headers: bearer(token), query: stringify(query) });
  expect(response.statusCode, response.body).toBe(200);
  return pullResponseSchema.parse(response.json());
}

/** Pulls page after page until hasMore is false, and returns every change and the last cursor. */
export async function pullAll(
  server: SacServer,
  token: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<{ changes: ChangeEnvelope[]; cursor: string; pages: number }> {
  const changes: ChangeEnvelope[] = [];
  let cursor = options.cursor;
  for (let pages = 1; pages <= 1_000; pages++) {
    const page = await pullPage(server, token, { ...(cursor ? { cursor } : {}), ...(options.limit ? { limit: options.limit } : {}) });
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return { changes, cursor, pages };
  }
  throw new Error('pull did not reach hasMore=false within 1000 pages');
}

/** Returns the latest change of each document, keyed by `entity:id`. */
export function latestDocuments(changes: ChangeEnvelope[]): Map<string, ChangeEnvelope> {
  const latest = new Map<string, ChangeEnvelope>();
  for (const change of changes) latest.set(`${change.entity}:${change.id}`, change);
  return latest;
}

/** Returns the data of the latest change of each document of one entity. */
export async function visibleDocuments<T = Record<string, unknown>>(
  server: SacServer,
  token: string,
  entity: string,
): Promise<Array<{ id: string; data: T }>> {
  const { changes } = await pullAll(server, token);
  return [...latestDocuments(changes).values()]
    .filter((change) => change.entity === entity && !change.deleted)
    .map((change) => ({ id: change.id, data: change.data as T }));
}

export interface MutationEnvelopeInput {
  id: string;
  name: string;
  args: unknown;
  createdAt: string;
}

export function mutation<N extends MutationName>(name: N, args: MutationArgs<N>, id: string = randomUUID()): MutationEnvelopeInput {
  return { id, name, args, createdAt: new Date().toISOString() };
}

export async function push(server: SacServer, token: string, mutations: MutationEnvelopeInput[]): Promise<PushResponse['results']> {
  const response = await pushRaw(server, token, { mutations });
  expect(response.statusCode, response.body).toBe(200);
  return pushResponseSchema.parse(response.json()).results;
}

export function pushRaw(server: SacServer, token: string, body: unknown) {
  return server.app.inject({ method: 'POST', url: api('/sync/push'), headers: bearer(token), payload: body as object });
}

/** Pushes one mutation and checks that the server applied it. */
export async function pushApplied(server: SacServer, token: string, envelope: MutationEnvelopeInput): Promise<void> {
  const [result] = await push(server, token, [envelope]);
  expect(result?.error, JSON.stringify(result)).toBeUndefined();
  expect(result?.status).toBe('applied');
}

export function ticketCreateArgs(overrides: Partial<MutationArgs<'ticket.create'>> = {}): MutationArgs<'ticket.create'> {
  return {
    ticketId: randomUUID(),
    type: 'solicitacao',
    severity: 'media',
    subject: 'Erro ao imprimir o ofício',
    description: 'O botão Imprimir não responde na tela de ofícios.',
    ...overrides,
  };
}

/** English words of Fastify's and zod's default messages, to catch a message left untranslated. */
const ENGLISH_WORDS = /\b(the|is|are|must|should|expected|received|invalid|required|not|found|body|error|request|route|too|many|unexpected|failed)\b/i;

/** Checks that a message is a non-empty sentence with no English words. */
export function expectPortuguese(message: string): void {
  expect(message.trim().length).toBeGreaterThan(0);
  expect(message).not.toMatch(ENGLISH_WORDS);
}

/** Checks the protocol's error envelope: status, JSON, code, pt-BR message, no stack trace. */
export function expectErrorEnvelope(response: LightMyRequestResponse, status: number, code: string): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expectNoStackTrace(response.body);
  const envelope = errorEnvelopeSchema.strict().safeParse(response.json());
  expect(envelope.success, response.body).toBe(true);
  const error = (response.json() as { error: { code: string; message: string; details?: Array<{ message?: string }> } }).error;
  expect(Object.keys(error).every((key) => ['code', 'message', 'details'].includes(key)), response.body).toBe(true);
  expect(error.code).toBe(code);
  expectPortuguese(error.message);
  for (const detail of error.details ?? []) {
    if (typeof detail.message === 'string') expectPortuguese(detail.message);
  }
}

export function expectNoStackTrace(body: string): void {
  expect(body).not.toMatch(/\n\s+at /);
  expect(body).not.toMatch(/\bat .+:\d+:\d+/);
  expect(body).not.toMatch(/node_modules|\.ts:\d+/);
}

function stringify(query: Record<string, string | number | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query)
      .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
      .map(([key, value]) => [key, String(value)]),
  );
}
