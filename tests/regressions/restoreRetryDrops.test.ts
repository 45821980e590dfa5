// Found by a tester: after a restore, the automatic retry of a superseded setting replaced a
// newer edit the user made while the pull that found the restore was on its way. A setting the
// user changed again since stays rejected now, and retries never replace waiting actions.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { call, newCore, registerCore } from '../support/testClient';
import { backUpServer, clientRows, restoreServer, serverChecklistItem, startHoldingProxy, type HoldingProxy } from './helpers';

let server: ServerProcess;
const cores: AppCore[] = [];
const proxies: HoldingProxy[] = [];
beforeEach(async () => { await server?.stop(); server = await startServerProcess({ demo: true }); });
afterAll(async () => {
  for (const core of cores) await core.stop();
  for (const proxy of proxies) await proxy.close();
  await server?.stop();
});
const isPull = (r: { method?: string; url?: string }) => r.method === 'GET' && (r.url ?? '').includes('/sync/pull');

describe('restore retry', () => {
  it('a newer edit made during the restore pull survives the retry of an older one', async () => {
    const proxy = await startHoldingProxy(() => server.url);
    proxies.push(proxy);
    const core = newCore({ automaticSync: false });
    cores.push(core);
    await core.start();
    await registerCore(core, proxy.url, 'DEMO-CLIENTE', 'Restauração');
    await call(core, 'sync.now', {});
    const userId = core.currentAccount!.user.id;
    await backUpServer(server);

    await call(core, 'checklist.set', { itemId: '07', done: false, completedOn: null, note: 'A1 (antes da restauração)' });
    await call(core, 'sync.now', {});
    await restoreServer(server);

    await call(core, 'checklist.set', { itemId: '07', done: false, completedOn: null, note: 'E2 (intermediária)' });
    proxy.holdNext(isPull);
    const syncing = call(core, 'sync.now', {});
    await proxy.held();
    const unsyncedMid = (await call(core, 'unsynced.list', {})).map((u) => [u.errorCode, u.text]);
    await call(core, 'checklist.set', { itemId: '07', done: true, completedOn: null, note: 'E4 (a mais nova)' });
    const outboxMid = clientRows(core, 'SELECT id, attempts, args_json FROM outbox ORDER BY seq');
    proxy.release();
    await syncing;
    await call(core, 'sync.now', {});
    await call(core, 'sync.now', {});

    const stored = serverChecklistItem(server.dataDir, userId, '07');
    const local = (await call(core, 'checklist.get', {})).items.find((item) => item.itemId === '07');
    const unsynced = (await call(core, 'unsynced.list', {})).map((u) => [u.errorCode, u.text]);
    const outbox = clientRows(core, 'SELECT id, attempts, args_json FROM outbox ORDER BY seq');
    const everywhere = JSON.stringify({ stored, unsynced, outbox });
    expect(everywhere).toContain('E4 (a mais nova)');
  });
});
