// Table types of the server database, for Kysely. Every synced entity lives in `documents` as
// JSON with a global version, which makes pull one indexed query; the other tables hold what
// the server needs to check rules and credentials.
import type { Generated } from 'kysely';

export interface DocumentsTable {
  entity: string;
  id: string;
  /** Null for data every user sees (contacts and the service-level policy). */
  organization_id: string | null;
  /** Set when only this user (and the organization's consultants) may see the document. */
  owner_user_id: string | null;
  /** Global change sequence at the document's last write: the pull cursor orders by it. */
  version: number;
  deleted: number;
  data_json: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface OrganizationsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  name: string;
  email: string;
  password_hash: string;
  role: 'cliente' | 'consultor';
  organization_id: string;
  created_at: string;
}

/** Which organizations a user may see: their own, and for a consultant every one they serve. */
export interface MembershipsTable {
  user_id: string;
  organization_id: string;
}

export interface InvitesTable {
  code: string;
  role: 'cliente' | 'consultor';
  organization_id: string;
  /** JSON array of further organization ids that a consultant invited with this code serves. */
  serves_json: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface MutationsTable {
  id: string;
  user_id: string;
  name: string;
  applied_at: string;
}

export interface AttachmentsTable {
  sha256: string;
  size: number;
  content_type: string;
  file_name: string;
  uploaded_by: string;
  created_at: string;
}

export interface TicketAttachmentsTable {
  ticket_id: string;
  sha256: string;
  organization_id: string;
}

export interface AttachmentUploadsTable {
  sha256: string;
  user_id: string;
  uploaded_at: string;
}

export interface AuthFailuresTable {
  id: Generated<number>;
  key: string;
  at: number;
}

/**
 * server_id names this server's data for good (a client keys its local folder by it, so a new
 * address for the same server keeps the user's pending actions); epoch changes when the data
 * is restored from a backup, which makes every client pull everything and resend its recent
 * actions.
 */
export interface ServerIdentityTable {
  key: 'server_id' | 'epoch';
  value: string;
}

export interface ServerDatabase {
  server_identity: ServerIdentityTable;
  documents: DocumentsTable;
  counters: CountersTable;
  organizations: OrganizationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  invites: InvitesTable;
  sessions: SessionsTable;
  mutations: MutationsTable;
  attachments: AttachmentsTable;
  ticket_attachments: TicketAttachmentsTable;
  attachment_uploads: AttachmentUploadsTable;
  auth_failures: AuthFailuresTable;
}
