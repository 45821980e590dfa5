// Numbered schema migrations of the server database. Add a new entry for every change and never
// edit one that has shipped: servers in the field have already run it.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';

export const SERVER_MIGRATIONS: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('documents')
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('organization_id', 'text')
        .addColumn('owner_user_id', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().unique())
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('data_json', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('documents_pk', ['entity', 'id'])
        .execute();
      await db.schema.createIndex('documents_org_version').on('documents').columns(['organization_id', 'version']).execute();

      await db.schema
        .createTable('counters')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('organizations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('memberships')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'organization_id'])
        .execute();

      await db.schema
        .createTable('invites')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('serves_json', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('mutations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('applied_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('attachments')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('ticket_attachments')
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('organization_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ticket_attachments_pk', ['ticket_id', 'sha256'])
        .execute();
      await db.schema.createIndex('ticket_attachments_sha').on('ticket_attachments').column('sha256').execute();

      await db.schema
        .createTable('auth_failures')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('auth_failures_key_at').on('auth_failures').columns(['key', 'at']).execute();

      await sql`INSERT INTO counters (name, value) VALUES ('change_seq', 0), ('protocol', 0)`.execute(db);
    },
  },
  '0002_attachment_uploads': {
    // Who uploaded which blob. ticket.create accepts an attachment only from a user who sent its
    // bytes or who already sees a ticket that references it, so knowing a file's SHA-256 is not
    // enough to attach it and then download it.
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('attachment_uploads')
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('attachment_uploads_pk', ['sha256', 'user_id'])
        .execute();
      await sql`INSERT INTO attachment_uploads (sha256, user_id, uploaded_at)
        SELECT sha256, uploaded_by, created_at FROM attachments`.execute(db);
    },
  },
  '0003_server_identity': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('server_identity')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await db
        .insertInto('server_identity')
        .values([
          { key: 'server_id', value: randomUUID() },
          { key: 'epoch', value: randomUUID() },
        ])
        .execute();
    },
  },
};
