// Local copies and integrity checks of a user's database. A copy uses SQLite's online backup,
// so it is consistent even while the sync engine writes; the start-up check is PRAGMA
// quick_check, which took about 100 ms on a 79 MiB store of 10,000 tickets on a 2-core build
// machine (`npm run bench`). Nothing here ever deletes or repairs the user's file.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { createLogger, describeError } from './log';
import type { SqliteDatabase } from './store/database';

const log = createLogger('backup');

/** How many problem lines of quick_check are kept; the first ones tell support enough. */
const PROBLEMS_KEPT = 10;

export interface IntegrityReport {
  /** ok: quick_check passed; damaged: it found problems; unreadable: the file did not open as a database. */
  status: 'ok' | 'damaged' | 'unreadable';
  checkedAt: string;
  /** quick_check's own lines, or the error that stopped the file from opening (English, for support). */
  problems: string[];
}

/** Runs PRAGMA quick_check on an open database. */
export function quickCheck(db: SqliteDatabase, now: Date = new Date()): IntegrityReport {
  try {
    const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
    const lines = rows.map((row) => row.quick_check);
    if (lines.length === 1 && lines[0] === 'ok') return { status: 'ok', checkedAt: now.toISOString(), problems: [] };
    log.error('local database failed its integrity check', { problems: lines.slice(0, PROBLEMS_KEPT) });
    return { status: 'damaged', checkedAt: now.toISOString(), problems: lines.slice(0, PROBLEMS_KEPT) };
  } catch (error) {
    // SQLite raises SQLITE_CORRUPT instead of listing problems when a page cannot be read at
    // all, and SQLITE_NOTADB when the header is not a database's.
    log.error('local database integrity check failed', describeError(error));
    const notADatabase = (error as { code?: unknown }).code === 'SQLITE_NOTADB';
    return {
      status: notADatabase ? 'unreadable' : 'damaged',
      checkedAt: now.toISOString(),
      problems: [String((error as Error).message ?? error)],
    };
  }
}

/** The report for a database file that did not open. */
export function unreadableReport(error: unknown, now: Date = new Date()): IntegrityReport {
  return { status: 'unreadable', checkedAt: now.toISOString(), problems: [String((error as Error)?.message ?? error)] };
}

/**
 * Checks a database file before the app opens it for writing, through a read-only connection,
 * so that nothing (a migration, the journal-mode switch) writes to a damaged file. Returns null
 * for a file that does not exist yet.
 */
export function checkDatabaseFile(file: string, now: Date = new Date()): IntegrityReport | null {
  if (!existsSync(file)) return null;
  let db: SqliteDatabase;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    if (isDatabaseDamage(error)) return unreadableReport(error, now);
    throw error;
  }
  try {
    return quickCheck(db, now);
  } finally {
    db.close();
  }
}

/** Whether an error from opening a database means the file itself is damaged. */
export function isDatabaseDamage(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

/**
 * Writes a consistent copy of an open database to `target` with SQLite's online backup. The
 * copy is written beside the target first and renamed, so a failed copy never leaves a
 * half-written file under the chosen name.
 */
export async function backupDatabase(db: SqliteDatabase, target: string): Promise<{ bytes: number }> {
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.parcial`;
  rmSync(partial, { force: true });
  try {
    await db.backup(partial);
    // The copy inherits WAL mode from the source; rollback-journal mode makes it one
    // self-contained file. It is checked before it replaces anything, because a copy of a
    // damaged page is no backup.
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
      const verdict = quickCheck(copy);
      if (verdict.status !== 'ok') throw new Error(`backup copy failed its check: ${verdict.problems[0] ?? 'unknown'}`);
    } finally {
      copy.close();
    }
    renameSync(partial, target);
  } catch (error) {
    for (const file of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) rmSync(file, { force: true });
    throw error;
  }
  const bytes = statSync(target).size;
  log.info('local database copied', { bytes });
  return { bytes };
}

/**
 * Copies a database file byte for byte, with its write-ahead log beside it, for a file that
 * SQLite cannot open or back up. Support may still recover rows from such a copy.
 */
export function copyDatabaseFiles(source: string, target: string): { bytes: number } {
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
  let bytes = statSync(target).size;
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(`${source}${suffix}`)) {
      copyFileSync(`${source}${suffix}`, `${target}${suffix}`);
      bytes += statSync(`${target}${suffix}`).size;
    }
  }
  log.info('damaged local database copied as raw files', { bytes });
  return { bytes };
}
