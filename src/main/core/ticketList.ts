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
 * "solic cam" finds "Solicitação da Câmara". Punctuation and FTS5 operators are dropped, which
 * makes any input safe; a query without words returns null (no search).
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
  const where = ['organization_id = @organizationId'];
  const params: Record<string, unknown> = { organizationId: query.organizationId };
  if (query.status) {
    where.push('status = @status');
    params.status = query.status;
  }
  if (query.type) {
    where.push('type = @type');
    params.type = query.type;
  }
  if (query.severity) {
    where.push('severity = @severity');
    params.severity = query.severity;
  }
  if (query.department?.trim()) {
    where.push('department = @department');
    params.department = query.department.trim();
  }
  if (query.createdFrom) {
    where.push('created_at >= @createdFrom');
    params.createdFrom = localDayStart(query.createdFrom);
  }
  if (query.createdTo) {
    where.push('created_at < @createdTo');
    params.createdTo = localDayEnd(query.createdTo);
  }
  if (query.lateOnly) {
    where.push(`status != 'concluida' AND due_at <= @now`);
    params.now = now.toISOString();
  }
  const match = query.search ? toFtsQuery(query.search) : null;
  if (match) {
    where.push(
      `id IN (SELECT ids.ticket_id FROM ticket_search JOIN ticket_search_ids ids ON ids.rowid = ticket_search.rowid
              WHERE ticket_search MATCH @match)`,
    );
    params.match = match;
  }
  return { clause: where.join(' AND '), params };
}

function orderOf(query: TicketListQuery): string {
  const sort = query.sort ?? 'date';
  const column = sort === 'protocol' ? 'protocol' : sort === 'deadline' ? 'due_at' : 'created_at';
  const natural = sort === 'deadline' ? 'ASC' : 'DESC';
  const direction = query.direction ? query.direction.toUpperCase() : natural;
  return `${column} ${direction}, id`;
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

/**
 * Lists an organization's tickets that match the query. Tickets still waiting for a protocol
 * come first whatever the sort, because the user just created them; the rest follow in the
 * chosen order. Both parts use the (organization_id, column) indexes.
 */
export function listTickets(
  db: SqliteDatabase,
  query: TicketListQuery,
  now: Date,
  policy: SlaPolicyData,
): { items: TicketListItem[]; total: number } {
  const { clause, params } = whereOf(query, now);
  const limit = query.limit ?? 200;
  const offset = query.offset ?? 0;
  const total = (db.prepare(`SELECT count(*) AS n FROM tickets WHERE ${clause}`).get(params) as { n: number }).n;

  const awaiting = db
    .prepare(`SELECT id, data_json FROM tickets WHERE ${clause} AND protocol IS NULL ORDER BY created_at DESC, id`)
    .all(params) as Array<{ id: string; data_json: string }>;
  const rows = awaiting.slice(offset, offset + limit);
  if (rows.length < limit) {
    const rest = db
      .prepare(`SELECT id, data_json FROM tickets WHERE ${clause} AND protocol IS NOT NULL ORDER BY ${orderOf(query)} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: limit - rows.length, offset: Math.max(0, offset - awaiting.length) }) as Array<{
      id: string;
      data_json: string;
    }>;
    rows.push(...rest);
  }
  const pending = pendingEntityIds(db, 'ticket');
  return {
    items: rows.map((row) => toListItem(row.id, JSON.parse(row.data_json) as TicketState, policy, now, pending)),
    total,
  };
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
