// The effect of each ticket mutation, as pure functions that the server applies for real and
// the client applies optimistically, so that both sides agree on what an action does.
import { TICKET_STATUS_LABELS, type Role, type TicketStatus } from './domain';
import type { MutationArgs, TicketData, TicketEventData, TicketEventKind } from './wire';

/** A ticket as either side holds it: the client's own tickets have no protocol until the server assigns one. */
export type TicketState = Omit<TicketData, 'protocol'> & { protocol: number | null };

export interface Actor {
  id: string;
  name: string;
  role: Role;
}

export interface RuleContext {
  actor: Actor;
  /** ISO time of the action: the server's clock on the server, the local clock on the client. */
  now: string;
  /** Computes the due time for a clock that starts at `clockStartedAt`. */
  dueAt: (severity: TicketData['severity'], clockStartedAt: string) => string;
}

export class RuleViolation extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RuleViolation';
  }
}

export interface RuleOutcome {
  ticket: TicketState;
  event: Omit<TicketEventData, 'ticketId' | 'organizationId'> & { kind: TicketEventKind };
}

export function createTicket(
  args: MutationArgs<'ticket.create'>,
  context: RuleContext & { organizationId: string; protocol: number | null },
): RuleOutcome {
  const ticket: TicketState = {
    organizationId: context.organizationId,
    protocol: context.protocol,
    type: args.type,
    severity: args.severity,
    subject: args.subject.trim(),
    description: args.description,
    department: args.department?.trim() || null,
    status: 'analise',
    rejectionCount: 0,
    createdAt: context.now,
    createdById: context.actor.id,
    createdByName: context.actor.name,
    clockStartedAt: context.now,
    dueAt: context.dueAt(args.severity, context.now),
    attachments: args.attachments ?? [],
    solution: null,
    updatedAt: context.now,
  };
  return {
    ticket,
    event: eventOf(context, 'created', `Solicitação foi realizada pelo colaborador ${context.actor.name}`, {}),
  };
}

export function rejectTicket(ticket: TicketState, args: MutationArgs<'ticket.reject'>, context: RuleContext): RuleOutcome {
  if (ticket.status !== 'concluida') {
    throw new RuleViolation(
      'ticket_not_concluded',
      'Só é possível rejeitar uma solicitação concluída. Esta solicitação foi reaberta ou ainda está em atendimento.',
    );
  }
  if (args.solutionFinishedAt && ticket.solution?.finishedAt !== args.solutionFinishedAt) {
    throw new RuleViolation(
      'solution_changed',
      'A solução desta solicitação mudou depois que você a leu. Leia a solução nova e, se ainda não resolver, rejeite de novo.',
    );
  }
  const reason = args.reason.trim();
  return {
    ticket: {
      ...ticket,
      status: 'analise',
      rejectionCount: ticket.rejectionCount + 1,
      solution: null,
      // The service-level clock starts again from the rejection.
      clockStartedAt: context.now,
      dueAt: context.dueAt(ticket.severity, context.now),
      updatedAt: context.now,
    },
    event: eventOf(context, 'rejected', `Solução rejeitada por ${context.actor.name}: ${reason}`, {
      reason,
      previousSolution: ticket.solution,
    }),
  };
}

export function commentOnTicket(
  ticket: TicketState,
  args: MutationArgs<'ticket.comment'>,
  context: RuleContext,
): RuleOutcome {
  return {
    ticket: { ...ticket, updatedAt: context.now },
    event: eventOf(context, 'comment', args.text.trim(), {}),
  };
}

export function setTicketStatus(
  ticket: TicketState,
  args: MutationArgs<'ticket.setStatus'>,
  context: RuleContext,
): RuleOutcome {
  requireConsultant(context.actor, 'mudar a situação de uma solicitação');
  if (args.fromStatus && args.fromStatus !== ticket.status) {
    // Someone else moved the ticket meanwhile (solved it, say); an older change must not undo that.
    throw new RuleViolation(
      'status_changed',
      `A situação desta solicitação mudou para ${TICKET_STATUS_LABELS[ticket.status]} depois que você a alterou. ` +
        'Confira a solicitação e mude a situação de novo, se ainda for o caso.',
    );
  }
  const status: TicketStatus = args.status;
  return {
    ticket: { ...ticket, status, updatedAt: context.now },
    event: eventOf(context, 'status', `Situação alterada de ${TICKET_STATUS_LABELS[ticket.status]} para ${TICKET_STATUS_LABELS[status]} por ${context.actor.name}`, {
      from: ticket.status,
      to: status,
    }),
  };
}

export const SOLUTION_TEXT_REQUIRED = 'Descreva a solução antes de concluir: o cliente lê este texto para saber o que foi feito.';

export function solveTicket(ticket: TicketState, args: MutationArgs<'ticket.solve'>, context: RuleContext): RuleOutcome {
  requireConsultant(context.actor, 'registrar a solução de uma solicitação');
  if (ticket.status === 'concluida') {
    // A second solution would silently replace the one the client may already have read.
    throw new RuleViolation(
      'ticket_already_concluded',
      'Esta solicitação já foi concluída, possivelmente por outro consultor. Leia a solução registrada; para mudá-la, reabra a solicitação antes.',
    );
  }
  if (!args.text.trim()) {
    // The client reads this text to learn what was done; "Finalizado" alone tells them nothing.
    throw new RuleViolation('solution_text_required', SOLUTION_TEXT_REQUIRED);
  }
  const solution = {
    finishedAt: context.now,
    result: args.result.trim(),
    text: args.text,
    authorName: context.actor.name,
  };
  return {
    ticket: { ...ticket, status: 'concluida', solution, updatedAt: context.now },
    event: eventOf(context, 'solved', `Solução registrada por ${context.actor.name}: ${solution.result}`, {
      from: ticket.status,
      solution,
    }),
  };
}

export function requireConsultant(actor: Actor, action: string): void {
  if (actor.role !== 'consultor') {
    throw new RuleViolation('forbidden', `Somente um consultor pode ${action}.`);
  }
}

function eventOf(context: RuleContext, kind: TicketEventKind, text: string, data: Record<string, unknown>) {
  return { kind, actorId: context.actor.id, actorName: context.actor.name, at: context.now, text, data };
}
