import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checklistEntryId } from '../../../shared/domain';
import type { ChangeEnvelope, ContactData } from '../../../shared/wire';
import type { SqliteDatabase } from '../store/database';
import { getMeta, setMeta } from '../store/meta';
import {
  change,
  checklistChange,
  CLIENT_ID,
  clientContext,
  countRows,
  page,
  readRow,
  serverEvent,
  serverStage,
  serverTicket,
} from '../testSupport/fixtures';
import { tempStore } from '../testSupport/tempStore';
import { performAction } from '../actions';
import { moveToUnsynced, removeFromOutbox } from '../store/outbox';
import { applyPullPage } from './applyPull';
import { foldIntoServerCopy, recompute } from './optimistic';

function contact(overrides: Partial<ContactData> = {}): ContactData {
  return {
    organizationId: null,
    position: 0,
    what: 'Para configurações em geral',
    where: 'Suporte',
    who: 'Equipe de Suporte',
    how: 'contato@exemplo.com.br',
    ...overrides,
  };
}

function unknownRow(db: SqliteDatabase, entity: string, id: string) {
  return db.prepare('SELECT * FROM unknown_changes WHERE entity = ? AND id = ?').get(entity, id) as
    | { version: number; deleted: number; data_json: string; reason: string }
    | undefined;
}

function referenceRow(db: SqliteDatabase, entity: string, id: string) {
  const row = db.prepare('SELECT data_json, server_version FROM reference_data WHERE entity = ? AND id = ?').get(entity, id) as
    | { data_json: string; server_version: number }
    | undefined;
  return row ? { data: JSON.parse(row.data_json) as Record<string, unknown>, version: row.server_version } : null;
}

function eventRow(db: SqliteDatabase, id: string) {
  const row = db.prepare('SELECT data_json, server_version FROM ticket_events WHERE id = ?').get(id) as
    | { data_json: string; server_version: number | null }
    | undefined;
  return row ? { data: JSON.parse(row.data_json) as Record<string, unknown>, version: row.server_version } : null;
}

describe('applyPullPage unknown data', () => {
  it('keeps an unknown entity', () => {
    const { db } = tempStore();
    const data = { title: 'Pesquisa de satisfação', questions: [1, 2, 3] };
    const result = applyPullPage(db, page([change('survey', 'survey-1', 3, data)]), clientContext());

    const row = unknownRow(db, 'survey', 'survey-1');
    expect(row?.reason).toBe('entidade desconhecida');
    expect(JSON.parse(row!.data_json)).toEqual(data);
    expect(row?.version).toBe(3);
    expect(result.unknown).toBe(1);
    expect(result.entities.size).toBe(0);
  });

  it('keeps a ticket failing the schema', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    const data = { ...serverTicket(), protocol: 'SAC-9700', status: 'arquivada' };
    const result = applyPullPage(db, page([change('ticket', ticketId, 2, data)]), clientContext());

    expect(unknownRow(db, 'ticket', ticketId)?.reason).toBe('dados fora do formato conhecido');
    expect(JSON.parse(unknownRow(db, 'ticket', ticketId)!.data_json)).toEqual(data);
    expect(readRow(db, 'tickets', ticketId)).toBeNull();
    expect(result.unknown).toBe(1);
  });

  it('invalid data keeps the known row', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    applyPullPage(db, page([change('ticket', ticketId, 1, serverTicket())]), clientContext());
    applyPullPage(db, page([change('ticket', ticketId, 2, { ...serverTicket(), status: 'arquivada' })]), clientContext());

    expect(readRow(db, 'tickets', ticketId)?.data).toEqual(serverTicket());
    expect(readRow(db, 'tickets', ticketId)?.serverVersion).toBe(1);
  });

  it('newer unknown change replaces older', () => {
    const { db } = tempStore();
    applyPullPage(db, page([change('survey', 's', 3, { v: 3 })]), clientContext());
    applyPullPage(db, page([change('survey', 's', 5, { v: 5 })]), clientContext());
    applyPullPage(db, page([change('survey', 's', 4, { v: 4 })]), clientContext());

    expect(JSON.parse(unknownRow(db, 'survey', 's')!.data_json)).toEqual({ v: 5 });
  });

  it('keeps extra fields in server_json', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    const data = { ...serverTicket(), satisfaction: { score: 5, comment: 'Ótimo' }, channel: 'app' };
    applyPullPage(db, page([change('ticket', ticketId, 1, data)]), clientContext());

    const row = readRow(db, 'tickets', ticketId)!;
    expect(row.server).toEqual(data);
    expect(row.data).toEqual(data);
    expect(countRows(db, 'unknown_changes')).toBe(0);
  });

  it('extra fields survive a rebase', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    const data = { ...serverTicket(), channel: 'app' };
    applyPullPage(db, page([change('ticket', ticketId, 1, serverTicket())]), clientContext());
    // A pending action makes the pull rebase the row instead of copying it.
    db.prepare(
      `INSERT INTO outbox (id, name, args_json, created_at, entity, entity_id) VALUES (?, 'ticket.comment', ?, ?, 'ticket', ?)`,
    ).run(randomUUID(), JSON.stringify({ ticketId, text: 'Oi' }), '2026-03-04T12:00:00.000Z', ticketId);
    applyPullPage(db, page([change('ticket', ticketId, 2, data)]), clientContext());

    expect(readRow(db, 'tickets', ticketId)?.data.channel).toBe('app');
  });
});

describe('applyPullPage server copy', () => {
  const storedCopy = (db: SqliteDatabase, table: string, id: string) =>
    (db.prepare(`SELECT server_json FROM ${table} WHERE id = ?`).get(id) as { server_json: string | null }).server_json;

  it('stores the copy once when nothing is pending', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    const eventId = randomUUID();
    const itemId = checklistEntryId(CLIENT_ID, '02');
    applyPullPage(
      db,
      page([change('ticket', ticketId, 1, serverTicket()), change('ticketEvent', eventId, 2, serverEvent(ticketId)), checklistChange('02', 3)]),
      clientContext(),
    );

    expect(storedCopy(db, 'tickets', ticketId)).toBe('');
    expect(storedCopy(db, 'ticket_events', eventId)).toBe('');
    expect(storedCopy(db, 'checklist_items', itemId)).toBe('');
    expect(readRow(db, 'tickets', ticketId)?.server).toEqual(serverTicket());
  });

  it('keeps the copy apart while an action is pending', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    applyPullPage(db, page([change('ticket', ticketId, 1, serverTicket())]), clientContext());
    performAction(db, clientContext(), 'ticket.reject', { ticketId, reason: 'Ainda falha.' });
    // A newer server copy arrives while the rejection waits: the row is rebased on it.
    applyPullPage(db, page([change('ticket', ticketId, 2, serverTicket({ department: 'Compras' }))]), clientContext());

    const row = readRow(db, 'tickets', ticketId)!;
    expect(row.server).toEqual(serverTicket({ department: 'Compras' }));
    expect(row.data).toMatchObject({ status: 'analise', department: 'Compras', rejectionCount: 1 });
    expect(storedCopy(db, 'tickets', ticketId)).not.toBe('');
  });

  it('accepted, pulled, then rejected', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    applyPullPage(db, page([change('ticket', ticketId, 1, serverTicket())]), clientContext());
    const reject = performAction(db, clientContext(), 'ticket.reject', { ticketId, reason: 'Ainda falha.' });
    const comment = performAction(db, clientContext(), 'ticket.comment', { ticketId, text: 'Segue o print.' });
    // The server accepts the rejection, as a push does.
    db.transaction(() => {
      removeFromOutbox(db, reject.id);
      foldIntoServerCopy(db, 'ticket', ticketId, reject, clientContext());
    })();
    expect(readRow(db, 'tickets', ticketId)?.server).toMatchObject({ status: 'analise', rejectionCount: 1 });
    // The pull brings the rejected ticket, changed again on the server, under the waiting comment.
    const rejected = serverTicket({ status: 'analise', rejectionCount: 1, solution: null, department: 'Compras' });
    applyPullPage(db, page([change('ticket', ticketId, 2, rejected)]), clientContext());
    // The server rejects the comment: the row goes back to the server's copy exactly.
    db.transaction(() => {
      moveToUnsynced(db, comment.id, { code: 'ticket_not_found', message: 'Solicitação não encontrada.' }, '2026-03-04T12:00:00.000Z');
      recompute(db, 'ticket', ticketId, clientContext());
    })();

    expect(readRow(db, 'tickets', ticketId)).toMatchObject({ data: rejected, server: rejected });
  });

  it('stored once after the action', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    applyPullPage(db, page([change('ticket', ticketId, 1, serverTicket())]), clientContext());
    performAction(db, clientContext(), 'ticket.reject', { ticketId, reason: 'Ainda falha.' });
    db.prepare('DELETE FROM outbox').run();
    const rejected = serverTicket({ status: 'analise', rejectionCount: 1, solution: null });
    applyPullPage(db, page([change('ticket', ticketId, 2, rejected)]), clientContext());

    expect(storedCopy(db, 'tickets', ticketId)).toBe('');
    expect(readRow(db, 'tickets', ticketId)).toMatchObject({ data: rejected, server: rejected });
  });
});

describe('applyPullPage versions', () => {
  it('older ticket never overwrites newer', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    applyPullPage(db, page([change('ticket', ticketId, 5, serverTicket({ subject: 'versão 5' }))]), clientContext());
    const result = applyPullPage(db, page([change('ticket', ticketId, 4, serverTicket({ subject: 'versão 4' }))]), clientContext());

    expect(readRow(db, 'tickets', ticketId)?.data.subject).toBe('versão 5');
    expect(result.entities.has('ticket')).toBe(false);
  });

  it('same version is applied once', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    applyPullPage(db, page([change('ticket', ticketId, 5, serverTicket({ subject: 'primeira' }))]), clientContext());
    applyPullPage(db, page([change('ticket', ticketId, 5, serverTicket({ subject: 'repetida' }))]), clientContext());

    expect(readRow(db, 'tickets', ticketId)?.data.subject).toBe('primeira');
  });

  it('older checklist item never overwrites newer', () => {
    const { db } = tempStore();
    applyPullPage(db, page([checklistChange('02', 5, { done: true, completedOn: '2026-03-01' })]), clientContext());
    applyPullPage(db, page([checklistChange('02', 4, { done: false })]), clientContext());

    expect(readRow(db, 'checklist_items', checklistEntryId(CLIENT_ID, '02'))?.data.done).toBe(true);
  });

  it('older stage never overwrites newer', () => {
    const { db } = tempStore();
    const stageId = randomUUID();
    applyPullPage(db, page([change('stage', stageId, 5, serverStage({ status: 'concluida' }))]), clientContext());
    applyPullPage(db, page([change('stage', stageId, 4, serverStage({ status: 'pendente' }))]), clientContext());

    expect(readRow(db, 'stages', stageId)?.data.status).toBe('concluida');
  });

  it('older event never overwrites newer', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    const eventId = randomUUID();
    applyPullPage(db, page([change('ticketEvent', eventId, 5, serverEvent(ticketId, { text: 'versão 5' }))]), clientContext());
    applyPullPage(db, page([change('ticketEvent', eventId, 4, serverEvent(ticketId, { text: 'versão 4' }))]), clientContext());

    expect(eventRow(db, eventId)?.data.text).toBe('versão 5');
  });

  it('older contact never overwrites newer', () => {
    const { db } = tempStore();
    const contactId = randomUUID();
    applyPullPage(db, page([change('contact', contactId, 5, contact({ who: 'versão 5' }))]), clientContext());
    applyPullPage(db, page([change('contact', contactId, 4, contact({ who: 'versão 4' }))]), clientContext());

    expect(referenceRow(db, 'contact', contactId)?.data.who).toBe('versão 5');
    expect(referenceRow(db, 'contact', contactId)?.version).toBe(5);
  });

  it('older deletion keeps the ticket', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    applyPullPage(db, page([change('ticket', ticketId, 5, serverTicket())]), clientContext());
    applyPullPage(db, page([change('ticket', ticketId, 4, null, true)]), clientContext());

    expect(readRow(db, 'tickets', ticketId)).not.toBeNull();
  });

  it('older deletion keeps the event', () => {
    const { db } = tempStore();
    const eventId = randomUUID();
    applyPullPage(db, page([change('ticketEvent', eventId, 5, serverEvent(randomUUID()))]), clientContext());
    applyPullPage(db, page([change('ticketEvent', eventId, 4, null, true)]), clientContext());

    expect(eventRow(db, eventId)).not.toBeNull();
  });

  it('older deletion keeps the contact', () => {
    const { db } = tempStore();
    const contactId = randomUUID();
    applyPullPage(db, page([change('contact', contactId, 5, contact())]), clientContext());
    applyPullPage(db, page([change('contact', contactId, 4, null, true)]), clientContext());

    expect(referenceRow(db, 'contact', contactId)).not.toBeNull();
  });

  it('newer deletion removes ticket and events', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    applyPullPage(
      db,
      page([change('ticket', ticketId, 5, serverTicket()), change('ticketEvent', randomUUID(), 6, serverEvent(ticketId))]),
      clientContext(),
    );
    applyPullPage(db, page([change('ticket', ticketId, 7, null, true)]), clientContext());

    expect(readRow(db, 'tickets', ticketId)).toBeNull();
    expect(countRows(db, 'ticket_events')).toBe(0);
  });

  it('newer contact replaces older', () => {
    const { db } = tempStore();
    const contactId = randomUUID();
    applyPullPage(db, page([change('contact', contactId, 4, contact({ who: 'versão 4' }))]), clientContext());
    applyPullPage(db, page([change('contact', contactId, 5, contact({ who: 'versão 5' }))]), clientContext());

    expect(referenceRow(db, 'contact', contactId)?.data.who).toBe('versão 5');
  });
});

describe('applyPullPage cursor', () => {
  it('saves the page cursor', () => {
    const { db } = tempStore();
    applyPullPage(db, page([change('ticket', randomUUID(), 1, serverTicket())], 'cursor-abc'), clientContext());

    expect(getMeta(db, 'cursor')).toBe('cursor-abc');
  });

  it('empty page still saves cursor', () => {
    const { db } = tempStore();
    applyPullPage(db, page([], 'cursor-vazio'), clientContext());

    expect(getMeta(db, 'cursor')).toBe('cursor-vazio');
  });

  it('failure mid-page changes nothing', () => {
    const { db } = tempStore();
    setMeta(db, 'cursor', 'cursor-antes');
    const ticketId = randomUUID();
    // A null version violates unknown_changes.version NOT NULL, so SQLite throws on the second change.
    const malformed = { entity: 'survey', id: 's', version: null, deleted: false, data: {} } as unknown as ChangeEnvelope;
    const broken = page([change('ticket', ticketId, 1, serverTicket()), malformed], 'cursor-depois');

    expect(() => applyPullPage(db, broken, clientContext())).toThrow(/NOT NULL/);
    expect(readRow(db, 'tickets', ticketId)).toBeNull();
    expect(getMeta(db, 'cursor')).toBe('cursor-antes');
  });

  it('lists the entities that changed', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    const result = applyPullPage(
      db,
      page([
        change('ticket', ticketId, 1, serverTicket()),
        change('ticketEvent', randomUUID(), 2, serverEvent(ticketId)),
        change('contact', randomUUID(), 3, contact()),
      ]),
      clientContext(),
    );

    expect(result.entities).toEqual(new Set(['ticket', 'ticketEvent', 'contact']));
  });
});
