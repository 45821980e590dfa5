import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checklistEntryId } from '../../../shared/domain';
import { performAction } from '../actions';
import { getChecklist, getTicket } from '../queries';
import {
  change,
  checklistChange,
  CLIENT_ID,
  clientContext,
  consultantContext,
  page,
  readRow,
  serverStage,
  serverTicket,
} from '../testSupport/fixtures';
import { tempStore } from '../testSupport/tempStore';
import { applyPullPage } from './applyPull';
import { recompute } from './optimistic';

const NOW = new Date('2026-03-05T12:00:00.000Z');
const REJECTED_AT = new Date('2026-03-04T12:00:00.000Z');
const COMMENTED_AT = new Date('2026-03-04T12:05:00.000Z');

function createOffline(db: Parameters<typeof performAction>[0], ticketId = randomUUID()) {
  performAction(db, clientContext(), 'ticket.create', {
    ticketId,
    type: 'reclamacao',
    severity: 'critica',
    subject: 'Sistema parado na votação',
    description: 'O painel de votação não abre.',
  });
  return ticketId;
}

/** Pulls version 1 of a concluded ticket, then rejects it and comments on it offline. */
function rejectAndCommentOffline(db: Parameters<typeof performAction>[0]) {
  const ticketId = randomUUID();
  applyPullPage(db, page([change('ticket', ticketId, 1, serverTicket())]), clientContext());
  performAction(db, clientContext(), 'ticket.reject', { ticketId, reason: 'A data ainda não aparece.' }, REJECTED_AT);
  performAction(db, clientContext(), 'ticket.comment', { ticketId, text: 'Segue o print da tela.' }, COMMENTED_AT);
  return ticketId;
}

describe('optimistic ticket.create', () => {
  it('shows no protocol', () => {
    const { db, blobDir } = tempStore();
    const ticketId = createOffline(db);

    expect(getTicket(db, blobDir, ticketId, NOW).protocol).toBeNull();
  });

  it('is marked pendingSync', () => {
    const { db, blobDir } = tempStore();
    const ticketId = createOffline(db);

    expect(getTicket(db, blobDir, ticketId, NOW).pendingSync).toBe(true);
  });

  it('has a pending history entry', () => {
    const { db, blobDir } = tempStore();
    const ticketId = createOffline(db);
    const [event, ...others] = getTicket(db, blobDir, ticketId, NOW).events;

    expect(others).toEqual([]);
    expect(event?.kind).toBe('created');
    expect(event?.text).toBe('Solicitação foi realizada pelo colaborador Rafael da Câmara');
    expect(event?.pendingSync).toBe(true);
  });

  it('stores no server copy', () => {
    const { db } = tempStore();
    const ticketId = createOffline(db);

    expect(readRow(db, 'tickets', ticketId)?.server).toBeNull();
  });
});

describe('optimistic rebase on pull', () => {
  it('data is server plus pending', () => {
    const { db } = tempStore();
    const ticketId = rejectAndCommentOffline(db);
    const v2 = serverTicket({ description: 'Descrição revisada pelo consultor.', rejectionCount: 1 });
    applyPullPage(db, page([change('ticket', ticketId, 2, v2)]), clientContext());

    const row = readRow(db, 'tickets', ticketId)!;
    expect(row.server).toEqual(v2);
    expect(row.data.description).toBe('Descrição revisada pelo consultor.');
    expect(row.data.status).toBe('analise');
    expect(row.data.rejectionCount).toBe(2);
    expect(row.data.solution).toBeNull();
    expect(row.data.clockStartedAt).toBe(REJECTED_AT.toISOString());
    expect(row.data.updatedAt).toBe(COMMENTED_AT.toISOString());
  });

  it('status column follows data', () => {
    const { db } = tempStore();
    const ticketId = rejectAndCommentOffline(db);
    applyPullPage(db, page([change('ticket', ticketId, 2, serverTicket({ subject: 'Assunto novo' }))]), clientContext());

    const columns = db.prepare('SELECT status, subject FROM tickets WHERE id = ?').get(ticketId);
    expect(columns).toEqual({ status: 'analise', subject: 'Assunto novo' });
  });

  it('recompute is idempotent', () => {
    const { db } = tempStore();
    const ticketId = rejectAndCommentOffline(db);
    applyPullPage(db, page([change('ticket', ticketId, 2, serverTicket({ rejectionCount: 1 }))]), clientContext());
    const before = readRow(db, 'tickets', ticketId);
    recompute(db, 'ticket', ticketId, clientContext());

    expect(readRow(db, 'tickets', ticketId)).toEqual(before);
  });

  it('stale reject no longer applies', () => {
    const { db } = tempStore();
    const ticketId = rejectAndCommentOffline(db);
    // Meanwhile a consultant reopened the ticket, so the server will reject the pending reject.
    const reopened = serverTicket({ status: 'producao', solution: null });
    applyPullPage(db, page([change('ticket', ticketId, 2, reopened)]), clientContext());

    const row = readRow(db, 'tickets', ticketId)!;
    expect(row.data.status).toBe('producao');
    expect(row.data.rejectionCount).toBe(0);
    expect(row.data.updatedAt).toBe(COMMENTED_AT.toISOString());
  });

  it('row without pending is replaced', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    applyPullPage(db, page([change('ticket', ticketId, 1, serverTicket())]), clientContext());
    const v2 = serverTicket({ status: 'analise', solution: null, rejectionCount: 1 });
    applyPullPage(db, page([change('ticket', ticketId, 2, v2)]), clientContext());

    const row = readRow(db, 'tickets', ticketId)!;
    expect(row.data).toEqual(v2);
    expect(row.serverVersion).toBe(2);
  });

  it('server copy of own create wins', () => {
    const { db } = tempStore();
    const ticketId = createOffline(db);
    // The push was applied but its response was lost; the pull brings the server's copy first.
    const copy = serverTicket({ protocol: 9662, status: 'analise', solution: null, subject: 'Sistema parado na votação' });
    applyPullPage(db, page([change('ticket', ticketId, 7, copy)]), clientContext());

    expect(readRow(db, 'tickets', ticketId)?.data).toEqual(copy);
  });
});

describe('optimistic checklist and stages', () => {
  it('checklist.set creates the row offline', () => {
    const { db } = tempStore();
    performAction(db, clientContext(), 'checklist.set', { itemId: '03', done: true, completedOn: '2026-03-04' });

    const row = readRow(db, 'checklist_items', checklistEntryId(CLIENT_ID, '03'))!;
    expect(row.data.done).toBe(true);
    expect(row.data.completedOn).toBe('2026-03-04');
    expect(row.server).toBeNull();
  });

  it('checklist pending wins over pull', () => {
    const { db } = tempStore();
    performAction(db, clientContext(), 'checklist.set', { itemId: '03', done: true, completedOn: '2026-03-04' });
    applyPullPage(db, page([checklistChange('03', 4, { note: 'Lido em reunião.' })]), clientContext());

    const row = readRow(db, 'checklist_items', checklistEntryId(CLIENT_ID, '03'))!;
    expect(row.server?.done).toBe(false);
    expect(row.data.done).toBe(true);
    expect(row.data.note).toBe('Lido em reunião.');
  });

  it('checklist view shows pending item', () => {
    const { db } = tempStore();
    performAction(db, clientContext(), 'checklist.set', { itemId: '03', done: true, completedOn: '2026-03-04' });
    const item = getChecklist(db, { id: CLIENT_ID, name: 'Rafael da Câmara' }, null).items[2];

    expect(item).toMatchObject({ itemId: '03', done: true, completedOn: '2026-03-04', pendingSync: true });
  });

  it('stage.set applies on the server copy', () => {
    const { db } = tempStore();
    const stageId = randomUUID();
    applyPullPage(db, page([change('stage', stageId, 1, serverStage())]), consultantContext());
    performAction(db, consultantContext(), 'stage.set', { stageId, status: 'em_andamento', startedOn: '2026-03-04' });

    const row = readRow(db, 'stages', stageId)!;
    expect(row.data.status).toBe('em_andamento');
    expect(row.data.startedOn).toBe('2026-03-04');
    expect(row.server?.status).toBe('pendente');
  });
});
