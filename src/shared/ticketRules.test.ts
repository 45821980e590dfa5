// The shared ticket rules, which the server applies for real and the client optimistically.
import { describe, expect, it } from 'vitest';
import {
  commentOnTicket,
  createTicket,
  rejectTicket,
  RuleViolation,
  setTicketStatus,
  solveTicket,
  type RuleContext,
  type TicketState,
} from './ticketRules';

const ORGANIZATION = '0b8f5d6e-2f4a-4c1b-9a57-6d3e2c1b0a01';
const cliente: RuleContext = {
  actor: { id: '5a1c7e3d-8b2f-4d6a-9c0e-1f2a3b4c5d01', name: 'Rafael Servidor', role: 'cliente' },
  now: '2026-11-10T13:00:00.000Z',
  dueAt: (severity, start) => `${start}|${severity}`,
};
const consultor: RuleContext = { ...cliente, actor: { id: '5a1c7e3d-8b2f-4d6a-9c0e-1f2a3b4c5d02', name: 'Carla Consultora', role: 'consultor' } };

function created(): TicketState {
  return createTicket(
    {
      ticketId: '7d1f0a52-3c55-4a8e-9b7a-0c4f2e8d1a10',
      type: 'reclamacao',
      severity: 'critica',
      subject: '  Votação eletrônica fora do ar  ',
      description: 'Painel não liga.',
      department: '  ',
    },
    { ...cliente, now: '2026-11-09T12:00:00.000Z', organizationId: ORGANIZATION, protocol: 9662 },
  ).ticket;
}

function concluded(): TicketState {
  return solveTicket(created(), { ticketId: 'x', result: 'Finalizado', text: 'Painel religado.' }, consultor).ticket;
}

describe('createTicket', () => {
  it('starts in Análise with the clock', () => {
    const ticket = created();

    expect(ticket.status).toBe('analise');
    expect(ticket.rejectionCount).toBe(0);
    expect(ticket.clockStartedAt).toBe('2026-11-09T12:00:00.000Z');
    expect(ticket.dueAt).toBe('2026-11-09T12:00:00.000Z|critica');
  });

  it('trims subject and empty department', () => {
    const ticket = created();

    expect(ticket.subject).toBe('Votação eletrônica fora do ar');
    expect(ticket.department).toBeNull();
  });

  it('records who opened it', () => {
    const outcome = createTicket(
      { ticketId: 'x', type: 'elogio', severity: 'media', subject: 'Obrigado', description: '' },
      { ...cliente, organizationId: ORGANIZATION, protocol: null },
    );

    expect(outcome.ticket.protocol).toBeNull();
    expect(outcome.ticket.createdByName).toBe('Rafael Servidor');
    expect(outcome.event.text).toBe('Solicitação foi realizada pelo colaborador Rafael Servidor');
  });
});

describe('rejectTicket', () => {
  it('reopens with one more rejection', () => {
    const outcome = rejectTicket(concluded(), { ticketId: 'x', reason: ' Ainda desliga. ' }, cliente);

    expect(outcome.ticket.status).toBe('analise');
    expect(outcome.ticket.rejectionCount).toBe(1);
    expect(outcome.ticket.solution).toBeNull();
  });

  it('restarts the clock at the rejection', () => {
    const outcome = rejectTicket(concluded(), { ticketId: 'x', reason: 'Ainda desliga.' }, cliente);

    expect(outcome.ticket.clockStartedAt).toBe(cliente.now);
    expect(outcome.ticket.dueAt).toBe(`${cliente.now}|critica`);
  });

  it('keeps the old solution in history', () => {
    const outcome = rejectTicket(concluded(), { ticketId: 'x', reason: 'Ainda desliga.' }, cliente);

    expect(outcome.event.kind).toBe('rejected');
    expect(outcome.event.data.reason).toBe('Ainda desliga.');
    expect(outcome.event.data.previousSolution).toMatchObject({ result: 'Finalizado', text: 'Painel religado.' });
  });

  it('refuses a ticket not concluded', () => {
    expect(() => rejectTicket(created(), { ticketId: 'x', reason: 'Ainda desliga.' }, cliente)).toThrow(RuleViolation);
    try {
      rejectTicket(created(), { ticketId: 'x', reason: 'Ainda desliga.' }, cliente);
    } catch (error) {
      expect((error as RuleViolation).code).toBe('ticket_not_concluded');
    }
  });
});

describe('consultant-only rules', () => {
  it('solve needs its text', () => {
    expect(() => solveTicket(created(), { ticketId: 'x', result: 'Finalizado', text: ' \n' }, consultor)).toThrow(/Descreva a solução/);
  });

  it('solve needs a consultant', () => {
    expect(() => solveTicket(created(), { ticketId: 'x', result: 'Finalizado', text: '' }, cliente)).toThrow(/Somente um consultor/);
  });

  it('status change needs a consultant', () => {
    expect(() => setTicketStatus(created(), { ticketId: 'x', status: 'producao' }, cliente)).toThrow(/Somente um consultor/);
  });

  it('solve concludes with the server time', () => {
    const ticket = concluded();

    expect(ticket.status).toBe('concluida');
    expect(ticket.solution).toEqual({ finishedAt: consultor.now, result: 'Finalizado', text: 'Painel religado.', authorName: 'Carla Consultora' });
  });

  it('status change names both situations', () => {
    const outcome = setTicketStatus(created(), { ticketId: 'x', status: 'producao' }, consultor);

    expect(outcome.ticket.status).toBe('producao');
    expect(outcome.event.text).toBe('Situação alterada de Análise para Produção por Carla Consultora');
  });

  it('status change from the seen status', () => {
    const outcome = setTicketStatus(created(), { ticketId: 'x', status: 'producao', fromStatus: 'analise' }, consultor);

    expect(outcome.ticket.status).toBe('producao');
  });

  it('status change after a solution is refused', () => {
    const change = () => setTicketStatus(concluded(), { ticketId: 'x', status: 'producao', fromStatus: 'analise' }, consultor);

    expect(change).toThrow(expect.objectContaining({ code: 'status_changed' }));
    expect(change).toThrow(/mudou para Concluída/);
  });
});

describe('commentOnTicket', () => {
  it('keeps the ticket and trims the text', () => {
    const before = created();
    const outcome = commentOnTicket(before, { ticketId: 'x', text: '  Segue o print.  ' }, cliente);

    expect(outcome.ticket.status).toBe(before.status);
    expect(outcome.event).toMatchObject({ kind: 'comment', text: 'Segue o print.', actorName: 'Rafael Servidor' });
  });
});

describe('conflicts between two people', () => {
  it('second solve is refused', () => {
    expect(() => solveTicket(concluded(), { ticketId: 'x', result: 'Finalizado', text: 'Outra solução.' }, consultor)).toThrow(
      expect.objectContaining({ code: 'ticket_already_concluded' }),
    );
  });

  it('rejecting an unseen solution is refused', () => {
    const args = { ticketId: 'x', reason: 'Ainda desliga.', solutionFinishedAt: '2026-11-01T10:00:00.000Z' };

    expect(() => rejectTicket(concluded(), args, cliente)).toThrow(expect.objectContaining({ code: 'solution_changed' }));
  });

  it('rejecting the seen solution works', () => {
    const ticket = concluded();
    const args = { ticketId: 'x', reason: 'Ainda desliga.', solutionFinishedAt: ticket.solution!.finishedAt };

    expect(rejectTicket(ticket, args, cliente).ticket.rejectionCount).toBe(1);
  });
});
