// Found by a tester: a genuine conflict, decided by the server (B's edit applied, A's edit
// rejected as superseded and left in A's "Não sincronizado"), was reversed after a restore with
// --new-epoch: A's rejected edit was sent again on its own. Only actions rejected by the push just
// before the restore was noticed are sent again now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { call, newCore, registerCore } from '../support/testClient';
import { backUpServer, restoreServer, serverChecklistItem } from './helpers';

let server: ServerProcess;
const cores: AppCore[] = [];
beforeAll(async () => { server = await startServerProcess({ demo: true }); });
afterAll(async () => {
  for (const core of cores) await core.stop();
  await server?.stop();
});

describe('restore and an old conflict', () => {
  it('rejected edit the user never retried', async () => {
    const a = newCore({ automaticSync: false });
    const b = newCore({ automaticSync: false });
    cores.push(a, b);
    await a.start();
    await b.start();
    const credentials = await registerCore(a, server.url, 'DEMO-CLIENTE', 'Conflito antigo');
    await call(b, 'auth.login', { serverUrl: server.url, ...credentials });
    await call(a, 'sync.now', {});
    await call(b, 'sync.now', {});
    const userId = a.currentAccount!.user.id;
    await backUpServer(server);

    await call(a, 'checklist.set', { itemId: '04', done: true, completedOn: '2026-11-03', note: 'Treinamento marcado (A)' });
    await call(a, 'sync.now', {});
    await call(b, 'sync.now', {});
    // B corrects it; A, not synced since, writes another note on what it saw.
    await call(b, 'checklist.set', { itemId: '04', done: true, completedOn: '2026-11-05', note: 'Treinamento feito dia 5 (B, correto)' });
    await call(b, 'sync.now', {});
    await call(a, 'checklist.set', { itemId: '04', done: true, completedOn: '2026-11-04', note: 'Rascunho errado (A)' });
    await call(a, 'sync.now', {});
    const conflict = await call(a, 'unsynced.list', {});

    await restoreServer(server);
    for (const core of [a, b, a, b]) await call(core, 'sync.now', {});

    const stored = serverChecklistItem(server.dataDir, userId, '04');
    expect(stored?.note).toBe('Treinamento feito dia 5 (B, correto)');
  });
});
