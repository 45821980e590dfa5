// Bearer-token sessions. Only a SHA-256 of each token is stored, so a copy of the database
// does not let anyone act as a signed-in user.
import { createHash, randomBytes } from 'node:crypto';
import type { ServerDb } from '../db/connect';
import type { UsersTable } from '../db/schema';

const SESSION_DAYS = 30;

export interface AuthContext {
  user: Pick<UsersTable, 'id' | 'name' | 'email' | 'role' | 'organization_id'>;
  /** Organizations the user may see: their own, and every one a consultant serves. */
  organizationIds: string[];
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: ServerDb, userId: string, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
    })
    .execute();
  return token;
}

export async function resolveSession(db: ServerDb, token: string, now = new Date()): Promise<AuthContext | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.name', 'users.email', 'users.role', 'users.organization_id', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString()) return null;
  return { user: row, organizationIds: await organizationIdsOf(db, row.id) };
}

export async function organizationIdsOf(db: Pick<ServerDb, 'selectFrom'>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('organization_id')
    .where('user_id', '=', userId)
    .orderBy('organization_id')
    .execute();
  return rows.map((row) => row.organization_id);
}

export async function deleteSession(db: ServerDb, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}
