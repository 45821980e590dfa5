import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation, PushResponse } from '../../../shared/wire';
import { performAction } from '../actions';
import { blobPath, stageBlob } from '../store/blobs';
import type { SqliteDatabase } from '../store/database';
import { enqueue, outboxCount, peekOutbox } from '../store/outbox';
import { reply, startFaultServer } from '../testSupport/faultServer';
import { change, clientContext, countRows, page, readRow, serverTicket } from '../testSupport/fixtures';
import { startSacServer, type RunningSacServer } from '../testSupport/sacServer';
import { tempStore } from '../testSupport/tempStore';
import { applyPullPage } from './applyPull';
import type { LocalContext } from './optimistic';
import { pushOutbox } from './push';
import { SacApi } from './sacApi';

const REJECTED_AT = new Date('2026-03-04T12:00:00.000Z');
const COMMENTED_AT = new Date('2026-03-04T12:05:00.000Z');

function unsyncedRow(db: SqliteDatabase, id: string) {
  return db.prepare('SELECT * FROM unsynced WHERE id = ?').get(id) as
    | { name: string; args_json: string; error_code: string; error_message: string }
    | undefined;
}

function eventIds(db: SqliteDatabase, ticketId: string): string[] {
  return (db.prepare('SELECT id FROM ticket_events WHERE ticket_id = ? ORDER BY at').all(ticketId) as Array<{ id: string }>).map(
    (row) => row.id,
  );
}

function push(db: SqliteDatabase, blobDir: string, api: SacApi, context: LocalContext, batchSize = 200) {
  return pushOutbox({ db, api, blobDir, context: () => context, batchSize, now: () => new Date(), onBatch: () => undefined });
}

describe('pushOutbox rejection', () => {
  /**
   * Pulls a concluded ticket, then queues a reject and a comment. The fault server rejects the
   * first batch (the reject alone) and responds 503 to the next, so the comment stays pending.
   */
  async function rejectThenFail() {
    const store = tempStore();
    const ticketId = randomUUID();
    applyPullPage(store.db, page([change('ticket', ticketId, 1, serverTicket())]), clientContext());
    const reason = 'A data ainda não aparece no relatório.';
    const reject = performAction(store.db, clientContext(), 'ticket.reject', { ticketId, reason }, REJECTED_AT);
    const text = 'Segue o print.';
    const comment = performAction(store.db, clientContext(), 'ticket.comment', { ticketId, text }, COMMENTED_AT);

    const server = await startFaultServer((request, response) => {
      const pushes = server.requests.filter((seen) => seen.url === '/api/v1/sync/push').length;
      if (pushes > 1) {
        reply(response, 503, 'application/json', '{"error":{"code":"unavailable","message":"Em manutenção."}}');
        return;
      }
      const { mutations } = JSON.parse(request.body) as { mutations: Mutation[] };
      const body: PushResponse = {
        results: mutations.map((mutation) => ({
          id: mutation.id,
          status: 'rejected',
          error: { code: 'ticket_not_concluded', message: 'Só é possível rejeitar uma solicitação concluída.' },
        })),
      };
      reply(response, 200, 'application/json', JSON.stringify(body));
    });
    const api = new SacApi({ serverUrl: server.url, token: 'x'.repeat(32) });
    const failure = await push(store.db, store.blobDir, api, clientContext(), 1).catch((error: unknown) => error);
    await server.close();
    return { ...store, ticketId, reject, comment, failure };
  }

  it('moves the action to unsynced', async () => {
    const { db, reject } = await rejectThenFail();
    const row = unsyncedRow(db, reject.id);

    expect(row?.name).toBe('ticket.reject');
    expect(JSON.parse(row!.args_json)).toEqual(reject.args);
    expect(row?.error_code).toBe('ticket_not_concluded');
    expect(row?.error_message).toBe('Só é possível rejeitar uma solicitação concluída.');
  });

  it('rolls back the optimistic effect', async () => {
    const { db, ticketId } = await rejectThenFail();
    const row = readRow(db, 'tickets', ticketId)!;

    expect(row.data.status).toBe('concluida');
    expect(row.data.rejectionCount).toBe(0);
    expect(row.data.solution).toEqual(serverTicket().solution);
  });

  it('drops the optimistic history entry', async () => {
    const { db, ticketId, reject } = await rejectThenFail();

    expect(eventIds(db, ticketId)).not.toContain(reject.id);
  });

  it('keeps later actions applied', async () => {
    const { db, ticketId, comment } = await rejectThenFail();

    expect(peekOutbox(db, 10).map((row) => row.mutation.id)).toEqual([comment.id]);
    expect(readRow(db, 'tickets', ticketId)?.data.updatedAt).toBe(COMMENTED_AT.toISOString());
    expect(eventIds(db, ticketId)).toEqual([comment.id]);
  });

  it('records the failed attempt', async () => {
    const { db, failure } = await rejectThenFail();
    const [row] = peekOutbox(db, 10);

    expect(failure).toMatchObject({ kind: 'server_unavailable' });
    expect(row?.attempts).toBe(1);
    expect(row?.lastError).toBe('server_unavailable');
  });
});

describe('pushOutbox body limit', () => {
  it('action over the limit is set aside', async () => {
    const { db, blobDir } = tempStore();
    const ticketId = randomUUID();
    applyPullPage(db, page([change('ticket', ticketId, 1, serverTicket())]), clientContext());
    for (const text of ['um', 'dois', 'três']) performAction(db, clientContext(), 'ticket.comment', { ticketId, text });
    const server = await startFaultServer((_request, response) =>
      reply(response, 413, 'application/json', '{"error":{"code":"body_too_large","message":"Grande demais."}}'),
    );
    const api = new SacApi({ serverUrl: server.url, token: 'x'.repeat(32) });
    await push(db, blobDir, api, clientContext());
    await server.close();

    // Halved down to one action, which still does not fit: each one is kept for the user instead.
    const sizes = server.requests.map((request) => (JSON.parse(request.body) as { mutations: unknown[] }).mutations.length);
    expect(sizes).toEqual([3, 2, 1, 1, 1]);
    expect(peekOutbox(db, 10)).toEqual([]);
    const kept = db.prepare('SELECT error_code, args_json FROM unsynced ORDER BY created_at').all() as Array<{ error_code: string; args_json: string }>;
    expect(kept.map((row) => row.error_code)).toEqual(['action_too_large', 'action_too_large', 'action_too_large']);
    expect(kept.map((row) => JSON.parse(row.args_json).text).sort()).toEqual(['dois', 'três', 'um']);
  });
});

describe('pushOutbox against the real server', () => {
  let server: RunningSacServer;
  let api: SacApi;
  let context: LocalContext;

  beforeAll(async () => {
    server = await startSacServer();
    const auth = await server.register('DEMO-CLIENTE', 'Rafael da Câmara');
    api = new SacApi({ serverUrl: server.url, token: auth.token });
    context = clientContext({
      actor: { id: auth.user.id, name: auth.user.name, role: auth.user.role },
      organizationId: auth.user.organizationId,
    });
  });

  afterAll(async () => {
    await server.close();
  });

  const createArgs = (ticketId: string) => ({
    ticketId,
    type: 'solicitacao' as const,
    severity: 'media' as const,
    subject: 'Ajustar meu sistema',
    description: 'Criar um novo botão.',
  });

  it('applied actions leave the outbox', async () => {
    const { db, blobDir } = tempStore();
    performAction(db, context, 'ticket.create', createArgs(randomUUID()));
    await push(db, blobDir, api, context);

    expect(outboxCount(db)).toBe(0);
    expect(countRows(db, 'unsynced')).toBe(0);
  });

  it('repeated push counts as duplicate', async () => {
    const { db, blobDir } = tempStore();
    const ticketId = randomUUID();
    const mutation = performAction(db, context, 'ticket.create', createArgs(ticketId));
    await push(db, blobDir, api, context);
    // As after a lost response: the same action is queued and sent again.
    enqueue(db, mutation, { entity: 'ticket', id: ticketId });
    await push(db, blobDir, api, context);

    expect(outboxCount(db)).toBe(0);
    expect(countRows(db, 'unsynced')).toBe(0);
  });

  it('rejected create removes the local ticket', async () => {
    const { db, blobDir } = tempStore();
    const ticketId = randomUUID();
    // The cliente does not belong to this organization, so the server rejects it as "forbidden".
    const mutation = performAction(db, context, 'ticket.create', { ...createArgs(ticketId), organizationId: randomUUID() });
    expect(readRow(db, 'tickets', ticketId)).not.toBeNull();
    await push(db, blobDir, api, context);

    expect(readRow(db, 'tickets', ticketId)).toBeNull();
    expect(eventIds(db, ticketId)).toEqual([]);
    expect(unsyncedRow(db, mutation.id)?.error_code).toBe('forbidden');
    expect(JSON.parse(unsyncedRow(db, mutation.id)!.args_json).subject).toBe('Ajustar meu sistema');
  });

  it('batch over the body limit is split', async () => {
    const { db, blobDir } = tempStore();
    // About 18 KB each in UTF-8, so 120 of them pass the server's 2 MB body limit.
    const description = 'descrição '.repeat(1_500);
    for (let index = 0; index < 120; index++) {
      performAction(db, context, 'ticket.create', { ...createArgs(randomUUID()), subject: `Pedido ${index}`, description });
    }
    await push(db, blobDir, api, context);

    expect(outboxCount(db)).toBe(0);
    expect(countRows(db, 'unsynced')).toBe(0);
  });

  const pdf = () => ({ fileName: 'ata.pdf', contentType: 'application/pdf', data: Buffer.from(`%PDF ${randomUUID()}`) });

  it('accepted create survives a later action', async () => {
    const { db, blobDir } = tempStore();
    const ticketId = randomUUID();
    performAction(db, context, 'ticket.create', createArgs(ticketId));
    await push(db, blobDir, api, context);
    // No pull yet, as when the network drops right after the push.
    const comment = performAction(db, context, 'ticket.comment', { ticketId, text: 'Esqueci de dizer: é urgente.' }, COMMENTED_AT);

    const row = readRow(db, 'tickets', ticketId);
    expect(row?.data.subject).toBe('Ajustar meu sistema');
    expect(row?.data.updatedAt).toBe(comment.createdAt);
    expect(eventIds(db, ticketId)).toHaveLength(2);
  });

  it('accepted action joins the server copy', async () => {
    const { db, blobDir } = tempStore();
    const ticketId = randomUUID();
    performAction(db, context, 'ticket.create', createArgs(ticketId));
    await push(db, blobDir, api, context);

    const row = readRow(db, 'tickets', ticketId)!;
    expect(row.server).toEqual(row.data);
    expect(row.serverVersion).toBeNull();
  });

  it('rejection keeps earlier accepted effects', async () => {
    const { db, blobDir } = tempStore();
    const ticketId = randomUUID();
    performAction(db, context, 'ticket.create', createArgs(ticketId));
    // Blank text fails the shared schema, so the push sets this action aside before sending it.
    const blank = performAction(db, context, 'ticket.comment', { ticketId, text: '   ' });
    await push(db, blobDir, api, context);

    expect(unsyncedRow(db, blank.id)?.error_code).toBe('invalid_local_action');
    expect(readRow(db, 'tickets', ticketId)?.data.subject).toBe('Ajustar meu sistema');
  });

  it('uploads attachments before the ticket', async () => {
    const { db, blobDir } = tempStore();
    const blob = stageBlob(db, blobDir, pdf(), 1024);
    performAction(db, context, 'ticket.create', { ...createArgs(randomUUID()), attachments: [blob] });
    await push(db, blobDir, api, context);

    expect(countRows(db, 'unsynced')).toBe(0);
    expect(db.prepare('SELECT uploaded FROM blobs WHERE sha256 = ?').get(blob.sha256)).toEqual({ uploaded: 1 });
  });

  it('missing attachment rejects the ticket', async () => {
    const { db, blobDir } = tempStore();
    const blob = stageBlob(db, blobDir, pdf(), 1024);
    const mutation = performAction(db, context, 'ticket.create', { ...createArgs(randomUUID()), attachments: [blob] });
    rmSync(blobPath(blobDir, blob.sha256));
    await push(db, blobDir, api, context);

    expect(unsyncedRow(db, mutation.id)?.error_code).toBe('attachment_not_uploaded');
  });
});
