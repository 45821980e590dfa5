// Opens the server's SQLite database through Kysely and brings its schema up to date.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import { SERVER_MIGRATIONS } from './migrations';
import type { ServerDatabase } from './schema';

export type ServerDb = Kysely<ServerDatabase>;

export async function openServerDatabase(dataDir: string): Promise<ServerDb> {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new Database(join(dataDir, 'sac-server.db'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
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
