// Shared helpers of the regression tests: read-only views of the server's and the client's
// SQLite files, a movable clock for one app core, and a proxy that holds requests until released.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AppCore } from '../../src/main/core/appCore';
import type { ServerProcess } from '../support/serverProcess';
import { openServerDatabase } from '../support/testClient';

/** Runs one query on the server's database, opened read-only for the duration of the query. */
export function serverRows<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = openServerDatabase(dataDir);
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Stops the server, copies its database file aside as a nightly backup would, and starts it again. */
export async function backUpServer(server: ServerProcess): Promise<void> {
  const file = join(server.dataDir, 'sac-server.db');
  await server.stop();
  copyFileSync(file, `${file}.backup`);
  await server.start();
}

/** Puts back the copy backUpServer made, as an operator would after a disk failure, and starts a new epoch. */
export async function restoreServer(server: ServerProcess): Promise<void> {
  const file = join(server.dataDir, 'sac-server.db');
  await server.stop();
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) rmSync(file + suffix);
  copyFileSync(`${file}.backup`, file);
  await server.start(['--new-epoch']);
}

/** Runs one query on a signed-in core's sac.db, opened read-only beside the app's own connection. */
export function clientRows<T>(core: AppCore, sql: string, ...params: unknown[]): T[] {
  const file = core.currentAccount?.db.name;
  if (!file) throw new Error('core is not signed in');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The server's stored checklist item of one user, or undefined. */
export function serverChecklistItem(dataDir: string, userId: string, itemId: string) {
  return serverRows<{ data_json: string }>(
    dataDir,
    `SELECT data_json FROM documents WHERE entity = 'checklistItem'
       AND json_extract(data_json, '$.userId') = ? AND json_extract(data_json, '$.itemId') = ?`,
    userId,
    itemId,
  ).map((row) => JSON.parse(row.data_json) as Record<string, unknown>)[0];
}

/** A computer clock that a test can move: offset in milliseconds from the real time. */
export function movableClock(): { now: () => Date; set(offsetMs: number): void } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    set(offsetMs) {
      offset = offsetMs;
    },
  };
}

export const HOUR = 3_600_000;

export interface HoldingProxy {
  url: string;
  /** Holds the next requests that `matches` accepts, until release() lets them through. */
  holdNext(matches: (request: IncomingMessage) => boolean, times?: number): void;
  /** Resolves once a held request has arrived at the proxy. */
  held(): Promise<void>;
  release(): void;
  /** Answers requests that `matches` accepts with 413 when their body is larger than `maxBytes`. */
  limitBody(matches: (request: IncomingMessage) => boolean, maxBytes: number): void;
  bodies: Array<{ path: string; size: number }>;
  close(): Promise<void>;
}

/** A proxy on 127.0.0.1 that forwards to `target` and can hold requests or play a body limit. */
export async function startHoldingProxy(target: () => string): Promise<HoldingProxy> {
  const sockets = new Set<Socket>();
  const waiting: Array<() => void> = [];
  let holdRule: { matches: (request: IncomingMessage) => boolean; remaining: number } | null = null;
  let limitRule: { matches: (request: IncomingMessage) => boolean; maxBytes: number } | null = null;
  let heldSignal: (() => void) | null = null;
  let heldPromise = new Promise<void>((resolve) => (heldSignal = resolve));
  const bodies: Array<{ path: string; size: number }> = [];

  const server: Server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', async () => {
      const body = Buffer.concat(chunks);
      bodies.push({ path: `${incoming.method} ${incoming.url}`, size: body.length });
      if (limitRule && limitRule.matches(incoming) && body.length > limitRule.maxBytes) {
        response.writeHead(413, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify({ error: { code: 'payload_too_large', message: 'Corpo grande demais.', details: [] } }));
        return;
      }
      if (holdRule && holdRule.matches(incoming) && holdRule.remaining > 0) {
        holdRule.remaining -= 1;
        heldSignal?.();
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      const upstream = new URL(incoming.url ?? '/', target());
      const outgoing = httpRequest(
        upstream,
        { method: incoming.method, headers: { ...incoming.headers, host: upstream.host } },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => {
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            response.end(Buffer.concat(parts));
          });
        },
      );
      outgoing.on('error', () => incoming.socket.destroy());
      outgoing.end(body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    holdNext(matches, times = 1) {
      holdRule = { matches, remaining: times };
      heldPromise = new Promise<void>((resolve) => (heldSignal = resolve));
    },
    held: () => heldPromise,
    release() {
      for (const resume of waiting.splice(0)) resume();
    },
    limitBody(matches, maxBytes) {
      limitRule = { matches, maxBytes };
    },
    async close() {
      for (const resume of waiting.splice(0)) resume();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const isPushRequest = (request: IncomingMessage) => request.method === 'POST' && (request.url ?? '').includes('/sync/push');
