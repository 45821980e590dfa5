// Pull: every document the user may see whose version is above the cursor, in version order.
// The cursor is opaque to clients; it carries the last version sent and a fingerprint of the
// user's organizations, so that joining an organization restarts the feed from the beginning.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { ChangeEnvelope, PullResponse } from '../../shared/wire';
import type { AuthContext } from '../auth/sessions';
import type { ServerDb } from '../db/connect';
import { HttpError } from '../httpErrors';

interface CursorState {
  version: number;
  scope: string;
}

function scopeOf(auth: AuthContext): string {
  return createHash('sha256').update(auth.organizationIds.join(',')).digest('base64url').slice(0, 16);
}

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify({ v: state.version, s: state.scope })).toString('base64url');
}

export function decodeCursor(cursor: string): CursorState {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; s?: unknown };
    if (typeof parsed.v === 'number' && Number.isInteger(parsed.v) && parsed.v >= 0 && typeof parsed.s === 'string') {
      return { version: parsed.v, scope: parsed.s };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new HttpError(400, 'invalid_cursor', 'Cursor de sincronização inválido. Sincronize de novo sem cursor para receber tudo.');
}

export async function pullChanges(db: ServerDb, auth: AuthContext, cursor: string | undefined, limit: number): Promise<PullResponse> {
  const scope = scopeOf(auth);
  let after = 0;
  if (cursor) {
    const state = decodeCursor(cursor);
    after = state.scope === scope ? state.version : 0;
  }
  const isConsultant = auth.user.role === 'consultor';
  const organizationIds = auth.organizationIds.length > 0 ? auth.organizationIds : [''];

  const rows = await db
    .selectFrom('documents')
    .select(['entity', 'id', 'version', 'deleted', 'data_json', 'organization_id', 'owner_user_id'])
    .where('version', '>', after)
    .where((eb) =>
      eb.or([
        eb('organization_id', 'is', null),
        eb.and([
          eb('organization_id', 'in', organizationIds),
          isConsultant
            ? sql<boolean>`1`
            : eb.or([eb('owner_user_id', 'is', null), eb('owner_user_id', '=', auth.user.id)]),
        ]),
      ]),
    )
    .orderBy('version')
    .limit(limit + 1)
    .execute();

  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const changes: ChangeEnvelope[] = page.map((row) => ({
    entity: row.entity,
    id: row.id,
    version: row.version,
    deleted: row.deleted === 1,
    data: viewOf(row.entity, row.id, JSON.parse(row.data_json) as Record<string, unknown>, auth),
  }));
  const lastVersion = page.length > 0 ? page[page.length - 1]!.version : after;
  return { changes, cursor: encodeCursor({ version: lastVersion, scope }), hasMore };
}

/** Shapes a document for one viewer: a cliente sees no other person's e-mail. */
function viewOf(entity: string, id: string, data: Record<string, unknown>, auth: AuthContext): unknown {
  if (entity === 'user' && auth.user.role !== 'consultor' && id !== auth.user.id) {
    const { email: _email, ...rest } = data;
    return rest;
  }
  return data;
}
