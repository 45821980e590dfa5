// Data for tests: a cliente of one organization, server copies of synced rows as the wire
// protocol carries them, and pull pages built from them.
import { checklistEntryId, type ChecklistItemId } from '../../../shared/domain';
import { DEFAULT_SLA_POLICY } from '../../../shared/sla';
import type {
  ChangeEnvelope,
  ChecklistItemData,
  PullResponse,
  StageData,
  TicketData,
  TicketEventData,
} from '../../../shared/wire';
import type { SqliteDatabase } from '../store/database';
import { SERVER_COPY_SQL, type LocalContext } from '../sync/optimistic';

export const ORGANIZATION_ID = '0b8f5d6e-2f4a-4c1b-9a57-6d3e2c1b0a01';
export const CLIENT_ID = '5a1c7e3d-8b2f-4d6a-9c0e-1f2a3b4c5d01';
export const CONSULTANT_ID = '5a1c7e3d-8b2f-4d6a-9c0e-1f2a3b4c5d02';

export function clientContext(overrides: Partial<LocalContext> = {}): LocalContext {
  return {
    actor: { id: CLIENT_ID, name: 'Rafael da Câmara', role: 'cliente' },
    organizationId: ORGANIZATION_ID,
    policy: DEFAULT_SLA_POLICY,
    ...overrides,
  };
}

export function consultantContext(): LocalContext {
  return clientContext({ actor: { id: CONSULTANT_ID, name: 'Carla Consultora', role: 'consultor' } });
}

/** Builds a concluded ticket as the server sends it. */
export function serverTicket(overrides: Partial<TicketData> = {}): TicketData {
  const createdAt = '2026-03-02T13:00:00.000Z';
  return {
    organizationId: ORGANIZATION_ID,
    protocol: 9700,
    type: 'solicitacao',
    severity: 'media',
    subject: 'Relatório de despachos sem data',
    description: 'O relatório de despachos sai sem a data de assinatura.',
    department: 'Secretaria',
    status: 'concluida',
    rejectionCount: 0,
    createdAt,
    createdById: CLIENT_ID,
    createdByName: 'Rafael da Câmara',
    clockStartedAt: createdAt,
    dueAt: '2026-03-03T13:00:00.000Z',
    attachments: [],
    solution: { finishedAt: '2026-03-02T18:00:00.000Z', result: 'Finalizado', text: 'Data incluída no relatório.' },
    updatedAt: '2026-03-02T18:00:00.000Z',
    ...overrides,
  };
}

export function serverEvent(ticketId: string, overrides: Partial<TicketEventData> = {}): TicketEventData {
  return {
    ticketId,
    organizationId: ORGANIZATION_ID,
    kind: 'created',
    actorId: CLIENT_ID,
    actorName: 'Rafael da Câmara',
    at: '2026-03-02T13:00:00.000Z',
    text: 'Solicitação foi realizada pelo colaborador Rafael da Câmara',
    data: {},
    ...overrides,
  };
}

export function serverChecklistItem(itemId: ChecklistItemId, overrides: Partial<ChecklistItemData> = {}): ChecklistItemData {
  return {
    userId: CLIENT_ID,
    organizationId: ORGANIZATION_ID,
    itemId,
    done: false,
    completedOn: null,
    note: null,
    updatedAt: '2026-03-01T12:00:00.000Z',
    ...overrides,
  };
}

export function serverStage(overrides: Partial<StageData> = {}): StageData {
  return {
    organizationId: ORGANIZATION_ID,
    key: 'levantamento',
    status: 'pendente',
    startedOn: null,
    completedOn: null,
    updatedAt: '2026-03-01T12:00:00.000Z',
    ...overrides,
  };
}

export function change(entity: string, id: string, version: number, data: unknown, deleted = false): ChangeEnvelope {
  return { entity, id, version, deleted, data };
}

export function page(changes: ChangeEnvelope[], cursor = `cursor-${changes.at(-1)?.version ?? 0}`, hasMore = false): PullResponse {
  return { changes, cursor, hasMore };
}

export function checklistChange(itemId: ChecklistItemId, version: number, overrides: Partial<ChecklistItemData> = {}) {
  return change('checklistItem', checklistEntryId(CLIENT_ID, itemId), version, serverChecklistItem(itemId, overrides));
}

export interface StoredRow {
  data: Record<string, unknown>;
  server: Record<string, unknown> | null;
  serverVersion: number | null;
}

/** Reads one synced row with its JSON columns parsed, or null when the row does not exist. */
export function readRow(db: SqliteDatabase, table: 'tickets' | 'checklist_items' | 'stages', id: string): StoredRow | null {
  const row = db.prepare(`SELECT data_json, ${SERVER_COPY_SQL} AS server_json, server_version FROM ${table} WHERE id = ?`).get(id) as
    | { data_json: string; server_json: string | null; server_version: number | null }
    | undefined;
  if (!row) return null;
  return {
    data: JSON.parse(row.data_json) as Record<string, unknown>,
    server: row.server_json ? (JSON.parse(row.server_json) as Record<string, unknown>) : null,
    serverVersion: row.server_version,
  };
}

export function countRows(db: SqliteDatabase, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
