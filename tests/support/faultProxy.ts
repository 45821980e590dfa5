// A fault-injecting HTTP proxy on 127.0.0.1, between a client and the real SAC server. Requests
// pass through untouched until a test queues a fault for the next matching request; then the
// proxy plays the network or server failure the test asks for.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  /** Refuses the connection: as if the server were down. */
  | { kind: 'refuse' }
  /** Reads part of the request, then resets the connection before the server sees it. */
  | { kind: 'resetDuringRequest' }
  /** Forwards the request, then sends half of the server's answer and resets the connection. */
  | { kind: 'resetDuringResponse' }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** Answers with this status (500, 502, 503…) without asking the server. */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Answers 200 with an HTML page, as a hotel or office captive portal does. */
  | { kind: 'captivePortal' }
  /** Forwards the request and answers 200 with only the first half of the server's JSON. */
  | { kind: 'truncatedJson' }
  /** Answers 200 with JSON that does not match the protocol's schema. */
  | { kind: 'schemaMismatch' }
  /** Forwards the request, lets the server finish (and commit), then drops the answer. */
  | { kind: 'dropResponse' };

interface QueuedFault {
  fault: Fault;
  matches: (request: IncomingMessage) => boolean;
  remaining: number;
}

export interface FaultProxy {
  url: string;
  port: number;
  /** Plays `fault` on the next `times` requests that `matches` accepts (every request by default). */
  inject(fault: Fault, options?: { matches?: (request: IncomingMessage) => boolean; times?: number }): void;
  /** While true, every connection is refused: the network is down for this client. */
  setOffline(offline: boolean): void;
  /** Drops every queued fault. */
  clear(): void;
  /** Requests seen, as "METHOD path". */
  readonly log: string[];
  close(): Promise<void>;
}

export const CAPTIVE_PORTAL_HTML =
  '<!doctype html><html><head><title>Wi-Fi do Hotel</title></head><body><h1>Bem-vindo!</h1><p>Aceite os termos para navegar.</p></body></html>';

export const isPush = (request: IncomingMessage) => request.method === 'POST' && (request.url ?? '').includes('/sync/push');
export const isPull = (request: IncomingMessage) => request.method === 'GET' && (request.url ?? '').includes('/sync/pull');
export const isUpload = (request: IncomingMessage) => request.method === 'PUT' && (request.url ?? '').includes('/attachments/');

function collect(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/**
 * Starts the proxy. `serverClock` rewrites the Date and X-Server-Time headers of every answer, so that the client
 * believes the server's clock shows that time (a Saturday, say) whatever the real time is.
 */
export async function startFaultProxy(target: () => string, options: { serverClock?: () => Date } = {}): Promise<FaultProxy> {
  const queue: QueuedFault[] = [];
  const sockets = new Set<Socket>();
  const log: string[] = [];
  let offline = false;

  const forward = async (incoming: IncomingMessage, body: Buffer) => {
    const upstream = new URL(incoming.url ?? '/', target());
    return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
      (resolve, reject) => {
        const outgoing = httpRequest(
          upstream,
          { method: incoming.method, headers: { ...incoming.headers, host: upstream.host } },
          (answer) => {
            collect(answer).then((data) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: data }), reject);
          },
        );
        outgoing.on('error', reject);
        outgoing.end(body);
      },
    );
  };

  const takeFault = (request: IncomingMessage): Fault | null => {
    const index = queue.findIndex((entry) => entry.matches(request));
    if (index < 0) return null;
    const entry = queue[index]!;
    entry.remaining -= 1;
    if (entry.remaining <= 0) queue.splice(index, 1);
    return entry.fault;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    log.push(`${request.method} ${request.url}`);
    const fault = takeFault(request);
    if (fault?.kind === 'resetDuringRequest') {
      request.once('data', () => request.socket.destroy());
      request.resume();
      return;
    }
    const body = await collect(request);
    if (!fault) {
      try {
        const answer = await forward(request, body);
        const clock = options.serverClock?.();
        const headers = clock ? { ...answer.headers, date: clock.toUTCString(), 'x-server-time': String(clock.getTime()) } : answer.headers;
        response.writeHead(answer.status, headers);
        response.end(answer.body);
      } catch {
        // The server is down: the client sees a dropped connection, as it would without a proxy.
        request.socket.destroy();
      }
      return;
    }
    switch (fault.kind) {
      case 'refuse':
        request.socket.destroy();
        return;
      case 'hang':
        return;
      case 'status':
        response.writeHead(fault.status, {
          'content-type': 'text/plain; charset=utf-8',
          ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}),
        });
        response.end(`Erro ${fault.status}`);
        return;
      case 'captivePortal':
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(CAPTIVE_PORTAL_HTML);
        return;
      case 'schemaMismatch':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ changes: 'nada', results: 'nada', cursor: 7 }));
        return;
      case 'truncatedJson':
      case 'resetDuringResponse':
      case 'dropResponse': {
        let answer;
        try {
          answer = await forward(request, body);
        } catch {
          request.socket.destroy();
          return;
        }
        if (fault.kind === 'dropResponse') {
          request.socket.destroy();
          return;
        }
        const half = answer.body.subarray(0, Math.max(1, Math.floor(answer.body.length / 2)));
        if (fault.kind === 'truncatedJson') {
          response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(half.length) });
          response.end(half);
          return;
        }
        // Headers promise the whole body; the connection dies halfway through it.
        response.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
        response.write(half, () => request.socket.destroy());
        return;
      }
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => request.socket.destroy());
  });
  server.on('connection', (socket) => {
    if (offline) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    inject(fault, options = {}) {
      queue.push({ fault, matches: options.matches ?? (() => true), remaining: options.times ?? 1 });
    },
    setOffline(value) {
      offline = value;
      if (value) for (const socket of sockets) socket.destroy();
    },
    clear() {
      queue.length = 0;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
