// POST /auth/register, /auth/login and /auth/logout. The invite code decides the new user's
// organization and role; failed attempts count against the e-mail and the client address.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { countOf } from '../../shared/format';
import { newId } from '../../shared/ids';
import { loginRequestSchema, registerRequestSchema, type AuthResponse } from '../../shared/wire';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../auth/passwords';
import type { AuthRateLimiter } from '../auth/rateLimit';
import { createSession, deleteSession } from '../auth/sessions';
import type { ServerDb } from '../db/connect';
import type { UsersTable } from '../db/schema';
import { HttpError, parseOr400 } from '../httpErrors';
import { writeOrganizationDocument, writeUserDocument } from '../sync/directory';

interface AuthDeps {
  db: ServerDb;
  limiter: AuthRateLimiter;
}

const tooManyAttempts = (retryAfter: number) =>
  new HttpError(
    429,
    'too_many_attempts',
    `Muitas tentativas sem sucesso. Aguarde ${countOf(Math.ceil(retryAfter / 60), 'minuto', 'minutos')} e tente de novo.`,
    undefined,
    { 'retry-after': String(retryAfter) },
  );

function toUserResponse(user: Pick<UsersTable, 'id' | 'name' | 'email' | 'role' | 'organization_id'>): AuthResponse['user'] {
  return { id: user.id, name: user.name, email: user.email, role: user.role, organizationId: user.organization_id };
}

const addressKey = (request: FastifyRequest) => `ip:${request.ip}`;

export function registerAuthRoutes(api: FastifyInstance, { db, limiter }: AuthDeps): void {
  api.post('/auth/register', async (request, reply) => {
    const body = parseOr400(registerRequestSchema, request.body, 'Cadastro');
    const keys = [addressKey(request)];
    const wait = await limiter.retryAfterSeconds(keys);
    if (wait !== null) throw tooManyAttempts(wait);

    const invite = await db
      .selectFrom('invites')
      .selectAll()
      .where('code', '=', body.inviteCode.trim().toUpperCase())
      .executeTakeFirst();
    if (!invite) {
      await limiter.recordFailure(keys);
      throw new HttpError(400, 'invalid_invite', 'Código de convite inválido. Confira o código que o seu consultor enviou.', [
        { path: 'inviteCode', message: 'Código de convite não encontrado.' },
      ]);
    }
    const email = body.email.trim().toLowerCase();
    const passwordHash = await hashPassword(body.password);
    const now = new Date().toISOString();
    const user: UsersTable = {
      id: newId(),
      name: body.name.trim(),
      email,
      password_hash: passwordHash,
      role: invite.role,
      organization_id: invite.organization_id,
      created_at: now,
    };
    const served = [invite.organization_id, ...(JSON.parse(invite.serves_json) as string[])];

    await db.transaction().execute(async (trx) => {
      const taken = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
      if (taken) {
        throw new HttpError(409, 'email_taken', 'Já existe uma conta com este e-mail. Entre com ele ou use outro e-mail.', [
          { path: 'email', message: 'E-mail já cadastrado.' },
        ]);
      }
      await trx.insertInto('users').values(user).execute();
      for (const organizationId of new Set(served)) {
        await trx.insertInto('memberships').values({ user_id: user.id, organization_id: organizationId }).execute();
      }
      await writeUserDocument(trx, user);
      if (user.role === 'consultor') {
        for (const organizationId of new Set(served)) await writeOrganizationDocument(trx, organizationId);
      }
    });
    const token = await createSession(db, user.id);
    request.log.info({ userId: user.id, role: user.role }, 'user registered');
    return reply.status(201).send({ user: toUserResponse(user), token } satisfies AuthResponse);
  });

  api.post('/auth/login', async (request) => {
    const body = parseOr400(loginRequestSchema, request.body, 'Login');
    const email = body.email.trim().toLowerCase();
    const keys = [`email:${email}`, addressKey(request)];
    const wait = await limiter.retryAfterSeconds(keys);
    if (wait !== null) throw tooManyAttempts(wait);

    const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    // An unknown e-mail still costs one hash, so response times do not reveal which e-mails exist.
    const valid = await verifyPassword(body.password, user?.password_hash ?? (await decoyPasswordHash()));
    if (!user || !valid) {
      await limiter.recordFailure(keys);
      throw new HttpError(401, 'invalid_credentials', 'E-mail ou senha incorretos. Confira os dados e tente de novo.');
    }
    const token = await createSession(db, user.id);
    request.log.info({ userId: user.id }, 'user signed in');
    return { user: toUserResponse(user), token } satisfies AuthResponse;
  });

  api.post('/auth/logout', async (request, reply) => {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (token) await deleteSession(db, token);
    request.log.info({ userId: request.auth?.user.id }, 'user signed out');
    return reply.status(204).send();
  });
}
