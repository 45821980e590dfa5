// Wire protocol v1 between SAC Desktop and the SAC server: the zod schemas both sides parse
// with. The client validates every response with them and the server every request.
import { z } from 'zod';
import {
  CHECKLIST_ITEM_IDS,
  ROLES,
  SEVERITIES,
  STAGE_KEYS,
  STAGE_STATUSES,
  TICKET_STATUSES,
  TICKET_TYPES,
} from './domain';

export const API_BASE_PATH = '/api/v1';

export const SUBJECT_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 20_000;
export const COMMENT_MAX_LENGTH = 10_000;
export const REASON_MAX_LENGTH = 5_000;
export const NOTE_MAX_LENGTH = 2_000;
export const FILE_NAME_MAX_LENGTH = 255;

const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'Esperava um SHA-256 em hexadecimal minúsculo.');
const nonBlank = (max: number) => z.string().trim().min(1).max(max);

// ---- errors -------------------------------------------------------------------------

export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.unknown()).optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

// ---- auth -----------------------------------------------------------------------------

export const userSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  organizationId: z.uuid(),
});
export type User = z.infer<typeof userSchema>;

export const registerRequestSchema = z.object({
  name: nonBlank(120),
  email: z.email().max(254),
  password: z.string().min(8).max(200),
  inviteCode: nonBlank(64),
});
export type RegisterRequest = z.infer<typeof registerRequestSchema>;

export const loginRequestSchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const authResponseSchema = z.object({ user: userSchema, token: z.string().min(20) });
export type AuthResponse = z.infer<typeof authResponseSchema>;

// ---- entities as they travel in pull changes -------------------------------------------

export const attachmentRefSchema = z.object({
  sha256: sha256Hex,
  fileName: z.string().min(1).max(FILE_NAME_MAX_LENGTH),
  contentType: z.string().min(1).max(200),
  size: z.number().int().nonnegative(),
});
export type AttachmentRef = z.infer<typeof attachmentRefSchema>;

export const solutionSchema = z.object({
  finishedAt: isoDateTime,
  result: z.string(),
  text: z.string(),
  authorName: z.string().optional(),
});
export type Solution = z.infer<typeof solutionSchema>;

export const ticketDataSchema = z.object({
  organizationId: z.uuid(),
  protocol: z.number().int().positive(),
  type: z.enum(TICKET_TYPES),
  severity: z.enum(SEVERITIES),
  subject: z.string(),
  description: z.string(),
  department: z.string().nullable(),
  status: z.enum(TICKET_STATUSES),
  rejectionCount: z.number().int().nonnegative(),
  createdAt: isoDateTime,
  createdById: z.uuid().nullable(),
  createdByName: z.string(),
  /** When the service-level clock last started: the creation, or the last rejection. */
  clockStartedAt: isoDateTime,
  dueAt: isoDateTime,
  attachments: z.array(attachmentRefSchema),
  solution: solutionSchema.nullable(),
  updatedAt: isoDateTime,
});
export type TicketData = z.infer<typeof ticketDataSchema>;

export const TICKET_EVENT_KINDS = ['created', 'status', 'solved', 'rejected', 'comment'] as const;
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number];

export const ticketEventDataSchema = z.object({
  ticketId: z.uuid(),
  organizationId: z.uuid(),
  kind: z.enum(TICKET_EVENT_KINDS),
  actorId: z.uuid().nullable(),
  actorName: z.string(),
  at: isoDateTime,
  text: z.string(),
  /** Kind-specific facts: the new status, the replaced solution, and so on. */
  data: z.record(z.string(), z.unknown()),
});
export type TicketEventData = z.infer<typeof ticketEventDataSchema>;

export const checklistItemDataSchema = z.object({
  userId: z.uuid(),
  organizationId: z.uuid(),
  itemId: z.enum(CHECKLIST_ITEM_IDS),
  done: z.boolean(),
  completedOn: isoDate.nullable(),
  note: z.string().max(NOTE_MAX_LENGTH).nullable(),
  updatedAt: isoDateTime,
  /** When the participant made this edit, on the server's clock. */
  editedAt: isoDateTime.optional(),
  /** Id of the mutation that made this edit: what a later edit names as `basedOn`. */
  editedBy: z.string().optional(),
});
export type ChecklistItemData = z.infer<typeof checklistItemDataSchema>;

export const stageDataSchema = z.object({
  organizationId: z.uuid(),
  key: z.enum(STAGE_KEYS),
  status: z.enum(STAGE_STATUSES),
  startedOn: isoDate.nullable(),
  completedOn: isoDate.nullable(),
  updatedAt: isoDateTime,
  /** When the consultant made the last edit, on the server's clock. */
  editedAt: isoDateTime.optional(),
  /** Id of the mutation that made the last edit: what a later edit names as `basedOn`. */
  editedBy: z.string().optional(),
});
export type StageData = z.infer<typeof stageDataSchema>;

export const contactDataSchema = z.object({
  organizationId: z.uuid().nullable(),
  position: z.number().int(),
  what: z.string(),
  where: z.string(),
  who: z.string(),
  how: z.string(),
});
export type ContactData = z.infer<typeof contactDataSchema>;

const slaDurationSchema = z.union([
  z.object({ hours: z.number().positive() }),
  z.object({ businessDays: z.number().int().positive() }),
]);
export type SlaDuration = z.infer<typeof slaDurationSchema>;

export const slaPolicyDataSchema = z.object({
  timeZone: z.string(),
  /** Business hours as "HH:MM" in the policy's time zone, on the ISO weekdays listed (1 = Monday). */
  businessHours: z.object({
    start: z.string().regex(/^\d{2}:\d{2}$/),
    end: z.string().regex(/^\d{2}:\d{2}$/),
    weekdays: z.array(z.number().int().min(1).max(7)),
  }),
  durations: z.record(z.enum(SEVERITIES), slaDurationSchema),
  onCallPhone: z.string(),
  /** Country and state whose holidays apply, as date-holidays names them ("BR", "SP"). */
  holidayRegion: z.object({ country: z.string(), state: z.string().optional() }),
  /** The city's own holidays and any other closed day: "MM-DD" recurs every year, "YYYY-MM-DD" once. */
  extraHolidays: z.array(z.object({ date: z.string().regex(/^(\d{4}-)?\d{2}-\d{2}$/), name: z.string() })),
  /** Optional days that the vendor closes: "carnaval", "quarta_cinzas" (until 12:00), "corpus_christi". */
  optionalClosedDays: z.array(z.enum(['carnaval', 'quarta_cinzas', 'corpus_christi'])),
});
export type SlaPolicyData = z.infer<typeof slaPolicyDataSchema>;

export const organizationDataSchema = z.object({
  name: z.string(),
  /** Names of the consultants who serve the organization, printed on the checklist page. */
  consultantNames: z.array(z.string()),
});
export type OrganizationData = z.infer<typeof organizationDataSchema>;

export const directoryUserDataSchema = z.object({
  name: z.string(),
  role: z.enum(ROLES),
  organizationId: z.uuid(),
  email: z.string().optional(),
});
export type DirectoryUserData = z.infer<typeof directoryUserDataSchema>;

/**
 * One block of a policy's text. `kind` is "paragraph", "list" (with `items`) or "note" (a
 * highlighted remark); a client shows a kind it does not know as a paragraph of its `text`.
 */
export const policyBlockSchema = z.object({
  kind: z.string().min(1).max(40),
  text: z.string().max(20_000).optional(),
  items: z.array(z.string().max(5_000)).max(100).optional(),
});
export type PolicyBlock = z.infer<typeof policyBlockSchema>;

/** A text of the vendor's procedure that the app shows offline: a policy or the service levels. */
export const policyDataSchema = z.object({
  /** Stable name used in links, such as "backup"; the document's id is the same string. */
  key: z.string().regex(/^[a-z0-9_-]{1,40}$/),
  position: z.number().int(),
  title: z.string().min(1).max(200),
  /** The checklist item ("01".."07") whose activity is reading this text, if any. */
  checklistItemId: z.string().nullable(),
  blocks: z.array(policyBlockSchema).max(200),
  updatedAt: isoDateTime,
});
export type PolicyData = z.infer<typeof policyDataSchema>;

export const ENTITY_DATA_SCHEMAS = {
  ticket: ticketDataSchema,
  ticketEvent: ticketEventDataSchema,
  checklistItem: checklistItemDataSchema,
  stage: stageDataSchema,
  contact: contactDataSchema,
  slaPolicy: slaPolicyDataSchema,
  organization: organizationDataSchema,
  user: directoryUserDataSchema,
  policy: policyDataSchema,
} as const;
export type EntityName = keyof typeof ENTITY_DATA_SCHEMAS;
export const ENTITY_NAMES = Object.keys(ENTITY_DATA_SCHEMAS) as EntityName[];
export type EntityData<E extends EntityName> = z.infer<(typeof ENTITY_DATA_SCHEMAS)[E]>;

// ---- pull -----------------------------------------------------------------------------

/**
 * One change as it travels. `entity` is a plain string and `data` unknown here, so that a client
 * can keep a change of an entity or field it does not know yet instead of rejecting the page.
 */
export const changeEnvelopeSchema = z.object({
  entity: z.string().min(1),
  id: z.string().min(1),
  version: z.number().int().positive(),
  deleted: z.boolean(),
  data: z.unknown(),
});
export type ChangeEnvelope = z.infer<typeof changeEnvelopeSchema>;

export const pullResponseSchema = z.object({
  changes: z.array(changeEnvelopeSchema),
  cursor: z.string().min(1),
  hasMore: z.boolean(),
  /** Changes left from the requested cursor on, this page included; sent when the request asks with count=true. */
  remaining: z.number().int().nonnegative().optional(),
  /**
   * True when the server ignored the cursor and starts over, because the data was restored from
   * a backup (see --new-epoch) or the cursor is ahead of the data: the client then also sends
   * again the actions it sent recently, since the restored data may lack them.
   */
  reset: z.boolean().optional(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const PULL_DEFAULT_LIMIT = 500;
export const PULL_MAX_LIMIT = 5_000;

// ---- push -----------------------------------------------------------------------------

/**
 * Id of the edit a checklist or stage setting was made on: the `editedBy` of the version the user
 * saw, or of their own earlier setting still on its way, and null for an item never edited. The
 * server applies the setting only while that is still the last edit, so an edit made without
 * seeing another is never applied over it. Without it, the server falls back to the older rule
 * by edit time.
 */
const basedOn = z.uuid().nullable().optional();

export const MUTATION_ARGS_SCHEMAS = {
  'ticket.create': z.object({
    ticketId: z.uuid(),
    /** For a consultant who serves several organizations; others may leave it out. */
    organizationId: z.uuid().optional(),
    type: z.enum(TICKET_TYPES),
    severity: z.enum(SEVERITIES),
    subject: nonBlank(SUBJECT_MAX_LENGTH),
    description: z.string().max(DESCRIPTION_MAX_LENGTH),
    department: z.string().trim().max(120).nullable().optional(),
    attachments: z.array(attachmentRefSchema).max(20).optional(),
  }),
  'ticket.reject': z.object({
    ticketId: z.uuid(),
    reason: nonBlank(REASON_MAX_LENGTH),
    /** finishedAt of the solution the user saw and rejects; a different solution on the server refuses the rejection. */
    solutionFinishedAt: isoDateTime.optional(),
  }),
  'ticket.comment': z.object({ ticketId: z.uuid(), text: nonBlank(COMMENT_MAX_LENGTH) }),
  'ticket.setStatus': z.object({
    ticketId: z.uuid(),
    status: z.enum(TICKET_STATUSES),
    /** The status the consultant saw when changing it; a different status on the server rejects the change. */
    fromStatus: z.enum(TICKET_STATUSES).optional(),
  }),
  'ticket.solve': z.object({
    ticketId: z.uuid(),
    result: nonBlank(120),
    text: z.string().max(DESCRIPTION_MAX_LENGTH),
  }),
  'checklist.set': z.object({
    itemId: z.enum(CHECKLIST_ITEM_IDS),
    done: z.boolean(),
    completedOn: isoDate.nullable().optional(),
    note: z.string().max(NOTE_MAX_LENGTH).nullable().optional(),
    basedOn,
  }),
  'stage.set': z.object({
    stageId: z.uuid(),
    status: z.enum(STAGE_STATUSES),
    startedOn: isoDate.nullable().optional(),
    completedOn: isoDate.nullable().optional(),
    basedOn,
  }),
} as const;
export type MutationName = keyof typeof MUTATION_ARGS_SCHEMAS;
export const MUTATION_NAMES = Object.keys(MUTATION_ARGS_SCHEMAS) as MutationName[];
export type MutationArgs<N extends MutationName> = z.infer<(typeof MUTATION_ARGS_SCHEMAS)[N]>;

/** A mutation whose args match its name: the form both sides work with after parsing. */
export type Mutation = {
  [N in MutationName]: { id: string; name: N; args: MutationArgs<N>; createdAt: string; clockOffsetMs?: number };
}[MutationName];

/** The envelope of a pushed mutation; its args are checked against its name afterwards. */
export const mutationEnvelopeSchema = z.object({
  id: z.uuid(),
  name: z.string().min(1).max(64),
  args: z.unknown(),
  createdAt: isoDateTime,
  /**
   * How far the server's clock was ahead of the client's when the user acted, as the client
   * measured it then. Absent when it was not known yet; the server then uses the offset it
   * measures from the push's clientTime.
   */
  clockOffsetMs: z.number().int().optional(),
});
export type MutationEnvelope = z.infer<typeof mutationEnvelopeSchema>;

export const PUSH_MAX_BATCH = 200;

/**
 * A push. Each element is checked on its own, so one malformed mutation is rejected without
 * blocking the rest of the batch. `clientTime` is the client's clock when it sent the batch: the
 * server uses it to put the mutations' createdAt on its own clock.
 */
export const pushRequestSchema = z.object({
  mutations: z.array(z.unknown()).min(1).max(PUSH_MAX_BATCH),
  clientTime: isoDateTime.optional(),
});

export const MUTATION_STATUSES = ['applied', 'duplicate', 'rejected'] as const;
export type MutationStatus = (typeof MUTATION_STATUSES)[number];

export const mutationErrorSchema = z.object({ code: z.string(), message: z.string() });
export type MutationError = z.infer<typeof mutationErrorSchema>;

export const pushResponseSchema = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      status: z.enum(MUTATION_STATUSES),
      error: mutationErrorSchema.optional(),
    }),
  ),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** Parses a mutation envelope's args against its name. An unknown name gives `issues: null`. */
export function parseMutation(
  envelope: MutationEnvelope,
): { ok: true; mutation: Mutation } | { ok: false; issues: z.core.$ZodIssue[] | null } {
  // Own properties only: a name such as "constructor" must not reach Object.prototype.
  if (!Object.hasOwn(MUTATION_ARGS_SCHEMAS, envelope.name)) return { ok: false, issues: null };
  const schema = (MUTATION_ARGS_SCHEMAS as Record<string, z.ZodType>)[envelope.name]!;
  const parsed = schema.safeParse(envelope.args);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues };
  return { ok: true, mutation: { ...envelope, args: parsed.data } as Mutation };
}

// ---- server information ---------------------------------------------------------------

/** Executables and scripts, which the server never stores as attachments. */
export const BLOCKED_ATTACHMENT_EXTENSIONS = [
  'exe', 'msi', 'bat', 'cmd', 'com', 'scr', 'pif', 'cpl', 'ps1', 'psm1', 'vbs', 'vbe', 'js', 'jse',
  'wsf', 'wsh', 'hta', 'jar', 'sh', 'bash', 'run', 'app', 'dmg', 'pkg', 'deb', 'rpm', 'appimage',
  'apk', 'lnk', 'reg', 'dll', 'sys',
] as const;

/**
 * Returns whether the server accepts a file name as it is: no path separators (a backslash is
 * one on Windows), no control characters, not "." or "..", at most FILE_NAME_MAX_LENGTH long.
 */
export function isAcceptableFileName(fileName: string): boolean {
  // eslint-disable-next-line no-control-regex
  const forbidden = /[\\/\u0000-\u001f]/;
  return fileName.length > 0 && fileName.length <= FILE_NAME_MAX_LENGTH && !forbidden.test(fileName) && fileName !== '.' && fileName !== '..';
}

/**
 * Returns whether a file name ends in an executable or script extension. Trailing dots and
 * spaces are ignored because Windows drops them when it saves a file, so "setup.exe." becomes
 * setup.exe.
 */
export function isBlockedFileName(fileName: string): boolean {
  const name = fileName.replace(/[. ]+$/, '');
  if (!name.includes('.')) return false;
  const extension = name.toLowerCase().split('.').pop() ?? '';
  return (BLOCKED_ATTACHMENT_EXTENSIONS as readonly string[]).includes(extension);
}

export const serverInfoSchema = z.object({
  protocolVersion: z.literal(1),
  /** Names this server's data for good, whatever address it is reached at. */
  serverId: z.string().min(1).optional(),
  serverTime: isoDateTime,
  limits: z.object({
    pushMaxBatch: z.number().int().positive(),
    pullMaxLimit: z.number().int().positive(),
    attachmentMaxBytes: z.number().int().positive(),
    blockedExtensions: z.array(z.string()),
  }),
});
export type ServerInfo = z.infer<typeof serverInfoSchema>;
