// User actions. Each one writes its outbox row and its local effect in one transaction, so a
// crash can lose neither, and returns at once: the sync engine sends it when it can.
import type { TicketStatus } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { MUTATION_ARGS_SCHEMAS, type Mutation, type MutationArgs, type MutationName } from '../../shared/wire';
import type { SqliteDatabase } from './store/database';
import { getMeta, setMeta } from './store/meta';
import { dropReplacedActions, enqueue, pendingFor } from './store/outbox';
import { insertOptimisticEvent, readServerCopy, recompute, targetOf, type LocalContext, type SyncedEntity } from './sync/optimistic';
import { cached } from './store/statements';

export function performAction<N extends MutationName>(
  db: SqliteDatabase,
  context: LocalContext,
  name: N,
  args: MutationArgs<N>,
  now: Date = new Date(),
  /** False for an old action sent again: it must not drop settings the user made after it. */
  replacesUnsent = true,
): Mutation {
  // One computer's actions keep their order in time even if its clock is set back between them:
  // an edit made after another must not look older to the server. The order is kept on the
  // server's clock (createdAt moved by the offset the action carries), so an action made with a
  // clock that was wrong and then fixed does not push the later ones ahead with it. Without a
  // known offset this computer cannot compute the server's time, so the server dates such an
  // action with the offset it measures on arrival, from this computer's clock as it is then.
  const offset = context.clockOffsetMs;
  const last = Date.parse(getMeta(db, 'lastActionAt') ?? '');
  const createdAt = offset !== null && offset !== undefined && last >= now.getTime() + offset ? new Date(last + 1 - offset) : now;
  const mutation = { id: newId(), name, args, createdAt: createdAt.toISOString() } as Mutation;
  const target = targetOf(mutation, context.actor.id);
  db.transaction(() => {
    if (name === 'checklist.set' || name === 'stage.set') {
      // A setting that states every field replaces the unsent older ones for the same item, and
      // is made on what the first of them was made on. One that leaves a field out ("keep the
      // stored value") stays beside them, made on the last of them: carrying an older note into
      // it would present that note as part of the newer edit.
      const replaced = replacesUnsent && setsEveryField(name, args) ? dropReplacedActions(db, name, target) : [];
      const basedOn = replaced.length > 0 ? ((replaced[0]!.basedOn as string | null | undefined) ?? null) : lastEditSeen(db, target);
      mutation.args = { ...args, basedOn } as never;
    }
    enqueue(db, mutation, target, context.clockOffsetMs ?? null);
    if (offset !== null && offset !== undefined) setMeta(db, 'lastActionAt', new Date(createdAt.getTime() + offset).toISOString());
    // The history entry is computed from the state before the action, so it goes first.
    insertOptimisticEvent(db, mutation, context);
    recompute(db, target.entity, target.id, context);
  })();
  return mutation;
}

function setsEveryField(name: 'checklist.set' | 'stage.set', args: object): boolean {
  const given = args as Record<string, unknown>;
  return Object.keys(MUTATION_ARGS_SCHEMAS[name].shape).every((key) => key === 'basedOn' || given[key] !== undefined);
}

/**
 * Returns the id of the edit the user sees on a checklist item or stage: their own last setting still waiting to be
 * sent, or else the server's last edit as last pulled (null if it was never edited).
 */
function lastEditSeen(db: SqliteDatabase, target: { entity: SyncedEntity; id: string }): string | null {
  const pending = pendingFor(db, target.entity, target.id).at(-1);
  if (pending) return pending.id;
  const server = readServerCopy(db, target.entity, target.id).server as { editedBy?: string } | null;
  return server?.editedBy ?? null;
}

/** Loads a ticket's current local state or fails with a pt-BR message. */
export function requireTicket(
  db: SqliteDatabase,
  ticketId: string,
): { status: TicketStatus; organizationId: string; solution: { finishedAt: string } | null } {
  const row = cached(db, 'SELECT data_json FROM tickets WHERE id = ?').get(ticketId) as { data_json: string } | undefined;
  if (!row) throw AppError.of('not_found');
  return JSON.parse(row.data_json) as { status: TicketStatus; organizationId: string; solution: { finishedAt: string } | null };
}
