// A new checklist.set or stage.set that states every field replaces an older one for the same
// item that was never sent. One that leaves a field out ("keep the stored value") is queued
// beside it. These tests check that nothing the user typed is lost, and that an older note is
// never dated at a later edit, where it would beat a note written on another computer.
import { describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { performAction } from '../../src/main/core/actions';
import { startFaultProxy } from '../support/faultProxy';
import { useDemoServer } from '../support/demoServerWorld';
import { call, newCore, registerCore } from '../support/testClient';
import { clientRows, isPushRequest, serverChecklistItem, serverRows, startHoldingProxy } from './helpers';

const world = useDemoServer();
const { cores, proxies } = world;

async function participant(name: string, serverUrl = world.server.url): Promise<AppCore> {
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
    const stored = serverChecklistItem(world.server.dataDir, userId, '06');
    const unsynced = clientRows(core, 'SELECT * FROM unsynced');

    // Expected: the note the user wrote survives the tick, locally and on the server.
    expect(afterTick?.note).toBe('Aguardando a assinatura do secretário.');
    expect(stored?.note).toBe('Aguardando a assinatura do secretário.');
  });

  it('older note does not ride on a later tick', async () => {
    // Found by a tester: the tick used to take over the unsent note with the tick's time, so the
    // note written earlier on computer A replaced the one written later on computer B. Now both
    // of A's settings were made without seeing B's note: neither is applied over it, and both
    // wait in "Não sincronizado" with what the participant wrote.
    const network = await startFaultProxy(() => world.server.url);
    proxies.push(network);
    const a = newCore({ automaticSync: false });
    const b = newCore({ automaticSync: false });
    cores.push(a, b);
    await a.start();
    await b.start();
    const credentials = await registerCore(a, network.url, 'DEMO-CLIENTE', 'Nota em dois computadores');
    await call(b, 'auth.login', { serverUrl: world.server.url, ...credentials });
    await call(a, 'sync.now', {});
    await call(b, 'sync.now', {});
    const userId = a.currentAccount!.user.id;

    network.setOffline(true);
    await call(a, 'checklist.set', { itemId: '05', done: false, note: 'Nota antiga, do computador A.' });
    await call(b, 'checklist.set', { itemId: '05', done: false, note: 'Nota nova, do computador B.' });
    expect((await call(b, 'sync.now', {})).pendingCount).toBe(0);
    await call(a, 'checklist.set', { itemId: '05', done: true });
    expect(clientRows(a, 'SELECT id FROM outbox')).toHaveLength(2);
    network.setOffline(false);
    await call(a, 'sync.now', {});

    expect(serverChecklistItem(world.server.dataDir, userId, '05')).toMatchObject({ done: false, note: 'Nota nova, do computador B.' });
    const unsynced = clientRows<{ error_code: string; args_json: string }>(a, 'SELECT error_code, args_json FROM unsynced ORDER BY created_at');
    expect(unsynced.map((row) => row.error_code)).toEqual(['superseded', 'superseded']);
    expect(JSON.parse(unsynced[0]!.args_json).note).toBe('Nota antiga, do computador A.');
    const onA = (await call(a, 'checklist.get', {})).items.find((item) => item.itemId === '05');
    expect(onA).toMatchObject({ done: false, note: 'Nota nova, do computador B.' });
  });

  it('a full setting replaces the unsent one', async () => {
    const core = await participant('Substitui');
    await call(core, 'checklist.set', { itemId: '04', done: false, note: 'Primeira ideia.' });
    await call(core, 'checklist.set', { itemId: '04', done: true, completedOn: null, note: 'Texto final.' });
    const outbox = clientRows<{ args_json: string }>(core, 'SELECT args_json FROM outbox');
    expect(outbox.map((row) => JSON.parse(row.args_json).note)).toEqual(['Texto final.']);
  });

  it('in-flight edit replaced before response', async () => {
    // The first edit is on the wire, counted as an attempt before it was sent. The user edits
    // the item again before the response comes back.
    const proxy = await startHoldingProxy(() => world.server.url);
    proxies.push(proxy);
    const core = await participant('Em voo', proxy.url);
    const userId = core.currentAccount!.user.id;

    await call(core, 'checklist.set', { itemId: '07', done: true, note: 'Backup diário configurado.' });
    proxy.holdNext(isPushRequest);
    const syncing = call(core, 'sync.now', {});
    await proxy.held();
    expect(clientRows<{ attempts: number }>(core, 'SELECT attempts FROM outbox')).toEqual([{ attempts: 1 }]);
    await call(core, 'checklist.set', { itemId: '07', done: false, completedOn: null });
    const afterSecond = clientRows<{ args_json: string }>(core, 'SELECT args_json FROM outbox');
    proxy.release();
    await syncing;
    await call(core, 'sync.now', {});

    const stored = serverChecklistItem(world.server.dataDir, userId, '07');
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
    await registerCore(core, world.server.url, 'DEMO-CONSULTOR', 'Consultora Etapas');
    await call(core, 'sync.now', {});
    const account = core.currentAccount!;
    const [stage] = clientRows<{ id: string; data_json: string }>(core, 'SELECT id, data_json FROM stages ORDER BY id LIMIT 1');
    const today = new Date().toISOString().slice(0, 10);
    performAction(account.db, account.context(), 'stage.set', { stageId: stage!.id, status: 'em_andamento', startedOn: '2026-01-05' });
    performAction(account.db, account.context(), 'stage.set', { stageId: stage!.id, status: 'concluida', completedOn: today });
    await call(core, 'sync.now', {});

    const [stored] = clientRows<{ data_json: string }>(core, 'SELECT data_json FROM stages WHERE id = ?', stage!.id);
    const [onServer] = serverRows<{ data_json: string }>(world.server.dataDir, `SELECT data_json FROM documents WHERE entity = 'stage' AND id = ?`, stage!.id);
    expect(JSON.parse(onServer!.data_json).startedOn).toBe('2026-01-05');
  });
});
