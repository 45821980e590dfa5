// Applies one pulled page to the local database in a single transaction together with the new
// cursor: after a crash the page is either fully applied with its cursor or not at all.
import {
  ENTITY_DATA_SCHEMAS,
  type ChangeEnvelope,
  type EntityName,
  type PullResponse,
} from '../../../shared/wire';
import type { SqliteDatabase } from '../store/database';
import { setMeta } from '../store/meta';
import { pendingEntityIds } from '../store/outbox';
import { recompute, TABLE_OF, type LocalContext, type SyncedEntity } from './optimistic';

const SYNCED: ReadonlySet<string> = new Set<SyncedEntity>(['ticket', 'checklistItem', 'stage']);
const REFERENCE: ReadonlySet<string> = new Set(['contact', 'slaPolicy', 'organization', 'user', 'policy']);

export interface PullApplyResult {
  /** Entities that changed, so the UI refetches only what it shows. */
  entities: Set<string>;
  /** Changes kept for a newer version of the app. */
  unknown: number;
}

export function applyPullPage(db: SqliteDatabase, page: PullResponse, context: LocalContext): PullApplyResult {
  const result: PullApplyResult = { entities: new Set(), unknown: 0 };
  db.transaction(() => {
    const pending = {
      ticket: pendingEntityIds(db, 'ticket'),
      checklistItem: pendingEntityIds(db, 'checklistItem'),
      stage: pendingEntityIds(db, 'stage'),
    };
    for (const change of page.changes) {
      if (applyChange(db, change, context, pending, result)) result.entities.add(change.entity);
    }
    setMeta(db, 'cursor', page.cursor);
  })();
  return result;
}

function applyChange(
  db: SqliteDatabase,
  change: ChangeEnvelope,
  context: LocalContext,
  pending: Record<SyncedEntity, Set<string>>,
  result: PullApplyResult,
): boolean {
  const schema = ENTITY_DATA_SCHEMAS[change.entity as EntityName];
  if (!schema) return keepUnknown(db, change, 'entidade desconhecida', result);
  if (!change.deleted && !schema.safeParse(change.data).success) {
    return keepUnknown(db, change, 'dados fora do formato conhecido', result);
  }
  // The raw data is stored, not the parsed one, so fields unknown to this version are kept.
  const raw = JSON.stringify(change.data);

  // Every write below is guarded by the version, so an older change never replaces a newer one.
  if (change.entity === 'ticketEvent') {
    if (change.deleted) {
      const deleted = db
        .prepare('DELETE FROM ticket_events WHERE id = ? AND (server_version IS NULL OR server_version < ?)')
        .run(change.id, change.version);
      return deleted.changes > 0;
    }
    const event = change.data as { ticketId: string; at: string };
    const written = db.prepare(
      `INSERT INTO ticket_events (id, ticket_id, at, data_json, server_json, server_version) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET ticket_id = excluded.ticket_id, at = excluded.at, data_json = excluded.data_json,
         server_json = excluded.server_json, server_version = excluded.server_version
       WHERE ticket_events.server_version IS NULL OR ticket_events.server_version < excluded.server_version`,
    ).run(change.id, event.ticketId, event.at, raw, raw, change.version);
    return written.changes > 0;
  }

  if (SYNCED.has(change.entity)) {
    const entity = change.entity as SyncedEntity;
    const table = TABLE_OF[entity];
    const known = db.prepare(`SELECT server_version FROM ${table} WHERE id = ?`).get(change.id) as
      | { server_version: number | null }
      | undefined;
    if (known?.server_version && known.server_version >= change.version) return false;
    if (change.deleted) {
      db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(change.id);
      if (entity === 'ticket') db.prepare('DELETE FROM ticket_events WHERE ticket_id = ?').run(change.id);
      return true;
    }
    writeServerRow(db, entity, change, raw);
    // Rows without pending actions show the server's data as is; the others are rebased.
    if (pending[entity].has(change.id)) recompute(db, entity, change.id, context);
    return true;
  }

  if (REFERENCE.has(change.entity)) {
    if (change.deleted) {
      const deleted = db
        .prepare('DELETE FROM reference_data WHERE entity = ? AND id = ? AND server_version < ?')
        .run(change.entity, change.id, change.version);
      return deleted.changes > 0;
    }
    const written = db.prepare(
      `INSERT INTO reference_data (entity, id, data_json, server_version) VALUES (?, ?, ?, ?)
       ON CONFLICT (entity, id) DO UPDATE SET data_json = excluded.data_json, server_version = excluded.server_version
       WHERE reference_data.server_version < excluded.server_version`,
    ).run(change.entity, change.id, raw, change.version);
    return written.changes > 0;
  }
  return keepUnknown(db, change, 'entidade desconhecida', result);
}

function writeServerRow(db: SqliteDatabase, entity: SyncedEntity, change: ChangeEnvelope, raw: string): void {
  const data = change.data as Record<string, unknown>;
  switch (entity) {
    case 'ticket':
      db.prepare(
        `INSERT INTO tickets (id, organization_id, protocol, subject, status, created_at, due_at, data_json, server_json, server_version)
         VALUES (@id, @organizationId, @protocol, @subject, @status, @createdAt, @dueAt, @raw, @raw, @version)
         ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, protocol = excluded.protocol,
           subject = excluded.subject, status = excluded.status, created_at = excluded.created_at,
           due_at = excluded.due_at, data_json = excluded.data_json, server_json = excluded.server_json,
           server_version = excluded.server_version`,
      ).run({
        id: change.id,
        organizationId: data.organizationId,
        protocol: data.protocol,
        subject: data.subject,
        status: data.status,
        createdAt: data.createdAt,
        dueAt: data.dueAt,
        raw,
        version: change.version,
      });
      return;
    case 'checklistItem':
      db.prepare(
        `INSERT INTO checklist_items (id, user_id, organization_id, item_id, data_json, server_json, server_version)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, organization_id = excluded.organization_id,
           item_id = excluded.item_id, data_json = excluded.data_json, server_json = excluded.server_json,
           server_version = excluded.server_version`,
      ).run(change.id, data.userId, data.organizationId, data.itemId, raw, raw, change.version);
      return;
    case 'stage':
      db.prepare(
        `INSERT INTO stages (id, organization_id, data_json, server_json, server_version) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, data_json = excluded.data_json,
           server_json = excluded.server_json, server_version = excluded.server_version`,
      ).run(change.id, data.organizationId, raw, raw, change.version);
      return;
  }
}

function keepUnknown(db: SqliteDatabase, change: ChangeEnvelope, reason: string, result: PullApplyResult): boolean {
  db.prepare(
    `INSERT INTO unknown_changes (entity, id, version, deleted, data_json, reason, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted,
       data_json = excluded.data_json, reason = excluded.reason, received_at = excluded.received_at
     WHERE unknown_changes.version < excluded.version`,
  ).run(change.entity, change.id, change.version, change.deleted ? 1 : 0, JSON.stringify(change.data ?? null), reason, new Date().toISOString());
  result.unknown++;
  return false;
}
