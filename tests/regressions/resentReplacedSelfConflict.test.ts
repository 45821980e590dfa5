// Found by a tester: on an account with hundreds of acknowledged actions, the resend after a
// restore spans batches, and one batch fails. The edit still waiting to be resent was replaced
// by the user's next edit, which the server then rejected against it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { startFaultProxy, isPush, type FaultProxy } from '../support/faultProxy';
import { call, newCore, registerCore } from '../support/testClient';
import { backUpServer, restoreServer, serverChecklistItem, clientRows } from './helpers';

let server: ServerProcess;
let net: FaultProxy;
const cores: AppCore[] = [];
beforeAll(async () => { server = await startServerProcess({ demo: true }); net = await startFaultProxy(() => server.url); });
afterAll(async () => {
  for (const core of cores) await core.stop();
  await net.close();
  await server?.stop();
});

describe('new edit made while a resent edit waits', () => {
  it('resent edit waits across batches', async () => {
    const a = newCore({ automaticSync: false });
    cores.push(a);
    await a.start();
    await registerCore(a, net.url, 'DEMO-CLIENTE', 'Resent replaced');
    await call(a, 'sync.now', {});
    const userId = a.currentAccount!.user.id;

    const { ticketId } = await call(a, 'tickets.create', { type: 'solicitacao', severity: 'media', subject: 'Muitos comentários', description: 'Descrição longa o bastante', attachmentIds: [] });
    for (let i = 0; i < 400; i++) await call(a, 'tickets.comment', { ticketId, text: `comentário ${i}` });
    await call(a, 'sync.now', {});
    await call(a, 'checklist.set', { itemId: '04', done: true, completedOn: '2026-11-03', note: 'v1' });
    await call(a, 'sync.now', {});
    await backUpServer(server); // nightly backup, holds v1
    await restoreServer(server); // documented restore with --new-epoch

    // The restore is noticed; the resend right after it fails (network drops).
    let pushes = 0;
    net.inject({ kind: 'status', status: 503 }, { matches: (r) => isPush(r) && ++pushes === 2, times: 1 });
    const s1 = await call(a, 'sync.now', {});

    // Offline, the user edits the same item again.
    await call(a, 'checklist.set', { itemId: '04', done: true, completedOn: '2026-11-05', note: 'v2 final' });
    await call(a, 'sync.now', {});
    await call(a, 'sync.now', {});
    const unsynced = await call(a, 'unsynced.list', {});
    expect(serverChecklistItem(server.dataDir, userId, '04')?.note).toBe('v2 final');
    expect(unsynced).toEqual([]);
  });
});
