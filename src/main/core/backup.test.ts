import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupDatabase, checkDatabaseFile, copyDatabaseFiles, isDatabaseDamage, quickCheck } from './backup';
import { openDatabase } from './store/database';
import { tempDir, tempStore } from './testSupport/tempStore';

function fillRows(db: Database.Database, count: number) {
  const insert = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(`key-${i}`, 'x'.repeat(200));
  })();
}

/** Overwrites bytes in the middle of a closed database file, past the header page. */
function damage(file: string, offset: number) {
  const handle = openSync(file, 'r+');
  writeSync(handle, Buffer.alloc(4096, 0x5a), 0, 4096, offset);
  closeSync(handle);
}

describe('quickCheck', () => {
  it('passes a healthy store', () => {
    const { db } = tempStore();
    expect(quickCheck(db).status).toBe('ok');
    expect(quickCheck(db).problems).toEqual([]);
  });

  it('reports a damaged page', () => {
    const { db, file } = tempStore();
    fillRows(db, 2_000);
    db.close();
    damage(file, 4096 * 3);
    const reopened = new Database(file);
    const report = quickCheck(reopened);
    reopened.close();
    expect(report.status).toBe('damaged');
    expect(report.problems.length).toBeGreaterThan(0);
  });
});

describe('checkDatabaseFile', () => {
  it('returns null for a new account', () => {
    expect(checkDatabaseFile(join(tempDir(), 'sac.db'))).toBeNull();
  });

  it('passes a healthy closed store', () => {
    const { db, file } = tempStore();
    fillRows(db, 100);
    db.close();
    expect(checkDatabaseFile(file)?.status).toBe('ok');
  });

  it('finds a damaged page without writing', () => {
    const { db, file } = tempStore();
    fillRows(db, 2_000);
    const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'meta'").get() as { rootpage: number };
    db.close();
    damage(file, 4096 * (rootpage - 1));
    const before = readFileSync(file);
    expect(checkDatabaseFile(file)?.status).toBe('damaged');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('reports a file that is not a database', () => {
    const { db, file } = tempStore();
    db.close();
    damage(file, 0);
    expect(checkDatabaseFile(file)?.status).toBe('unreadable');
  });
});

describe('isDatabaseDamage', () => {
  it('recognizes a file that is not a database', () => {
    const dir = tempDir();
    const file = join(dir, 'sac.db');
    new Database(file).close();
    damage(file, 0);
    let caught: unknown = null;
    try {
      openDatabase(file);
    } catch (error) {
      caught = error;
    }
    expect(isDatabaseDamage(caught)).toBe(true);
  });

  it('ignores other errors', () => {
    expect(isDatabaseDamage(new Error('disk full'))).toBe(false);
  });
});

describe('backupDatabase', () => {
  it('writes a copy with the same rows', async () => {
    const { db } = tempStore();
    fillRows(db, 500);
    const target = join(tempDir(), 'copias', 'sac-copia.db');
    const { bytes } = await backupDatabase(db, target);
    expect(bytes).toBe(statSync(target).size);
    expect(readdirSync(join(target, '..'))).toEqual(['sac-copia.db']);
    const copy = new Database(target, { readonly: true });
    expect((copy.prepare('SELECT count(*) AS n FROM meta').get() as { n: number }).n).toBe(500);
    copy.close();
  });

  it('copies while the source keeps changing', async () => {
    const { db } = tempStore();
    fillRows(db, 200);
    const target = join(tempDir(), 'copia.db');
    let written = 0;
    const update = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    const writes = setInterval(() => update.run(`live-${written++ % 50}`, 'y'.repeat(500)), 1);
    try {
      await backupDatabase(db, target);
    } finally {
      clearInterval(writes);
    }
    const copy = new Database(target, { readonly: true });
    expect(quickCheck(copy).status).toBe('ok');
    copy.close();
  });

  it('leaves no partial file after a failure', async () => {
    const { db } = tempStore();
    const folder = tempDir();
    // A folder in place of the target makes the final rename fail.
    const target = join(folder, 'ocupado');
    mkdirSync(join(target, 'dentro'), { recursive: true });
    await expect(backupDatabase(db, target)).rejects.toThrow();
    expect(readdirSync(folder)).toEqual(['ocupado']);
  });
});

describe('copyDatabaseFiles', () => {
  it('copies the file and its write-ahead log', () => {
    const { db, file } = tempStore();
    fillRows(db, 10);
    const target = join(tempDir(), 'bruto.db');
    copyDatabaseFiles(file, target);
    expect(existsSync(target)).toBe(true);
    expect(existsSync(`${target}-wal`)).toBe(existsSync(`${file}-wal`));
  });
});
