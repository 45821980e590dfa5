// Pull: every document the user may see whose version is above the cursor, in version order.
// The cursor is opaque to clients; it carries the last version sent and a fingerprint of the
// user's organizations, so that joining an organization restarts the feed from the beginning.
import { createHash } from 'node:crypto';
import type { SelectQueryBuilder } from 'kysely';
import type { AuthContext } from '../auth/sessions';
import type { ServerDb } from '../db/connect';
import type { ServerDatabase } from '../db/schema';
import { HttpError } from '../httpErrors';

interface CursorState {
  version: number;
  scope: string;
  /** The server epoch the version belongs to; absent in cursors of older servers. */
  epoch?: string;
}

function scopeOf(auth: AuthContext): string {
  return createHash('sha256').update(auth.organizationIds.join(',')).digest('base64url').slice(0, 16);
}

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify({ v: state.version, s: state.scope, ...(state.epoch ? { e: state.epoch } : {}) })).toString('base64url');
}

export function decodeCursor(cursor: string): CursorState {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; s?: unknown; e?: unknown };
    if (typeof parsed.v === 'number' && Number.isInteger(parsed.v) && parsed.v >= 0 && typeof parsed.s === 'string') {
      return { version: parsed.v, scope: parsed.s, ...(typeof parsed.e === 'string' ? { epoch: parsed.e } : {}) };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new HttpError(400, 'invalid_cursor', 'Cursor de sincronização inválido. Sincronize de novo sem cursor para receber tudo.');
}

/**
 * Returns one page of changes as the JSON body of the pull response. Each document's stored JSON
 * is spliced into the body as it is, without parsing and serializing it again: the first sync
 * of a large account moves hundreds of thousands of documents.
 */
export async function pullPageJson(
  db: ServerDb,
  auth: AuthContext,
  cursor: string | undefined,
  limit: number,
  options: { count?: boolean; epoch?: string } = {},
): Promise<string> {
  const scope = scopeOf(auth);
  let after = 0;
  let reset = false;
  if (cursor) {
    const state = decodeCursor(cursor);
    after = state.scope === scope ? state.version : 0;
    // A cursor of another epoch, or ahead of every change stored, means the data went back in
    // time (a restore): the client must pull everything and send its recent actions again.
    const latest = await db.selectFrom('counters').select('value').where('name', '=', 'change_seq').executeTakeFirst();
    if ((options.epoch && state.epoch && state.epoch !== options.epoch) || state.version > (latest?.value ?? 0)) {
      after = 0;
      reset = true;
    }
  }
  // One ordered index range per source (shared documents, then each organization), each cut at
  // the page size, merged and cut again. A single query with OR over the organizations makes
  // SQLite collect and sort every remaining document on every page, which grows with the square
  // of a large account's size.
  const sources = [
    (query: SelectQueryBuilder<ServerDatabase, 'documents', object>) => query.where('organization_id', 'is', null),
    ...auth.organizationIds.map(
      (organizationId) => (query: SelectQueryBuilder<ServerDatabase, 'documents', object>) =>
        ownerFilter(query.where('organization_id', '=', organizationId), auth),
    ),
  ];
  const pages = await Promise.all(
    sources.map((source) =>
      source(db.selectFrom('documents'))
        .select(['entity', 'id', 'version', 'deleted', 'data_json'])
        .where('version', '>', after)
        .orderBy('version')
        .limit(limit + 1)
        .execute(),
    ),
  );
  const rows = pages
    .flat()
    .sort((a, b) => a.version - b.version)
    .slice(0, limit + 1);

  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const changes = page.map(
    (row) =>
      `{"entity":${JSON.stringify(row.entity)},"id":${JSON.stringify(row.id)},"version":${row.version},` +
      `"deleted":${row.deleted === 1},"data":${viewOf(row.entity, row.id, row.data_json, auth)}}`,
  );
  const lastVersion = page.length > 0 ? page[page.length - 1]!.version : after;
  let remaining = '';
  if (options.count) {
    let total = 0;
    for (const source of sources) {
      const counted = await source(db.selectFrom('documents'))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('version', '>', after)
        .executeTakeFirstOrThrow();
      total += Number(counted.n);
    }
    remaining = `,"remaining":${total}`;
  }
  const nextCursor = JSON.stringify(encodeCursor({ version: lastVersion, scope, ...(options.epoch ? { epoch: options.epoch } : {}) }));
  return `{"changes":[${changes.join(',')}],"cursor":${nextCursor},"hasMore":${hasMore}${remaining}${reset ? ',"reset":true' : ''}}`;
}

/** Keeps a participant's private documents (their checklist) from other clientes; consultants see all. */
function ownerFilter(
  query: SelectQueryBuilder<ServerDatabase, 'documents', object>,
  auth: AuthContext,
): SelectQueryBuilder<ServerDatabase, 'documents', object> {
  if (auth.user.role === 'consultor') return query;
  return query.where((eb) => eb.or([eb('owner_user_id', 'is', null), eb('owner_user_id', '=', auth.user.id)]));
}

/** Shapes a document's JSON for one viewer: a cliente sees no other person's e-mail. */
function viewOf(entity: string, id: string, dataJson: string, auth: AuthContext): string {
  if (entity === 'user' && auth.user.role !== 'consultor' && id !== auth.user.id) {
    const { email: _email, ...rest } = JSON.parse(dataJson) as Record<string, unknown>;
    return JSON.stringify(rest);
  }
  return dataJson;
}
