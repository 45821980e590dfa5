// The IPC contract between the renderer and the main process: every channel with the zod schema
// of its argument. The main process validates each call with it; preload and renderer are typed
// by it. Results cross as { ok, value } or { ok: false, error }, never as thrown errors.
import { z } from 'zod';
import type { Channel, EventName } from './ipcChannels';
import {
  CHECKLIST_ITEM_IDS,
  SEVERITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type ChecklistItemId,
  type DeadlineState,
  type Role,
  type Severity,
  type StageKey,
  type StageStatus,
  type TicketStatus,
  type TicketType,
} from './domain';
import type { ContactData, SlaPolicyData, TicketEventKind } from './wire';
import {
  COMMENT_MAX_LENGTH,
  DESCRIPTION_MAX_LENGTH,
  FILE_NAME_MAX_LENGTH,
  NOTE_MAX_LENGTH,
  REASON_MAX_LENGTH,
  SUBJECT_MAX_LENGTH,
} from './wire';

export { CHANNELS, EVENT_NAMES, IPC_PREFIX, type Channel, type EventName } from './ipcChannels';

const uuid = z.uuid();
const isoDate = z.iso.date();
const serverUrl = z
  .string()
  .trim()
  .min(1, 'Informe o endereço do servidor SAC.')
  .max(2048)
  .refine((value) => /^https?:\/\/[^\s/]+/i.test(value), {
    message: 'O endereço do servidor deve começar com http:// ou https://, por exemplo https://sac.exemplo.com.br.',
  });

const empty = z.object({}).strict();

/**
 * How to keep the session token when the operating system offers no protected storage (Linux
 * without a keyring): 'plain-text' stores it with Electron's fallback key after the user
 * agreed, 'memory' keeps it only until the app closes. Absent, such a sign-in is refused.
 */
const tokenStorage = z.enum(['plain-text', 'memory']).optional();

export const IPC_INPUTS = {
  'session.get': empty,
  'auth.login': z.object({
    serverUrl,
    email: z.string().trim().min(1).max(254),
    password: z.string().min(1).max(200),
    tokenStorage,
  }),
  'auth.register': z.object({
    serverUrl,
    name: z.string().trim().min(1).max(120),
    email: z.string().trim().min(3).max(254),
    password: z.string().min(8).max(200),
    inviteCode: z.string().trim().min(1).max(64),
    tokenStorage,
  }),
  'auth.logout': empty,
  'organization.select': z.object({ organizationId: uuid }),

  'sync.status': empty,
  'sync.now': empty,
  'network.changed': z.object({ online: z.boolean() }),

  'tickets.list': z.object({
    search: z.string().max(200).optional(),
    status: z.enum(TICKET_STATUSES).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    offset: z.number().int().min(0).optional(),
  }),
  'tickets.get': z.object({ ticketId: uuid }),
  'tickets.create': z.object({
    type: z.enum(TICKET_TYPES),
    severity: z.enum(SEVERITIES),
    subject: z.string().trim().min(1, 'Informe o assunto.').max(SUBJECT_MAX_LENGTH),
    description: z.string().max(DESCRIPTION_MAX_LENGTH),
    department: z.string().trim().max(120).optional(),
    attachmentIds: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(20),
  }),
  'tickets.reject': z.object({ ticketId: uuid, reason: z.string().trim().min(1).max(REASON_MAX_LENGTH) }),
  'tickets.comment': z.object({ ticketId: uuid, text: z.string().trim().min(1).max(COMMENT_MAX_LENGTH) }),
  'tickets.setStatus': z.object({ ticketId: uuid, status: z.enum(TICKET_STATUSES) }),
  'tickets.solve': z.object({
    ticketId: uuid,
    result: z.string().trim().min(1).max(120),
    text: z.string().max(DESCRIPTION_MAX_LENGTH),
  }),

  'attachments.stage': z.object({
    fileName: z.string().min(1).max(FILE_NAME_MAX_LENGTH),
    contentType: z.string().max(200),
    data: z.instanceof(Uint8Array),
  }),
  'attachments.save': z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), fileName: z.string().min(1).max(FILE_NAME_MAX_LENGTH) }),

  'checklist.get': z.object({ userId: uuid.optional() }),
  'checklist.set': z.object({
    itemId: z.enum(CHECKLIST_ITEM_IDS),
    done: z.boolean(),
    completedOn: isoDate.nullable().optional(),
    note: z.string().max(NOTE_MAX_LENGTH).nullable().optional(),
  }),
  'checklist.print': empty,
  'checklist.savePdf': empty,

  'contacts.list': empty,
  'policy.get': empty,
  'sla.preview': z.object({ severity: z.enum(SEVERITIES) }),

  // The user confirmed the warning that lists the actions not yet sent.
  'auth.logoutAndErase': z.object({ confirmed: z.literal(true) }).strict(),
  'localData.summary': empty,
  'localData.integrity': empty,
  'localData.exportBackup': empty,
  'support.exportDiagnostics': empty,
  'update.status': empty,
  'update.check': empty,
  'update.install': empty,
} as const satisfies Record<Channel, z.ZodType>;

export type ChannelInput<C extends Channel> = z.input<(typeof IPC_INPUTS)[C]>;

// ---- what the channels return ------------------------------------------------------------

export interface OrganizationSummary {
  id: string;
  name: string;
}

export type SessionInfo =
  | { signedIn: false; lastServerUrl: string | null; lastEmail: string | null }
  | {
      signedIn: true;
      serverUrl: string;
      user: { id: string; name: string; email: string; role: Role; organizationId: string };
      organizations: OrganizationSummary[];
      activeOrganizationId: string;
      /** Where the session token is kept: protected by the OS, with the plain-text fallback, or only in memory. */
      tokenStorage?: TokenStorage;
    };

export type TokenStorage = 'protected' | 'plain-text' | 'memory';

export type SignedInSession = Extract<SessionInfo, { signedIn: true }>;

export type ConnectionState = 'online' | 'offline' | 'syncing';

export interface SyncStatus {
  connection: ConnectionState;
  pendingCount: number;
  lastSuccessAt: string | null;
  /** Why the last sync stopped, in pt-BR, or null after a good one. */
  lastError: { code: string; message: string } | null;
  nextRetryAt: string | null;
  progress: { phase: 'push' | 'pull'; done: number; total: number | null } | null;
}

export interface TicketListItem {
  id: string;
  protocol: number | null;
  subject: string;
  type: TicketType;
  severity: Severity;
  status: TicketStatus;
  createdAt: string;
  dueAt: string;
  deadline: DeadlineState;
  rejectionCount: number;
  organizationId: string;
  /** True while the ticket or an action on it waits in the outbox. */
  pendingSync: boolean;
}

export interface TicketEventView {
  id: string;
  kind: TicketEventKind;
  actorName: string;
  at: string;
  text: string;
  pendingSync: boolean;
}

export interface AttachmentView {
  sha256: string;
  fileName: string;
  contentType: string;
  size: number;
  availableOffline: boolean;
}

export interface TicketDetail extends TicketListItem {
  description: string;
  department: string | null;
  createdByName: string;
  clockStartedAt: string;
  attachments: AttachmentView[];
  events: TicketEventView[];
  solution: { finishedAt: string; result: string; text: string; authorName?: string } | null;
}

export interface StagedAttachment {
  sha256: string;
  fileName: string;
  contentType: string;
  size: number;
}

export interface ChecklistEntryView {
  itemId: ChecklistItemId;
  title: string;
  done: boolean;
  completedOn: string | null;
  note: string | null;
  pendingSync: boolean;
}

export interface ChecklistView {
  userId: string;
  userName: string;
  organizationName: string;
  consultantName: string | null;
  items: ChecklistEntryView[];
}

export interface StageView {
  id: string;
  key: StageKey;
  status: StageStatus;
  startedOn: string | null;
  completedOn: string | null;
}

/** An action in the outbox, described for the "Sair e apagar dados" warning. */
export interface PendingActionView {
  id: string;
  /** What the user did, in pt-BR: "Nova solicitação: Erro ao imprimir", say. */
  label: string;
  createdAt: string;
  attempts: number;
}

export interface LocalDataSummary {
  pendingActions: PendingActionView[];
  /** Actions the server rejected that are kept with the user's text. */
  rejectedCount: number;
  lastSuccessAt: string | null;
}

/** Result of the start-up check of the user's database (PRAGMA quick_check). */
export interface LocalDataIntegrity {
  status: 'ok' | 'damaged' | 'unreadable' | 'notChecked';
  checkedAt: string | null;
}

export type UpdatePhase =
  | 'unavailable'
  | 'idle'
  | 'checking'
  | 'upToDate'
  | 'downloading'
  | 'ready'
  | 'waitingForSync'
  | 'installing'
  | 'error';

export interface UpdateStatus {
  phase: UpdatePhase;
  /** The running version, or null where there is no updater (development builds). */
  currentVersion: string | null;
  availableVersion: string | null;
  /** Download progress from 0 to 100. */
  percent: number | null;
  lastCheckedAt: string | null;
  /** A pt-BR sentence for 'unavailable' and 'error'. */
  message: string | null;
}

export interface IpcOutputs {
  'session.get': SessionInfo;
  'auth.login': SessionInfo;
  'auth.register': SessionInfo;
  'auth.logout': SessionInfo;
  'organization.select': SessionInfo;
  'sync.status': SyncStatus;
  'sync.now': SyncStatus;
  'network.changed': SyncStatus;
  'tickets.list': { items: TicketListItem[]; total: number };
  'tickets.get': TicketDetail;
  'tickets.create': { ticketId: string };
  'tickets.reject': TicketDetail;
  'tickets.comment': TicketDetail;
  'tickets.setStatus': TicketDetail;
  'tickets.solve': TicketDetail;
  'attachments.stage': StagedAttachment;
  'attachments.save': { savedTo: string | null };
  'checklist.get': ChecklistView;
  'checklist.set': ChecklistView;
  'checklist.print': { printed: boolean };
  'checklist.savePdf': { savedTo: string | null };
  'contacts.list': Array<ContactData & { id: string }>;
  'policy.get': SlaPolicyData;
  'sla.preview': { dueAt: string; outsideBusinessHours: boolean; onCallPhone: string };
  'auth.logoutAndErase': SessionInfo;
  'localData.summary': LocalDataSummary;
  'localData.integrity': LocalDataIntegrity;
  'localData.exportBackup': { savedTo: string | null };
  'support.exportDiagnostics': { savedTo: string | null };
  'update.status': UpdateStatus;
  'update.check': UpdateStatus;
  'update.install': UpdateStatus;
}

export type ChannelOutput<C extends Channel> = IpcOutputs[C];

export interface IpcError {
  code: string;
  message: string;
  /** Field-level problems, for forms: the field's path and a pt-BR sentence. */
  fields?: Array<{ path: string; message: string }>;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

// ---- events from main to renderer ---------------------------------------------------------

interface EventPayloads {
  'sync.status': SyncStatus;
  /** Local data changed (by a pull or a user action): the renderer refetches what it shows. */
  'data.changed': { entities: string[] };
  'session.changed': SessionInfo;
  'update.status': UpdateStatus;
}
/** Payload of each event; indexing by EventName fails to compile if a name has no payload. */
export type IpcEvents = { [E in EventName]: EventPayloads[E] };

/** What the preload exposes as window.sac; the e2e harness provides the same shape. */
export interface SacBridge {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<IpcResult<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void;
}
