// Found by a tester: two settings of one item rejected by the push that ran on the restored data;
// only the first was sent again. The second, made on the first, now follows it.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { call, newCore, registerCore } from '../support/testClient';
import { backUpServer, restoreServer, serverChecklistItem } from './helpers';

let server: ServerProcess;
const cores: AppCore[] = [];
beforeEach(async () => { await server?.stop(); server = await startServerProcess({ demo: true }); });
afterAll(async () => { for (const core of cores) await core.stop(); await server?.stop(); });

describe('restore chain', () => {
  it('the later of two edits made on the restored data is resent too', async () => {
    const core = newCore({ automaticSync: false });
    cores.push(core);
    await core.start();
    await registerCore(core, server.url, 'DEMO-CLIENTE', 'Cadeia');
    await call(core, 'sync.now', {});
    const userId = core.currentAccount!.user.id;
    await backUpServer(server);
    await call(core, 'checklist.set', { itemId: '02', done: false, completedOn: null, note: 'A1' });
    await call(core, 'sync.now', {});
    await restoreServer(server);
    await call(core, 'checklist.set', { itemId: '02', done: false, completedOn: null, note: 'E2 nota' });
    await call(core, 'checklist.set', { itemId: '02', done: true }); // E3: ticks it, keeps the note
    await call(core, 'sync.now', {});
    await call(core, 'sync.now', {});
    const stored = serverChecklistItem(server.dataDir, userId, '02');
    const unsynced = (await call(core, 'unsynced.list', {})).map((u) => [u.errorCode, u.text]);
    expect(stored?.done).toBe(true);
    expect(unsynced).toHaveLength(0);
  });
});
