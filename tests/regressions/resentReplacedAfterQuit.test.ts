// Found by a tester: after a restore, the app was closed while the pull that found it was on its
// way. The acknowledged edit queued again to be resent had attempts = 0, so the user's next edit
// replaced it and was then rejected against it. Resent actions count as sent now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { startFaultProxy, isPull, type FaultProxy } from '../support/faultProxy';
import { call, newCore, registerCore } from '../support/testClient';
import { backUpServer, restoreServer, serverChecklistItem, startHoldingProxy, clientRows, type HoldingProxy } from './helpers';

let server: ServerProcess;
let net: FaultProxy;
let hold: HoldingProxy;
const cores: AppCore[] = [];
beforeAll(async () => {
  server = await startServerProcess({ demo: true });
  hold = await startHoldingProxy(() => server.url);
  net = await startFaultProxy(() => hold.url);
});
afterAll(async () => {
  for (const core of cores) await core.stop();
  await net.close();
  await hold.close();
  await server?.stop();
});

describe('app closed while the restore is being noticed', () => {
  it('own resent edit is kept', async () => {
    const a = newCore({ automaticSync: false });
    cores.push(a);
    await a.start();
    const credentials = await registerCore(a, net.url, 'DEMO-CLIENTE', 'Fecha o app');
    await call(a, 'sync.now', {});
    const userId = a.currentAccount!.user.id;
    await call(a, 'checklist.set', { itemId: '04', done: true, completedOn: '2026-11-03', note: 'v1' });
    await call(a, 'sync.now', {});
    await backUpServer(server); // nightly backup already holds v1
    await restoreServer(server);

    hold.holdNext(isPull, 1);
    const syncing = a.invoke('sync.now', {});
    await hold.held();
    const closing = a.stop(); // the user quits the app during the pull
    hold.release();
    await closing;
    await syncing;

    const again = newCore({ automaticSync: false, userDataDir: (a as any).options.userDataDir });
    cores.push(again);
    await again.start();
    if (!again.currentAccount) await call(again, 'auth.login', { serverUrl: net.url, ...credentials });
    net.setOffline(true);
    await call(again, 'checklist.set', { itemId: '04', done: true, completedOn: '2026-11-05', note: 'v2 final' });
    net.setOffline(false);
    await call(again, 'sync.now', {});
    await call(again, 'sync.now', {});
    const unsynced = await call(again, 'unsynced.list', {});
    expect(serverChecklistItem(server.dataDir, userId, '04')?.note).toBe('v2 final');
    expect(unsynced).toEqual([]);
  });
});
