// Opens a user's local SQLite database and runs the pending migrations, each in its own
// transaction together with the new user_version, so a crash leaves either level intact.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { createLogger } from '../log';
import { LOCAL_MIGRATIONS, type LocalMigration } from './migrations';

export type SqliteDatabase = Database.Database;

const log = createLogger('store');

export function openDatabase(file: string, migrations: LocalMigration[] = LOCAL_MIGRATIONS): SqliteDatabase {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    // The version is checked before journal_mode, because that pragma rewrites the file header.
    // A file from a newer app version may hold unsent actions and must stay as that version left it.
    requireKnownVersion(db, migrations);
    db.pragma('journal_mode = WAL');
    // FULL makes every commit durable across a power loss; the outbox must not lose an action.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Statements that fire triggers keep a statement journal. On disk, that journal cost more
    // than the rows themselves during a large pull; in memory it contains one statement's changes.
    db.pragma('temp_store = MEMORY');
    migrate(db, migrations);
  } catch (error) {
    // Closing releases the file, so the caller may report the error and leave it alone.
    db.close();
    throw error;
  }
  return db;
}

/** Returns the file's migration level, or raises when a newer app version wrote the file. */
function requireKnownVersion(db: SqliteDatabase, migrations: LocalMigration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    log.error('local database is newer than this app', { found: current, latest, file: db.name });
    throw AppError.of('local_database_too_new', { found: current, latest });
  }
  return current;
}

export function migrate(db: SqliteDatabase, migrations: LocalMigration[]): void {
  const current = requireKnownVersion(db, migrations);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
    log.info('migration applied', { version: migration.version, name: migration.name });
  }
}
