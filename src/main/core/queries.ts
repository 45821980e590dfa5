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
import { DEFAULT_SLA_POLICY, isOutsideBusinessHours } from '../../shared/sla';
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
import { cached } from './store/statements';
import { listTickets as listTicketsWith, toListItem, type TicketListQuery, type TicketListResult } from './ticketList';

export type { TicketListQuery } from './ticketList';

export function readPolicy(db: SqliteDatabase): SlaPolicyData {
  const row = cached(db, `SELECT data_json FROM reference_data WHERE entity = 'slaPolicy' ORDER BY id LIMIT 1`).get() as
    | { data_json: string }
    | undefined;
  return row ? (JSON.parse(row.data_json) as SlaPolicyData) : DEFAULT_SLA_POLICY;
}

function readReference<T>(db: SqliteDatabase, entity: string): Array<T & { id: string }> {
  const rows = cached(db, 'SELECT id, data_json FROM reference_data WHERE entity = ?').all(entity) as Array<{
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
  const row = cached(db, `SELECT data_json FROM reference_data WHERE entity = 'user' AND id = ?`).get(userId) as
    | { data_json: string }
    | undefined;
  return row ? (JSON.parse(row.data_json) as DirectoryUserData) : null;
}

/** Lists an organization's tickets with the stored service-level policy; see ticketList.ts. */
export function listTickets(db: SqliteDatabase, query: TicketListQuery, now: Date): TicketListResult {
  return listTicketsWith(db, query, now, readPolicy(db));
}

export function getTicket(db: SqliteDatabase, blobDir: string, ticketId: string, now: Date): TicketDetail {
  const row = cached(db, 'SELECT data_json FROM tickets WHERE id = ?').get(ticketId) as { data_json: string } | undefined;
  if (!row) throw AppError.of('not_found');
  const ticket = JSON.parse(row.data_json) as TicketState;
  const events = (
    cached(db, 'SELECT id, data_json, server_json FROM ticket_events WHERE ticket_id = ? ORDER BY at, rowid').all(ticketId) as Array<{
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
  const policy = readPolicy(db);
  return {
    ...toListItem(ticketId, ticket, policy, now, pendingEntityIds(db, 'ticket')),
    description: ticket.description,
    openedOutsideBusinessHours: isOutsideBusinessHours(policy, new Date(ticket.clockStartedAt)),
    onCallPhone: policy.onCallPhone,
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
    const row = cached(db, 'SELECT data_json FROM checklist_items WHERE id = ?').get(id) as { data_json: string } | undefined;
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
  const rows = cached(db, 'SELECT id, data_json FROM stages WHERE organization_id = ?').all(organizationId) as Array<{
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
