// Small key-value settings of a local database: sync cursor, last success, the signed-in user.
import type { SqliteDatabase } from './database';

// userId and userRole are read by the notification trigger of local migration 2.
export type MetaKey = 'cursor' | 'lastSyncAt' | 'activeOrganizationId' | 'serverLimits' | 'userId' | 'userRole';

export function getMeta(db: SqliteDatabase, key: MetaKey): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setMeta(db: SqliteDatabase, key: MetaKey, value: string | null): void {
  if (value === null) db.prepare('DELETE FROM meta WHERE key = ?').run(key);
  else db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
