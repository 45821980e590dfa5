// Read models for the screens: rows of the local database shaped as the IPC contract's views.
import { existsSync } from 'node:fs';
import { CHECKLIST_ITEMS, checklistEntryId, STAGE_KEYS } from '../../shared/domain';
import type {
  AttachmentView,
  ChecklistView,
  OrganizationSummary,
  PolicyView,
  StageView,
  TicketDetail,
  TicketEventView,
  TicketListItem,
} from '../../shared/ipc';
import { deadlineState, DEFAULT_SLA_POLICY } from '../../shared/sla';
import type { TicketState } from '../../shared/ticketRules';
import type {
  ChecklistItemData,
  ContactData,
  DirectoryUserData,
  OrganizationData,
  PolicyData,
  SlaPolicyData,
  StageData,
  TicketEventData,
} from '../../shared/wire';
import { AppError } from '../../shared/errors';
import { blobPath } from './store/blobs';
import type { SqliteDatabase } from './store/database';
import { pendingEntityIds } from './store/outbox';

export function readPolicy(db: SqliteDatabase): SlaPolicyData {
  const row = db.prepare(`SELECT data_json FROM reference_data WHERE entity = 'slaPolicy' ORDER BY id LIMIT 1`).get() as
    | { data_json: string }
    | undefined;
  return row ? (JSON.parse(row.data_json) as SlaPolicyData) : DEFAULT_SLA_POLICY;
}

function readReference<T>(db: SqliteDatabase, entity: string): Array<T & { id: string }> {
  const rows = db.prepare('SELECT id, data_json FROM reference_data WHERE entity = ?').all(entity) as Array<{
    id: string;
    data_json: string;
  }>;
  return rows.map((row) => ({ ...(JSON.parse(row.data_json) as T), id: row.id }));
}

export function listOrganizations(db: SqliteDatabase): Array<OrganizationSummary & OrganizationData> {
  return readReference<OrganizationData>(db, 'organization').sort((a, b) => a.name.localeCompare(b.name, 'pt-BR'));
}

export function listContacts(db: SqliteDatabase): Array<ContactData & { id: string }> {
  return readReference<ContactData>(db, 'contact').sort((a, b) => a.position - b.position);
}

/** Lists the procedure's texts the server sent, in the vendor's order. */
export function listPolicies(db: SqliteDatabase): PolicyView[] {
  return readReference<PolicyData>(db, 'policy').sort((a, b) => a.position - b.position || a.key.localeCompare(b.key));
}

/** Lists the people of every organization the user may see, as the server's directory sends them. */
export function listDirectoryUsers(db: SqliteDatabase): Array<DirectoryUserData & { id: string }> {
  return readReference<DirectoryUserData>(db, 'user');
}

export function findDirectoryUser(db: SqliteDatabase, userId: string): DirectoryUserData | null {
  const row = db.prepare(`SELECT data_json FROM reference_data WHERE entity = 'user' AND id = ?`).get(userId) as
    | { data_json: string }
    | undefined;
  return row ? (JSON.parse(row.data_json) as DirectoryUserData) : null;
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
    pendingSync: pending.has(id),
  };
}

export interface TicketListQuery {
  organizationId: string;
  search?: string;
  status?: string;
  limit?: number;
  offset?: number;
}

/** Lists an organization's tickets, newest first; tickets waiting for a protocol come first. */
export function listTickets(
  db: SqliteDatabase,
  query: TicketListQuery,
  now: Date,
): { items: TicketListItem[]; total: number } {
  const where = ['organization_id = @organizationId'];
  const params: Record<string, unknown> = { organizationId: query.organizationId };
  if (query.status) {
    where.push('status = @status');
    params.status = query.status;
  }
  const search = query.search?.trim();
  if (search) {
    where.push(`(subject LIKE @like ESCAPE '\\' OR CAST(protocol AS TEXT) = @exact)`);
    params.like = `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    params.exact = search;
  }
  const clause = where.join(' AND ');
  const total = (db.prepare(`SELECT count(*) AS n FROM tickets WHERE ${clause}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT id, data_json FROM tickets WHERE ${clause}
       ORDER BY protocol IS NOT NULL, created_at DESC, protocol DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: query.limit ?? 200, offset: query.offset ?? 0 }) as Array<{ id: string; data_json: string }>;
  const policy = readPolicy(db);
  const pending = pendingEntityIds(db, 'ticket');
  return {
    items: rows.map((row) => toListItem(row.id, JSON.parse(row.data_json) as TicketState, policy, now, pending)),
    total,
  };
}

export function getTicket(db: SqliteDatabase, blobDir: string, ticketId: string, now: Date): TicketDetail {
  const row = db.prepare('SELECT data_json FROM tickets WHERE id = ?').get(ticketId) as { data_json: string } | undefined;
  if (!row) throw AppError.of('not_found');
  const ticket = JSON.parse(row.data_json) as TicketState;
  const events = (
    db.prepare('SELECT id, data_json, server_json FROM ticket_events WHERE ticket_id = ? ORDER BY at, rowid').all(ticketId) as Array<{
      id: string;
      data_json: string;
      server_json: string | null;
    }>
  ).map((eventRow): TicketEventView => {
    const event = JSON.parse(eventRow.data_json) as TicketEventData;
    return {
      id: eventRow.id,
      kind: event.kind,
      actorName: event.actorName,
      at: event.at,
      text: event.text,
      pendingSync: eventRow.server_json === null,
    };
  });
  const attachments: AttachmentView[] = ticket.attachments.map((attachment) => ({
    ...attachment,
    availableOffline: existsSync(blobPath(blobDir, attachment.sha256)),
  }));
  return {
    ...toListItem(ticketId, ticket, readPolicy(db), now, pendingEntityIds(db, 'ticket')),
    description: ticket.description,
    department: ticket.department,
    createdByName: ticket.createdByName,
    clockStartedAt: ticket.clockStartedAt,
    attachments,
    events,
    solution: ticket.solution,
  };
}

export function getChecklist(
  db: SqliteDatabase,
  user: { id: string; name: string },
  organization: { name: string; consultantNames: string[] } | null,
): ChecklistView {
  const pending = pendingEntityIds(db, 'checklistItem');
  const items = CHECKLIST_ITEMS.map((item) => {
    const id = checklistEntryId(user.id, item.id);
    const row = db.prepare('SELECT data_json FROM checklist_items WHERE id = ?').get(id) as { data_json: string } | undefined;
    const data = row ? (JSON.parse(row.data_json) as ChecklistItemData) : null;
    return {
      itemId: item.id,
      title: item.title,
      done: data?.done ?? false,
      completedOn: data?.done ? data.completedOn : null,
      note: data?.note ?? null,
      pendingSync: pending.has(id),
    };
  });
  return {
    userId: user.id,
    userName: user.name,
    organizationName: organization?.name ?? '',
    consultantName: organization?.consultantNames[0] ?? null,
    items,
  };
}

export function listStages(db: SqliteDatabase, organizationId: string): StageView[] {
  const rows = db.prepare('SELECT id, data_json FROM stages WHERE organization_id = ?').all(organizationId) as Array<{
    id: string;
    data_json: string;
  }>;
  const pending = pendingEntityIds(db, 'stage');
  return rows
    .map((row) => {
      const stage = JSON.parse(row.data_json) as StageData;
      return {
        id: row.id,
        key: stage.key,
        status: stage.status,
        startedOn: stage.startedOn,
        completedOn: stage.completedOn,
        pendingSync: pending.has(row.id),
      };
    })
    .sort((a, b) => STAGE_KEYS.indexOf(a.key) - STAGE_KEYS.indexOf(b.key));
}
