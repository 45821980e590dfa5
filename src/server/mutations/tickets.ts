// Ticket mutations on the server: the shared rules decide the effect; this file assigns the
// protocol and the server's times, checks visibility and stores the result.
import {
  commentOnTicket,
  createTicket,
  rejectTicket,
  RuleViolation,
  setTicketStatus,
  solveTicket,
  type Actor,
  type RuleContext,
  type RuleOutcome,
  type TicketState,
} from '../../shared/ticketRules';
import { computeDueAt, DEFAULT_SLA_POLICY } from '../../shared/sla';
import type { AttachmentRef, MutationArgs, SlaPolicyData, TicketData, TicketEventData } from '../../shared/wire';
import type { AuthContext } from '../auth/sessions';
import { nextCounter, readDocument, writeDocument, type Trx } from '../sync/documents';
import type { MutationHandler } from './index';

export const SLA_POLICY_ID = 'default';

async function ruleContext(trx: Trx, auth: AuthContext): Promise<RuleContext> {
  const policyDoc = await readDocument<SlaPolicyData>(trx, 'slaPolicy', SLA_POLICY_ID);
  const policy = policyDoc?.data ?? DEFAULT_SLA_POLICY;
  const actor: Actor = { id: auth.user.id, name: auth.user.name, role: auth.user.role };
  return {
    actor,
    now: new Date().toISOString(),
    dueAt: (severity, clockStartedAt) => computeDueAt(policy, severity, new Date(clockStartedAt)).toISOString(),
  };
}

/** Loads a ticket the user may see; any other ticket is reported as not found. */
async function loadVisibleTicket(trx: Trx, auth: AuthContext, ticketId: string): Promise<TicketData> {
  const doc = await readDocument<TicketData>(trx, 'ticket', ticketId);
  if (!doc || doc.deleted || !doc.organizationId || !auth.organizationIds.includes(doc.organizationId)) {
    throw new RuleViolation('ticket_not_found', 'Solicitação não encontrada ou sem permissão de acesso para este usuário.');
  }
  return doc.data;
}

async function store(trx: Trx, ticketId: string, outcome: RuleOutcome, eventId: string): Promise<void> {
  const ticket = outcome.ticket as TicketData;
  await writeDocument(trx, { entity: 'ticket', id: ticketId, organizationId: ticket.organizationId, data: ticket });
  const event: TicketEventData = { ...outcome.event, ticketId, organizationId: ticket.organizationId };
  // The event takes the mutation's id, so the client's optimistic event is replaced, not doubled.
  await writeDocument(trx, { entity: 'ticketEvent', id: eventId, organizationId: ticket.organizationId, data: event });
}

/**
 * Accepts an attachment reference only when its blob is stored with the same size and the user
 * either uploaded those bytes or already sees a ticket that references them. A blob the user may
 * not use is reported as not uploaded, so the answer does not reveal that someone else sent it.
 */
async function requireAttachable(trx: Trx, auth: AuthContext, attachment: AttachmentRef): Promise<void> {
  const notUploaded = new RuleViolation(
    'attachment_not_uploaded',
    `O anexo "${attachment.fileName}" ainda não foi enviado ao servidor. Envie o arquivo antes da solicitação.`,
  );
  const stored = await trx.selectFrom('attachments').select('size').where('sha256', '=', attachment.sha256).executeTakeFirst();
  if (!stored) throw notUploaded;
  const uploadedByUser = await trx
    .selectFrom('attachment_uploads')
    .select('sha256')
    .where('sha256', '=', attachment.sha256)
    .where('user_id', '=', auth.user.id)
    .executeTakeFirst();
  const visibleReference = uploadedByUser
    ? undefined
    : await trx
        .selectFrom('ticket_attachments')
        .select('sha256')
        .where('sha256', '=', attachment.sha256)
        .where('organization_id', 'in', auth.organizationIds.length ? auth.organizationIds : [''])
        .executeTakeFirst();
  if (!uploadedByUser && !visibleReference) throw notUploaded;
  if (stored.size !== attachment.size) {
    throw new RuleViolation(
      'attachment_size_mismatch',
      `O anexo "${attachment.fileName}" tem ${stored.size} bytes no servidor, não ${attachment.size}. Anexe o arquivo de novo.`,
    );
  }
}

export const createTicketMutation: MutationHandler<'ticket.create'> = async (trx, mutation, auth) => {
  const { args } = mutation;
  const organizationId = args.organizationId ?? auth.user.organization_id;
  if (!auth.organizationIds.includes(organizationId)) {
    throw new RuleViolation('forbidden', 'Você não atende a organização indicada nesta solicitação.');
  }
  const existing = await readDocument(trx, 'ticket', args.ticketId);
  if (existing) throw new RuleViolation('ticket_exists', 'Já existe uma solicitação com este identificador.');
  for (const attachment of args.attachments ?? []) await requireAttachable(trx, auth, attachment);
  const context = await ruleContext(trx, auth);
  const protocol = await nextCounter(trx, 'protocol');
  const outcome = createTicket(args, { ...context, organizationId, protocol });
  for (const attachment of args.attachments ?? []) {
    await trx
      .insertInto('ticket_attachments')
      .values({ ticket_id: args.ticketId, sha256: attachment.sha256, organization_id: organizationId })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  }
  await store(trx, args.ticketId, outcome, mutation.id);
};

type TicketUpdateName = 'ticket.reject' | 'ticket.comment' | 'ticket.setStatus' | 'ticket.solve';

function updateWith<N extends TicketUpdateName>(
  rule: (ticket: TicketState, args: MutationArgs<N>, context: RuleContext) => RuleOutcome,
): MutationHandler<N> {
  return async (trx, mutation, auth) => {
    const { args } = mutation;
    const ticket = await loadVisibleTicket(trx, auth, args.ticketId);
    const outcome = rule(ticket, args, await ruleContext(trx, auth));
    await store(trx, args.ticketId, outcome, mutation.id);
  };
}

export const rejectTicketMutation = updateWith<'ticket.reject'>(rejectTicket);
export const commentTicket = updateWith<'ticket.comment'>(commentOnTicket);
export const setTicketStatusMutation = updateWith<'ticket.setStatus'>(setTicketStatus);
export const solveTicketMutation = updateWith<'ticket.solve'>(solveTicket);
