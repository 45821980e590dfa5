// The same server reached under another address (a new port or host name, a proxy, https):
// the local folder is named after the server's permanent id, so signing in at the new address
// opens the same store and the actions queued offline under the old address are sent.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { call, newCore, registerCore } from '../support/testClient';
import { serverRows } from './helpers';

let server: ServerProcess;
let oldAddress: FaultProxy;
let newAddress: FaultProxy;
let core: AppCore;

beforeAll(async () => {
  server = await startServerProcess({ demo: true });
  oldAddress = await startFaultProxy(() => server.url);
  newAddress = await startFaultProxy(() => server.url);
});

afterAll(async () => {
  await core?.stop();
  await newAddress?.close();
  await server?.stop();
});

describe('server reachable under a new address', () => {
  it('new address keeps offline actions', async () => {
    core = newCore({ automaticSync: false });
    await core.start();
    const credentials = await registerCore(core, oldAddress.url, 'DEMO-CLIENTE', 'Endereço Novo');
    await call(core, 'sync.now', {});
    const userDataDir = core.options.userDataDir;

    // Offline at a site visit: a new ticket and a checklist tick.
    oldAddress.setOffline(true);
    const subject = `Feita offline antes da mudança de endereço ${Date.now()}`;
    const { ticketId } = await call(core, 'tickets.create', {
      type: 'reclamacao',
      severity: 'critica',
      subject,
      description: 'Sistema parado na secretaria de obras.',
      attachmentIds: [],
    });
    await call(core, 'checklist.set', { itemId: '04', done: true });
    expect((await call(core, 'sync.status', {})).pendingCount).toBe(2);

    // The old address goes away for good; the user signs out and signs in at the new one.
    await oldAddress.close();
    await call(core, 'auth.logout', {});
    await call(core, 'auth.login', { serverUrl: newAddress.url, email: credentials.email, password: credentials.password });
    const status = await call(core, 'sync.now', {});
    const list = await call(core, 'tickets.list', {});

    const onServer = serverRows<{ n: number }>(server.dataDir, `SELECT count(*) AS n FROM documents WHERE entity = 'ticket' AND id = ?`, ticketId)[0]!.n;
    const folders = readdirSync(join(userDataDir, 'accounts'));
    const stranded = folders.map((folder) => {
      const file = join(userDataDir, 'accounts', folder, 'sac.db');
      if (!existsSync(file)) return { folder, outbox: -1 };
      const db = new Database(file, { readonly: true });
      try {
        return { folder, outbox: (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n };
      } finally {
        db.close();
      }
    });

    // Expected: the two offline actions are sent from the new address (or at least still shown
    // as pending), since they belong to the same user on the same server.
    expect(status.pendingCount + onServer).toBeGreaterThan(0);
    expect(onServer).toBe(1);
  });
});
