// Temporary folders and real SQLite stores for tests. Each one is closed and deleted when the
// test that made it finishes, so tests never share a file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../store/database';

/** Creates an empty folder under the system temp folder, deleted after the current test. */
export function tempDir(prefix = 'sac-core-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TempStore {
  db: SqliteDatabase;
  dir: string;
  file: string;
  blobDir: string;
}

/** Opens a migrated store in a new temp folder, closed before the folder is deleted. */
export function tempStore(): TempStore {
  const dir = tempDir();
  const file = join(dir, 'sac.db');
  const db = openDatabase(file);
  // Vitest runs onTestFinished hooks in reverse order, so this one runs before tempDir's.
  onTestFinished(() => {
    if (db.open) db.close();
  });
  return { db, dir, file, blobDir: join(dir, 'blobs') };
}
