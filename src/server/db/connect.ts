// Opens the server's SQLite database through Kysely and brings its schema up to date.
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import { SERVER_MIGRATIONS } from './migrations';
import type { ServerDatabase } from './schema';

export type ServerDb = Kysely<ServerDatabase>;

export async function openServerDatabase(dataDir: string): Promise<ServerDb> {
  // Only the server's own account may read the folder, because it contains password hashes and
  // invite codes.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'sac-server.db');
  const sqlite = new Database(file);
  // SQLite creates the -wal and -shm files with the database file's permissions.
  chmodSync(file, 0o600);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a committed push must survive a power loss, since the client deletes the action on
  // the answer and would never send it again (SQLite: WAL with NORMAL may roll back the last commits).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<ServerDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });

  const provider: MigrationProvider = { getMigrations: async () => SERVER_MIGRATIONS };
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'desconhecida';
    await db.destroy();
    throw new Error(`Database migration ${failed} failed: ${String(error)}`);
  }
  return db;
}

/** Reads the server's identity, first starting a new epoch when asked (after a restore). */
export async function serverIdentity(db: ServerDb, options: { newEpoch: boolean }): Promise<{ serverId: string; epoch: string }> {
  if (options.newEpoch) {
    await db.updateTable('server_identity').set({ value: randomUUID() }).where('key', '=', 'epoch').execute();
  }
  const rows = await db.selectFrom('server_identity').select(['key', 'value']).execute();
  const value = (key: string) => rows.find((row) => row.key === key)?.value ?? '';
  return { serverId: value('server_id'), epoch: value('epoch') };
}
