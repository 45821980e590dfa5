// Actions the server rejects: the optimistic change is rolled back, the user is told, and the
// text they wrote stays in the "Não sincronizado" list until they copy, retry or discard it.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import type { SessionInfo, SyncStatus } from '../../src/shared/ipc';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { call, newCore, registerCore } from '../support/testClient';

let server: ServerProcess;
let proxy: FaultProxy;
let cliente: AppCore;
let consultor: AppCore;
const statuses: SyncStatus[] = [];

beforeAll(async () => {
  server = await startServerProcess({ demo: true });
  proxy = await startFaultProxy(() => server.url);
  cliente = newCore({ automaticSync: false });
  consultor = newCore({ automaticSync: false });
  await cliente.start();
  await consultor.start();
  await registerCore(cliente, proxy.url, 'DEMO-CLIENTE', 'Rafael Servidor');
  await registerCore(consultor, server.url, 'DEMO-CONSULTOR', 'Carla Consultora');
  cliente.onEvent((event, payload) => {
    if (event === 'sync.status') statuses.push(payload as SyncStatus);
  });
});

afterAll(async () => {
  await cliente?.stop();
  await consultor?.stop();
  await proxy?.close();
  await server?.stop();
});

/** Changes the server's data behind its back, as an administrator would. */
function administer(sql: string, ...params: unknown[]): void {
  const db = new Database(join(server.dataDir, 'sac-server.db'));
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

async function concludedTicket(subject: string): Promise<string> {
  const { ticketId } = await call(cliente, 'tickets.create', { type: 'solicitacao', severity: 'media', subject, description: '', attachmentIds: [] });
  await call(cliente, 'sync.now', {});
  await call(consultor, 'sync.now', {});
  await call(consultor, 'tickets.solve', { ticketId, result: 'Finalizado', text: 'Feito.' });
  await call(consultor, 'sync.now', {});
  await call(cliente, 'sync.now', {});
  return ticketId;
}

describe('rejected actions keep the user text', () => {
  it('reject after a reopen rolls back', async () => {
    const ticketId = await concludedTicket(`Reaberta enquanto offline ${Date.now()}`);
    proxy.setOffline(true);
    const optimistic = await call(cliente, 'tickets.reject', { ticketId, reason: 'O relatório sai em branco.' });
    expect(optimistic.rejectionCount).toBe(1);
    await call(consultor, 'tickets.setStatus', { ticketId, status: 'producao' });
    await call(consultor, 'sync.now', {});
    proxy.setOffline(false);
    statuses.length = 0;

    const status = await call(cliente, 'sync.now', {});

    expect(status.unsyncedCount).toBe(1);
    expect(statuses.some((entry) => entry.unsyncedCount === 1)).toBe(true);
    const ticket = await call(cliente, 'tickets.get', { ticketId });
    expect(ticket.status).toBe('producao');
    expect(ticket.rejectionCount).toBe(0);
    expect(ticket.events.some((event) => event.kind === 'rejected')).toBe(false);
    const [kept] = await call(cliente, 'unsynced.list', {});
    expect(kept?.errorCode).toBe('ticket_not_concluded');
    expect(kept?.text).toBe('O relatório sai em branco.');
    expect(kept?.title).toContain('Rejeição da solicitação');
    expect(kept?.errorMessage).toMatch(/Só é possível rejeitar uma solicitação concluída/);
  });

  it('retry and discard empty the list', async () => {
    const [kept] = await call(cliente, 'unsynced.list', {});

    await call(cliente, 'unsynced.retry', { id: kept!.id });
    const afterRetry = await call(cliente, 'sync.now', {});
    const [again] = await call(cliente, 'unsynced.list', {});
    await call(cliente, 'unsynced.discard', { id: again!.id });

    expect(afterRetry.unsyncedCount).toBe(1);
    expect(again?.id).not.toBe(kept?.id);
    expect(again?.text).toBe('O relatório sai em branco.');
    expect((await call(cliente, 'sync.status', {})).unsyncedCount).toBe(0);
    expect(await call(cliente, 'unsynced.list', {})).toEqual([]);
  });

  it('retry succeeds once the rule allows it', async () => {
    const ticketId = await concludedTicket(`Segunda tentativa ${Date.now()}`);
    proxy.setOffline(true);
    await call(cliente, 'tickets.reject', { ticketId, reason: 'Faltou o botão de imprimir.' });
    await call(consultor, 'tickets.setStatus', { ticketId, status: 'producao' });
    await call(consultor, 'sync.now', {});
    proxy.setOffline(false);
    await call(cliente, 'sync.now', {});
    await call(consultor, 'tickets.solve', { ticketId, result: 'Finalizado', text: 'Agora sim.' });
    await call(consultor, 'sync.now', {});
    await call(cliente, 'sync.now', {});
    const [kept] = await call(cliente, 'unsynced.list', {});

    await call(cliente, 'unsynced.retry', { id: kept!.id });
    const status = await call(cliente, 'sync.now', {});

    expect(status.unsyncedCount).toBe(0);
    expect((await call(cliente, 'tickets.get', { ticketId })).rejectionCount).toBe(1);
  });

  it('comment on a ticket no longer visible', async () => {
    const ticketId = await concludedTicket(`Movida para outra organização ${Date.now()}`);
    proxy.setOffline(true);
    await call(cliente, 'tickets.comment', { ticketId, text: 'Vou anexar o print amanhã.' });
    const session = (await call(consultor, 'session.get', {})) as Extract<SessionInfo, { signedIn: true }>;
    const other = session.organizations.find((organization) => organization.name !== 'Câmara Municipal de Santos')!;
    administer(
      `UPDATE documents SET organization_id = ?, data_json = json_set(data_json, '$.organizationId', ?) WHERE entity = 'ticket' AND id = ?`,
      other.id,
      other.id,
      ticketId,
    );
    proxy.setOffline(false);

    const status = await call(cliente, 'sync.now', {});

    expect(status.unsyncedCount).toBe(1);
    const [kept] = await call(cliente, 'unsynced.list', {});
    expect(kept?.errorCode).toBe('ticket_not_found');
    expect(kept?.text).toBe('Vou anexar o print amanhã.');
    await call(cliente, 'unsynced.discard', { id: kept!.id });
  });

  it('checklist change by a removed participant', async () => {
    const session = (await call(cliente, 'session.get', {})) as Extract<SessionInfo, { signedIn: true }>;
    proxy.setOffline(true);
    await call(cliente, 'checklist.set', { itemId: '06', done: true, completedOn: '2026-11-10', note: 'Lido com o jurídico.' });
    administer('DELETE FROM memberships WHERE user_id = ?', session.user.id);
    proxy.setOffline(false);

    const status = await call(cliente, 'sync.now', {});

    expect(status.unsyncedCount).toBe(1);
    const [kept] = await call(cliente, 'unsynced.list', {});
    expect(kept?.errorCode).toBe('not_a_participant');
    expect(kept?.text).toContain('Concluída em 10/11/2026');
    expect(kept?.text).toContain('Lido com o jurídico.');
    const item = (await call(cliente, 'checklist.get', {})).items.find((entry) => entry.itemId === '06');
    expect(item?.done).toBe(false);
  });
});
