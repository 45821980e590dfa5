import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testSupport/tempStore';
import { openDatabase } from './database';
import { LOCAL_MIGRATIONS, type LocalMigration } from './migrations';

const LATEST = LOCAL_MIGRATIONS.at(-1)!.version;

function userVersion(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

/** Writes a file that a newer app version left behind, in the given journal mode. */
function newerFile(file: string, journalMode: 'delete' | 'wal'): void {
  const db = new Database(file);
  db.pragma(`journal_mode = ${journalMode}`);
  db.exec('CREATE TABLE future_table (id TEXT PRIMARY KEY)');
  db.prepare('INSERT INTO future_table (id) VALUES (?)').run('ação pendente');
  db.pragma(`user_version = ${LATEST + 1}`);
  db.close();
}

const withNotes: LocalMigration = {
  version: LATEST + 1,
  name: 'notes',
  sql: 'CREATE TABLE notes (id TEXT PRIMARY KEY, text TEXT NOT NULL);',
};

describe('openDatabase migrations', () => {
  it('new file reaches latest version', () => {
    const file = join(tempDir(), 'nested', 'sac.db');
    openDatabase(file).close();
    expect(userVersion(file)).toBe(LATEST);
  });

  it('new file uses WAL and foreign keys', () => {
    const db = openDatabase(join(tempDir(), 'sac.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('reopening is a no-op', () => {
    const file = join(tempDir(), 'sac.db');
    const first = openDatabase(file);
    first.prepare(`INSERT INTO meta (key, value) VALUES ('cursor', 'abc')`).run();
    first.close();

    // Migration 1 creates tables without IF NOT EXISTS, so running it again would throw.
    const second = openDatabase(file);
    expect(second.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(second.prepare(`SELECT value FROM meta WHERE key = 'cursor'`).get()).toEqual({ value: 'abc' });
    second.close();
  });

  it('upgrades an older file', () => {
    const file = join(tempDir(), 'sac.db');
    const old = openDatabase(file);
    old.prepare(`INSERT INTO meta (key, value) VALUES ('cursor', 'abc')`).run();
    old.close();

    const upgraded = openDatabase(file, [...LOCAL_MIGRATIONS, withNotes]);
    expect(upgraded.pragma('user_version', { simple: true })).toBe(LATEST + 1);
    expect(upgraded.prepare(`SELECT value FROM meta WHERE key = 'cursor'`).get()).toEqual({ value: 'abc' });
    expect(() => upgraded.prepare('SELECT count(*) FROM notes').get()).not.toThrow();
    upgraded.close();
  });

  it('failed migration keeps previous version', () => {
    const file = join(tempDir(), 'sac.db');
    openDatabase(file).close();
    const broken: LocalMigration = {
      version: LATEST + 1,
      name: 'broken',
      sql: 'CREATE TABLE notes (id TEXT PRIMARY KEY); INSERT INTO missing_table VALUES (1);',
    };

    expect(() => openDatabase(file, [...LOCAL_MIGRATIONS, broken])).toThrow(/missing_table/);
    expect(userVersion(file)).toBe(LATEST);
    const db = new Database(file, { readonly: true });
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'notes'`).get()).toBeUndefined();
    db.close();
  });

  it('rejects a file from a newer version', () => {
    const file = join(tempDir(), 'sac.db');
    newerFile(file, 'wal');
    expect(() => openDatabase(file)).toThrow(/versão mais nova.*Atualize o SAC Desktop/s);
  });

  it('newer file error names both versions', () => {
    const file = join(tempDir(), 'sac.db');
    newerFile(file, 'wal');
    expect(() => openDatabase(file)).toThrow(`versão ${LATEST + 1}`);
    expect(() => openDatabase(file)).toThrow(`até a versão ${LATEST}`);
  });

  it('leaves a newer file byte for byte', () => {
    const file = join(tempDir(), 'sac.db');
    newerFile(file, 'delete');
    const before = readFileSync(file);

    expect(() => openDatabase(file)).toThrow();
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('closes a refused newer file', () => {
    const file = join(tempDir(), 'sac.db');
    newerFile(file, 'wal');

    expect(() => openDatabase(file)).toThrow();
    // An open WAL connection keeps its -wal and -shm files; the last close removes them.
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(`${file}-shm`)).toBe(false);
    expect(userVersion(file)).toBe(LATEST + 1);
  });
});
