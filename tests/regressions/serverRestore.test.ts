// The operator restores the server's nightly backup and starts a new epoch (--new-epoch). The
// client pulls everything again and resends the actions the server acknowledged in the last 30
// days. A tester found five ways this went wrong. The resent ticket lost its attachment, and a
// version number reused after the restore was skipped. A resent action folded an old effect into
// the local copy of the server's row, and a clock fixed before the restore emptied the resend
// log. Rows the restored server no longer has stayed on the client. A second tester found that a
// comment on a ticket the restore lost was rejected before the restore was noticed, and stayed
// in "Não sincronizado" after the resend brought the ticket back.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { SERVER_COPY_SQL } from '../../src/main/core/sync/optimistic';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { call, newCore, registerCore } from '../support/testClient';
import { backUpServer, clientRows, movableClock, restoreServer, serverRows } from './helpers';

const cores: AppCore[] = [];
let server: ServerProcess;

beforeEach(async () => {
  await server?.stop();
  server = await startServerProcess({ demo: true });
});

afterAll(async () => {
  for (const core of cores) await core.stop();
  await server?.stop();
});

const YEAR = 365 * 86_400_000;

async function signedIn(invite: 'DEMO-CLIENTE' | 'DEMO-CONSULTOR', name: string, options: Parameters<typeof newCore>[0] = {}) {
  const core = newCore({ automaticSync: false, ...options });
  cores.push(core);
  await core.start();
  await registerCore(core, server.url, invite, name);
  return core;
}

function newTicket(core: AppCore, subject: string, attachmentIds: string[] = []) {
  return call(core, 'tickets.create', { type: 'solicitacao', severity: 'media', subject: `${subject} ${Date.now()}`, description: '', attachmentIds });
}

/** Signs in a cliente with one synced ticket, and two consultants of the same organization. */
async function clienteAndTwoConsultants(subject: string) {
  const cliente = await signedIn('DEMO-CLIENTE', 'Cliente');
  const consultorA = await signedIn('DEMO-CONSULTOR', 'Consultor A');
  const consultorB = await signedIn('DEMO-CONSULTOR', 'Consultor B');
  const { ticketId } = await newTicket(cliente, subject);
  await call(cliente, 'sync.now', {});
  return { cliente, consultorA, consultorB, ticketId };
}

function ticketsOnServer(ticketId: string): number {
  return serverRows<{ n: number }>(server.dataDir, `SELECT count(*) AS n FROM documents WHERE entity = 'ticket' AND id = ?`, ticketId)[0]!.n;
}

function statusOnServer(ticketId: string): string | undefined {
  return serverRows<{ status: string }>(
    server.dataDir,
    `SELECT json_extract(data_json, '$.status') AS status FROM documents WHERE entity = 'ticket' AND id = ?`,
    ticketId,
  )[0]?.status;
}

describe('server restored from a backup', () => {
  it('resent ticket uploads its attachment again', async () => {
    const core = await signedIn('DEMO-CLIENTE', 'Anexo Restaurado');
    await call(core, 'sync.now', {});
    await backUpServer(server);
    const bytes = new TextEncoder().encode(`%PDF ofício da presidência ${Date.now()}`);
    const staged = await call(core, 'attachments.stage', { fileName: 'Ofício 7.pdf', contentType: 'application/pdf', data: bytes });
    const { ticketId } = await newTicket(core, 'Com anexo depois do backup', [staged.sha256]);
    expect((await call(core, 'sync.now', {})).pendingCount).toBe(0);

    await restoreServer(server);
    await call(core, 'sync.now', {});
    await call(core, 'sync.now', {});

    expect(await call(core, 'unsynced.list', {})).toEqual([]);
    expect(ticketsOnServer(ticketId)).toBe(1);
    const attachments = serverRows<{ n: number }>(server.dataDir, 'SELECT count(*) AS n FROM attachments WHERE sha256 = ?', staged.sha256)[0]!.n;
    expect(attachments).toBe(1);
  });

  it('changes after the restore reach the client', async () => {
    const { cliente, consultorA, consultorB, ticketId } = await clienteAndTwoConsultants('Versões');
    await call(consultorA, 'sync.now', {});
    await call(consultorB, 'sync.now', {});
    await backUpServer(server);

    // After the backup, consultant A moves the ticket three times and the cliente pulls it.
    for (const status of ['producao', 'analise', 'producao'] as const) await call(consultorA, 'tickets.setStatus', { ticketId, status });
    await call(consultorA, 'sync.now', {});
    await call(cliente, 'sync.now', {});

    // On the restored server, whose version numbers start lower again, consultant B solves it.
    await restoreServer(server);
    await call(consultorB, 'sync.now', {});
    await call(consultorB, 'tickets.solve', { ticketId, result: 'Resolvido', text: 'Impressora reconfigurada.' });
    await call(consultorB, 'sync.now', {});
    await call(cliente, 'sync.now', {});
    await call(cliente, 'sync.now', {});

    expect(statusOnServer(ticketId)).toBe('concluida');
    expect((await call(cliente, 'tickets.get', { ticketId })).status).toBe('concluida');
  });

  it('resent duplicate keeps the server copy', async () => {
    const { consultorA, consultorB, ticketId } = await clienteAndTwoConsultants('Restauração');
    await call(consultorA, 'sync.now', {});
    await call(consultorA, 'tickets.setStatus', { ticketId, status: 'producao' });
    await call(consultorA, 'sync.now', {});
    await call(consultorB, 'sync.now', {});
    await call(consultorB, 'tickets.setStatus', { ticketId, status: 'analise' });
    await call(consultorB, 'sync.now', {});
    await call(consultorA, 'sync.now', {});

    // Nothing was lost, but the new epoch makes consultant A resend its status change.
    await server.stop();
    await server.start(['--new-epoch']);
    await call(consultorA, 'sync.now', {});
    await call(consultorA, 'sync.now', {});

    const local = clientRows<{ status: string; server_status: string }>(
      consultorA,
      `SELECT status, json_extract(${SERVER_COPY_SQL}, '$.status') AS server_status FROM tickets WHERE id = ?`,
      ticketId,
    )[0];
    expect(statusOnServer(ticketId)).toBe('analise');
    expect(local?.status).toBe('analise');
    expect(local?.server_status).toBe('analise');
    await call(consultorA, 'tickets.comment', { ticketId, text: 'Aguardando o cliente.' });
    expect((await call(consultorA, 'tickets.get', { ticketId })).status).toBe('analise');
  });

  it('clock fix keeps the resend log', async () => {
    // A flat CMOS battery: the computer starts twenty years behind.
    const clock = movableClock();
    clock.set(-20 * YEAR);
    const core = await signedIn('DEMO-CLIENTE', 'Relógio de 2006', { now: clock.now });
    await call(core, 'sync.now', {});
    await backUpServer(server);
    const { ticketId } = await newTicket(core, 'Relógio atrasado');
    expect((await call(core, 'sync.now', {})).pendingCount).toBe(0);

    // NTP fixes the clock; a comment is pushed, which prunes the log by the corrected time.
    clock.set(0);
    await call(core, 'tickets.comment', { ticketId, text: 'Continua parado depois do almoço.' });
    expect((await call(core, 'sync.now', {})).pendingCount).toBe(0);
    const logged = clientRows<{ name: string }>(core, 'SELECT name FROM acknowledged').map((row) => row.name);

    await restoreServer(server);
    await call(core, 'sync.now', {});
    await call(core, 'sync.now', {});

    expect(logged).toContain('ticket.create');
    expect(ticketsOnServer(ticketId)).toBe(1);
  });

  it('rows the restore lost leave the client', async () => {
    const cliente = await signedIn('DEMO-CLIENTE', 'Cliente Que Vê');
    const colega = await signedIn('DEMO-CLIENTE', 'Colega Que Perde');
    await call(cliente, 'sync.now', {});
    await backUpServer(server);
    // A colleague's ticket after the backup: the restore loses it, and the colleague's computer
    // resends it only later. The cliente should not keep showing it meanwhile.
    const { ticketId } = await newTicket(colega, 'Perdida na restauração');
    await call(colega, 'sync.now', {});
    await call(cliente, 'sync.now', {});
    expect((await call(cliente, 'tickets.list', { search: 'restauração' })).items.map((item) => item.id)).toContain(ticketId);

    await restoreServer(server);
    await call(cliente, 'sync.now', {});

    expect(ticketsOnServer(ticketId)).toBe(0);
    expect(clientRows(cliente, 'SELECT id FROM tickets WHERE id = ?', ticketId)).toEqual([]);
    expect(clientRows(cliente, `SELECT value FROM meta WHERE key = 'restorePullPending'`)).toEqual([]);

    // The colleague's computer resends it, and it comes back to the cliente.
    await call(colega, 'sync.now', {});
    await call(colega, 'sync.now', {});
    await call(cliente, 'sync.now', {});
    expect(ticketsOnServer(ticketId)).toBe(1);
    expect(clientRows(cliente, 'SELECT id FROM tickets WHERE id = ?', ticketId)).toHaveLength(1);
  });

  it('comment on a lost ticket follows its resend', async () => {
    const cliente = await signedIn('DEMO-CLIENTE', 'Cliente Restauração');
    await call(cliente, 'sync.now', {});
    await backUpServer(server);
    const { ticketId } = await newTicket(cliente, 'Depois do backup');
    expect((await call(cliente, 'sync.now', {})).pendingCount).toBe(0);
    await restoreServer(server);

    // The app still shows the ticket; the user comments before the next sync.
    const text = 'Comentário escrito depois da restauração.';
    await call(cliente, 'tickets.comment', { ticketId, text });
    const status = await call(cliente, 'sync.now', {});

    const comments = serverRows<{ text: string }>(
      server.dataDir,
      `SELECT json_extract(data_json, '$.text') AS text FROM documents
       WHERE entity = 'ticketEvent' AND json_extract(data_json, '$.ticketId') = ? AND json_extract(data_json, '$.kind') = 'comment'`,
      ticketId,
    );
    expect(comments.map((row) => row.text)).toEqual([text]);
    expect(serverRows<{ n: number }>(server.dataDir, `SELECT count(*) AS n FROM documents WHERE entity = 'ticket' AND id = ?`, ticketId)[0]!.n).toBe(1);
    expect(status).toMatchObject({ pendingCount: 0, unsyncedCount: 0 });
    expect(await call(cliente, 'unsynced.list', {})).toEqual([]);
  });
});
