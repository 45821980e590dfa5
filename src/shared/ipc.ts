// The IPC contract between the renderer and the main process: every channel with the zod schema
// of its argument. The main process validates each call with it; preload and renderer are typed
// by it. Results cross as { ok, value } or { ok: false, error }, never as thrown errors.
import { z } from 'zod';
import type { Channel, EventName } from './ipcChannels';
import {
  CHECKLIST_ITEM_IDS,
  SEVERITIES,
  STAGE_STATUSES,
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
import type { ContactData, PolicyData, SlaPolicyData, TicketEventKind } from './wire';
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
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** Search, filters and order of the ticket list; the CSV export takes the same. */
export const ticketFilterSchema = z.object({
  search: z.string().max(200).optional(),
  status: z.enum(TICKET_STATUSES).optional(),
  type: z.enum(TICKET_TYPES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  department: z.string().max(120).optional(),
  /** Local calendar days (YYYY-MM-DD) of the creation date, both included. */
  createdFrom: isoDate.optional(),
  createdTo: isoDate.optional(),
  lateOnly: z.boolean().optional(),
  sort: z.enum(['date', 'protocol', 'deadline']).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
});
export type TicketFilter = z.infer<typeof ticketFilterSchema>;

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

  'tickets.list': ticketFilterSchema.extend({
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
  // A consultant may print a participant's page; everyone else prints their own.
  'checklist.print': z.object({ userId: uuid.optional() }).strict(),
  'checklist.savePdf': z.object({ userId: uuid.optional() }).strict(),

  'unsynced.list': empty,
  'unsynced.retry': z.object({ id: z.string().min(1).max(100) }),
  'unsynced.discard': z.object({ id: z.string().min(1).max(100) }),

  'contacts.list': empty,
  'policy.get': empty,
  'sla.preview': z.object({ severity: z.enum(SEVERITIES) }),

  'tickets.departments': empty,
  'tickets.print': z.object({ ticketId: uuid }),
  'tickets.savePdf': z.object({ ticketId: uuid }),
  'tickets.exportCsv': ticketFilterSchema,
  'attachments.open': z.object({ sha256, fileName: z.string().min(1).max(FILE_NAME_MAX_LENGTH) }),
  'attachments.preview': z.object({ sha256 }),
  'attachments.limits': empty,
  'notifications.list': empty,
  'notifications.markRead': z
    .object({ ids: z.array(uuid).max(1000).optional(), ticketId: uuid.optional(), all: z.boolean().optional() })
    .refine((value) => value.ids || value.ticketId || value.all, { message: 'Indique quais notificações marcar como lidas.' }),
  // The user confirmed the warning that lists the actions not yet sent.
  'auth.logoutAndErase': z.object({ confirmed: z.literal(true) }).strict(),
  'localData.summary': empty,
  'localData.integrity': empty,
  'localData.exportBackup': empty,
  'support.exportDiagnostics': empty,
  'update.status': empty,
  'update.check': empty,
  'update.install': empty,
  // Consultants only: every participant of the organizations they serve, or of one of them.
  'checklist.overview': empty,
  'checklist.printOverview': z.object({ organizationId: uuid.optional() }).strict(),
  'checklist.saveOverviewPdf': z.object({ organizationId: uuid.optional() }).strict(),
  'stages.list': empty,
  // Dates are checked by the handler, which names the wrong one in pt-BR.
  'stages.set': z.object({
    stageId: uuid,
    status: z.enum(STAGE_STATUSES),
    startedOn: z.string().max(10).nullable(),
    completedOn: z.string().max(10).nullable(),
  }),
  'policies.list': empty,
  'requests.updateCalendar': empty,
  'requests.platformUpdate': z.object({ date: z.string().max(10), note: z.string().max(NOTE_MAX_LENGTH).optional() }),
  'requests.databaseCopy': z.object({
    note: z.string().max(NOTE_MAX_LENGTH).optional(),
    acknowledged: z.literal(true, { error: 'Confirme que você leu o que é enviado na cópia do banco de dados.' }),
  }),
  'contacts.openEmail': z.object({ contactId: z.string().min(1).max(200), address: z.string().trim().min(3).max(254) }),
  'clipboard.copy': z.object({ text: z.string().min(1).max(1_000) }),
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
  /** Actions the server rejected, kept with the user's text in the "Não sincronizado" list. */
  unsyncedCount: number;
  /** How far the server's clock is ahead of this computer's, in ms; null before the first answer. */
  clockOffsetMs: number | null;
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
  department: string | null;
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
  /** Whether the service-level clock started outside business hours, when a critical stop needs the plantão. */
  openedOutsideBusinessHours: boolean;
  onCallPhone: string;
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

export interface UnsyncedActionView {
  id: string;
  name: string;
  /** The action in the user's words, e.g. "Comentário na solicitação 9662 – Ajustar meu sistema". */
  title: string;
  /** What the user wrote (comment, reason, subject and description), to copy. */
  text: string;
  errorCode: string;
  /** Why the server did not accept it, in pt-BR. */
  errorMessage: string;
  createdAt: string;
  rejectedAt: string;
  canRetry: boolean;
}

export interface StageView {
  id: string;
  key: StageKey;
  status: StageStatus;
  startedOn: string | null;
  completedOn: string | null;
  /** True while a change of the stage waits in the outbox. */
  pendingSync: boolean;
}

export interface StagesView {
  organizationId: string;
  organizationName: string;
  stages: StageView[];
}

/** One participant's checklist as a consultant follows it. */
export interface ParticipantProgress {
  userId: string;
  name: string;
  /**
   * The seven items. `daysSincePrevious` counts the days since the participant's previous
   * completion; it is null for an open item and for the first item done.
   */
  items: Array<ChecklistEntryView & { daysSincePrevious: number | null }>;
  done: number;
  total: number;
  first: string | null;
  last: string | null;
  days: number | null;
  openItemIds: ChecklistItemId[];
}

export interface OrganizationProgress {
  id: string;
  name: string;
  consultantNames: string[];
  participants: ParticipantProgress[];
}

export interface ConsultantOverview {
  /** The name printed as "Consultor" on the pages: the consultant who is signed in. */
  consultantName: string;
  organizations: OrganizationProgress[];
}

export type PolicyView = PolicyData & { id: string };

export interface UpdateCalendar {
  /** Today in São Paulo (YYYY-MM-DD), by the main process's clock. */
  today: string;
  /** The first date an update may be booked for today. */
  earliest: string;
  /** Holidays of the coming year that fall on a weekday, with their names. */
  holidays: Array<{ date: string; name: string }>;
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
  'tickets.list': { items: TicketListItem[]; total: number; totalCapped: boolean };
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
  'unsynced.list': UnsyncedActionView[];
  'unsynced.retry': { retried: true };
  'unsynced.discard': { discarded: true };
  'contacts.list': Array<ContactData & { id: string }>;
  'policy.get': SlaPolicyData;
  'sla.preview': { dueAt: string; outsideBusinessHours: boolean; onCallPhone: string };
  'tickets.departments': string[];
  'tickets.print': { printed: boolean };
  'tickets.savePdf': { savedTo: string | null };
  'tickets.exportCsv': { savedTo: string | null; rows: number };
  'attachments.open': { opened: boolean; path: string };
  'attachments.preview': { dataUrl: string | null };
  'attachments.limits': AttachmentLimits;
  'notifications.list': { items: NotificationView[]; unread: number };
  'notifications.markRead': { unread: number };
  'auth.logoutAndErase': SessionInfo;
  'localData.summary': LocalDataSummary;
  'localData.integrity': LocalDataIntegrity;
  'localData.exportBackup': { savedTo: string | null };
  'support.exportDiagnostics': { savedTo: string | null };
  'update.status': UpdateStatus;
  'update.check': UpdateStatus;
  'update.install': UpdateStatus;
  'checklist.overview': ConsultantOverview;
  'checklist.printOverview': { printed: boolean };
  'checklist.saveOverviewPdf': { savedTo: string | null };
  'stages.list': StagesView;
  'stages.set': StagesView;
  'policies.list': PolicyView[];
  'requests.updateCalendar': UpdateCalendar;
  'requests.platformUpdate': { ticketId: string; subject: string };
  'requests.databaseCopy': { ticketId: string; subject: string };
  'contacts.openEmail': { opened: true };
  'clipboard.copy': { copied: true };
}

/** The server's attachment rules as last fetched, so the forms check them offline too. */
export interface AttachmentLimits {
  maxBytes: number;
  blockedExtensions: string[];
}

export type NotificationKind = 'status' | 'solved' | 'comment' | 'rejected' | 'created';

export interface NotificationView {
  id: string;
  ticketId: string;
  kind: NotificationKind;
  /** "Novo comentário · Solicitação 9662", in pt-BR. */
  title: string;
  subject: string;
  text: string;
  actorName: string;
  at: string;
  read: boolean;
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
  /** The user clicked a desktop notification: the renderer opens its ticket, or Notificações when null. */
  'notification.open': { ticketId: string | null };
  'update.status': UpdateStatus;
}
/** Payload of each event; indexing by EventName fails to compile if a name has no payload. */
export type IpcEvents = { [E in EventName]: EventPayloads[E] };

/** What the preload exposes as window.sac; the e2e harness provides the same shape. */
export interface SacBridge {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<IpcResult<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void;
}
