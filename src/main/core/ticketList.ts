// The ticket list: full-text search (FTS5, accent-insensitive), filters and sorting over the
// local database, shaped as the IPC contract's list items.
import type { Severity, TicketStatus, TicketType } from '../../shared/domain';
import { DISPLAY_TIME_ZONE } from '../../shared/format';
import type { TicketListItem } from '../../shared/ipc';
import { deadlineState } from '../../shared/sla';
import type { TicketState } from '../../shared/ticketRules';
import type { SlaPolicyData } from '../../shared/wire';
import { addDays, fromWallTime } from '../../shared/zonedTime';
import type { SqliteDatabase } from './store/database';
import { pendingEntityIds } from './store/outbox';
import { flushSearchIndex, searchKeyOf } from './store/searchIndex';

export const TICKET_SORTS = ['date', 'protocol', 'deadline'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

export interface TicketListQuery {
  organizationId: string;
  search?: string;
  status?: TicketStatus;
  type?: TicketType;
  severity?: Severity;
  department?: string;
  /** First and last local calendar day (YYYY-MM-DD, São Paulo) of the creation date, both included. */
  createdFrom?: string;
  createdTo?: string;
  /** Only open tickets whose deadline has passed. */
  lateOnly?: boolean;
  sort?: TicketSort;
  /** Defaults to newest first, highest protocol first, soonest deadline first. */
  direction?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

/**
 * Turns what the user typed into an FTS5 query: every word must appear, each as a prefix, so
 * "solic cam" finds "Solicitação da Câmara". Punctuation is dropped and every word is quoted, so
 * FTS5 syntax in the input (OR, NEAR, column filters) is searched as plain words. A query
 * without words returns null (no search).
 */
export function toFtsQuery(text: string): string | null {
  const words = text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}

function localDayStart(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return fromWallTime(DISPLAY_TIME_ZONE, year, month, day).toISOString();
}

function localDayEnd(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const next = addDays({ year, month, day }, 1);
  return fromWallTime(DISPLAY_TIME_ZONE, next.year, next.month, next.day).toISOString();
}

/** Builds the WHERE clause shared by the count and the page. */
function whereOf(query: TicketListQuery, now: Date): { clause: string; params: Record<string, unknown> } {
  const where = ['t.organization_id = @organizationId'];
  const params: Record<string, unknown> = { organizationId: query.organizationId };
  if (query.status) {
    where.push('t.status = @status');
    params.status = query.status;
  }
  if (query.type) {
    where.push('t.type = @type');
    params.type = query.type;
  }
  if (query.severity) {
    where.push('t.severity = @severity');
    params.severity = query.severity;
  }
  if (query.department?.trim()) {
    where.push('t.department = @department');
    params.department = query.department.trim();
  }
  if (query.createdFrom) {
    where.push('t.created_at >= @createdFrom');
    params.createdFrom = localDayStart(query.createdFrom);
  }
  if (query.createdTo) {
    where.push('t.created_at < @createdTo');
    params.createdTo = localDayEnd(query.createdTo);
  }
  if (query.lateOnly) {
    where.push(`t.status != 'concluida' AND t.due_at <= @now`);
    params.now = now.toISOString();
  }
  return { clause: where.join(' AND '), params };
}

function orderOf(query: TicketListQuery): string {
  const sort = query.sort ?? 'date';
  const columns: Record<TicketSort, string> = { date: 't.created_at', protocol: 't.protocol', deadline: 't.due_at' };
  const column = columns[sort];
  const natural = sort === 'deadline' ? 'ASC' : 'DESC';
  const direction = query.direction ? query.direction.toUpperCase() : natural;
  return `${column} ${direction}, t.id ${direction}`;
}

function toListItem(id: string, ticket: TicketState, policy: SlaPolicyData, now: Date, pending: Set<string>): TicketListItem {
  return {
    id,
    protocol: ticket.protocol,
    subject: ticket.subject,
    type: ticket.type,
    severity: ticket.severity,
    status: ticket.status,
    createdAt: ticket.createdAt,
    dueAt: ticket.dueAt,
    deadline: deadlineState(policy, ticket, now),
    rejectionCount: ticket.rejectionCount,
    organizationId: ticket.organizationId,
    department: ticket.department,
    pendingSync: pending.has(id),
  };
}

export { toListItem };

/** Totals above this are reported as "more than" instead of counted, so a broad search stays fast. */
export const TOTAL_COUNT_CAP = 1_000;

/**
 * A search not answered by searchByCreation that matches at most this many tickets is answered
 * from its matches outward (join them and sort); a broader one walks the sorted ticket index
 * and keeps the rows that match, which stops after one page.
 */
const NARROW_SEARCH_MATCHES = 2_000;

export interface TicketListResult {
  items: TicketListItem[];
  total: number;
  /** True when more tickets match than TOTAL_COUNT_CAP and `total` is that cap; a plain list counts exactly. */
  totalCapped: boolean;
}

/**
 * Runs the full-text query once into a temporary table of matching ticket_search rowids, which
 * the count and the page then join. Evaluating the FTS5 query once matters because a prefix
 * query over a common word costs milliseconds each time it runs. With a limit, it stops there
 * and returns that limit plus one when more match.
 */
function collectMatches(db: SqliteDatabase, match: string, limit?: number): number {
  db.pragma('temp_store = MEMORY');
  db.exec('CREATE TEMP TABLE IF NOT EXISTS search_matches (rowid INTEGER PRIMARY KEY)');
  return db.transaction(() => {
    flushSearchIndex(db);
    db.prepare('DELETE FROM temp.search_matches').run();
    const sql = 'INSERT INTO temp.search_matches (rowid) SELECT rowid FROM ticket_search WHERE ticket_search MATCH ?';
    return (limit === undefined ? db.prepare(sql).run(match) : db.prepare(`${sql} LIMIT ${limit + 1}`).run(match)).changes;
  })();
}

/** True when some of the organization's tickets still wait for their protocol number. */
function hasAwaiting(db: SqliteDatabase, organizationId: string): boolean {
  return db.prepare('SELECT 1 FROM tickets WHERE organization_id = ? AND protocol IS NULL LIMIT 1').get(organizationId) !== undefined;
}

/**
 * Lists an organization's tickets that match the query. Tickets still waiting for a protocol
 * come first whatever the sort, because the user just created them; the rest follow in the
 * chosen order.
 */
export function listTickets(db: SqliteDatabase, query: TicketListQuery, now: Date, policy: SlaPolicyData): TicketListResult {
  const { clause, params } = whereOf(query, now);
  const limit = query.limit ?? 200;
  const offset = query.offset ?? 0;
  const match = query.search ? toFtsQuery(query.search) : null;
  const pending = pendingEntityIds(db, 'ticket');
  const toItems = (rows: Array<{ id: string; data_json: string }>) =>
    rows.map((row) => toListItem(row.id, JSON.parse(row.data_json) as TicketState, policy, now, pending));

  if (match && (query.sort ?? 'date') === 'date' && !hasAwaiting(db, query.organizationId)) {
    const found = searchByCreation(db, match, query, clause, params, offset, limit);
    return { items: toItems(found.rows), total: Math.min(found.seen, TOTAL_COUNT_CAP), totalCapped: found.seen > TOTAL_COUNT_CAP };
  }

  let from = 'tickets t';
  let where = clause;
  if (match) {
    // CROSS JOIN fixes the join order in SQLite: the left table drives the loop.
    if (collectMatches(db, match, NARROW_SEARCH_MATCHES) <= NARROW_SEARCH_MATCHES) {
      from = 'temp.search_matches m CROSS JOIN ticket_search_ids ids ON ids.rowid = m.rowid CROSS JOIN tickets t ON t.id = ids.ticket_id';
    } else {
      collectMatches(db, match);
      from = 'tickets t CROSS JOIN ticket_search_ids ids ON ids.ticket_id = t.id';
      where = `${clause} AND EXISTS (SELECT 1 FROM temp.search_matches m WHERE m.rowid = ids.rowid)`;
    }
  }

  // Filters on real columns count from an index, exactly; a search or a filter read from
  // data_json stops counting at the cap.
  const exact = !match && !query.type && !query.severity && !query.department?.trim();
  const cap = exact ? '' : `LIMIT ${TOTAL_COUNT_CAP + 1}`;
  const counted = (db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${where} ${cap})`).get(params) as { n: number }).n;
  const totalCapped = !exact && counted > TOTAL_COUNT_CAP;

  const awaiting = db
    .prepare(`SELECT t.id, t.data_json FROM ${from} WHERE ${where} AND t.protocol IS NULL ORDER BY t.created_at DESC, t.id`)
    .all(params) as Array<{ id: string; data_json: string }>;
  const rows = awaiting.slice(offset, offset + limit);
  if (rows.length < limit) {
    const rest = db
      .prepare(
        `SELECT t.id, t.data_json FROM ${from} WHERE ${where} AND t.protocol IS NOT NULL ORDER BY ${orderOf(query)} LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: limit - rows.length, offset: Math.max(0, offset - awaiting.length) }) as Array<{
      id: string;
      data_json: string;
    }>;
    rows.push(...rest);
  }
  return { items: toItems(rows), total: totalCapped ? TOTAL_COUNT_CAP : counted, totalCapped };
}

/**
 * Lists the matches of a search sorted by creation date, when no ticket waits for its protocol.
 * Search rowids sort like creation times, so the matches come in the list's order from one run
 * of the full-text query. It stops once it has the page and enough rows for the capped total,
 * however many tickets match. Tickets created in the same millisecond come in the order they
 * were indexed.
 */
function searchByCreation(
  db: SqliteDatabase,
  match: string,
  query: TicketListQuery,
  clause: string,
  params: Record<string, unknown>,
  offset: number,
  limit: number,
): { rows: Array<{ id: string; data_json: string }>; seen: number } {
  flushSearchIndex(db);
  let where = `s.ticket_search MATCH @match AND ${clause}`;
  const bound: Record<string, unknown> = { ...params, match };
  if (query.createdFrom) {
    where += ' AND s.rowid >= @fromKey';
    bound.fromKey = searchKeyOf(params.createdFrom as string);
  }
  if (query.createdTo) {
    where += ' AND s.rowid < @toKey';
    bound.toKey = searchKeyOf(params.createdTo as string);
  }
  const statement = db.prepare(
    `SELECT t.id, t.data_json FROM ticket_search s
       CROSS JOIN ticket_search_ids ids ON ids.rowid = s.rowid CROSS JOIN tickets t ON t.id = ids.ticket_id
     WHERE ${where} ORDER BY s.rowid ${query.direction === 'asc' ? 'ASC' : 'DESC'}`,
  );
  const stop = Math.max(offset + limit, TOTAL_COUNT_CAP + 1);
  const rows: Array<{ id: string; data_json: string }> = [];
  let seen = 0;
  for (const row of statement.iterate(bound) as IterableIterator<{ id: string; data_json: string }>) {
    if (seen >= offset && seen < offset + limit) rows.push(row);
    seen += 1;
    if (seen >= stop) break;
  }
  return { rows, seen };
}

/** Lists the departments named on an organization's tickets, for the list's filter. */
export function listDepartments(db: SqliteDatabase, organizationId: string): string[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT department FROM tickets WHERE organization_id = ? AND department IS NOT NULL AND department != ''
       ORDER BY department`,
    )
    .all(organizationId) as Array<{ department: string }>;
  return rows.map((row) => row.department);
}
