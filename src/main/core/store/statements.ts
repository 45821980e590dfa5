// Prepared statements cached per connection. Preparing compiles the SQL each time; the pull of a
// large account runs the same few statements hundreds of thousands of times.
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './database';

const caches = new WeakMap<SqliteDatabase, Map<string, Statement>>();

export function cached(db: SqliteDatabase, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
