// Sign-out and sign-in with pending actions: another user on the same workstation in between,
// a sign-out while a push is in flight, and two app cores on one data folder at once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { call, newCore, registerCore } from '../support/testClient';
import { clientRows, isPushRequest, serverRows, startHoldingProxy, type HoldingProxy } from './helpers';

let server: ServerProcess;
const cores: AppCore[] = [];
const closers: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  server = await startServerProcess({ demo: true });
});

afterAll(async () => {
  for (const core of cores) await core.stop();
  for (const closer of closers) await closer.close();
  await server?.stop();
});

function serverCommentCount(text: string): number {
  return serverRows<{ n: number }>(
    server.dataDir,
    `SELECT count(*) AS n FROM documents WHERE entity = 'ticketEvent' AND json_extract(data_json, '$.text') = ?`,
    text,
  )[0]!.n;
}

async function ticketOf(core: AppCore, subject: string): Promise<string> {
  const { ticketId } = await call(core, 'tickets.create', { type: 'solicitacao', severity: 'media', subject, description: '', attachmentIds: [] });
  await call(core, 'sync.now', {});
  return ticketId;
}

describe('sessions with pending actions', () => {
  it('another user signs in between', async () => {
    const net: FaultProxy = await startFaultProxy(() => server.url);
    closers.push(net);
    const userDataDir = mkdtempSync(join(tmpdir(), 'sac-regression-shared-'));
    const core = newCore({ automaticSync: false, userDataDir });
    cores.push(core);
    await core.start();
    const ana = await registerCore(core, net.url, 'DEMO-CLIENTE', 'Ana Primeira');
    const ticketId = await ticketOf(core, `Estação compartilhada ${Date.now()}`);

    net.setOffline(true);
    const text = `Comentário offline da Ana ${Date.now()}`;
    await call(core, 'tickets.comment', { ticketId, text });
    await call(core, 'checklist.set', { itemId: '05', done: true });
    await call(core, 'auth.logout', {});

    net.setOffline(false);
    await registerCore(core, net.url, 'DEMO-CLIENTE', 'Bruno Segundo');
    const brunoStatus = await call(core, 'sync.now', {});
    const brunoChecklist = await call(core, 'checklist.get', {});
    await call(core, 'auth.logout', {});

    await call(core, 'auth.login', { serverUrl: net.url, email: ana.email, password: ana.password });
    const anaStatus = await call(core, 'sync.now', {});

    expect(brunoStatus.pendingCount).toBe(0);
    expect(brunoChecklist.items.find((item) => item.itemId === '05')?.done).toBe(false);
    expect(anaStatus.pendingCount).toBe(0);
    expect(serverCommentCount(text)).toBe(1);
  });

  it('sign-out during an in-flight push', async () => {
    const proxy: HoldingProxy = await startHoldingProxy(() => server.url);
    closers.push(proxy);
    const core = newCore({ automaticSync: false });
    cores.push(core);
    await core.start();
    const ana = await registerCore(core, proxy.url, 'DEMO-CLIENTE', 'Ana Saindo');
    const ticketId = await ticketOf(core, `Saída durante envio ${Date.now()}`);
    const texts = [1, 2, 3].map((index) => `Saída em voo ${index} ${Date.now()}`);
    for (const text of texts) await call(core, 'tickets.comment', { ticketId, text });

    proxy.holdNext(isPushRequest);
    const syncing = call(core, 'sync.now', {});
    await proxy.held();
    const leaving = call(core, 'auth.logout', {});
    await new Promise((resolve) => setTimeout(resolve, 100));
    proxy.release();
    const syncOutcome = await syncing;
    await leaving;

    await call(core, 'auth.login', { serverUrl: proxy.url, email: ana.email, password: ana.password });
    const status = await call(core, 'sync.now', {});
    const counts = texts.map(serverCommentCount);

    expect(counts).toEqual([1, 1, 1]);
    expect(status.pendingCount).toBe(0);
  });

  it('two cores on one data folder', async () => {
    // The shell takes a single-instance lock; this plays two processes that got past it.
    const userDataDir = mkdtempSync(join(tmpdir(), 'sac-regression-twin-'));
    const first = newCore({ automaticSync: false, userDataDir });
    cores.push(first);
    await first.start();
    await registerCore(first, server.url, 'DEMO-CLIENTE', 'Gêmeos');
    const ticketId = await ticketOf(first, `Dois processos ${Date.now()}`);
    const second = newCore({ automaticSync: false, userDataDir });
    cores.push(second);
    await second.start();

    const texts: string[] = [];
    const work: Array<Promise<unknown>> = [];
    for (let round = 0; round < 15; round++) {
      for (const [name, core] of [['um', first], ['dois', second]] as const) {
        const text = `Gêmeo ${name} ${round} ${Date.now()}`;
        texts.push(text);
        await call(core, 'tickets.comment', { ticketId, text });
        work.push(call(core, 'sync.now', {}));
      }
    }
    await Promise.all(work);
    await call(first, 'sync.now', {});
    await call(second, 'sync.now', {});

    const counts = texts.map(serverCommentCount);
    const outbox = clientRows<{ n: number }>(first, 'SELECT count(*) AS n FROM outbox')[0]!.n;
    expect(counts.every((count) => count === 1)).toBe(true);
    expect(outbox).toBe(0);
  });
});
