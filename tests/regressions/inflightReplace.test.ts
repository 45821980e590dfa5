// Found by a tester: a note saved twice on the checklist (or a stage saved twice) while the first
// save was on the wire. The second one, which states every field, dropped the in-flight one from
// the outbox, and the server then rejected the correction. An action counts as sent before it
// is sent now, so it is never replaced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { call, newCore, registerCore } from '../support/testClient';
import { clientRows, isPushRequest, serverChecklistItem, serverRows, startHoldingProxy, type HoldingProxy } from './helpers';

let server: ServerProcess;
const cores: AppCore[] = [];
const proxies: HoldingProxy[] = [];
beforeAll(async () => { server = await startServerProcess({ demo: true }); });
afterAll(async () => {
  for (const core of cores) await core.stop();
  for (const proxy of proxies) await proxy.close();
  await server?.stop();
});

describe('in-flight full-field replacement', () => {
  it('checklist note corrected while the first save is being pushed', async () => {
    const proxy = await startHoldingProxy(() => server.url);
    proxies.push(proxy);
    const core = newCore({ automaticSync: false });
    cores.push(core);
    await core.start();
    await registerCore(core, proxy.url, 'DEMO-CLIENTE', 'Nota corrigida');
    await call(core, 'sync.now', {});
    const userId = core.currentAccount!.user.id;

    // The note editor sends every field (ChecklistScreen line 170).
    await call(core, 'checklist.set', { itemId: '03', done: false, completedOn: null, note: 'Reunião dia 13 (errado)' });
    proxy.holdNext(isPushRequest);
    const syncing = call(core, 'sync.now', {});
    await proxy.held();
    await call(core, 'checklist.set', { itemId: '03', done: false, completedOn: null, note: 'Reunião dia 31 (certo)' });
    proxy.release();
    await syncing;
    const status = await call(core, 'sync.now', {});
    await call(core, 'sync.now', {});

    const stored = serverChecklistItem(server.dataDir, userId, '03');
    const local = (await call(core, 'checklist.get', {})).items.find((item) => item.itemId === '03');
    const unsynced = await call(core, 'unsynced.list', {});
    const acked = clientRows(core, 'SELECT id, args_json FROM acknowledged');
    expect(stored?.note).toBe('Reunião dia 31 (certo)');
    expect(unsynced).toHaveLength(0);
  });

  it('stage saved twice while the first save is being pushed', async () => {
    const proxy = await startHoldingProxy(() => server.url);
    proxies.push(proxy);
    const core = newCore({ automaticSync: false });
    cores.push(core);
    await core.start();
    await registerCore(core, proxy.url, 'DEMO-CONSULTOR', 'Consultor apressado');
    await call(core, 'sync.now', {});
    const stages = await call(core, 'stages.list', {});
    const stage = stages.stages[0]!;
    await call(core, 'stages.set', { stageId: stage.id, status: 'em_andamento', startedOn: '2026-11-02', completedOn: null });
    proxy.holdNext(isPushRequest);
    const syncing = call(core, 'sync.now', {});
    await proxy.held();
    await call(core, 'stages.set', { stageId: stage.id, status: 'concluida', startedOn: '2026-11-02', completedOn: '2026-11-20' });
    proxy.release();
    await syncing;
    await call(core, 'sync.now', {});
    await call(core, 'sync.now', {});
    const [onServer] = serverRows<{ data_json: string }>(server.dataDir, `SELECT data_json FROM documents WHERE entity = 'stage' AND id = ?`, stage.id);
    const unsynced = await call(core, 'unsynced.list', {});
    const local = (await call(core, 'stages.list', {})).stages.find((s) => s.id === stage.id);
    expect(JSON.parse(onServer!.data_json).status).toBe('concluida');
    expect(unsynced).toHaveLength(0);
  });

  it('automatic sync on a slow link: note saved, then corrected a moment later', async () => {
    const proxy = await startHoldingProxy(() => server.url);
    proxies.push(proxy);
    const core = newCore({ syncIntervalMs: 600_000 });
    cores.push(core);
    await core.start();
    await registerCore(core, proxy.url, 'DEMO-CLIENTE', 'Nota automática');
    await call(core, 'sync.now', {});
    const userId = core.currentAccount!.user.id;
    // Every push on this link takes a while (held until released 1.5 s later).
    proxy.holdNext(isPushRequest);
    await call(core, 'checklist.set', { itemId: '06', done: false, completedOn: null, note: 'Ofício nº 12' });
    await proxy.held();
    await new Promise((r) => setTimeout(r, 300));
    await call(core, 'checklist.set', { itemId: '06', done: false, completedOn: null, note: 'Ofício nº 21' });
    setTimeout(() => proxy.release(), 1_500);
    for (let i = 0; i < 40 && (await call(core, 'sync.status', {})).pendingCount > 0; i++) await new Promise((r) => setTimeout(r, 100));
    await call(core, 'sync.now', {});
    const stored = serverChecklistItem(server.dataDir, userId, '06');
    const unsynced = await call(core, 'unsynced.list', {});
    expect(stored?.note).toBe('Ofício nº 21');
  });
});
