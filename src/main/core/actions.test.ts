import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { performAction, requireTicket } from './actions';
import { outboxCount, peekOutbox } from './store/outbox';
import { applyPullPage } from './sync/applyPull';
import { change, clientContext, countRows, page, readRow, serverTicket } from './testSupport/fixtures';
import { tempStore } from './testSupport/tempStore';

const createArgs = (ticketId: string) => ({
  ticketId,
  type: 'solicitacao' as const,
  severity: 'media' as const,
  subject: 'Ajustar meu sistema',
  description: 'Criar um novo botão na tela inicial.',
});

describe('performAction', () => {
  it('writes outbox row and effect', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    const mutation = performAction(db, clientContext(), 'ticket.create', createArgs(ticketId));

    expect(peekOutbox(db, 10).map((row) => row.mutation)).toEqual([mutation]);
    expect(readRow(db, 'tickets', ticketId)?.data.subject).toBe('Ajustar meu sistema');
    expect(countRows(db, 'ticket_events')).toBe(1);
  });

  it('failed effect leaves no outbox row', () => {
    const { db } = tempStore();
    db.exec(`CREATE TRIGGER fail_ticket BEFORE INSERT ON tickets BEGIN SELECT RAISE(ABORT, 'disco cheio'); END`);

    expect(() => performAction(db, clientContext(), 'ticket.create', createArgs(randomUUID()))).toThrow('disco cheio');
    expect(outboxCount(db)).toBe(0);
    expect(countRows(db, 'ticket_events')).toBe(0);
  });

  it('failed history entry leaves nothing', () => {
    const { db } = tempStore();
    db.exec(`CREATE TRIGGER fail_event BEFORE INSERT ON ticket_events BEGIN SELECT RAISE(ABORT, 'disco cheio'); END`);
    const ticketId = randomUUID();

    expect(() => performAction(db, clientContext(), 'ticket.create', createArgs(ticketId))).toThrow('disco cheio');
    expect(outboxCount(db)).toBe(0);
    expect(readRow(db, 'tickets', ticketId)).toBeNull();
  });

  it('failed update keeps the old state', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    applyPullPage(db, page([change('ticket', ticketId, 1, serverTicket())]), clientContext());
    db.exec(`CREATE TRIGGER fail_update BEFORE UPDATE ON tickets BEGIN SELECT RAISE(ABORT, 'disco cheio'); END`);

    expect(() =>
      performAction(db, clientContext(), 'ticket.reject', { ticketId, reason: 'O botão não aparece.' }),
    ).toThrow('disco cheio');
    expect(outboxCount(db)).toBe(0);
    expect(countRows(db, 'ticket_events')).toBe(0);
    expect(readRow(db, 'tickets', ticketId)?.data.status).toBe('concluida');
  });

  it('reject shows its effect at once', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    applyPullPage(db, page([change('ticket', ticketId, 1, serverTicket({ rejectionCount: 1 }))]), clientContext());
    performAction(db, clientContext(), 'ticket.reject', { ticketId, reason: 'O botão não aparece.' });

    const row = readRow(db, 'tickets', ticketId);
    expect(row?.data.status).toBe('analise');
    expect(row?.data.rejectionCount).toBe(2);
    expect(row?.data.solution).toBeNull();
    expect(row?.server?.status).toBe('concluida');
  });
});

describe('requireTicket', () => {
  it('returns the local state', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    applyPullPage(db, page([change('ticket', ticketId, 1, serverTicket())]), clientContext());

    expect(requireTicket(db, ticketId).status).toBe('concluida');
  });

  it('unknown ticket is not_found', () => {
    const { db } = tempStore();
    expect(() => requireTicket(db, randomUUID())).toThrow(AppError);
    expect(() => requireTicket(db, randomUUID())).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});
