// The outbox: actions the user took that the server has not confirmed, in order. A row leaves
// the outbox only when the server answers "applied" or "duplicate" (deleted) or "rejected"
// (moved to the unsynced list with the user's text), never on a network error.
import { parseMutation, type Mutation, type MutationError } from '../../../shared/wire';
import type { SqliteDatabase } from './database';
import { cached } from './statements';

export interface OutboxRow {
  seq: number;
  mutation: Mutation;
  attempts: number;
  lastError: string | null;
  /** The server's clock offset when the user acted, or null when it was not known then. */
  clockOffsetMs: number | null;
}

interface RawOutboxRow {
  seq: number;
  id: string;
  name: string;
  args_json: string;
  created_at: string;
  attempts: number;
  last_error: string | null;
  clock_offset_ms: number | null;
}

const toRow = (raw: RawOutboxRow): OutboxRow => ({
  seq: raw.seq,
  mutation: { id: raw.id, name: raw.name, args: JSON.parse(raw.args_json), createdAt: raw.created_at } as Mutation,
  attempts: raw.attempts,
  lastError: raw.last_error,
  clockOffsetMs: raw.clock_offset_ms,
});

/**
 * Checks a stored action before it is sent. A row that no longer parses (damaged on disk, or
 * written by a version with other arguments) cannot succeed, so it must not block the ones after it.
 */
export function parseOutboxRow(raw: { id: string; name: string; args_json: string; created_at: string }): Mutation | null {
  let args: unknown;
  try {
    args = JSON.parse(raw.args_json);
  } catch {
    return null;
  }
  const parsed = parseMutation({ id: raw.id, name: raw.name, args, createdAt: raw.created_at });
  return parsed.ok ? parsed.mutation : null;
}

/** The next actions to send, in order; `invalid` lists the ids of rows that cannot be sent. */
export function nextBatch(db: SqliteDatabase, limit: number): { valid: OutboxRow[]; invalid: string[] } {
  const rows = cached(db, 'SELECT * FROM outbox ORDER BY seq LIMIT ?').all(limit) as RawOutboxRow[];
  const valid: OutboxRow[] = [];
  const invalid: string[] = [];
  for (const raw of rows) {
    const mutation = parseOutboxRow(raw);
    if (mutation) {
      valid.push({ seq: raw.seq, mutation, attempts: raw.attempts, lastError: raw.last_error, clockOffsetMs: raw.clock_offset_ms });
    }
    else invalid.push(raw.id);
  }
  return { valid, invalid };
}

/**
 * Drops older, never-sent actions that a new one replaces (setting the same checklist item or
 * stage again, with every field stated) and returns their arguments, oldest first. Actions
 * already sent once stay, because the server may have applied them and their answer may still
 * be on its way.
 */
export function dropReplacedActions(
  db: SqliteDatabase,
  name: string,
  target: { entity: string; id: string },
): Array<Record<string, unknown>> {
  const rows = cached(
    db,
    'SELECT id, args_json FROM outbox WHERE name = ? AND entity = ? AND entity_id = ? AND attempts = 0 ORDER BY seq',
  ).all(name, target.entity, target.id) as Array<{ id: string; args_json: string }>;
  for (const row of rows) removeFromOutbox(db, row.id);
  return rows.map((row) => JSON.parse(row.args_json) as Record<string, unknown>);
}

export function enqueue(
  db: SqliteDatabase,
  mutation: Mutation,
  target: { entity: string; id: string },
  clockOffsetMs: number | null = null,
): void {
  cached(
    db,
    'INSERT INTO outbox (id, name, args_json, created_at, entity, entity_id, clock_offset_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(mutation.id, mutation.name, JSON.stringify(mutation.args), mutation.createdAt, target.entity, target.id, clockOffsetMs);
}

export function peekOutbox(db: SqliteDatabase, limit: number): OutboxRow[] {
  return (cached(db, 'SELECT * FROM outbox ORDER BY seq LIMIT ?').all(limit) as RawOutboxRow[]).map(toRow);
}

export function pendingFor(db: SqliteDatabase, entity: string, entityId: string): Mutation[] {
  return (
    cached(db, 'SELECT * FROM outbox WHERE entity = ? AND entity_id = ? ORDER BY seq').all(entity, entityId) as RawOutboxRow[]
  ).map((raw) => toRow(raw).mutation);
}

/** Returns the ids of the entities of one kind that have actions waiting. */
export function pendingEntityIds(db: SqliteDatabase, entity: string): Set<string> {
  const rows = cached(db, 'SELECT DISTINCT entity_id FROM outbox WHERE entity = ?').all(entity) as Array<{ entity_id: string }>;
  return new Set(rows.map((row) => row.entity_id));
}

export function unsyncedIds(db: SqliteDatabase): string[] {
  return (cached(db, 'SELECT id FROM unsynced').all() as Array<{ id: string }>).map((row) => row.id);
}

export function outboxCount(db: SqliteDatabase): number {
  return (cached(db, 'SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
}

export function targetOfOutboxRow(db: SqliteDatabase, id: string): { entity: string; id: string } | null {
  const row = cached(db, 'SELECT entity, entity_id FROM outbox WHERE id = ?').get(id) as
    | { entity: string; entity_id: string }
    | undefined;
  return row ? { entity: row.entity, id: row.entity_id } : null;
}

export function removeFromOutbox(db: SqliteDatabase, id: string): void {
  cached(db, 'DELETE FROM outbox WHERE id = ?').run(id);
}

/**
 * Counts an attempt for actions about to be sent. From here on they are on the wire and may be
 * applied, so a later setting of the same item no longer replaces them (dropReplacedActions).
 */
export function markSending(db: SqliteDatabase, ids: string[], at: string): void {
  const statement = cached(db, 'UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ? WHERE id = ?');
  db.transaction(() => {
    for (const id of ids) statement.run(at, id);
  })();
}

/** Records why sending failed, for actions whose attempt markSending already counted. */
export function recordSendError(db: SqliteDatabase, ids: string[], error: string): void {
  const statement = cached(db, 'UPDATE outbox SET last_error = ? WHERE id = ?');
  for (const id of ids) statement.run(error, id);
}

/** Moves a rejected action to the unsynced list, keeping its arguments (the user's text). */
export function moveToUnsynced(db: SqliteDatabase, id: string, error: MutationError, at: string): void {
  cached(
    db,
    `INSERT OR REPLACE INTO unsynced (id, name, args_json, created_at, error_code, error_message, rejected_at)
     SELECT id, name, args_json, created_at, ?, ?, ? FROM outbox WHERE id = ?`,
  ).run(error.code, error.message, at, id);
  removeFromOutbox(db, id);
}

export function unsyncedCount(db: SqliteDatabase): number {
  return (cached(db, 'SELECT count(*) AS n FROM unsynced').get() as { n: number }).n;
}

export interface UnsyncedRow {
  id: string;
  name: string;
  argsJson: string;
  createdAt: string;
  errorCode: string;
  errorMessage: string;
  rejectedAt: string;
}

export function listUnsynced(db: SqliteDatabase): UnsyncedRow[] {
  const rows = cached(db, 'SELECT * FROM unsynced ORDER BY rejected_at DESC, created_at DESC').all() as Array<{
    id: string;
    name: string;
    args_json: string;
    created_at: string;
    error_code: string;
    error_message: string;
    rejected_at: string;
  }>;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    argsJson: row.args_json,
    createdAt: row.created_at,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    rejectedAt: row.rejected_at,
  }));
}

export function deleteUnsynced(db: SqliteDatabase, id: string): boolean {
  return cached(db, 'DELETE FROM unsynced WHERE id = ?').run(id).changes > 0;
}

/** Days an acknowledged action is kept for a resend after a server restore. */
export const ACKNOWLEDGED_KEEP_DAYS = 30;

/** Moves an action the server acknowledged from the outbox to the acknowledged log. */
export function acknowledgeAction(db: SqliteDatabase, id: string, at: string): void {
  cached(
    db,
    `INSERT OR REPLACE INTO acknowledged (id, name, args_json, created_at, entity, entity_id, clock_offset_ms, acknowledged_at)
     SELECT id, name, args_json, created_at, entity, entity_id, clock_offset_ms, ? FROM outbox WHERE id = ?`,
  ).run(at, id);
  removeFromOutbox(db, id);
}

export function isAcknowledged(db: SqliteDatabase, id: string): boolean {
  return cached(db, 'SELECT 1 FROM acknowledged WHERE id = ?').get(id) !== undefined;
}

/** Deletes the log entries older than ACKNOWLEDGED_KEEP_DAYS before `now`, a time on the server's clock. */
export function pruneAcknowledged(db: SqliteDatabase, now: Date): void {
  const cutoff = new Date(now.getTime() - ACKNOWLEDGED_KEEP_DAYS * 86_400_000).toISOString();
  cached(db, 'DELETE FROM acknowledged WHERE acknowledged_at < ?').run(cutoff);
}

/**
 * Queues again every acknowledged action not already waiting, in the order the user took them,
 * after the server's data went back in time. Returns how many were queued. They go ahead of the
 * actions still waiting, which the user took after them and which may depend on them (a comment
 * on a ticket the restore lost). The server answers "duplicate" for those it still has and
 * applies the ones the restore lost.
 */
export function requeueAcknowledged(db: SqliteDatabase): number {
  const first = (cached(db, 'SELECT coalesce(min(seq), 1) AS seq FROM outbox').get() as { seq: number }).seq;
  const rows = cached(
    db,
    // Rowid order is the order the server acknowledged them, which is the order they were taken
    // in. created_at is not used, because this computer's clock may have been set back in between.
    'SELECT id, name, args_json, created_at, entity, entity_id, clock_offset_ms FROM acknowledged WHERE id NOT IN (SELECT id FROM outbox) ORDER BY rowid',
  ).all() as Array<Record<string, unknown>>;
  const insert = cached(
    db,
    // attempts = 1: they were sent before, so a new setting of the same item must not replace them.
    `INSERT INTO outbox (seq, id, name, args_json, created_at, entity, entity_id, clock_offset_ms, attempts)
     VALUES (@seq, @id, @name, @args_json, @created_at, @entity, @entity_id, @clock_offset_ms, 1)`,
  );
  rows.forEach((row, index) => insert.run({ ...row, seq: first - rows.length + index }));
  return rows.length;
}
