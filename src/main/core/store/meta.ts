// Small key-value settings of a local database: sync cursor, last success, the signed-in user.
import type { SqliteDatabase } from './database';
import { cached } from './statements';

// userId and userRole are read by the notification trigger of local migration 2.
export type MetaKey =
  | 'cursor'
  | 'lastSyncAt'
  | 'activeOrganizationId'
  | 'serverLimits'
  | 'clockOffsetMs'
  | 'lastActionAt'
  | 'userId'
  | 'userRole';

export function getMeta(db: SqliteDatabase, key: MetaKey): string | null {
  const row = cached(db, 'SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setMeta(db: SqliteDatabase, key: MetaKey, value: string | null): void {
  if (value === null) cached(db, 'DELETE FROM meta WHERE key = ?').run(key);
  else cached(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
