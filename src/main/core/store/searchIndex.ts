// Upkeep of the ticket search index. Writes to tickets and their history only mark the ticket
// in search_dirty (triggers of local migration 5). This module rebuilds the search row of every
// marked ticket once, so a page of 2,000 tickets with 6,000 history entries costs 2,000 rebuilds
// rather than 8,000.
//
// A ticket's search row has a rowid that sorts like its creation time (see searchKeyOf), so a
// search for a common word can read its matches newest first and stop after one page.
import type { SqliteDatabase } from './database';
import { cached } from './statements';

/** Rowids per millisecond of creation time: room for that many tickets created in the same millisecond. */
const SLOT_BITS = 20n;

/** Returns the first search rowid of the tickets created at `iso` or later. */
export function searchKeyOf(iso: string): bigint {
  const ms = Date.parse(iso);
  return BigInt(Number.isFinite(ms) ? ms : 0) << SLOT_BITS;
}

const DELETE_ROWS = `DELETE FROM ticket_search WHERE rowid IN
  (SELECT ids.rowid FROM search_dirty d CROSS JOIN ticket_search_ids ids ON ids.ticket_id = d.ticket_id)`;
const DELETE_KEYS = 'DELETE FROM ticket_search_ids WHERE ticket_id IN (SELECT ticket_id FROM search_dirty)';
// Each marked ticket takes the next free rowids of its creation millisecond. The SELECT reads
// ticket_search_ids before any row is inserted (SQLite runs it to completion first, because it
// reads the table being written), so row_number() separates tickets of the same millisecond.
const INSERT_KEYS = `INSERT INTO ticket_search_ids (rowid, ticket_id)
  SELECT COALESCE((SELECT max(k.rowid) + 1 FROM ticket_search_ids k WHERE k.rowid >= m.first AND k.rowid < m.first + ${1n << SLOT_BITS}), m.first)
      + row_number() OVER (PARTITION BY m.first ORDER BY m.id) - 1,
    m.id
  FROM (SELECT t.id, COALESCE(CAST(round(unixepoch(t.created_at, 'subsec') * 1000) AS INTEGER), 0) << ${SLOT_BITS} AS first
        FROM search_dirty d CROSS JOIN tickets t ON t.id = d.ticket_id) m`;
// Protocol, subject, description, department, solution and the whole history, comments included.
// In rowid order: FTS5 writes out its pending terms whenever a rowid comes out of order.
const INSERT_ROWS = `INSERT INTO ticket_search (rowid, protocol, subject, description, department, solution, history)
  SELECT ids.rowid, COALESCE(t.protocol, ''), t.subject, COALESCE(json_extract(t.data_json, '$.description'), ''),
    COALESCE(json_extract(t.data_json, '$.department'), ''),
    COALESCE(json_extract(t.data_json, '$.solution.result'), '') || ' ' || COALESCE(json_extract(t.data_json, '$.solution.text'), ''),
    COALESCE((SELECT group_concat(json_extract(e.data_json, '$.actorName') || ': ' || json_extract(e.data_json, '$.text'), char(10))
              FROM ticket_events e WHERE e.ticket_id = t.id), '')
  FROM search_dirty d CROSS JOIN tickets t ON t.id = d.ticket_id CROSS JOIN ticket_search_ids ids ON ids.ticket_id = t.id
  ORDER BY ids.rowid`;

function rebuild(db: SqliteDatabase): number {
  cached(db, DELETE_ROWS).run();
  // The rowid follows the creation time, which changes when the server's replaces the one an
  // offline ticket had.
  cached(db, DELETE_KEYS).run();
  cached(db, INSERT_KEYS).run();
  cached(db, INSERT_ROWS).run();
  return cached(db, 'DELETE FROM search_dirty').run().changes;
}

/**
 * Brings the search index up to date with every write so far and returns how many tickets it
 * rebuilt. Cheap when nothing is marked. Runs inside the caller's transaction when there is
 * one, otherwise in its own.
 */
export function flushSearchIndex(db: SqliteDatabase): number {
  if (!cached(db, 'SELECT 1 FROM search_dirty LIMIT 1').get()) return 0;
  return db.inTransaction ? rebuild(db) : db.transaction(rebuild)(db);
}
