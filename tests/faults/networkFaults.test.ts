// Faults between the client and the real server, played by a proxy on 127.0.0.1. After each
// fault the outbox and the local data are intact, the user is told why the sync stopped (in
// pt-BR), and the next good sync completes with every action applied exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import type { SyncStatus } from '../../src/shared/ipc';
import { isPull, isPush, startFaultProxy, type Fault, type FaultProxy } from '../support/faultProxy';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { call, newCore, openServerDatabase, registerCore } from '../support/testClient';

let server: ServerProcess;
let proxy: FaultProxy;
let core: AppCore;
let ticketId: string;

beforeAll(async () => {
  server = await startServerProcess({ demo: true });
  proxy = await startFaultProxy(() => server.url);
  core = newCore({ requestTimeoutMs: 1_500, automaticSync: false });
  await core.start();
  await registerCore(core, proxy.url, 'DEMO-CLIENTE', 'Rafael Servidor');
  await call(core, 'sync.now', {});
  ticketId = (await call(core, 'tickets.list', {})).items.find((ticket) => ticket.protocol === 7780)!.id;
});

afterAll(async () => {
  await core?.stop();
  await proxy?.close();
  await server?.stop();
});

function serverCommentCount(text: string): number {
  const db = openServerDatabase(server.dataDir);
  try {
    const row = db
      .prepare(`SELECT count(*) AS n FROM documents WHERE entity = 'ticketEvent' AND json_extract(data_json, '$.text') = ?`)
      .get(text) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

async function localSnapshot() {
  const list = await call(core, 'tickets.list', { limit: 1000 });
  const detail = await call(core, 'tickets.get', { ticketId });
  return { total: list.total, events: detail.events.map((event) => `${event.id}:${event.text}`) };
}

interface FaultCase {
  name: string;
  fault: Fault;
  on: 'push' | 'pull';
  kind: string;
  message: RegExp;
}

const CASES: FaultCase[] = [
  { name: 'server down', fault: { kind: 'refuse' }, on: 'push', kind: 'offline', message: /Sem conexão com o servidor SAC/ },
  { name: 'reset during request', fault: { kind: 'resetDuringRequest' }, on: 'push', kind: 'offline', message: /Sem conexão/ },
  { name: 'reset during response', fault: { kind: 'resetDuringResponse' }, on: 'pull', kind: 'offline', message: /Sem conexão/ },
  { name: 'request timeout', fault: { kind: 'hang' }, on: 'push', kind: 'timeout', message: /demorou demais para responder/ },
  { name: 'HTTP 500', fault: { kind: 'status', status: 500 }, on: 'push', kind: 'server_unavailable', message: /indisponível.*erro 500/ },
  { name: 'HTTP 502', fault: { kind: 'status', status: 502 }, on: 'pull', kind: 'server_unavailable', message: /erro 502/ },
  { name: 'HTTP 503', fault: { kind: 'status', status: 503 }, on: 'push', kind: 'server_unavailable', message: /erro 503/ },
  {
    name: 'HTTP 503 with Retry-After',
    fault: { kind: 'status', status: 503, retryAfter: '120' },
    on: 'pull',
    kind: 'server_unavailable',
    message: /erro 503/,
  },
  { name: 'captive portal page', fault: { kind: 'captivePortal' }, on: 'push', kind: 'captive_portal', message: /página que não é do SAC/ },
  { name: 'truncated JSON', fault: { kind: 'truncatedJson' }, on: 'pull', kind: 'invalid_response', message: /incompleta ou fora do formato/ },
  { name: 'JSON off the schema', fault: { kind: 'schemaMismatch' }, on: 'push', kind: 'invalid_response', message: /fora do formato/ },
];

describe('sync under network and server faults', () => {
  it.each(CASES)('$name leaves everything intact', async ({ fault, on, kind, message }) => {
    const text = `Comentário durante falha: ${kind} ${on} ${Date.now()}`;
    await call(core, 'tickets.comment', { ticketId, text });
    // The comment may leave at once; wait until that attempt is over before arming the fault.
    await call(core, 'sync.now', {});
    const second = `${text} (segundo)`;
    await call(core, 'tickets.comment', { ticketId, text: second });
    const before = await localSnapshot();
    // The client retries a reset connection once at once, so those faults are played twice.
    const resets = ['refuse', 'resetDuringRequest', 'resetDuringResponse'];
    proxy.inject(fault, { matches: on === 'push' ? isPush : isPull, times: resets.includes(fault.kind) ? 2 : 1 });

    const failed: SyncStatus = await call(core, 'sync.now', {});

    expect(failed.lastError?.code).toBe(kind);
    expect(failed.lastError?.message).toMatch(message);
    expect(failed.pendingCount).toBe(on === 'push' ? 1 : 0);
    expect(await localSnapshot()).toEqual(before);
    if (fault.kind === 'status' && fault.retryAfter) {
      const wait = Date.parse(failed.nextRetryAt!) - Date.now();
      expect(wait).toBeGreaterThan(100_000);
    }

    const recovered = await call(core, 'sync.now', {});

    expect(recovered.lastError).toBeNull();
    expect(recovered.pendingCount).toBe(0);
    expect(serverCommentCount(text)).toBe(1);
    expect(serverCommentCount(second)).toBe(1);
  });
});

describe('retry timing', () => {
  it('backs off exponentially with jitter', async () => {
    await call(core, 'tickets.comment', { ticketId, text: `Espera crescente ${Date.now()}` });
    proxy.setOffline(true);
    const waits: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const status = await call(core, 'sync.now', {});
      waits.push(Date.parse(status.nextRetryAt!) - Date.now());
    }
    proxy.setOffline(false);

    // Base 100 ms, doubling, capped at 1 s; each wait lies in [ceiling/2, ceiling].
    const ceilings = [100, 200, 400, 800];
    for (const [index, wait] of waits.entries()) {
      expect(wait).toBeLessThanOrEqual(ceilings[index]!);
      expect(wait).toBeGreaterThanOrEqual(ceilings[index]! / 2 - 50);
    }
    expect((await call(core, 'sync.now', {})).pendingCount).toBe(0);
  });

  it('manual sync skips a long Retry-After', async () => {
    await call(core, 'tickets.comment', { ticketId, text: `Sem esperar ${Date.now()}` });
    proxy.inject({ kind: 'status', status: 503, retryAfter: '3600' }, { matches: isPush });
    const waiting = await call(core, 'sync.now', {});
    expect(Date.parse(waiting.nextRetryAt!) - Date.now()).toBeGreaterThan(3_500_000);
    const requestsBefore = proxy.log.length;

    const manual = await call(core, 'sync.now', {});

    expect(proxy.log.length).toBeGreaterThan(requestsBefore);
    expect(manual.lastError).toBeNull();
    expect(manual.pendingCount).toBe(0);
  });
});
