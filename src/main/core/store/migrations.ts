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
  {
    version: 2,
    name: 'ticket search, filters and notifications',
    sql: `
      -- Columns the ticket list filters and sorts by, read from data_json so they can never
      -- disagree with it.
      ALTER TABLE tickets ADD COLUMN type TEXT GENERATED ALWAYS AS (json_extract(data_json, '$.type')) VIRTUAL;
      ALTER TABLE tickets ADD COLUMN severity TEXT GENERATED ALWAYS AS (json_extract(data_json, '$.severity')) VIRTUAL;
      ALTER TABLE tickets ADD COLUMN department TEXT GENERATED ALWAYS AS (json_extract(data_json, '$.department')) VIRTUAL;
      ALTER TABLE tickets ADD COLUMN created_by_id TEXT GENERATED ALWAYS AS (json_extract(data_json, '$.createdById')) VIRTUAL;
      CREATE INDEX tickets_org_protocol ON tickets (organization_id, protocol);
      CREATE INDEX tickets_org_due ON tickets (organization_id, due_at, status);
      CREATE INDEX tickets_org_severity ON tickets (organization_id, severity, created_at);
      CREATE INDEX tickets_org_type ON tickets (organization_id, type, created_at);
      CREATE INDEX tickets_org_status_created ON tickets (organization_id, status, created_at);

      -- Full-text search over protocol, subject, description, department, solution and history
      -- (comments included), accent-insensitive: "solicitacao" finds "Solicitação". The FTS row
      -- of a ticket has the rowid of its entry in ticket_search_ids, because the rowid of tickets
      -- itself is not stable (VACUUM may renumber a table without an INTEGER PRIMARY KEY).
      CREATE TABLE ticket_search_ids (rowid INTEGER PRIMARY KEY, ticket_id TEXT NOT NULL UNIQUE);
      CREATE VIRTUAL TABLE ticket_search USING fts5(
        protocol, subject, description, department, solution, history,
        tokenize = 'unicode61 remove_diacritics 2'
      );

      -- Triggers keep the index in step with every write, whether it comes from a pull, a user
      -- action or a rollback, inside the same transaction.
      CREATE TRIGGER tickets_search_insert AFTER INSERT ON tickets BEGIN
        INSERT OR IGNORE INTO ticket_search_ids (ticket_id) VALUES (NEW.id);
        DELETE FROM ticket_search WHERE rowid = (SELECT rowid FROM ticket_search_ids WHERE ticket_id = NEW.id);
        INSERT INTO ticket_search (rowid, protocol, subject, description, department, solution, history)
          SELECT ids.rowid, COALESCE(t.protocol, ''), t.subject, COALESCE(json_extract(t.data_json, '$.description'), ''),
            COALESCE(json_extract(t.data_json, '$.department'), ''),
            COALESCE(json_extract(t.data_json, '$.solution.result'), '') || ' ' || COALESCE(json_extract(t.data_json, '$.solution.text'), ''),
            COALESCE((SELECT group_concat(json_extract(e.data_json, '$.actorName') || ': ' || json_extract(e.data_json, '$.text'), char(10))
                      FROM ticket_events e WHERE e.ticket_id = t.id), '')
          FROM tickets t JOIN ticket_search_ids ids ON ids.ticket_id = t.id WHERE t.id = NEW.id;
      END;
      CREATE TRIGGER tickets_search_update AFTER UPDATE OF data_json, protocol, subject ON tickets BEGIN
        DELETE FROM ticket_search WHERE rowid = (SELECT rowid FROM ticket_search_ids WHERE ticket_id = NEW.id);
        INSERT INTO ticket_search (rowid, protocol, subject, description, department, solution, history)
          SELECT ids.rowid, COALESCE(t.protocol, ''), t.subject, COALESCE(json_extract(t.data_json, '$.description'), ''),
            COALESCE(json_extract(t.data_json, '$.department'), ''),
            COALESCE(json_extract(t.data_json, '$.solution.result'), '') || ' ' || COALESCE(json_extract(t.data_json, '$.solution.text'), ''),
            COALESCE((SELECT group_concat(json_extract(e.data_json, '$.actorName') || ': ' || json_extract(e.data_json, '$.text'), char(10))
                      FROM ticket_events e WHERE e.ticket_id = t.id), '')
          FROM tickets t JOIN ticket_search_ids ids ON ids.ticket_id = t.id WHERE t.id = NEW.id;
      END;
      CREATE TRIGGER tickets_search_delete AFTER DELETE ON tickets BEGIN
        DELETE FROM ticket_search WHERE rowid = (SELECT rowid FROM ticket_search_ids WHERE ticket_id = OLD.id);
        DELETE FROM ticket_search_ids WHERE ticket_id = OLD.id;
      END;
      CREATE TRIGGER ticket_events_search_insert AFTER INSERT ON ticket_events BEGIN
        DELETE FROM ticket_search WHERE rowid = (SELECT rowid FROM ticket_search_ids WHERE ticket_id = NEW.ticket_id);
        INSERT INTO ticket_search (rowid, protocol, subject, description, department, solution, history)
          SELECT ids.rowid, COALESCE(t.protocol, ''), t.subject, COALESCE(json_extract(t.data_json, '$.description'), ''),
            COALESCE(json_extract(t.data_json, '$.department'), ''),
            COALESCE(json_extract(t.data_json, '$.solution.result'), '') || ' ' || COALESCE(json_extract(t.data_json, '$.solution.text'), ''),
            COALESCE((SELECT group_concat(json_extract(e.data_json, '$.actorName') || ': ' || json_extract(e.data_json, '$.text'), char(10))
                      FROM ticket_events e WHERE e.ticket_id = t.id), '')
          FROM tickets t JOIN ticket_search_ids ids ON ids.ticket_id = t.id WHERE t.id = NEW.ticket_id;
      END;
      CREATE TRIGGER ticket_events_search_update AFTER UPDATE OF data_json ON ticket_events BEGIN
        DELETE FROM ticket_search WHERE rowid = (SELECT rowid FROM ticket_search_ids WHERE ticket_id = NEW.ticket_id);
        INSERT INTO ticket_search (rowid, protocol, subject, description, department, solution, history)
          SELECT ids.rowid, COALESCE(t.protocol, ''), t.subject, COALESCE(json_extract(t.data_json, '$.description'), ''),
            COALESCE(json_extract(t.data_json, '$.department'), ''),
            COALESCE(json_extract(t.data_json, '$.solution.result'), '') || ' ' || COALESCE(json_extract(t.data_json, '$.solution.text'), ''),
            COALESCE((SELECT group_concat(json_extract(e.data_json, '$.actorName') || ': ' || json_extract(e.data_json, '$.text'), char(10))
                      FROM ticket_events e WHERE e.ticket_id = t.id), '')
          FROM tickets t JOIN ticket_search_ids ids ON ids.ticket_id = t.id WHERE t.id = NEW.ticket_id;
      END;
      CREATE TRIGGER ticket_events_search_delete AFTER DELETE ON ticket_events BEGIN
        DELETE FROM ticket_search WHERE rowid = (SELECT rowid FROM ticket_search_ids WHERE ticket_id = OLD.ticket_id);
        INSERT INTO ticket_search (rowid, protocol, subject, description, department, solution, history)
          SELECT ids.rowid, COALESCE(t.protocol, ''), t.subject, COALESCE(json_extract(t.data_json, '$.description'), ''),
            COALESCE(json_extract(t.data_json, '$.department'), ''),
            COALESCE(json_extract(t.data_json, '$.solution.result'), '') || ' ' || COALESCE(json_extract(t.data_json, '$.solution.text'), ''),
            COALESCE((SELECT group_concat(json_extract(e.data_json, '$.actorName') || ': ' || json_extract(e.data_json, '$.text'), char(10))
                      FROM ticket_events e WHERE e.ticket_id = t.id), '')
          FROM tickets t JOIN ticket_search_ids ids ON ids.ticket_id = t.id WHERE t.id = OLD.ticket_id;
      END;

      -- Tickets already in the file before this migration.
      INSERT INTO ticket_search_ids (ticket_id) SELECT id FROM tickets;
      INSERT INTO ticket_search (rowid, protocol, subject, description, department, solution, history)
        SELECT ids.rowid, COALESCE(t.protocol, ''), t.subject, COALESCE(json_extract(t.data_json, '$.description'), ''),
            COALESCE(json_extract(t.data_json, '$.department'), ''),
            COALESCE(json_extract(t.data_json, '$.solution.result'), '') || ' ' || COALESCE(json_extract(t.data_json, '$.solution.text'), ''),
            COALESCE((SELECT group_concat(json_extract(e.data_json, '$.actorName') || ': ' || json_extract(e.data_json, '$.text'), char(10))
                      FROM ticket_events e WHERE e.ticket_id = t.id), '')
        FROM tickets t JOIN ticket_search_ids ids ON ids.ticket_id = t.id;

      -- Notifications of what others did on the user's tickets. A pulled history entry (one with
      -- server_json) becomes a notification when someone else made it, the ticket is the
      -- user's (a consultant's are all they see) and the account has finished a first sync: the
      -- first sync of an old account brings years of history that is not news.
      CREATE TABLE notifications (
        id TEXT PRIMARY KEY,
        ticket_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        actor_name TEXT NOT NULL,
        text TEXT NOT NULL,
        at TEXT NOT NULL,
        read_at TEXT,
        -- 1 once the desktop notification was shown (or deliberately folded into a summary).
        announced INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX notifications_at ON notifications (at DESC);
      CREATE INDEX notifications_unread ON notifications (read_at) WHERE read_at IS NULL;
      CREATE TRIGGER ticket_events_notify AFTER INSERT ON ticket_events
      WHEN NEW.server_json IS NOT NULL
        AND json_extract(NEW.data_json, '$.kind') IN ('status', 'solved', 'comment', 'rejected', 'created')
        AND EXISTS (SELECT 1 FROM meta WHERE key = 'lastSyncAt')
        AND json_extract(NEW.data_json, '$.actorId') IS NOT (SELECT value FROM meta WHERE key = 'userId')
        AND EXISTS (
          SELECT 1 FROM tickets t WHERE t.id = NEW.ticket_id
            AND ((SELECT value FROM meta WHERE key = 'userRole') = 'consultor'
                 OR t.created_by_id = (SELECT value FROM meta WHERE key = 'userId'))
        )
      BEGIN
        INSERT OR IGNORE INTO notifications (id, ticket_id, kind, actor_name, text, at)
        VALUES (NEW.id, NEW.ticket_id, json_extract(NEW.data_json, '$.kind'), json_extract(NEW.data_json, '$.actorName'),
                json_extract(NEW.data_json, '$.text'), json_extract(NEW.data_json, '$.at'));
      END;
    `,
  },
  {
    version: 3,
    name: 'clock offset of each action',
    sql: `
      -- How far the server's clock was ahead of this computer's when the user acted (null when
      -- it was not known yet), so an edit keeps its real time even if the clock is corrected
      -- before the action is sent.
      ALTER TABLE outbox ADD COLUMN clock_offset_ms INTEGER;
    `,
  },
  {
    version: 4,
    name: 'actions the server acknowledged',
    sql: `
      -- Actions the server answered "applied" or "duplicate" to, kept for 30 days: when the
      -- server's data is restored from a backup they are sent again (the server skips the ones
      -- it still has), so an action the restore lost is not lost for good.
      CREATE TABLE acknowledged (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        args_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        clock_offset_ms INTEGER,
        acknowledged_at TEXT NOT NULL
      );
      CREATE INDEX acknowledged_at ON acknowledged (acknowledged_at);
    `,
  },
  {
    version: 5,
    name: 'cheaper upkeep of search and notifications',
    sql: `
      -- The triggers of migration 2 rebuilt a ticket's search row on every write, so a ticket
      -- pulled with three history entries was indexed four times. Writes now only mark the ticket,
      -- and flushSearchIndex rebuilds each marked ticket once: at the end of every pulled page
      -- and before any search runs. The marks live in the same transactions as the writes, so a
      -- rollback takes them back too. A mark is added with NOT EXISTS rather than OR IGNORE
      -- because an upsert's own conflict handling overrides the one of its triggers.
      CREATE TABLE search_dirty (ticket_id TEXT PRIMARY KEY) WITHOUT ROWID;
      DROP TRIGGER tickets_search_insert;
      DROP TRIGGER tickets_search_update;
      DROP TRIGGER ticket_events_search_insert;
      DROP TRIGGER ticket_events_search_update;
      DROP TRIGGER ticket_events_search_delete;
      CREATE TRIGGER tickets_search_mark_insert AFTER INSERT ON tickets BEGIN
        INSERT INTO search_dirty (ticket_id) SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE ticket_id = NEW.id);
      END;
      CREATE TRIGGER tickets_search_mark_update AFTER UPDATE OF data_json, protocol, subject ON tickets BEGIN
        INSERT INTO search_dirty (ticket_id) SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE ticket_id = NEW.id);
      END;
      CREATE TRIGGER ticket_events_search_mark_insert AFTER INSERT ON ticket_events BEGIN
        INSERT INTO search_dirty (ticket_id) SELECT NEW.ticket_id WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE ticket_id = NEW.ticket_id);
      END;
      CREATE TRIGGER ticket_events_search_mark_update AFTER UPDATE OF data_json, ticket_id ON ticket_events BEGIN
        INSERT INTO search_dirty (ticket_id) SELECT OLD.ticket_id WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE ticket_id = OLD.ticket_id);
        INSERT INTO search_dirty (ticket_id) SELECT NEW.ticket_id WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE ticket_id = NEW.ticket_id);
      END;
      CREATE TRIGGER ticket_events_search_mark_delete AFTER DELETE ON ticket_events BEGIN
        INSERT INTO search_dirty (ticket_id) SELECT OLD.ticket_id WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE ticket_id = OLD.ticket_id);
      END;

      -- The same notification rule as migration 2, with the cheap test first: during a first
      -- sync there is no lastSyncAt yet, and each pulled history entry skips the JSON reads.
      DROP TRIGGER ticket_events_notify;
      CREATE TRIGGER ticket_events_notify AFTER INSERT ON ticket_events
      WHEN NEW.server_json IS NOT NULL
        AND EXISTS (SELECT 1 FROM meta WHERE key = 'lastSyncAt')
        AND json_extract(NEW.data_json, '$.kind') IN ('status', 'solved', 'comment', 'rejected', 'created')
        AND json_extract(NEW.data_json, '$.actorId') IS NOT (SELECT value FROM meta WHERE key = 'userId')
        AND EXISTS (
          SELECT 1 FROM tickets t WHERE t.id = NEW.ticket_id
            AND ((SELECT value FROM meta WHERE key = 'userRole') = 'consultor'
                 OR t.created_by_id = (SELECT value FROM meta WHERE key = 'userId'))
        )
      BEGIN
        INSERT OR IGNORE INTO notifications (id, ticket_id, kind, actor_name, text, at)
        VALUES (NEW.id, NEW.ticket_id, json_extract(NEW.data_json, '$.kind'), json_extract(NEW.data_json, '$.actorName'),
                json_extract(NEW.data_json, '$.text'), json_extract(NEW.data_json, '$.at'));
      END;
    `,
  },
  {
    version: 6,
    name: 'search rows in creation order',
    sql: `
      -- flushSearchIndex now gives each ticket's search row a rowid that sorts like its creation
      -- time, so a broad search reads its matches newest first. Marking every ticket makes the
      -- next flush renumber the rows an older version wrote.
      INSERT OR IGNORE INTO search_dirty (ticket_id) SELECT id FROM tickets;
    `,
  },
  {
    version: 7,
    name: 'server copy stored once',
    sql: `
      -- A row whose server copy equals data_json now stores server_json as '' instead of a second
      -- copy (see sync/optimistic.ts). The schema is unchanged: this level only keeps an older app,
      -- which would read '' as a row the server never acknowledged, from opening the file. Rows
      -- written before keep both copies, which the new rule reads as they are.
    `,
  },
  {
    version: 8,
    name: 'pulled rows marked by the pull',
    sql: `
      -- A pulled row is inserted with server_json = '' (migration 7). For such rows, the pull marks
      -- the ticket for the search index and tests the notification rule once per page
      -- (applyPull.ts), and these triggers skip them: run for each row, they cost more than a
      -- first sync's rows themselves. Local inserts (server_json null) still mark by trigger.
      DROP TRIGGER tickets_search_mark_insert;
      CREATE TRIGGER tickets_search_mark_insert AFTER INSERT ON tickets WHEN NEW.server_json IS NOT '' BEGIN
        INSERT INTO search_dirty (ticket_id) SELECT NEW.id WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE ticket_id = NEW.id);
      END;
      DROP TRIGGER ticket_events_search_mark_insert;
      CREATE TRIGGER ticket_events_search_mark_insert AFTER INSERT ON ticket_events WHEN NEW.server_json IS NOT '' BEGIN
        INSERT INTO search_dirty (ticket_id) SELECT NEW.ticket_id WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE ticket_id = NEW.ticket_id);
      END;
      DROP TRIGGER ticket_events_notify;
    `,
  },
];
