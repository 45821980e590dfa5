// Numbered migrations of the local database. Additive only: a shipped migration is never edited
// and no migration drops or rewrites user data, because an old file may hold unsent actions.

export interface LocalMigration {
  version: number;
  name: string;
  sql: string;
}

export const LOCAL_MIGRATIONS: LocalMigration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

      -- Synced entities. data_json is what the user sees: the server's data (server_json) with
      -- the user's pending actions applied on top. server_json is null for rows the server has
      -- not acknowledged yet.
      CREATE TABLE tickets (
        id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL,
        protocol INTEGER,
        subject TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        due_at TEXT NOT NULL,
        data_json TEXT NOT NULL,
        server_json TEXT,
        server_version INTEGER
      );
      CREATE INDEX tickets_org_created ON tickets (organization_id, created_at DESC);
      CREATE INDEX tickets_protocol ON tickets (protocol);

      CREATE TABLE ticket_events (
        id TEXT PRIMARY KEY,
        ticket_id TEXT NOT NULL,
        at TEXT NOT NULL,
        data_json TEXT NOT NULL,
        server_json TEXT,
        server_version INTEGER
      );
      CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, at);

      CREATE TABLE checklist_items (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        organization_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        data_json TEXT NOT NULL,
        server_json TEXT,
        server_version INTEGER
      );
      CREATE INDEX checklist_items_user ON checklist_items (user_id, item_id);

      CREATE TABLE stages (
        id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL,
        data_json TEXT NOT NULL,
        server_json TEXT,
        server_version INTEGER
      );

      -- Reference data that only the server changes.
      CREATE TABLE reference_data (
        entity TEXT NOT NULL,
        id TEXT NOT NULL,
        data_json TEXT NOT NULL,
        server_version INTEGER NOT NULL,
        PRIMARY KEY (entity, id)
      );

      -- Changes of entities or fields this version does not understand, kept for a newer version.
      CREATE TABLE unknown_changes (
        entity TEXT NOT NULL,
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        deleted INTEGER NOT NULL,
        data_json TEXT NOT NULL,
        reason TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (entity, id)
      );

      -- Actions waiting to reach the server, in the order the user took them.
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        args_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        last_attempt_at TEXT
      );
      CREATE INDEX outbox_entity ON outbox (entity, entity_id);

      -- Actions the server rejected, kept with the user's text until they retry or discard them.
      CREATE TABLE unsynced (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        args_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        error_code TEXT NOT NULL,
        error_message TEXT NOT NULL,
        rejected_at TEXT NOT NULL
      );

      -- Attachment files on disk, addressed by SHA-256.
      CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        content_type TEXT NOT NULL,
        file_name TEXT NOT NULL,
        uploaded INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
    `,
  },
];
