// POST /auth/register, /auth/login and /auth/logout against a real server and data folder.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrganizationData } from '../../shared/wire';
import { verifyPassword } from '../auth/passwords';
import { DEMO_ORGANIZATION_NAME } from '../demo';
import {
  api,
  bearer,
  DEMO_PASSWORD,
  expectErrorEnvelope,
  login,
  registerUser,
  startTestServer,
  visibleDocuments,
  type TestServer,
} from '../testing/serverHarness';

let server: TestServer;

beforeEach(async () => {
  server = await startTestServer({ demo: true });
});

afterEach(async () => {
  await server.dispose();
});

function register(payload: Record<string, unknown>, remoteAddress?: string) {
  return server.app.inject({ method: 'POST', url: api('/auth/register'), payload, ...(remoteAddress ? { remoteAddress } : {}) });
}

const validRegistration = (overrides: Record<string, unknown> = {}) => ({
  name: 'Maria da Câmara',
  email: 'maria@camara.sp.gov.br',
  password: DEMO_PASSWORD,
  inviteCode: 'DEMO-CLIENTE',
  ...overrides,
});

async function organizationNames(token: string): Promise<string[]> {
  const organizations = await visibleDocuments<OrganizationData>(server, token, 'organization');
  return organizations.map((organization) => organization.data.name).sort();
}

describe('POST /auth/register', () => {
  it('DEMO-CLIENTE joins the Câmara as cliente', async () => {
    const { user, token } = await registerUser(server, 'DEMO-CLIENTE');

    expect(user.role).toBe('cliente');
    const organizations = await visibleDocuments<OrganizationData>(server, token, 'organization');
    expect(organizations).toHaveLength(1);
    expect(organizations[0]?.id).toBe(user.organizationId);
    expect(organizations[0]?.data.name).toBe(DEMO_ORGANIZATION_NAME);
  });

  it('DEMO-CONSULTOR serves both demo organizations', async () => {
    const { user, token } = await registerUser(server, 'DEMO-CONSULTOR');

    expect(user.role).toBe('consultor');
    const names = await organizationNames(token);
    expect(names).toHaveLength(2);
    expect(names).toContain(DEMO_ORGANIZATION_NAME);
  });

  it('DEMO-OUTRA joins the other organization', async () => {
    const camara = await registerUser(server, 'DEMO-CLIENTE');
    const { user, token } = await registerUser(server, 'DEMO-OUTRA');

    expect(user.role).toBe('cliente');
    expect(user.organizationId).not.toBe(camara.user.organizationId);
    const names = await organizationNames(token);
    expect(names).toHaveLength(1);
    expect(names).not.toContain(DEMO_ORGANIZATION_NAME);
  });

  it('invite code ignores case and spaces', async () => {
    const response = await register(validRegistration({ inviteCode: '  demo-cliente ' }));

    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().user.role).toBe('cliente');
  });

  it('unknown invite is invalid_invite', async () => {
    const response = await register(validRegistration({ inviteCode: 'DEMO-NADA' }));

    expectErrorEnvelope(response, 400, 'invalid_invite');
    expect(response.json().error.details[0].path).toBe('inviteCode');
  });

  it('duplicate e-mail is 409', async () => {
    await registerUser(server, 'DEMO-CLIENTE', { email: 'repetido@exemplo.com.br' });

    const response = await register(validRegistration({ email: 'repetido@exemplo.com.br' }));

    expectErrorEnvelope(response, 409, 'email_taken');
  });

  it('duplicate e-mail ignores case', async () => {
    await registerUser(server, 'DEMO-CLIENTE', { email: 'repetido@exemplo.com.br' });

    const response = await register(validRegistration({ email: 'Repetido@Exemplo.com.br' }));

    expectErrorEnvelope(response, 409, 'email_taken');
  });

  it('short password lists the field', async () => {
    const response = await register(validRegistration({ password: '1234567' }));

    expectErrorEnvelope(response, 400, 'validation_failed');
    const paths = (response.json().error.details as Array<{ path: string }>).map((detail) => detail.path);
    expect(paths).toEqual(['password']);
  });

  it('missing fields are all listed', async () => {
    const response = await register({});

    expectErrorEnvelope(response, 400, 'validation_failed');
    const paths = (response.json().error.details as Array<{ path: string }>).map((detail) => detail.path).sort();
    expect(paths).toEqual(['email', 'inviteCode', 'name', 'password']);
  });

  it('response has no password hash', async () => {
    const response = await register(validRegistration());

    expect(response.statusCode).toBe(201);
    expect(Object.keys(response.json().user).sort()).toEqual(['email', 'id', 'name', 'organizationId', 'role']);
    expect(response.body).not.toContain('scrypt');
    expect(response.body).not.toContain(DEMO_PASSWORD);
    expect(response.body).not.toMatch(/hash/i);
  });

  it('stored hash is scrypt', async () => {
    const { user } = await registerUser(server, 'DEMO-CLIENTE');

    const row = await server.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(row.password_hash).not.toContain(DEMO_PASSWORD);
    expect(await verifyPassword(DEMO_PASSWORD, row.password_hash)).toBe(true);
  });

  it('same password gets different salts', async () => {
    const first = await registerUser(server, 'DEMO-CLIENTE');
    const second = await registerUser(server, 'DEMO-CLIENTE');

    const rows = await server.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', 'in', [first.user.id, second.user.id])
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]?.password_hash).not.toBe(rows[1]?.password_hash);
  });

  it('e-mail is stored in lower case', async () => {
    const response = await register(validRegistration({ email: 'Maria@Camara.SP.gov.br' }));

    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().user.email).toBe('maria@camara.sp.gov.br');
  });
});

describe('POST /auth/login', () => {
  it('valid credentials return a new token', async () => {
    const registered = await registerUser(server, 'DEMO-CLIENTE');

    const response = await login(server, registered.user.email, registered.password);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().user).toEqual(registered.user);
    expect(response.json().token).not.toBe(registered.token);
  });

  it('login token opens protected routes', async () => {
    const registered = await registerUser(server, 'DEMO-CLIENTE');
    const { token } = (await login(server, registered.user.email, registered.password)).json() as { token: string };

    const pull = await server.app.inject({ method: 'GET', url: api('/sync/pull'), headers: bearer(token) });

    expect(pull.statusCode).toBe(200);
  });

  it('e-mail ignores case and spaces', async () => {
    const registered = await registerUser(server, 'DEMO-CLIENTE');

    const response = await login(server, ` ${registered.user.email.toUpperCase()} `, registered.password);

    expect(response.statusCode, response.body).toBe(200);
  });

  it('wrong password is 401', async () => {
    const registered = await registerUser(server, 'DEMO-CLIENTE');

    const response = await login(server, registered.user.email, 'senha-errada-1');

    expectErrorEnvelope(response, 401, 'invalid_credentials');
  });

  it('unknown e-mail looks like wrong password', async () => {
    const registered = await registerUser(server, 'DEMO-CLIENTE');
    const wrongPassword = await login(server, registered.user.email, 'senha-errada-1');

    const unknownEmail = await login(server, 'ninguem@exemplo.com.br', 'senha-errada-1');

    expectErrorEnvelope(unknownEmail, 401, 'invalid_credentials');
    expect(unknownEmail.json()).toEqual(wrongPassword.json());
  });

  it('login response has no password hash', async () => {
    const registered = await registerUser(server, 'DEMO-CLIENTE');

    const response = await login(server, registered.user.email, registered.password);

    expect(Object.keys(response.json().user).sort()).toEqual(['email', 'id', 'name', 'organizationId', 'role']);
    expect(response.body).not.toContain('scrypt');
  });

  it('message names each field once', async () => {
    const response = await server.app.inject({ method: 'POST', url: api('/auth/login'), payload: { email: 123, password: [] } });

    expectErrorEnvelope(response, 400, 'validation_failed');
    expect(response.json().error.message).toBe('Login inválido: confira e-mail, senha.');
  });

  it('missing password is 400', async () => {
    const response = await server.app.inject({ method: 'POST', url: api('/auth/login'), payload: { email: 'a@exemplo.com.br' } });

    expectErrorEnvelope(response, 400, 'validation_failed');
  });
});

describe('login rate limit', () => {
  async function failLogins(email: string, count: number, remoteAddress?: (attempt: number) => string): Promise<number[]> {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < count; attempt++) {
      const response = await login(server, email, 'senha-errada-1', remoteAddress?.(attempt));
      statuses.push(response.statusCode);
    }
    return statuses;
  }

  it('ten failures lock the e-mail', async () => {
    const registered = await registerUser(server, 'DEMO-CLIENTE');

    const statuses = await failLogins(registered.user.email, 10);
    const locked = await login(server, registered.user.email, registered.password);

    expect(statuses).toEqual(Array(10).fill(401));
    expectErrorEnvelope(locked, 429, 'too_many_attempts');
  });

  it('429 carries Retry-After in seconds', async () => {
    const registered = await registerUser(server, 'DEMO-CLIENTE');
    await failLogins(registered.user.email, 10);

    const locked = await login(server, registered.user.email, registered.password);

    const retryAfter = Number(locked.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  });

  it('nine failures do not lock', async () => {
    const registered = await registerUser(server, 'DEMO-CLIENTE');
    await failLogins(registered.user.email, 9);

    const response = await login(server, registered.user.email, registered.password);

    expect(response.statusCode, response.body).toBe(200);
  });

  it('e-mail lock holds from any address', async () => {
    server = await server.restart({ demo: true, authRateLimit: { maxFailures: 3, windowMs: 60_000 } });
    const registered = await registerUser(server, 'DEMO-CLIENTE');
    const other = await registerUser(server, 'DEMO-CLIENTE');
    await failLogins(registered.user.email, 3, (attempt) => `10.0.0.${attempt + 1}`);

    const locked = await login(server, registered.user.email, registered.password, '10.0.1.1');
    const otherUser = await login(server, other.user.email, other.password, '10.0.1.2');

    expectErrorEnvelope(locked, 429, 'too_many_attempts');
    expect(otherUser.statusCode, otherUser.body).toBe(200);
  });

  it('address lock holds for any e-mail', async () => {
    server = await server.restart({ demo: true, authRateLimit: { maxFailures: 3, windowMs: 60_000 } });
    const registered = await registerUser(server, 'DEMO-CLIENTE');
    for (const email of ['a@exemplo.com.br', 'b@exemplo.com.br', 'c@exemplo.com.br']) {
      await login(server, email, 'senha-errada-1', '10.0.0.9');
    }

    const fromLockedAddress = await login(server, registered.user.email, registered.password, '10.0.0.9');
    const fromOtherAddress = await login(server, registered.user.email, registered.password, '10.0.0.10');

    expectErrorEnvelope(fromLockedAddress, 429, 'too_many_attempts');
    expect(fromOtherAddress.statusCode, fromOtherAddress.body).toBe(200);
  });

  it('successful logins do not count', async () => {
    server = await server.restart({ demo: true, authRateLimit: { maxFailures: 3, windowMs: 60_000 } });
    const registered = await registerUser(server, 'DEMO-CLIENTE');
    await failLogins(registered.user.email, 2);

    const successes: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      successes.push((await login(server, registered.user.email, registered.password)).statusCode);
    }
    const thirdFailure = await login(server, registered.user.email, 'senha-errada-1');
    const afterThirdFailure = await login(server, registered.user.email, registered.password);

    expect(successes).toEqual(Array(5).fill(200));
    expect(thirdFailure.statusCode).toBe(401);
    expectErrorEnvelope(afterThirdFailure, 429, 'too_many_attempts');
  });

  it('successful registrations do not count', async () => {
    server = await server.restart({ demo: true, authRateLimit: { maxFailures: 2, windowMs: 60_000 } });

    for (let attempt = 0; attempt < 3; attempt++) await registerUser(server, 'DEMO-CLIENTE');
    const response = await register(validRegistration());

    expect(response.statusCode, response.body).toBe(201);
  });

  it('bad invite codes lock the address', async () => {
    server = await server.restart({ demo: true, authRateLimit: { maxFailures: 2, windowMs: 60_000 } });
    await register(validRegistration({ inviteCode: 'CHUTE-1' }), '10.0.0.20');
    await register(validRegistration({ inviteCode: 'CHUTE-2' }), '10.0.0.20');

    const response = await register(validRegistration(), '10.0.0.20');

    expectErrorEnvelope(response, 429, 'too_many_attempts');
  });

  it('lock survives a restart', async () => {
    const limit = { maxFailures: 3, windowMs: 60_000 };
    server = await server.restart({ demo: true, authRateLimit: limit });
    const registered = await registerUser(server, 'DEMO-CLIENTE');
    await failLogins(registered.user.email, 3);

    server = await server.restart({ demo: true, authRateLimit: limit });
    const response = await login(server, registered.user.email, registered.password);

    expectErrorEnvelope(response, 429, 'too_many_attempts');
  });

  it('lock lifts after the window', async () => {
    server = await server.restart({ demo: true, authRateLimit: { maxFailures: 2, windowMs: 1_500 } });
    const registered = await registerUser(server, 'DEMO-CLIENTE');
    await failLogins(registered.user.email, 2);
    const locked = await login(server, registered.user.email, registered.password);

    await new Promise((resolve) => setTimeout(resolve, 1_600));
    const unlocked = await login(server, registered.user.email, registered.password);

    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(2);
    expect(unlocked.statusCode, unlocked.body).toBe(200);
  });
});

describe('POST /auth/logout', () => {
  function logout(token: string) {
    return server.app.inject({ method: 'POST', url: api('/auth/logout'), headers: bearer(token) });
  }

  it('logout returns 204', async () => {
    const { token } = await registerUser(server, 'DEMO-CLIENTE');

    const response = await logout(token);

    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
  });

  it('token stops working after logout', async () => {
    const { token } = await registerUser(server, 'DEMO-CLIENTE');
    await logout(token);

    const pull = await server.app.inject({ method: 'GET', url: api('/sync/pull'), headers: bearer(token) });

    expectErrorEnvelope(pull, 401, 'unauthorized');
  });

  it('second logout is 401', async () => {
    const { token } = await registerUser(server, 'DEMO-CLIENTE');
    await logout(token);

    const again = await logout(token);

    expectErrorEnvelope(again, 401, 'unauthorized');
  });

  it('other sessions stay valid', async () => {
    const registered = await registerUser(server, 'DEMO-CLIENTE');
    const second = (await login(server, registered.user.email, registered.password)).json() as { token: string };
    await logout(registered.token);

    const pull = await server.app.inject({ method: 'GET', url: api('/sync/pull'), headers: bearer(second.token) });

    expect(pull.statusCode).toBe(200);
  });

  it('expired session is 401', async () => {
    const { token } = await registerUser(server, 'DEMO-CLIENTE');
    await server.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1_000).toISOString() }).execute();

    const pull = await server.app.inject({ method: 'GET', url: api('/sync/pull'), headers: bearer(token) });

    expectErrorEnvelope(pull, 401, 'unauthorized');
  });

  it('only a hash of the token is stored', async () => {
    const { token } = await registerUser(server, 'DEMO-CLIENTE');

    const rows = await server.db.selectFrom('sessions').select('token_hash').execute();

    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.token_hash)).not.toContain(token);
  });
});
