// Push paths: 413 halving, a lost answer with a new action queued before the retry, and actions
// queued while a push is in flight. Every action must reach the server exactly once, in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { isPush, startFaultProxy, type FaultProxy } from '../support/faultProxy';
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

async function clienteVia(url: string, name: string) {
  const core = newCore({ automaticSync: false });
  cores.push(core);
  await core.start();
  await registerCore(core, url, 'DEMO-CLIENTE', name);
  await call(core, 'sync.now', {});
  const { ticketId } = await call(core, 'tickets.create', {
    type: 'solicitacao', severity: 'media', subject: `${name} ${Date.now()}`, description: 'Base.', attachmentIds: [],
  });
  await call(core, 'sync.now', {});
  return { core, ticketId };
}

function serverComments(ticketId: string): string[] {
  return serverRows<{ text: string }>(
    server.dataDir,
    `SELECT json_extract(data_json, '$.text') AS text FROM documents WHERE entity = 'ticketEvent'
       AND json_extract(data_json, '$.ticketId') = ? AND json_extract(data_json, '$.kind') = 'comment' ORDER BY version`,
    ticketId,
  ).map((row) => row.text);
}

describe('push paths', () => {
  it('413 halving keeps order and count', async () => {
    let proxy!: HoldingProxy;
    proxy = await startHoldingProxy(() => server.url);
    closers.push(proxy);
    const { core, ticketId } = await clienteVia(proxy.url, 'Metade');
    proxy.limitBody(isPushRequest, 8 * 1024);
    const texts = Array.from({ length: 40 }, (_, index) => `Comentário ${String(index).padStart(2, '0')} ${'ã'.repeat(300)}`);
    for (const text of texts) await call(core, 'tickets.comment', { ticketId, text });

    const status = await call(core, 'sync.now', {});
    const stored = serverComments(ticketId);
    const sizes = proxy.bodies.filter((body) => body.path.includes('/sync/push')).map((body) => body.size);

    expect(status.pendingCount).toBe(0);
    expect(stored).toEqual(texts);
  });

  it('action over the body limit is set aside', async () => {
    const proxy = await startHoldingProxy(() => server.url);
    closers.push(proxy);
    const { core, ticketId } = await clienteVia(proxy.url, 'Grande');
    // A proxy in front of the server with a small body limit (8 KB here; nginx's default is 1 MB).
    proxy.limitBody(isPushRequest, 8 * 1024);
    await call(core, 'tickets.comment', { ticketId, text: `Relato longo: ${'texto '.repeat(1_600)}` });
    await call(core, 'tickets.comment', { ticketId, text: 'Comentário curto depois do longo.' });
    await call(core, 'checklist.set', { itemId: '02', done: true });

    await call(core, 'sync.now', {});
    const status = await call(core, 'sync.now', {});
    const outbox = clientRows<{ name: string; attempts: number; last_error: string }>(core, 'SELECT name, attempts, last_error FROM outbox ORDER BY seq');

    // Expected: the short comment and the checklist tick reach the server; the long comment waits
    // in the unsynced list with its text.
    expect(serverComments(ticketId)).toContain('Comentário curto depois do longo.');
  });

  it('lost answer then new action', async () => {
    const proxy: FaultProxy = await startFaultProxy(() => server.url);
    closers.push(proxy);
    const { core, ticketId } = await clienteVia(proxy.url, 'Resposta perdida');
    await call(core, 'tickets.comment', { ticketId, text: 'Primeiro, resposta perdida.' });
    await call(core, 'checklist.set', { itemId: '03', done: true });
    proxy.inject({ kind: 'dropResponse' }, { matches: isPush, times: 2 });
    expect((await call(core, 'sync.now', {})).pendingCount).toBe(2);
    await call(core, 'tickets.comment', { ticketId, text: 'Segundo, antes da nova tentativa.' });
    await call(core, 'checklist.set', { itemId: '03', done: false, completedOn: null });

    const status = await call(core, 'sync.now', {});
    const stored = serverComments(ticketId);
    const [item] = serverRows<{ data_json: string }>(
      server.dataDir,
      `SELECT data_json FROM documents WHERE entity = 'checklistItem' AND json_extract(data_json, '$.userId') = ? AND json_extract(data_json, '$.itemId') = '03'`,
      core.currentAccount!.user.id,
    );

    expect(stored).toEqual(['Primeiro, resposta perdida.', 'Segundo, antes da nova tentativa.']);
    expect(JSON.parse(item!.data_json).done).toBe(false);
    expect(status.unsyncedCount).toBe(0);
  });

  it('actions queued during an in-flight push', async () => {
    const proxy = await startHoldingProxy(() => server.url);
    closers.push(proxy);
    const { core, ticketId } = await clienteVia(proxy.url, 'Em voo');
    await call(core, 'tickets.comment', { ticketId, text: 'No fio.' });
    proxy.holdNext(isPushRequest);
    const syncing = call(core, 'sync.now', {});
    await proxy.held();
    await call(core, 'tickets.comment', { ticketId, text: 'Escrito enquanto o envio estava em curso.' });
    const { ticketId: second } = await call(core, 'tickets.create', {
      type: 'elogio', severity: 'media', subject: 'Criada durante o envio', description: '', attachmentIds: [],
    });
    proxy.release();
    const first = await syncing;
    const after = await call(core, 'sync.now', {});
    const local = await call(core, 'tickets.get', { ticketId });
    const localComments = local.events.filter((entry) => entry.kind === 'comment').map((entry) => entry.text);

    expect(serverComments(ticketId)).toEqual(['No fio.', 'Escrito enquanto o envio estava em curso.']);
    expect(serverRows(server.dataDir, `SELECT id FROM documents WHERE entity = 'ticket' AND id = ?`, second)).toHaveLength(1);
    expect(localComments).toEqual(['No fio.', 'Escrito enquanto o envio estava em curso.']);
  });
});
