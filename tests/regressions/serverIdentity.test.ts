// The local folder is named after the server's permanent id from GET /server-info. A sign-in
// whose /server-info request fails must not open another folder named after the address, which
// would hide every action queued under the id.
import { existsSync, renameSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { call, newCore, registerCore } from '../support/testClient';
import { serverRows } from './helpers';

let server: ServerProcess;
let net: FaultProxy;
const cores: AppCore[] = [];

beforeAll(async () => {
  server = await startServerProcess({ demo: true });
  net = await startFaultProxy(() => server.url);
});

afterAll(async () => {
  for (const core of cores) await core.stop();
  await net?.close();
  await server?.stop();
});

const isServerInfo = (request: IncomingMessage) => request.method === 'GET' && (request.url ?? '').includes('/server-info');

function commentsOnServer(text: string): number {
  return serverRows<{ n: number }>(
    server.dataDir,
    `SELECT count(*) AS n FROM documents WHERE entity = 'ticketEvent' AND json_extract(data_json, '$.text') = ?`,
    text,
  )[0]!.n;
}

/** Signs in a new core, syncs one ticket, queues one comment offline and signs out. */
async function queuedCommentThenSignOut(name: string) {
  const core = newCore({ automaticSync: false });
  cores.push(core);
  await core.start();
  const credentials = await registerCore(core, net.url, 'DEMO-CLIENTE', name);
  const { ticketId } = await call(core, 'tickets.create', {
    type: 'solicitacao',
    severity: 'media',
    subject: `${name} ${Date.now()}`,
    description: '',
    attachmentIds: [],
  });
  await call(core, 'sync.now', {});
  net.setOffline(true);
  const text = `Comentário offline de ${name} ${Date.now()}`;
  await call(core, 'tickets.comment', { ticketId, text });
  const userId = core.currentAccount!.user.id;
  await call(core, 'auth.logout', {});
  net.setOffline(false);
  return { core, credentials, text, userId };
}

describe('server identity at sign-in', () => {
  it('one failed request is retried', async () => {
    const { core, credentials, text } = await queuedCommentThenSignOut('Uma Falha');
    net.inject({ kind: 'status', status: 503 }, { matches: isServerInfo, times: 1 });
    await call(core, 'auth.login', { serverUrl: net.url, email: credentials.email, password: credentials.password });
    const status = await call(core, 'sync.now', {});

    expect(status.pendingCount).toBe(0);
    expect(commentsOnServer(text)).toBe(1);
  });

  it('known id serves when requests fail', async () => {
    const { core, credentials, text } = await queuedCommentThenSignOut('Id Conhecido');
    net.inject({ kind: 'status', status: 503 }, { matches: isServerInfo, times: 10 });
    await call(core, 'auth.login', { serverUrl: net.url, email: credentials.email, password: credentials.password });
    net.clear();

    expect((await call(core, 'sync.status', {})).pendingCount).toBe(1);
    await call(core, 'sync.now', {});
    expect(commentsOnServer(text)).toBe(1);
  });

  it('unknown id refuses the sign-in', async () => {
    const core = newCore({ automaticSync: false });
    cores.push(core);
    await core.start();
    net.inject({ kind: 'status', status: 503 }, { matches: isServerInfo, times: 10 });
    const result = await core.invoke('auth.register', {
      serverUrl: net.url,
      name: 'Sem Identificação',
      email: `sem-id-${Date.now()}@exemplo.com.br`,
      password: 'senha-de-teste-1',
      inviteCode: 'DEMO-CLIENTE',
    });
    net.clear();

    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('server_identity_unavailable');
    expect(!result.ok && result.error.message).toContain('tente entrar de novo (aba Entrar)');
    expect(core.currentAccount).toBeNull();
  });

  it('address folder moves to the id', async () => {
    const { core, credentials, text, userId } = await queuedCommentThenSignOut('Pasta Antiga');
    // As a version without server ids left it: the same folder under the address's name.
    const serverId = core.sessions.knownServerId(net.url)!;
    const byId = core.accountDir({ serverId, serverUrl: net.url }, userId);
    const byAddress = core.accountDir({ serverUrl: net.url }, userId);
    renameSync(byId, byAddress);

    await call(core, 'auth.login', { serverUrl: net.url, email: credentials.email, password: credentials.password });

    expect(existsSync(byId)).toBe(true);
    expect(existsSync(byAddress)).toBe(false);
    expect((await call(core, 'sync.status', {})).pendingCount).toBe(1);
    await call(core, 'sync.now', {});
    expect(commentsOnServer(text)).toBe(1);
  });
});
