// Opens a user's local SQLite database and runs the pending migrations, each in its own
// transaction together with the new user_version, so a crash leaves either level intact.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { createLogger } from '../log';
import { LOCAL_MIGRATIONS, type LocalMigration } from './migrations';

export type SqliteDatabase = Database.Database;

const log = createLogger('store');

export function openDatabase(file: string, migrations: LocalMigration[] = LOCAL_MIGRATIONS): SqliteDatabase {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL makes every commit durable across a power loss; the outbox must not lose an action.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

export function migrate(db: SqliteDatabase, migrations: LocalMigration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `Local database is at migration ${current} but this version of the app knows only up to ${latest}; update the app.`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
    log.info('migration applied', { version: migration.version, name: migration.name });
  }
}
