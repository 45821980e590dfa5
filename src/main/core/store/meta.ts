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
  /** When the computer had started, on its clock, as the offset was saved; see ClockWatch.agreesWith. */
  | 'clockOffsetStartedAt'
  /** The time of the last user action on the server's clock, as well as it was known then. */
  | 'lastActionAt'
  | 'userId'
  | 'userRole'
  /** Set while a pull that starts over after a server restore has not reached its end. */
  | 'restorePullPending';

export function getMeta(db: SqliteDatabase, key: MetaKey): string | null {
  const row = cached(db, 'SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setMeta(db: SqliteDatabase, key: MetaKey, value: string | null): void {
  if (value === null) cached(db, 'DELETE FROM meta WHERE key = ?').run(key);
  else cached(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
