// Optimistic local state. Invariant: for every synced row, data_json equals the server's data
// (server_json) with the row's pending outbox actions applied in order. recompute() restores it
// after any change to either side: a user action, a pulled change or a rejected action.
//
// Most rows have no pending action, so their server copy equals data_json. Such a row stores
// server_json as '' (SERVER_COPY_SAME) instead of a second copy, which took the benchmark
// account's store from 577 MiB to 381 MiB. A null server_json still means the server has not acknowledged the row. Every
// statement that rewrites data_json writes the old value into server_json first (KEEP_SERVER_COPY).
import { checklistEntryId } from '../../../shared/domain';
import { computeDueAt } from '../../../shared/sla';
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
} from '../../../shared/ticketRules';
import type { ChecklistItemData, Mutation, SlaPolicyData, StageData } from '../../../shared/wire';
import { createLogger } from '../log';
import type { SqliteDatabase } from '../store/database';
import { pendingFor } from '../store/outbox';
import { cached } from '../store/statements';

const log = createLogger('optimistic');

/** server_json of a row whose server copy is data_json itself. */
export const SERVER_COPY_SAME = '';
/** SQL for a row's server copy: null for a row the server has not acknowledged. */
export const SERVER_COPY_SQL = `CASE WHEN server_json = '' THEN data_json ELSE server_json END`;
/** SET clause that keeps the server copy of a row whose data_json the same statement rewrites. */
const KEEP_SERVER_COPY = `server_json = ${SERVER_COPY_SQL}`;

export interface LocalContext {
  actor: Actor;
  /** The organization a new ticket belongs to: the active one for a consultant. */
  organizationId: string;
  policy: SlaPolicyData;
  /** How far the server's clock is ahead of this computer's, as last measured; null before any answer. */
  clockOffsetMs?: number | null;
}

export type SyncedTable = 'tickets' | 'checklist_items' | 'stages';
export type SyncedEntity = 'ticket' | 'checklistItem' | 'stage';

export const TABLE_OF: Record<SyncedEntity, SyncedTable> = {
  ticket: 'tickets',
  checklistItem: 'checklist_items',
  stage: 'stages',
};

/** Returns the row a mutation changes. */
export function targetOf(mutation: Mutation, actorId: string): { entity: SyncedEntity; id: string } {
  switch (mutation.name) {
    case 'checklist.set':
      return { entity: 'checklistItem', id: checklistEntryId(actorId, mutation.args.itemId) };
    case 'stage.set':
      return { entity: 'stage', id: mutation.args.stageId };
    default:
      return { entity: 'ticket', id: mutation.args.ticketId };
  }
}

function ruleContext(mutation: Mutation, context: LocalContext): RuleContext {
  return {
    actor: context.actor,
    // The user's own clock at the time they acted; the server replaces it with its own.
    now: mutation.createdAt,
    dueAt: (severity, clockStartedAt) => computeDueAt(context.policy, severity, new Date(clockStartedAt)).toISOString(),
  };
}

/** Applies one ticket mutation to a ticket state; returns null when the rule does not apply any more. */
export function reduceTicket(state: TicketState | null, mutation: Mutation, context: LocalContext): RuleOutcome | null {
  const rules = ruleContext(mutation, context);
  try {
    switch (mutation.name) {
      case 'ticket.create':
        // Already known, as after a lost response: the server's copy stands.
        if (state) return null;
        return createTicket(mutation.args, {
          ...rules,
          organizationId: mutation.args.organizationId ?? context.organizationId,
          protocol: null,
        });
      case 'ticket.reject':
        return state ? rejectTicket(state, mutation.args, rules) : null;
      case 'ticket.comment':
        return state ? commentOnTicket(state, mutation.args, rules) : null;
      case 'ticket.setStatus':
        return state ? setTicketStatus(state, mutation.args, rules) : null;
      case 'ticket.solve':
        return state ? solveTicket(state, mutation.args, rules) : null;
      default:
        return null;
    }
  } catch (error) {
    // The server will reject this action too; until then the row shows the server's state.
    if (error instanceof RuleViolation) return null;
    throw error;
  }
}

function reduceChecklist(
  state: ChecklistItemData | null,
  mutation: Extract<Mutation, { name: 'checklist.set' }>,
  context: LocalContext,
): ChecklistItemData {
  return {
    userId: context.actor.id,
    organizationId: state?.organizationId ?? context.organizationId,
    itemId: mutation.args.itemId,
    done: mutation.args.done,
    completedOn: mutation.args.done ? (mutation.args.completedOn ?? null) : null,
    note: mutation.args.note === undefined ? (state?.note ?? null) : mutation.args.note?.trim() || null,
    updatedAt: mutation.createdAt,
    // As the server records it, so the user's next setting names this one as its basis.
    editedBy: mutation.id,
  };
}

function reduceStage(state: StageData | null, mutation: Extract<Mutation, { name: 'stage.set' }>): StageData | null {
  if (!state) return null;
  const { args } = mutation;
  return {
    ...state,
    status: args.status,
    startedOn: args.startedOn === undefined ? state.startedOn : args.startedOn,
    completedOn: args.completedOn === undefined ? state.completedOn : args.completedOn,
    updatedAt: mutation.createdAt,
    editedBy: mutation.id,
  };
}

type RowState = TicketState | ChecklistItemData | StageData | null;

/** Applies one action to a row's state; an action that no longer applies leaves it unchanged. */
function reduceRow(entity: SyncedEntity, state: RowState, mutation: Mutation, context: LocalContext): RowState {
  switch (entity) {
    case 'ticket':
      return reduceTicket(state as TicketState | null, mutation, context)?.ticket ?? state;
    case 'checklistItem':
      return mutation.name === 'checklist.set' ? reduceChecklist(state as ChecklistItemData | null, mutation, context) : state;
    case 'stage':
      return mutation.name === 'stage.set' ? (reduceStage(state as StageData | null, mutation) ?? state) : state;
  }
}

export function readServerCopy(db: SqliteDatabase, entity: SyncedEntity, id: string): { exists: boolean; server: RowState } {
  const row = cached(db, `SELECT ${SERVER_COPY_SQL} AS server_json FROM ${TABLE_OF[entity]} WHERE id = ?`).get(id) as
    | { server_json: string | null }
    | undefined;
  return { exists: row !== undefined, server: row?.server_json ? (JSON.parse(row.server_json) as RowState) : null };
}

/** Recomputes one row's visible data from its server data and its pending actions. */
export function recompute(db: SqliteDatabase, entity: SyncedEntity, id: string, context: LocalContext): void {
  let state = readServerCopy(db, entity, id).server;
  for (const mutation of pendingFor(db, entity, id)) state = reduceRow(entity, state, mutation, context);

  switch (entity) {
    case 'ticket': {
      writeTicket(db, id, state as TicketState | null);
      return;
    }
    case 'checklistItem': {
      const item = state as ChecklistItemData | null;
      if (item) {
        cached(
          db,
          `INSERT INTO checklist_items (id, user_id, organization_id, item_id, data_json) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET data_json = excluded.data_json, ${KEEP_SERVER_COPY}`,
        ).run(id, item.userId, item.organizationId, item.itemId, JSON.stringify(item));
      } else {
        cached(db, 'DELETE FROM checklist_items WHERE id = ?').run(id);
      }
      return;
    }
    case 'stage': {
      if (state) cached(db, `UPDATE stages SET data_json = ?, ${KEEP_SERVER_COPY} WHERE id = ?`).run(JSON.stringify(state), id);
      return;
    }
  }
}

/**
 * Folds an action the server accepted into its row's server copy, so the row keeps the effect
 * until a pull brings the server's own copy. data_json needs no update, because push handles
 * results in outbox order: the accepted action was the first pending one of its row.
 */
export function foldIntoServerCopy(
  db: SqliteDatabase,
  entity: SyncedEntity,
  id: string,
  mutation: Mutation,
  context: LocalContext,
): void {
  const { exists, server } = readServerCopy(db, entity, id);
  if (!exists) return;
  const folded = reduceRow(entity, server, mutation, context);
  if (folded !== server) {
    cached(db, `UPDATE ${TABLE_OF[entity]} SET server_json = ? WHERE id = ?`).run(JSON.stringify(folded), id);
  }
}

function writeTicket(db: SqliteDatabase, id: string, state: TicketState | null): void {
  if (!state) {
    // A ticket the server never acknowledged and whose creation is no longer pending.
    cached(db, 'DELETE FROM tickets WHERE id = ? AND server_json IS NULL').run(id);
    cached(db, 'DELETE FROM ticket_events WHERE ticket_id = ? AND server_json IS NULL').run(id);
    return;
  }
  cached(
    db,
    `INSERT INTO tickets (id, organization_id, protocol, subject, status, created_at, due_at, data_json)
     VALUES (@id, @organizationId, @protocol, @subject, @status, @createdAt, @dueAt, @data)
     ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, protocol = excluded.protocol,
       subject = excluded.subject, status = excluded.status, created_at = excluded.created_at,
       due_at = excluded.due_at, data_json = excluded.data_json, ${KEEP_SERVER_COPY}`,
  ).run({
    id,
    organizationId: state.organizationId,
    protocol: state.protocol,
    subject: state.subject,
    status: state.status,
    createdAt: state.createdAt,
    dueAt: state.dueAt,
    data: JSON.stringify(state),
  });
}

/** Records the history entry of a new action, under the action's id, until the server's copy replaces it. */
export function insertOptimisticEvent(db: SqliteDatabase, mutation: Mutation, context: LocalContext): void {
  if (targetOf(mutation, context.actor.id).entity !== 'ticket') return;
  const ticketId = (mutation.args as { ticketId: string }).ticketId;
  const row = cached(db, 'SELECT data_json FROM tickets WHERE id = ?').get(ticketId) as { data_json: string } | undefined;
  const before = mutation.name === 'ticket.create' ? null : row ? (JSON.parse(row.data_json) as TicketState) : null;
  const outcome = reduceTicket(before, mutation, context);
  if (!outcome) {
    log.warn('no local history entry for action', { mutationId: mutation.id, name: mutation.name });
    return;
  }
  const event = { ...outcome.event, ticketId, organizationId: outcome.ticket.organizationId };
  cached(db, 'INSERT OR IGNORE INTO ticket_events (id, ticket_id, at, data_json) VALUES (?, ?, ?, ?)').run(
    mutation.id,
    ticketId,
    event.at,
    JSON.stringify(event),
  );
}

/** Drops the local history entry of an action the server rejected. */
export function dropOptimisticEvent(db: SqliteDatabase, mutationId: string): void {
  cached(db, 'DELETE FROM ticket_events WHERE id = ? AND server_json IS NULL').run(mutationId);
}
