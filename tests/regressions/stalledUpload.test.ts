// An upload stalls the way a dropped Wi-Fi or an expired NAT entry makes it (the peer never
// answers and sends no reset). The client aborts a transfer that makes no progress for its
// timeout, reports it, and still sends the actions queued after it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { isUpload, startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { call, newCore, registerCore } from '../support/testClient';
import { serverRows } from './helpers';

let server: ServerProcess;
let proxy: FaultProxy;
let core: AppCore;

beforeAll(async () => {
  server = await startServerProcess({ demo: true });
  proxy = await startFaultProxy(() => server.url);
});

afterAll(async () => {
  proxy?.clear();
  await proxy?.close();
  await core?.stop();
  await server?.stop();
});

function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still waiting'> {
  return Promise.race([promise, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms))]);
}

describe('stalled attachment upload', () => {
  it('stalled upload is abandoned', async () => {
    // The test client sets requestTimeoutMs to 3 s, so every other request gives up by then.
    core = newCore({ automaticSync: false });
    await core.start();
    await registerCore(core, proxy.url, 'DEMO-CLIENTE', 'Upload parado');
    await call(core, 'sync.now', {});
    const staged = await call(core, 'attachments.stage', {
      fileName: 'foto-do-erro.png',
      contentType: 'image/png',
      data: new TextEncoder().encode(`PNG ${Date.now()}`),
    });
    await call(core, 'tickets.create', { type: 'solicitacao', severity: 'critica', subject: 'Com foto', description: '', attachmentIds: [staged.sha256] });
    const { ticketId } = await call(core, 'tickets.create', { type: 'solicitacao', severity: 'media', subject: `Depois da foto ${Date.now()}`, description: '', attachmentIds: [] });

    proxy.inject({ kind: 'hang' }, { matches: isUpload, times: 1 });
    const first = await within(call(core, 'sync.now', {}), 12_000);
    // The network is fine again and the user presses "Sincronizar agora".
    const second = await within(call(core, 'sync.now', {}), 5_000);
    const status = await call(core, 'sync.status', {});
    const onServer = serverRows(server.dataDir, `SELECT id FROM documents WHERE entity = 'ticket' AND id = ?`, ticketId).length;
    // Signing out (and quitting the app, which calls the same AppCore.stop) waits for the cycle.
    const signOut = await within(call(core, 'auth.logout', {}), 5_000);

    // Expected: the stalled upload times out like any other request, the engine reports it,
    // and the next "Sincronizar agora" sends both tickets.
    expect(first).not.toBe('still waiting');
    expect(onServer).toBe(1);
  }, 40_000);
});
