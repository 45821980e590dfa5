// The "Não sincronizado" list: actions the server rejected, described in the user's words with
// the text they wrote, so that they can copy it, try again or discard it. Nothing here is ever
// deleted except by the user's own "Descartar".
import { CHECKLIST_ITEMS, STAGE_LABELS, STAGE_STATUS_LABELS, TICKET_STATUS_LABELS } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { formatCalendarDate } from '../../shared/format';
import type { UnsyncedActionView } from '../../shared/ipc';
import { parseMutation, type Mutation, type StageData } from '../../shared/wire';
import { performAction } from './actions';
import type { SqliteDatabase } from './store/database';
import { deleteUnsynced, listUnsynced, type UnsyncedRow } from './store/outbox';
import { cached } from './store/statements';
import { targetOf, type LocalContext } from './sync/optimistic';
import type { TicketStatus } from '../../shared/domain';

function ticketLabel(db: SqliteDatabase, ticketId: string): string {
  const row = cached(db, 'SELECT protocol, subject FROM tickets WHERE id = ?').get(ticketId) as
    | { protocol: number | null; subject: string }
    | undefined;
  if (!row) return 'uma solicitação que não está mais neste computador';
  return row.protocol ? `${row.protocol} – ${row.subject}` : row.subject;
}

/** Describes an action as the user would: a title, and the text they wrote (possibly empty). */
export function describeAction(db: SqliteDatabase, mutation: Mutation): { title: string; text: string } {
  switch (mutation.name) {
    case 'ticket.create': {
      const { subject, description } = mutation.args;
      return { title: `Nova solicitação: ${subject}`, text: `Assunto: ${subject}\n\nDescrição:\n${description}` };
    }
    case 'ticket.comment':
      return { title: `Comentário na solicitação ${ticketLabel(db, mutation.args.ticketId)}`, text: mutation.args.text };
    case 'ticket.reject':
      return { title: `Rejeição da solicitação ${ticketLabel(db, mutation.args.ticketId)}`, text: mutation.args.reason };
    case 'ticket.solve':
      return {
        title: `Solução da solicitação ${ticketLabel(db, mutation.args.ticketId)}`,
        text: `Resultado: ${mutation.args.result}\n\n${mutation.args.text}`,
      };
    case 'ticket.setStatus':
      return {
        title: `Situação ${TICKET_STATUS_LABELS[mutation.args.status]} na solicitação ${ticketLabel(db, mutation.args.ticketId)}`,
        text: '',
      };
    case 'checklist.set': {
      const item = CHECKLIST_ITEMS.find((candidate) => candidate.id === mutation.args.itemId);
      const state = mutation.args.done
        ? `Concluída${mutation.args.completedOn ? ` em ${formatCalendarDate(mutation.args.completedOn)}` : ''}`
        : 'Não concluída';
      const note = mutation.args.note ? `\nObservação: ${mutation.args.note}` : '';
      return { title: `Checklist: ${mutation.args.itemId} – ${item?.title ?? ''}`, text: `${state}${note}` };
    }
    case 'stage.set': {
      const row = cached(db, 'SELECT data_json FROM stages WHERE id = ?').get(mutation.args.stageId) as { data_json: string } | undefined;
      const stage = row ? (JSON.parse(row.data_json) as StageData) : null;
      return {
        title: `Etapa ${stage ? STAGE_LABELS[stage.key] : 'da implantação'}`,
        text: STAGE_STATUS_LABELS[mutation.args.status],
      };
    }
  }
}

function toMutation(row: UnsyncedRow): Mutation | null {
  let args: unknown;
  try {
    args = JSON.parse(row.argsJson);
  } catch {
    return null;
  }
  const parsed = parseMutation({ id: row.id, name: row.name, args, createdAt: row.createdAt });
  return parsed.ok ? parsed.mutation : null;
}

export function listUnsyncedActions(db: SqliteDatabase): UnsyncedActionView[] {
  return listUnsynced(db).map((row) => {
    const mutation = toMutation(row);
    const described = mutation ? describeAction(db, mutation) : { title: 'Ação que não pode mais ser lida', text: row.argsJson };
    return {
      id: row.id,
      name: row.name,
      title: described.title,
      text: described.text,
      errorCode: row.errorCode,
      errorMessage: row.errorMessage,
      createdAt: row.createdAt,
      rejectedAt: row.rejectedAt,
      canRetry: mutation !== null,
    };
  });
}

/**
 * Sends a rejected action again as a new action (a new id and time): the server never recorded
 * the rejected id as applied, and a checklist edit retried now is the participant's latest edit.
 */
export function retryUnsynced(db: SqliteDatabase, id: string, context: LocalContext, now: Date): string {
  const row = listUnsynced(db).find((candidate) => candidate.id === id);
  if (!row) throw AppError.of('not_found');
  const mutation = toMutation(row);
  if (!mutation) throw new AppError('invalid_local_action', 'Esta ação não pode ser enviada de novo. Copie o texto e refaça a ação.');
  let args = mutation.args as Record<string, unknown>;
  if (mutation.name === 'ticket.reject') {
    // Sending it again is a decision about the solution the user sees now.
    const ticket = cached(db, 'SELECT data_json FROM tickets WHERE id = ?').get(mutation.args.ticketId) as { data_json: string } | undefined;
    const finishedAt = ticket ? (JSON.parse(ticket.data_json) as { solution: { finishedAt: string } | null }).solution?.finishedAt : undefined;
    const { solutionFinishedAt: _seen, ...rest } = args;
    args = finishedAt ? { ...rest, solutionFinishedAt: finishedAt } : rest;
  }
  if (mutation.name === 'ticket.setStatus') {
    // Likewise, a status change sent again changes the status the user sees now.
    const ticket = cached(db, 'SELECT status FROM tickets WHERE id = ?').get(mutation.args.ticketId) as { status: TicketStatus } | undefined;
    args = { ...args, ...(ticket ? { fromStatus: ticket.status } : {}) };
  }
  // Queued behind everything waiting and replacing none of it: the user may have changed the
  // same item again since this action was rejected.
  return db.transaction(() => {
    const sent = performAction(db, context, mutation.name, args as never, now, false);
    deleteUnsynced(db, id);
    return sent.id;
  })();
}

/**
 * Queues again the actions that pushes since the last pull rejected because a server restore
 * took something away, once the resent actions bring it back. These are a ticket whose
 * attachment the restored server lost, a comment or rejection of a ticket whose creation is
 * resent, and a checklist or stage setting made on a resent edit. Only `rejectedIds` are
 * considered, so a conflict the user saw before the restore stays theirs to decide. Returns how
 * many were queued.
 */
export function retryRejectedForResentActions(db: SqliteDatabase, context: LocalContext, now: Date, rejectedIds: ReadonlySet<string>): number {
  const candidates = () => listUnsynced(db).filter((row) => rejectedIds.has(row.id));
  // Ids that are queued again: resent actions, and rejected ones retried here (a setting made on
  // another rejected setting follows it).
  const queued = new Set((cached(db, 'SELECT id FROM outbox').all() as Array<{ id: string }>).map((row) => row.id));
  let retried = 0;
  const retriedAs = new Set<string>();

  // First what brings things back (tickets, settings), repeated while one retry enables another;
  // then what depends on them (comments).
  for (let progress = true; progress; ) {
    progress = false;
    for (const row of candidates()) {
      const args = JSON.parse(row.argsJson) as { basedOn?: unknown };
      const lostUpload = row.errorCode === 'attachment_not_uploaded';
      const lostBasis = row.errorCode === 'superseded' && typeof args.basedOn === 'string' && queued.has(args.basedOn);
      if (!lostUpload && !lostBasis) continue;
      // A setting the user has changed again since (a waiting action on the same item, not one
      // resent from the log) stays rejected: sending the older one now would overwrite the newer.
      if (lostBasis && hasNewerWaitingAction(db, row, context, retriedAs)) continue;
      retriedAs.add(retryUnsynced(db, row.id, context, now));
      queued.add(row.id);
      retried += 1;
      progress = true;
    }
  }
  const createdTickets = new Set(
    (cached(db, `SELECT entity_id FROM outbox WHERE name = 'ticket.create'`).all() as Array<{ entity_id: string }>).map((row) => row.entity_id),
  );
  for (const row of candidates()) {
    if (row.errorCode !== 'ticket_not_found') continue;
    const ticketId = (JSON.parse(row.argsJson) as { ticketId?: unknown }).ticketId;
    if (typeof ticketId !== 'string' || !createdTickets.has(ticketId)) continue;
    retryUnsynced(db, row.id, context, now);
    retried += 1;
  }
  return retried;
}

/** Tells whether the user queued another action on the same item, apart from resent ones and `retried`. */
function hasNewerWaitingAction(db: SqliteDatabase, row: UnsyncedRow, context: LocalContext, retried: ReadonlySet<string>): boolean {
  const mutation = toMutation(row);
  if (!mutation) return false;
  const target = targetOf(mutation, context.actor.id);
  const waiting = cached(db, 'SELECT id FROM outbox WHERE entity = ? AND entity_id = ? AND id NOT IN (SELECT id FROM acknowledged)').all(
    target.entity,
    target.id,
  ) as Array<{ id: string }>;
  return waiting.some((action) => !retried.has(action.id));
}

export function discardUnsynced(db: SqliteDatabase, id: string): void {
  if (!deleteUnsynced(db, id)) throw AppError.of('not_found');
}
