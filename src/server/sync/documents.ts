// Reads and writes of synced documents. Every write takes the next value of the global change
// sequence inside the caller's transaction, so versions follow commit order and a pull cursor
// (the last version a client saw) never skips a committed change.
import { sql, type Transaction } from 'kysely';
import type { ServerDatabase } from '../db/schema';

export type Trx = Transaction<ServerDatabase>;

export async function nextCounter(trx: Trx, name: 'change_seq' | 'protocol'): Promise<number> {
  const row = await sql<{ value: number }>`UPDATE counters SET value = value + 1 WHERE name = ${name} RETURNING value`.execute(trx);
  const value = row.rows[0]?.value;
  if (value === undefined) throw new Error(`Counter ${name} is missing`);
  return value;
}

export interface DocumentWrite {
  entity: string;
  id: string;
  organizationId: string | null;
  ownerUserId?: string | null;
  data: unknown;
  deleted?: boolean;
}

export async function writeDocument(trx: Trx, doc: DocumentWrite): Promise<number> {
  const version = await nextCounter(trx, 'change_seq');
  const row = {
    entity: doc.entity,
    id: doc.id,
    organization_id: doc.organizationId,
    owner_user_id: doc.ownerUserId ?? null,
    version,
    deleted: doc.deleted ? 1 : 0,
    data_json: JSON.stringify(doc.data),
  };
  await trx
    .insertInto('documents')
    .values(row)
    .onConflict((conflict) =>
      conflict.columns(['entity', 'id']).doUpdateSet({
        organization_id: row.organization_id,
        owner_user_id: row.owner_user_id,
        version: row.version,
        deleted: row.deleted,
        data_json: row.data_json,
      }),
    )
    .execute();
  return version;
}

export async function readDocument<T>(
  trx: Trx,
  entity: string,
  id: string,
): Promise<{ data: T; organizationId: string | null; ownerUserId: string | null; deleted: boolean } | null> {
  const row = await trx
    .selectFrom('documents')
    .select(['data_json', 'organization_id', 'owner_user_id', 'deleted'])
    .where('entity', '=', entity)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    data: JSON.parse(row.data_json) as T,
    organizationId: row.organization_id,
    ownerUserId: row.owner_user_id,
    deleted: row.deleted === 1,
  };
}
