// "Reiniciar e atualizar" during a sync, through the real app core and sync engine against the
// real server: the install waits until the sync in progress has finished, then runs once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../src/main/core/appCore';
import { API_BASE_PATH } from '../../src/shared/wire';
import { startHoldingProxy, type HoldingProxy } from '../support/holdingProxy';
import { ScriptedUpdater } from '../support/scriptedUpdater';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { folderDialogs, noPrinter, testSecrets } from '../support/testPlatform';

let server: ServerProcess;
let proxy: HoldingProxy;
let core: AppCore;

beforeAll(async () => {
  server = await startServerProcess({ demo: true });
  proxy = await startHoldingProxy(server.url);
});

afterAll(async () => {
  proxy?.release();
  await core?.stop();
  await proxy?.close();
  await server?.stop();
});

describe('update install during a sync', () => {
  it('waits for the sync to finish', async () => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'sac-update-sync-'));
    const updater = new ScriptedUpdater('1.0.0');
    core = new AppCore({
      userDataDir,
      secrets: testSecrets,
      printer: noPrinter,
      dialogs: folderDialogs(userDataDir),
      requestTimeoutMs: 30_000,
      syncIntervalMs: 3_600_000,
      updater,
    });
    const signIn = await core.invoke('auth.register', {
      serverUrl: proxy.url,
      name: 'Teresa Atualiza',
      email: `teresa-${Date.now()}@camara.exemplo`,
      password: 'senha-segura-123',
      inviteCode: 'DEMO-CLIENTE',
    });
    expect(signIn.ok).toBe(true);
    await core.currentAccount!.engine.syncNow();

    // A new version is downloaded while nothing syncs.
    updater.offer('1.1.0');
    await core.updates.check('manual');
    updater.finish();
    expect((await core.updates.settled()).phase).toBe('ready');
    expect(updater.feeds).toEqual([`${proxy.url}/updates/`]);

    // A sync starts and its pull hangs at the proxy.
    proxy.hold(`${API_BASE_PATH}/sync/pull`);
    const sync = core.currentAccount!.engine.syncNow();
    await proxy.waitForHeld();
    expect(core.syncStatus().connection).toBe('syncing');

    const clicked = await core.invoke('update.install', {});
    expect(clicked.ok && clicked.value.phase).toBe('waitingForSync');
    expect(updater.installs).toBe(0);

    proxy.release();
    await sync;
    expect(core.syncStatus().lastError).toBeNull();
    expect(updater.installs).toBe(1);
    expect(core.updates.status().phase).toBe('installing');
  });
});
