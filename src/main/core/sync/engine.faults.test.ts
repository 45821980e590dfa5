// The sync engine against a network that misbehaves: each test's fault server returns one
// kind of bad response, and the local data must come out of it untouched.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { performAction } from '../actions';
import { getMeta } from '../store/meta';
import { peekOutbox } from '../store/outbox';
import { CAPTIVE_PORTAL_PAGE, reply, startFaultServer, type RecordedRequest } from '../testSupport/faultServer';
import { change, clientContext, page, readRow, serverTicket } from '../testSupport/fixtures';
import { tempStore } from '../testSupport/tempStore';
import { applyPullPage } from './applyPull';
import { SyncEngine } from './engine';
import { SacApi } from './sacApi';

const PUSH = '/api/v1/sync/push';
const EMPTY_PULL = JSON.stringify({ changes: [], cursor: 'cursor-novo', hasMore: false });

/**
 * Builds a store holding one pulled ticket, a saved cursor and one pending comment, and an
 * engine that syncs it with a fault server. The server is closed when the test finishes.
 */
async function faultyEngine(
  handler: (request: RecordedRequest, response: ServerResponse) => void,
  options: { timeoutMs?: number } = {},
) {
  const server = await startFaultServer(handler);
  const { db, blobDir } = tempStore();
  const ticketId = randomUUID();
  applyPullPage(db, page([change('ticket', ticketId, 1, serverTicket())], 'cursor-antigo'), clientContext());
  const mutation = performAction(db, clientContext(), 'ticket.comment', { ticketId, text: 'Texto que não pode se perder.' });
  const ticketBefore = readRow(db, 'tickets', ticketId);
  const api = new SacApi({ serverUrl: server.url, token: 'x'.repeat(32), timeoutMs: options.timeoutMs ?? 5_000 });
  const engine = new SyncEngine({
    db,
    api,
    blobDir,
    context: () => clientContext(),
    backoff: { baseMs: 20, maxMs: 40 },
  });
  onTestFinished(async () => {
    await engine.stop();
    await server.close();
  });

  /** Checks that the failed sync left the store as it was. */
  const expectStoreIntact = () => {
    expect(peekOutbox(db, 10).map((row) => row.mutation)).toEqual([mutation]);
    expect(readRow(db, 'tickets', ticketId)).toEqual(ticketBefore);
    expect(getMeta(db, 'cursor')).toBe('cursor-antigo');
    expect(getMeta(db, 'lastSyncAt')).toBeNull();
  };
  return { server, db, engine, expectStoreIntact };
}

/** Serves `fault` for every request. */
function always(fault: (response: ServerResponse) => void) {
  return (_request: RecordedRequest, response: ServerResponse) => fault(response);
}

describe('SyncEngine captive portal', () => {
  it('200 HTML page is captive_portal', async () => {
    const { engine } = await faultyEngine(always((response) => reply(response, 200, 'text/html; charset=utf-8', CAPTIVE_PORTAL_PAGE)));
    const status = await engine.syncNow();

    expect(status.lastError?.code).toBe('captive_portal');
    expect(status.lastError?.message).toContain('página de acesso de uma rede Wi-Fi');
  });

  it('200 HTML page is never success', async () => {
    const { engine, expectStoreIntact } = await faultyEngine(
      always((response) => reply(response, 200, 'text/html; charset=utf-8', CAPTIVE_PORTAL_PAGE)),
    );
    const status = await engine.syncNow();

    expect(status.lastSuccessAt).toBeNull();
    expect(status.pendingCount).toBe(1);
    expectStoreIntact();
  });

  it('HTML with no content type', async () => {
    const { engine, expectStoreIntact } = await faultyEngine(
      always((response) => {
        response.writeHead(200);
        response.end(CAPTIVE_PORTAL_PAGE);
      }),
    );
    const status = await engine.syncNow();

    expect(status.lastError?.code).toBe('captive_portal');
    expectStoreIntact();
  });

  it('redirect to a login page', async () => {
    const { engine, expectStoreIntact } = await faultyEngine(
      always((response) => reply(response, 302, 'text/html', CAPTIVE_PORTAL_PAGE, { location: 'http://127.0.0.1:1/login' })),
    );
    const status = await engine.syncNow();

    expect(status.lastError?.code).toBe('captive_portal');
    expectStoreIntact();
  });

  it('HTML on pull only', async () => {
    const { engine, db } = await faultyEngine((request, response) => {
      if (request.url === PUSH) {
        const { mutations } = JSON.parse(request.body) as { mutations: Array<{ id: string }> };
        reply(response, 200, 'application/json', JSON.stringify({ results: mutations.map(({ id }) => ({ id, status: 'applied' })) }));
        return;
      }
      reply(response, 200, 'text/html', CAPTIVE_PORTAL_PAGE);
    });
    const status = await engine.syncNow();

    expect(status.lastError?.code).toBe('captive_portal');
    expect(status.lastSuccessAt).toBeNull();
    expect(getMeta(db, 'cursor')).toBe('cursor-antigo');
  });

  it('captive portal counts as offline', async () => {
    const { engine } = await faultyEngine(always((response) => reply(response, 200, 'text/html', CAPTIVE_PORTAL_PAGE)));
    const status = await engine.syncNow();

    expect(status.connection).toBe('offline');
  });
});

describe('SyncEngine invalid responses', () => {
  it('truncated JSON is invalid_response', async () => {
    const { engine, expectStoreIntact } = await faultyEngine(
      always((response) => reply(response, 200, 'application/json', '{"results":[{"id":"')),
    );
    const status = await engine.syncNow();

    expect(status.lastError?.code).toBe('invalid_response');
    expect(status.lastError?.message).toContain('resposta incompleta');
    expectStoreIntact();
  });

  it('truncated pull page is invalid_response', async () => {
    const { engine, db } = await faultyEngine(always((response) => reply(response, 200, 'application/json', '{"changes":[{"entity":"ticket"')));
    // Nothing to push, so the first request is the pull.
    db.prepare('DELETE FROM outbox').run();
    const status = await engine.syncNow();

    expect(status.lastError?.code).toBe('invalid_response');
    expect(getMeta(db, 'cursor')).toBe('cursor-antigo');
  });

  it('schema mismatch is invalid_response', async () => {
    const { engine, expectStoreIntact } = await faultyEngine(
      always((response) => reply(response, 200, 'application/json', JSON.stringify({ results: 'tudo certo' }))),
    );
    const status = await engine.syncNow();

    expect(status.lastError?.code).toBe('invalid_response');
    expectStoreIntact();
  });

  it('pull schema mismatch keeps the cursor', async () => {
    const { engine, db } = await faultyEngine(
      always((response) => reply(response, 200, 'application/json', JSON.stringify({ changes: [], cursor: 42, hasMore: false }))),
    );
    db.prepare('DELETE FROM outbox').run();
    const status = await engine.syncNow();

    expect(status.lastError?.code).toBe('invalid_response');
    expect(getMeta(db, 'cursor')).toBe('cursor-antigo');
  });

  it('results for other ids are invalid_response', async () => {
    const { engine, expectStoreIntact } = await faultyEngine(
      always((response) =>
        reply(response, 200, 'application/json', JSON.stringify({ results: [{ id: randomUUID(), status: 'applied' }] })),
      ),
    );
    const status = await engine.syncNow();

    expect(status.lastError?.code).toBe('invalid_response');
    expectStoreIntact();
  });

  it('hasMore with an empty page', async () => {
    const { engine, db } = await faultyEngine(
      always((response) => reply(response, 200, 'application/json', JSON.stringify({ changes: [], cursor: 'c', hasMore: true }))),
    );
    db.prepare('DELETE FROM outbox').run();
    const status = await engine.syncNow();

    expect(status.lastError?.code).toBe('invalid_response');
    expect(status.lastSuccessAt).toBeNull();
  });

  it('JSON with a text content type', async () => {
    const { engine, expectStoreIntact } = await faultyEngine(always((response) => reply(response, 200, 'text/plain', '{"results":[]}')));
    const status = await engine.syncNow();

    expect(status.lastError?.code).toBe('invalid_response');
    expectStoreIntact();
  });
});

describe('SyncEngine transport failures', () => {
  it('reset socket is offline', async () => {
    const { engine, expectStoreIntact } = await faultyEngine(always((response) => response.socket?.destroy()));
    const status = await engine.syncNow();

    expect(status.lastError?.code).toBe('offline');
    expectStoreIntact();
  });

  it('body cut short never succeeds', async () => {
    const { engine, expectStoreIntact } = await faultyEngine(
      always((response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
        response.write('{"results":[');
        setTimeout(() => response.socket?.destroy(), 20);
      }),
    );
    const status = await engine.syncNow();

    expect(status.lastError?.code).toBe('offline');
    expectStoreIntact();
  });

  it('silent server is timeout', async () => {
    const { engine, expectStoreIntact } = await faultyEngine(always(() => undefined), { timeoutMs: 200 });
    const status = await engine.syncNow();

    expect(status.lastError?.code).toBe('timeout');
    expect(status.connection).toBe('offline');
    expectStoreIntact();
  });
});

describe('SyncEngine server errors', () => {
  const unavailable = (headers: Record<string, string> = {}) =>
    always((response) =>
      reply(response, 503, 'application/json', '{"error":{"code":"maintenance","message":"Em manutenção."}}', headers),
    );

  it('503 is server_unavailable', async () => {
    const { engine, expectStoreIntact } = await faultyEngine(unavailable());
    const status = await engine.syncNow();

    expect(status.lastError?.code).toBe('server_unavailable');
    expect(status.lastError?.message).toContain('(erro 503)');
    expectStoreIntact();
  });

  it('500 with plain text body', async () => {
    const { engine } = await faultyEngine(always((response) => reply(response, 500, 'text/plain', 'Internal Server Error')));
    const status = await engine.syncNow();

    expect(status.lastError?.code).toBe('server_unavailable');
  });

  it('honours Retry-After seconds', async () => {
    const before = Date.now();
    const { engine } = await faultyEngine(unavailable({ 'retry-after': '120' }));
    const status = await engine.syncNow();

    expect(Date.parse(status.nextRetryAt!)).toBeGreaterThanOrEqual(before + 120_000);
  });

  it('honours Retry-After date', async () => {
    const retryAt = new Date(Date.now() + 90_000);
    const { engine } = await faultyEngine(unavailable({ 'retry-after': retryAt.toUTCString() }));
    const status = await engine.syncNow();

    // An HTTP date has whole seconds, so the expected time drops its milliseconds.
    expect(Date.parse(status.nextRetryAt!)).toBeGreaterThanOrEqual(Math.floor(retryAt.getTime() / 1000) * 1000);
  });

  it('429 is rate_limited with Retry-After', async () => {
    const before = Date.now();
    const { engine } = await faultyEngine(
      always((response) =>
        reply(response, 429, 'application/json', '{"error":{"code":"too_many","message":"Calma."}}', { 'retry-after': '30' }),
      ),
    );
    const status = await engine.syncNow();

    expect(status.lastError?.code).toBe('rate_limited');
    expect(Date.parse(status.nextRetryAt!)).toBeGreaterThanOrEqual(before + 30_000);
  });

  it('retries on its own after backoff', async () => {
    const { engine, server } = await faultyEngine(unavailable());
    engine.start();

    await vi.waitFor(() => expect(server.requests.length).toBeGreaterThanOrEqual(3), { timeout: 5_000 });
  });

  it('waits for a long Retry-After', async () => {
    // 30 days, longer than the largest delay setTimeout accepts (2^31 - 1 ms, about 24.8 days).
    const { engine, server } = await faultyEngine(unavailable({ 'retry-after': String(30 * 24 * 3600) }));
    engine.start();
    await vi.waitFor(() => expect(engine.status().lastError?.code).toBe('server_unavailable'), { timeout: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(server.requests).toHaveLength(1);
  });

  it('401 is unauthorized', async () => {
    const { engine, expectStoreIntact } = await faultyEngine(
      always((response) => reply(response, 401, 'application/json', '{"error":{"code":"unauthorized","message":"Sessão inválida."}}')),
    );
    const status = await engine.syncNow();

    expect(status.lastError?.code).toBe('unauthorized');
    expect(status.nextRetryAt).toBeNull();
    expectStoreIntact();
  });

  it('401 is never retried on its own', async () => {
    const { engine, server } = await faultyEngine(
      always((response) => reply(response, 401, 'application/json', '{"error":{"code":"unauthorized","message":"Sessão inválida."}}')),
    );
    engine.start();
    await vi.waitFor(() => expect(engine.status().lastError?.code).toBe('unauthorized'), { timeout: 5_000 });
    // Backoff is 20 to 40 ms here, so a retry would have come within this wait.
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(server.requests).toHaveLength(1);
  });

  it('4xx envelope keeps the server message', async () => {
    const { engine, expectStoreIntact } = await faultyEngine(
      always((response) =>
        reply(response, 400, 'application/json', '{"error":{"code":"invalid_batch","message":"Lote de ações inválido."}}'),
      ),
    );
    const status = await engine.syncNow();

    expect(status.lastError?.code).toBe('rejected');
    expect(status.lastError?.message).toBe('Lote de ações inválido.');
    expectStoreIntact();
  });

  it('invalid cursor is dropped once', async () => {
    const { engine, db, server } = await faultyEngine(
      always((response) =>
        reply(response, 400, 'application/json', '{"error":{"code":"invalid_cursor","message":"Cursor inválido."}}'),
      ),
    );
    db.prepare('DELETE FROM outbox').run();
    const status = await engine.syncNow();

    expect(server.requests.map((request) => request.url)).toEqual([
      '/api/v1/sync/pull?limit=2000&cursor=cursor-antigo&count=true',
      '/api/v1/sync/pull?limit=2000&count=true',
    ]);
    expect(status.lastError?.code).toBe('rejected');
  });
});

describe('SyncEngine recovery', () => {
  it('succeeds once the fault clears', async () => {
    let broken = true;
    const { engine, db } = await faultyEngine((request, response) => {
      if (broken) {
        reply(response, 200, 'text/html', CAPTIVE_PORTAL_PAGE);
        return;
      }
      if (request.url === PUSH) {
        const { mutations } = JSON.parse(request.body) as { mutations: Array<{ id: string }> };
        reply(response, 200, 'application/json', JSON.stringify({ results: mutations.map(({ id }) => ({ id, status: 'applied' })) }));
        return;
      }
      reply(response, 200, 'application/json', EMPTY_PULL);
    });
    await engine.syncNow();
    broken = false;
    const status = await engine.syncNow();

    expect(status.lastError).toBeNull();
    expect(status.connection).toBe('online');
    expect(status.pendingCount).toBe(0);
    expect(getMeta(db, 'cursor')).toBe('cursor-novo');
  });
});
