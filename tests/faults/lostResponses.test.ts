// The server saved the action but its answer was lost on the way back. The client cannot tell
// this from a request that never arrived, so it sends the same action again; the server must
// recognize it, and the result must be exactly one ticket, one rejection, one stored file.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { isPush, isUpload, startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { call, newCore, openServerDatabase, registerCore } from '../support/testClient';

let server: ServerProcess;
let proxy: FaultProxy;
let cliente: AppCore;
let consultor: AppCore;

beforeAll(async () => {
  server = await startServerProcess({ demo: true });
  proxy = await startFaultProxy(() => server.url);
  cliente = newCore({ automaticSync: false });
  consultor = newCore({ automaticSync: false });
  await cliente.start();
  await consultor.start();
  await registerCore(cliente, proxy.url, 'DEMO-CLIENTE', 'Rafael Servidor');
  await registerCore(consultor, server.url, 'DEMO-CONSULTOR', 'Carla Consultora');
});

afterAll(async () => {
  await cliente?.stop();
  await consultor?.stop();
  await proxy?.close();
  await server?.stop();
});

function queryServer<T>(sql: string, ...params: unknown[]): T {
  const db = openServerDatabase(server.dataDir);
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

async function createTicket(subject: string, attachmentIds: string[] = []) {
  return call(cliente, 'tickets.create', { type: 'solicitacao', severity: 'media', subject, description: 'Teste.', attachmentIds });
}

describe('answers lost after the server committed', () => {
  it('ticket.create is applied once', async () => {
    const subject = `Criação com resposta perdida ${Date.now()}`;
    // Twice: the client resends once at once when a connection drops.
    proxy.inject({ kind: 'dropResponse' }, { matches: isPush, times: 2 });
    const { ticketId } = await createTicket(subject);

    const lost = await call(cliente, 'sync.now', {});
    expect(lost.lastError?.code).toBe('offline');
    expect(lost.pendingCount).toBe(1);
    const retried = await call(cliente, 'sync.now', {});

    expect(retried.lastError).toBeNull();
    expect(retried.pendingCount).toBe(0);
    const stored = queryServer<{ n: number; protocols: string }>(
      `SELECT count(*) AS n, group_concat(json_extract(data_json, '$.protocol')) AS protocols
       FROM documents WHERE entity = 'ticket' AND json_extract(data_json, '$.subject') = ?`,
      subject,
    );
    expect(stored.n).toBe(1);
    const local = await call(cliente, 'tickets.get', { ticketId });
    expect(local.protocol).toBe(Number(stored.protocols));
    const created = queryServer<{ n: number }>(
      `SELECT count(*) AS n FROM documents WHERE entity = 'ticketEvent' AND json_extract(data_json, '$.ticketId') = ?
         AND json_extract(data_json, '$.kind') = 'created'`,
      ticketId,
    );
    expect(created.n).toBe(1);
  });

  it('ticket.reject counts one rejection', async () => {
    const { ticketId } = await createTicket(`Rejeição com resposta perdida ${Date.now()}`);
    await call(cliente, 'sync.now', {});
    await call(consultor, 'sync.now', {});
    await call(consultor, 'tickets.solve', { ticketId, result: 'Finalizado', text: 'Pronto.' });
    await call(consultor, 'sync.now', {});
    await call(cliente, 'sync.now', {});

    // Twice: the client resends once at once when a connection drops.
    proxy.inject({ kind: 'dropResponse' }, { matches: isPush, times: 2 });
    await call(cliente, 'tickets.reject', { ticketId, reason: 'Ainda não funciona.' });
    const lost = await call(cliente, 'sync.now', {});
    expect(lost.pendingCount).toBe(1);
    await call(cliente, 'sync.now', {});

    const stored = queryServer<{ count: number }>(
      `SELECT json_extract(data_json, '$.rejectionCount') AS count FROM documents WHERE entity = 'ticket' AND id = ?`,
      ticketId,
    );
    expect(stored.count).toBe(1);
    expect((await call(cliente, 'tickets.get', { ticketId })).rejectionCount).toBe(1);
    const events = queryServer<{ n: number }>(
      `SELECT count(*) AS n FROM documents WHERE entity = 'ticketEvent' AND json_extract(data_json, '$.ticketId') = ?
         AND json_extract(data_json, '$.kind') = 'rejected'`,
      ticketId,
    );
    expect(events.n).toBe(1);
  });

  it('attachment upload is stored once', async () => {
    const bytes = new TextEncoder().encode(`anexo com resposta perdida ${Date.now()}`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const staged = await call(cliente, 'attachments.stage', { fileName: 'Ofício nº 12 – anexo.pdf', contentType: 'application/pdf', data: bytes });
    const subject = `Anexo com resposta perdida ${Date.now()}`;
    const { ticketId } = await createTicket(subject, [staged.sha256]);
    proxy.inject({ kind: 'dropResponse' }, { matches: isUpload, times: 2 });

    const lost = await call(cliente, 'sync.now', {});
    expect(lost.pendingCount).toBe(1);
    await call(cliente, 'sync.now', {});

    expect(queryServer<{ n: number }>('SELECT count(*) AS n FROM attachments WHERE sha256 = ?', sha256).n).toBe(1);
    const blobs = readdirSync(join(server.dataDir, 'blobs', sha256.slice(0, 2)));
    expect(blobs.filter((name) => name === sha256)).toHaveLength(1);
    expect(blobs.filter((name) => name.startsWith('.upload'))).toEqual([]);
    const ticket = await call(cliente, 'tickets.get', { ticketId });
    expect(ticket.attachments.map((attachment) => attachment.fileName)).toEqual(['Ofício nº 12 – anexo.pdf']);
    expect(ticket.protocol).not.toBeNull();
  });
});
