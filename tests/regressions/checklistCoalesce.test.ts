// A new checklist.set or stage.set replaces an older one for the same item that was never sent.
// An omitted note or date means "keep the stored value", so the replacement must carry over
// what the user wrote in the older action. These tests check that nothing they typed is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { performAction } from '../../src/main/core/actions';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { call, newCore, registerCore } from '../support/testClient';
import { clientRows, isPushRequest, serverChecklistItem, serverRows, startHoldingProxy, type HoldingProxy } from './helpers';

let server: ServerProcess;
const cores: AppCore[] = [];
const proxies: HoldingProxy[] = [];

beforeAll(async () => {
  server = await startServerProcess({ demo: true });
});

afterAll(async () => {
  for (const core of cores) await core.stop();
  for (const proxy of proxies) await proxy.close();
  await server?.stop();
});

async function participant(name: string, serverUrl = server.url): Promise<AppCore> {
  const core = newCore({ automaticSync: false });
  cores.push(core);
  await core.start();
  await registerCore(core, serverUrl, 'DEMO-CLIENTE', name);
  await call(core, 'sync.now', {});
  return core;
}

describe('coalescing of unsent checklist.set and stage.set', () => {
  it('note written before a tick survives', async () => {
    const core = await participant('Nota perdida');
    const userId = core.currentAccount!.user.id;

    // The user writes a note on item 06, then ticks the box: the checkbox sends what the
    // Checklist screen sends, { itemId, done, completedOn: undefined }, with no note.
    await call(core, 'checklist.set', { itemId: '06', done: false, note: 'Aguardando a assinatura do secretário.' });
    const withNote = (await call(core, 'checklist.get', {})).items.find((item) => item.itemId === '06');
    await call(core, 'checklist.set', { itemId: '06', done: true });
    const afterTick = (await call(core, 'checklist.get', {})).items.find((item) => item.itemId === '06');
    const outbox = clientRows<{ args_json: string }>(core, 'SELECT args_json FROM outbox');

    await call(core, 'sync.now', {});
    const stored = serverChecklistItem(server.dataDir, userId, '06');
    const unsynced = clientRows(core, 'SELECT * FROM unsynced');

    // Expected: the note the user wrote survives the tick, locally and on the server.
    expect(afterTick?.note).toBe('Aguardando a assinatura do secretário.');
    expect(stored?.note).toBe('Aguardando a assinatura do secretário.');
  });

  it('in-flight edit replaced before response', async () => {
    // The first edit is on the wire (attempts is still 0 while a push is in flight); the user
    // edits the item again before the response comes back.
    const proxy = await startHoldingProxy(() => server.url);
    proxies.push(proxy);
    const core = await participant('Em voo', proxy.url);
    const userId = core.currentAccount!.user.id;

    await call(core, 'checklist.set', { itemId: '07', done: true, note: 'Backup diário configurado.' });
    proxy.holdNext(isPushRequest);
    const syncing = call(core, 'sync.now', {});
    await proxy.held();
    const inFlight = clientRows<{ attempts: number }>(core, 'SELECT attempts FROM outbox');
    await call(core, 'checklist.set', { itemId: '07', done: false, completedOn: null });
    const afterSecond = clientRows<{ args_json: string }>(core, 'SELECT args_json FROM outbox');
    proxy.release();
    await syncing;
    await call(core, 'sync.now', {});

    const stored = serverChecklistItem(server.dataDir, userId, '07');
    const local = (await call(core, 'checklist.get', {})).items.find((item) => item.itemId === '07');
    // Expected: the later edit (not done) wins; the note written in the first edit stays.
    expect(stored?.done).toBe(false);
    expect(local?.done).toBe(false);
    expect(stored?.note).toBe('Backup diário configurado.');
  });

  it('stage start date survives a later set', async () => {
    // No IPC channel sends stage.set in this build, so the test calls performAction as a
    // future Etapas screen would: first the start, then the completion without repeating it.
    const core = newCore({ automaticSync: false });
    cores.push(core);
    await core.start();
    await registerCore(core, server.url, 'DEMO-CONSULTOR', 'Consultora Etapas');
    await call(core, 'sync.now', {});
    const account = core.currentAccount!;
    const [stage] = clientRows<{ id: string; data_json: string }>(core, 'SELECT id, data_json FROM stages ORDER BY id LIMIT 1');
    const today = new Date().toISOString().slice(0, 10);
    performAction(account.db, account.context(), 'stage.set', { stageId: stage!.id, status: 'em_andamento', startedOn: '2026-01-05' });
    performAction(account.db, account.context(), 'stage.set', { stageId: stage!.id, status: 'concluida', completedOn: today });
    await call(core, 'sync.now', {});

    const [stored] = clientRows<{ data_json: string }>(core, 'SELECT data_json FROM stages WHERE id = ?', stage!.id);
    const [onServer] = serverRows<{ data_json: string }>(server.dataDir, `SELECT data_json FROM documents WHERE entity = 'stage' AND id = ?`, stage!.id);
    expect(JSON.parse(onServer!.data_json).startedOn).toBe('2026-01-05');
  });
});
