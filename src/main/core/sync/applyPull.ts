// Applies one pulled page to the local database in a single transaction together with the new
// cursor: after a crash the page is either fully applied with its cursor or not at all.
import {
  ENTITY_DATA_SCHEMAS,
  type ChangeEnvelope,
  type PullResponse,
} from '../../../shared/wire';
import type { SqliteDatabase } from '../store/database';
import { setMeta } from '../store/meta';
import { pendingEntityIds } from '../store/outbox';
import { recompute, SERVER_COPY_SAME, TABLE_OF, type LocalContext, type SyncedEntity } from './optimistic';
import { cached } from '../store/statements';
import { flushSearchIndex } from '../store/searchIndex';

const SYNCED: ReadonlySet<string> = new Set<SyncedEntity>(['ticket', 'checklistItem', 'stage']);
const REFERENCE: ReadonlySet<string> = new Set(['contact', 'slaPolicy', 'organization', 'user', 'policy']);

/**
 * Work that a page's writes leave for the end of the page. Pulled rows skip the triggers that mark
 * tickets for the search index and test history entries for notifications (local migration 8),
 * because running them row by row cost more than a first sync's rows themselves.
 */
class PageEffects {
  /** Tickets whose search row must be rebuilt. */
  readonly searchMarks = new Set<string>();
  /** History entries inserted by this page, to test against the notification rule. */
  readonly newEvents: string[] = [];

  constructor(
    /** False during a first sync: its history is not news (see migration 2). */
    readonly notify: boolean,
  ) {}

  static start(db: SqliteDatabase): PageEffects {
    return new PageEffects(cached(db, `SELECT 1 FROM meta WHERE key = 'lastSyncAt'`).get() !== undefined);
  }

  /**
   * Marks the page's tickets and raises its notifications. Returns the entries whose ticket has
   * not arrived yet, to test again after later pages: the server sends a ticket at its latest
   * version, so its first entries can come pages before it.
   */
  finish(db: SqliteDatabase): Set<string> {
    const mark = cached(db, 'INSERT OR IGNORE INTO search_dirty (ticket_id) VALUES (?)');
    for (const ticketId of this.searchMarks) mark.run(ticketId);
    const waiting = new Set([...(waitingForTicket.get(db) ?? []), ...this.newEvents]);
    const notify = cached(db, NOTIFY_SQL);
    const ticketOf = cached(db, 'SELECT t.id FROM ticket_events e LEFT JOIN tickets t ON t.id = e.ticket_id WHERE e.id = ?');
    for (const eventId of waiting) {
      const row = ticketOf.get(eventId) as { id: string | null } | undefined;
      if (row?.id === null) continue;
      // The entry is gone, or its ticket is here and the rule decides.
      if (row) notify.run(eventId);
      waiting.delete(eventId);
    }
    return waiting;
  }
}

/**
 * History entries of this connection waiting for their ticket, kept in memory: after a restart
 * such an entry raises no notification, which costs a notice and never data.
 */
const waitingForTicket = new WeakMap<SqliteDatabase, Set<string>>();

/** Keeps at most this many waiting entries, so entries of a ticket that never comes are dropped. */
const MAX_WAITING = 10_000;

function keepWaiting(db: SqliteDatabase, waiting: Set<string>): void {
  const newest = [...waiting].slice(-MAX_WAITING);
  waitingForTicket.set(db, new Set(newest));
}

// A pulled history entry becomes a notification when someone else made it and the ticket is the
// user's (a consultant's are all they see). The rule is the one of migration 2's trigger.
const NOTIFY_SQL = `INSERT OR IGNORE INTO notifications (id, ticket_id, kind, actor_name, text, at)
  SELECT e.id, e.ticket_id, json_extract(e.data_json, '$.kind'), json_extract(e.data_json, '$.actorName'),
    json_extract(e.data_json, '$.text'), json_extract(e.data_json, '$.at')
  FROM ticket_events e
  WHERE e.id = ?
    AND json_extract(e.data_json, '$.kind') IN ('status', 'solved', 'comment', 'rejected', 'created')
    AND json_extract(e.data_json, '$.actorId') IS NOT (SELECT value FROM meta WHERE key = 'userId')
    AND EXISTS (
      SELECT 1 FROM tickets t WHERE t.id = e.ticket_id
        AND ((SELECT value FROM meta WHERE key = 'userRole') = 'consultor'
             OR t.created_by_id = (SELECT value FROM meta WHERE key = 'userId'))
    )`;

export interface PullApplyResult {
  /** Entities that changed, so the UI refetches only what it shows. */
  entities: Set<string>;
  /** Changes kept for a newer version of the app. */
  unknown: number;
}

/** Entity schemas by name; tests pass a shorter list to play an older version of the app. */
export type EntitySchemas = Record<string, { safeParse(data: unknown): { success: boolean } }>;

export function applyPullPage(
  db: SqliteDatabase,
  page: PullResponse,
  context: LocalContext,
  schemas: EntitySchemas = ENTITY_DATA_SCHEMAS,
): PullApplyResult {
  const result: PullApplyResult = { entities: new Set(), unknown: 0 };
  let waiting: Set<string> | null = null;
  // A pulled page need not survive a power loss: its cursor is in the same transaction, so a
  // lost page is pulled again. Skipping its fsync (WAL with synchronous=NORMAL stays consistent)
  // makes a large first sync about twice as fast. User actions keep synchronous=FULL.
  db.pragma('synchronous = NORMAL');
  try {
    db.transaction(() => {
      const pending = {
        ticket: pendingEntityIds(db, 'ticket'),
        checklistItem: pendingEntityIds(db, 'checklistItem'),
        stage: pendingEntityIds(db, 'stage'),
      };
      const effects = PageEffects.start(db);
      for (const change of page.changes) {
        if (applyChange(db, change, context, pending, effects, result, schemas)) result.entities.add(change.entity);
      }
      waiting = effects.finish(db);
      flushSearchIndex(db);
      setMeta(db, 'cursor', page.cursor);
    })();
  } finally {
    db.pragma('synchronous = FULL');
  }
  // Only a committed page changes what waits: a page rolled back is pulled again.
  if (waiting) keepWaiting(db, waiting);
  return result;
}

/**
 * Applies the changes kept in unknown_changes that this version of the app now understands,
 * after an update taught it a new entity or field. Runs at start-up; the rest stay kept.
 */
export function replayKeptChanges(
  db: SqliteDatabase,
  context: LocalContext,
  schemas: EntitySchemas = ENTITY_DATA_SCHEMAS,
): PullApplyResult {
  const result: PullApplyResult = { entities: new Set(), unknown: 0 };
  const kept = cached(db, 'SELECT entity, id, version, deleted, data_json FROM unknown_changes ORDER BY version').all() as Array<{
    entity: string;
    id: string;
    version: number;
    deleted: number;
    data_json: string;
  }>;
  if (kept.length === 0) return result;
  let waiting: Set<string> | null = null;
  db.transaction(() => {
    const pending = {
      ticket: pendingEntityIds(db, 'ticket'),
      checklistItem: pendingEntityIds(db, 'checklistItem'),
      stage: pendingEntityIds(db, 'stage'),
    };
    const effects = PageEffects.start(db);
    for (const row of kept) {
      const change: ChangeEnvelope = {
        entity: row.entity,
        id: row.id,
        version: row.version,
        deleted: row.deleted === 1,
        data: JSON.parse(row.data_json) as unknown,
      };
      const schema = schemas[row.entity];
      if (!schema || (!change.deleted && !schema.safeParse(change.data).success)) continue;
      if (applyChange(db, change, context, pending, effects, result, schemas)) result.entities.add(change.entity);
      cached(db, 'DELETE FROM unknown_changes WHERE entity = ? AND id = ? AND version = ?').run(row.entity, row.id, row.version);
    }
    waiting = effects.finish(db);
  })();
  if (waiting) keepWaiting(db, waiting);
  return result;
}

function applyChange(
  db: SqliteDatabase,
  change: ChangeEnvelope,
  context: LocalContext,
  pending: Record<SyncedEntity, Set<string>>,
  effects: PageEffects,
  result: PullApplyResult,
  schemas: EntitySchemas = ENTITY_DATA_SCHEMAS,
): boolean {
  const schema = schemas[change.entity];
  if (!schema) return keepUnknown(db, change, 'entidade desconhecida', result);
  if (!change.deleted && !schema.safeParse(change.data).success) {
    return keepUnknown(db, change, 'dados fora do formato conhecido', result);
  }
  // The raw data is stored, not the parsed one, so fields unknown to this version are kept.
  const raw = JSON.stringify(change.data);

  // Every write below is guarded by the version, so an older change never replaces a newer one.
  if (change.entity === 'ticketEvent') {
    if (change.deleted) {
      const deleted = cached(db, 'DELETE FROM ticket_events WHERE id = ? AND (server_version IS NULL OR server_version < ?)')
        .run(change.id, change.version);
      return deleted.changes > 0;
    }
    const event = change.data as { ticketId: string; at: string };
    // Only an entry new to this store is news: a pull after a server restore brings old ones again.
    const isNew = effects.notify && cached(db, 'SELECT 1 FROM ticket_events WHERE id = ?').get(change.id) === undefined;
    const written = cached(
      db,
      `INSERT INTO ticket_events (id, ticket_id, at, data_json, server_json, server_version) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET ticket_id = excluded.ticket_id, at = excluded.at, data_json = excluded.data_json,
         server_json = excluded.server_json, server_version = excluded.server_version
       WHERE ticket_events.server_version IS NULL OR ticket_events.server_version < excluded.server_version`,
    ).run(change.id, event.ticketId, event.at, raw, SERVER_COPY_SAME, change.version);
    if (written.changes === 0) return false;
    effects.searchMarks.add(event.ticketId);
    if (isNew) effects.newEvents.push(change.id);
    return true;
  }

  if (SYNCED.has(change.entity)) {
    const entity = change.entity as SyncedEntity;
    const table = TABLE_OF[entity];
    if (change.deleted) {
      const known = cached(db, `SELECT server_version FROM ${table} WHERE id = ?`).get(change.id) as
        | { server_version: number | null }
        | undefined;
      if (known?.server_version && known.server_version >= change.version) return false;
      cached(db, `DELETE FROM ${table} WHERE id = ?`).run(change.id);
      if (entity === 'ticket') cached(db, 'DELETE FROM ticket_events WHERE ticket_id = ?').run(change.id);
      return true;
    }
    if (writeServerRow(db, entity, change, raw) === 0) return false;
    if (entity === 'ticket') effects.searchMarks.add(change.id);
    // Rows without pending actions show the server's data as is; the others are rebased.
    if (pending[entity].has(change.id)) recompute(db, entity, change.id, context);
    return true;
  }

  if (REFERENCE.has(change.entity)) {
    if (change.deleted) {
      const deleted = cached(db, 'DELETE FROM reference_data WHERE entity = ? AND id = ? AND server_version < ?')
        .run(change.entity, change.id, change.version);
      return deleted.changes > 0;
    }
    const written = cached(
      db,
      `INSERT INTO reference_data (entity, id, data_json, server_version) VALUES (?, ?, ?, ?)
       ON CONFLICT (entity, id) DO UPDATE SET data_json = excluded.data_json, server_version = excluded.server_version
       WHERE reference_data.server_version < excluded.server_version`,
    ).run(change.entity, change.id, raw, change.version);
    return written.changes > 0;
  }
  return keepUnknown(db, change, 'entidade desconhecida', result);
}

/**
 * Stores the server's copy of a row unless the row already contains a newer one; returns the rows
 * written. The copy goes into data_json only, and recompute() separates the two when the row has
 * pending actions.
 */
function writeServerRow(db: SqliteDatabase, entity: SyncedEntity, change: ChangeEnvelope, raw: string): number {
  const data = change.data as Record<string, unknown>;
  switch (entity) {
    case 'ticket':
      return cached(
        db,
        `INSERT INTO tickets (id, organization_id, protocol, subject, status, created_at, due_at, data_json, server_json, server_version)
         VALUES (@id, @organizationId, @protocol, @subject, @status, @createdAt, @dueAt, @raw, @same, @version)
         ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, protocol = excluded.protocol,
           subject = excluded.subject, status = excluded.status, created_at = excluded.created_at,
           due_at = excluded.due_at, data_json = excluded.data_json, server_json = excluded.server_json,
           server_version = excluded.server_version
         WHERE tickets.server_version IS NULL OR tickets.server_version < excluded.server_version`,
      ).run({
        id: change.id,
        organizationId: data.organizationId,
        protocol: data.protocol,
        subject: data.subject,
        status: data.status,
        createdAt: data.createdAt,
        dueAt: data.dueAt,
        raw,
        same: SERVER_COPY_SAME,
        version: change.version,
      }).changes;
    case 'checklistItem':
      return cached(
        db,
        `INSERT INTO checklist_items (id, user_id, organization_id, item_id, data_json, server_json, server_version)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, organization_id = excluded.organization_id,
           item_id = excluded.item_id, data_json = excluded.data_json, server_json = excluded.server_json,
           server_version = excluded.server_version
         WHERE checklist_items.server_version IS NULL OR checklist_items.server_version < excluded.server_version`,
      ).run(change.id, data.userId, data.organizationId, data.itemId, raw, SERVER_COPY_SAME, change.version).changes;
    case 'stage':
      return cached(
        db,
        `INSERT INTO stages (id, organization_id, data_json, server_json, server_version) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, data_json = excluded.data_json,
           server_json = excluded.server_json, server_version = excluded.server_version
         WHERE stages.server_version IS NULL OR stages.server_version < excluded.server_version`,
      ).run(change.id, data.organizationId, raw, SERVER_COPY_SAME, change.version).changes;
  }
}

function keepUnknown(db: SqliteDatabase, change: ChangeEnvelope, reason: string, result: PullApplyResult): boolean {
  cached(
    db,
    `INSERT INTO unknown_changes (entity, id, version, deleted, data_json, reason, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted,
       data_json = excluded.data_json, reason = excluded.reason, received_at = excluded.received_at
     WHERE unknown_changes.version < excluded.version`,
  ).run(change.entity, change.id, change.version, change.deleted ? 1 : 0, JSON.stringify(change.data ?? null), reason, new Date().toISOString());
  result.unknown++;
  return false;
}

const SERVER_ROW_TABLES = ['tickets', 'ticket_events', 'checklist_items', 'stages', 'reference_data'] as const;

/**
 * Prepares the store for a pull that starts over because the server's data went back in time.
 * The restored server numbers its changes from an older point, so a version is no longer
 * comparable with the ones stored here: every server row drops to version 0, which any pulled
 * change replaces. The blobs' upload marks are dropped too, since the restored server may lack
 * the files. Rows still at version 0 when the pull ends are gone from the server
 * (finishRestorePull).
 */
export function startRestorePull(db: SqliteDatabase): void {
  db.transaction(() => {
    for (const table of SERVER_ROW_TABLES) {
      cached(db, `UPDATE ${table} SET server_version = 0 WHERE server_version IS NOT NULL`).run();
    }
    cached(db, 'UPDATE blobs SET uploaded = 0').run();
    setMeta(db, 'restorePullPending', '1');
  })();
}

/**
 * Deletes the server rows that a pull started by startRestorePull did not bring again, except
 * those with actions waiting, which the queued actions may bring back. Returns the rows deleted.
 */
export function finishRestorePull(db: SqliteDatabase): number {
  return db.transaction(() => {
    const pendingTickets = `SELECT entity_id FROM outbox WHERE entity = 'ticket'`;
    let deleted = 0;
    deleted += cached(db, `DELETE FROM ticket_events WHERE server_version = 0 AND ticket_id NOT IN (${pendingTickets})`).run().changes;
    deleted += cached(db, `DELETE FROM tickets WHERE server_version = 0 AND id NOT IN (${pendingTickets})`).run().changes;
    deleted += cached(
      db,
      `DELETE FROM checklist_items WHERE server_version = 0 AND id NOT IN (SELECT entity_id FROM outbox WHERE entity = 'checklistItem')`,
    ).run().changes;
    deleted += cached(db, `DELETE FROM stages WHERE server_version = 0 AND id NOT IN (SELECT entity_id FROM outbox WHERE entity = 'stage')`)
      .run().changes;
    deleted += cached(db, 'DELETE FROM reference_data WHERE server_version = 0').run().changes;
    setMeta(db, 'restorePullPending', null);
    return deleted;
  })();
}
