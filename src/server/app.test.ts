// The app as a whole: bearer-token checks on every protected route, the error envelope for bad
// input, and data that outlives a restart on the same data folder.
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PULL_MAX_LIMIT, PUSH_MAX_BATCH, serverInfoSchema, type TicketData } from '../shared/wire';
import {
  api,
  bearer,
  expectErrorEnvelope,
  expectNoStackTrace,
  login,
  mutation,
  pushApplied,
  registerUser,
  startTestServer,
  ticketCreateArgs,
  visibleDocuments,
  type TestServer,
} from './testing/serverHarness';

let server: TestServer;

beforeEach(async () => {
  server = await startTestServer({ demo: true });
});

afterEach(async () => {
  await server.dispose();
});

const SHA = 'a'.repeat(64);

const PROTECTED_ROUTES: Array<{ method: 'GET' | 'POST' | 'PUT'; path: string; payload?: unknown }> = [
  { method: 'GET', path: '/sync/pull' },
  { method: 'POST', path: '/sync/push', payload: { mutations: [] } },
  { method: 'POST', path: '/auth/logout' },
  { method: 'PUT', path: `/attachments/${SHA}`, payload: 'conteúdo' },
  { method: 'GET', path: `/attachments/${SHA}` },
];

describe('protected routes', () => {
  it.each(PROTECTED_ROUTES)('$method $path without token is 401', async (route) => {
    const response = await server.app.inject({
      method: route.method,
      url: api(route.path),
      ...(route.payload ? { payload: route.payload as string } : {}),
    });

    expectErrorEnvelope(response, 401, 'unauthorized');
  });

  it.each(PROTECTED_ROUTES)('$method $path with bad token is 401', async (route) => {
    const response = await server.app.inject({
      method: route.method,
      url: api(route.path),
      headers: bearer('token-que-nao-existe-0123456789'),
      ...(route.payload ? { payload: route.payload as string } : {}),
    });

    expectErrorEnvelope(response, 401, 'unauthorized');
  });

  it.each(['Basic dXNlcjpzZW5oYQ==', 'Bearer', 'Bearer a b', 'token-sem-esquema'])('authorization "%s" is 401', async (header) => {
    const response = await server.app.inject({ method: 'GET', url: api('/sync/pull'), headers: { authorization: header } });

    expectErrorEnvelope(response, 401, 'unauthorized');
  });

  it('bearer scheme ignores case', async () => {
    const { token } = await registerUser(server, 'DEMO-CLIENTE');

    const response = await server.app.inject({ method: 'GET', url: api('/sync/pull'), headers: { authorization: `bearer ${token}` } });

    expect(response.statusCode).toBe(200);
  });

  it('server-info is public', async () => {
    const response = await server.app.inject({ method: 'GET', url: api('/server-info') });

    expect(response.statusCode).toBe(200);
    expect(serverInfoSchema.safeParse(response.json()).success).toBe(true);
  });

  it('server-info reports the limits', async () => {
    server = await server.restart({ demo: true, attachmentMaxBytes: 4_096 });

    const info = serverInfoSchema.parse((await server.app.inject({ method: 'GET', url: api('/server-info') })).json());

    expect(info.limits.attachmentMaxBytes).toBe(4_096);
    expect(info.limits.pushMaxBatch).toBe(PUSH_MAX_BATCH);
    expect(info.limits.pullMaxLimit).toBe(PULL_MAX_LIMIT);
    expect(info.limits.blockedExtensions).toContain('exe');
  });
});

describe('error envelope', () => {
  let token: string;

  beforeEach(async () => {
    ({ token } = await registerUser(server, 'DEMO-CLIENTE'));
  });

  it('invalid JSON is invalid_json', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: api('/sync/push'),
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: '{"mutations": [',
    });

    expectErrorEnvelope(response, 400, 'invalid_json');
  });

  it('empty JSON body is invalid_json', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: api('/auth/login'),
      headers: { 'content-type': 'application/json' },
      payload: '',
    });

    expectErrorEnvelope(response, 400, 'invalid_json');
  });

  it('prototype pollution is rejected', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: api('/auth/login'),
      headers: { 'content-type': 'application/json' },
      payload: '{"email":"a@exemplo.com.br","password":"x","__proto__":{"admin":true}}',
    });

    expect(response.statusCode).toBe(400);
    expectErrorEnvelope(response, 400, 'invalid_json');
  });

  it.each(['application/xml', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'content type %s is 415',
    async (contentType) => {
      const response = await server.app.inject({
        method: 'POST',
        url: api('/sync/push'),
        headers: { ...bearer(token), 'content-type': contentType },
        payload: '{"mutations":[]}',
      });

      expectErrorEnvelope(response, 415, 'unsupported_media_type');
    },
  );

  it('login with text/plain is 415', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: api('/auth/login'),
      headers: { 'content-type': 'text/plain' },
      payload: 'email=a@exemplo.com.br',
    });

    expectErrorEnvelope(response, 415, 'unsupported_media_type');
  });

  it('oversized JSON body is 413', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: api('/sync/push'),
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: JSON.stringify({ mutations: [], padding: 'x'.repeat(3 * 1024 * 1024) }),
    });

    expectErrorEnvelope(response, 413, 'body_too_large');
  });

  it('unknown route is 404', async () => {
    const response = await server.app.inject({ method: 'GET', url: api('/chamados'), headers: bearer(token) });

    expectErrorEnvelope(response, 404, 'not_found');
  });

  it('unknown route without token is 404', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/qualquer/coisa' });

    expectErrorEnvelope(response, 404, 'not_found');
  });

  it('wrong method is 404', async () => {
    const response = await server.app.inject({ method: 'DELETE', url: api('/sync/pull'), headers: bearer(token) });

    expectErrorEnvelope(response, 404, 'not_found');
  });

  it('404 message omits the query string', async () => {
    const response = await server.app.inject({ method: 'GET', url: api('/chamados?token=segredo'), headers: bearer(token) });

    expect(response.json().error.message).not.toContain('segredo');
  });

  it('malformed percent-encoding is 400', async () => {
    const response = await server.app.inject({ method: 'GET', url: api('/attachments/%ZZ'), headers: bearer(token) });

    expectErrorEnvelope(response, 400, 'invalid_url');
  });

  it('overlong path parameter is 414', async () => {
    const response = await server.app.inject({ method: 'GET', url: api(`/attachments/${'a'.repeat(200)}`), headers: bearer(token) });

    expectErrorEnvelope(response, 414, 'url_too_long');
  });

  it('malformed HTTP gets the envelope', async () => {
    const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);

    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString('utf8')));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      socket.write('GET /api/v1/server-info HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n');
    });

    const [head = '', body = ''] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head.toLowerCase()).toContain('content-type: application/json');
    expectNoStackTrace(body);
    expect(JSON.parse(body).error.code).toBe('bad_request');
  });
});

// Malformed requests across the routes. Each gets a 4xx envelope, or a 200 with rejected results
// for a push whose envelopes are valid, and never a 500 or a stack trace.
const BAD_INPUTS: Array<{ name: string; method: 'GET' | 'POST' | 'PUT'; path: string; body?: string; headers?: Record<string, string> }> = [
  { name: 'login with typed fields', method: 'POST', path: '/auth/login', body: '{"email":123,"password":[]}' },
  { name: 'register with a huge name', method: 'POST', path: '/auth/register', body: JSON.stringify({ name: 'x'.repeat(100_000), email: 'a@b.com', password: '12345678', inviteCode: 'DEMO-CLIENTE' }) },
  { name: 'register with null body', method: 'POST', path: '/auth/register', body: 'null' },
  { name: 'push with a string batch', method: 'POST', path: '/sync/push', body: '{"mutations":"todas"}' },
  { name: 'push with deep nesting', method: 'POST', path: '/sync/push', body: `${'['.repeat(50_000)}${']'.repeat(50_000)}` },
  { name: 'push with numeric name', method: 'POST', path: '/sync/push', body: '{"mutations":[{"id":"6f1c2a56-64a4-4bd4-9a4c-4f4bb8a1e0a1","name":1,"args":{},"createdAt":"2024-01-01T00:00:00Z"}]}' },
  { name: 'push with string args', method: 'POST', path: '/sync/push', body: '{"mutations":[{"id":"6f1c2a56-64a4-4bd4-9a4c-4f4bb8a1e0a2","name":"ticket.create","args":"x","createdAt":"2024-01-01T00:00:00Z"}]}' },
  { name: 'push with bad attachment list', method: 'POST', path: '/sync/push', body: '{"mutations":[{"id":"6f1c2a56-64a4-4bd4-9a4c-4f4bb8a1e0a3","name":"ticket.create","args":{"ticketId":"6f1c2a56-64a4-4bd4-9a4c-4f4bb8a1e0a4","type":"elogio","severity":"media","subject":"a","description":"","attachments":"x"},"createdAt":"2024-01-01T00:00:00Z"}]}' },
  { name: 'push with prototype name', method: 'POST', path: '/sync/push', body: '{"mutations":[{"id":"6f1c2a56-64a4-4bd4-9a4c-4f4bb8a1e0a5","name":"constructor","args":{},"createdAt":"2024-01-01T00:00:00Z"}]}' },
  { name: 'pull with infinite limit', method: 'GET', path: '/sync/pull?limit=1e309' },
  { name: 'pull with fractional cursor', method: 'GET', path: `/sync/pull?cursor=${Buffer.from('{"v":1.5,"s":"x"}').toString('base64url')}` },
  { name: 'pull with array cursor', method: 'GET', path: '/sync/pull?cursor=a&cursor=b' },
  { name: 'upload with a long file name', method: 'PUT', path: `/attachments/${SHA}`, body: 'x', headers: { 'x-file-name': 'a'.repeat(2_000) } },
  { name: 'upload with control characters', method: 'PUT', path: `/attachments/${SHA}`, body: 'x', headers: { 'x-file-name': 'a%00b.txt' } },
  { name: 'upload to a short hash', method: 'PUT', path: '/attachments/abc', body: 'x', headers: { 'x-file-name': 'a.txt' } },
];

describe('bad input', () => {
  it.each(BAD_INPUTS)('$name is never a 500', async (input) => {
    const { token } = await registerUser(server, 'DEMO-CLIENTE');

    const response = await server.app.inject({
      method: input.method,
      url: api(input.path),
      headers: { ...bearer(token), 'content-type': 'application/json', ...input.headers },
      ...(input.body === undefined ? {} : { payload: input.body }),
    });

    expect(response.statusCode, response.body).toBeLessThan(500);
    expectNoStackTrace(response.body);
    if (response.statusCode >= 400) expectErrorEnvelope(response, response.statusCode, response.json().error.code);
  });
});

describe('restart', () => {
  it('users can log in after a restart', async () => {
    const registered = await registerUser(server, 'DEMO-CLIENTE');

    server = await server.restart({ demo: true });
    const response = await login(server, registered.user.email, registered.password);

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().user).toEqual(registered.user);
  });

  it('sessions survive a restart', async () => {
    const { token } = await registerUser(server, 'DEMO-CLIENTE');

    server = await server.restart({ demo: true });
    const response = await server.app.inject({ method: 'GET', url: api('/sync/pull'), headers: bearer(token) });

    expect(response.statusCode).toBe(200);
  });

  it('tickets survive a restart', async () => {
    const { token } = await registerUser(server, 'DEMO-CLIENTE');
    const args = ticketCreateArgs({ subject: 'Depois do reinício' });
    await pushApplied(server, token, mutation('ticket.create', args));

    server = await server.restart({ demo: true });
    const tickets = await visibleDocuments<TicketData>(server, token, 'ticket');

    expect(tickets.find((ticket) => ticket.id === args.ticketId)?.data.subject).toBe('Depois do reinício');
  });

  it('protocol counter survives a restart', async () => {
    const { token } = await registerUser(server, 'DEMO-CLIENTE');
    const first = ticketCreateArgs();
    await pushApplied(server, token, mutation('ticket.create', first));

    server = await server.restart({ demo: true });
    const second = ticketCreateArgs();
    await pushApplied(server, token, mutation('ticket.create', second));

    const tickets = await visibleDocuments<TicketData>(server, token, 'ticket');
    const protocolOf = (id: string) => tickets.find((ticket) => ticket.id === id)?.data.protocol;
    expect(protocolOf(first.ticketId)).toBe(9662);
    expect(protocolOf(second.ticketId)).toBe(9663);
  });

  it('demo data is seeded once', async () => {
    server = await server.restart({ demo: true });
    const { token } = await registerUser(server, 'DEMO-CONSULTOR');

    const tickets = await visibleDocuments(server, token, 'ticket');
    const organizations = await visibleDocuments(server, token, 'organization');
    const contacts = await visibleDocuments(server, token, 'contact');

    expect(tickets).toHaveLength(12);
    expect(organizations).toHaveLength(2);
    expect(contacts).toHaveLength(7);
  });

  it('mutation ids survive a restart', async () => {
    const { token } = await registerUser(server, 'DEMO-CLIENTE');
    const envelope = mutation('ticket.create', ticketCreateArgs());
    await pushApplied(server, token, envelope);

    server = await server.restart({ demo: true });
    const response = await server.app.inject({
      method: 'POST',
      url: api('/sync/push'),
      headers: bearer(token),
      payload: { mutations: [envelope] },
    });

    expect(response.json().results[0].status).toBe('duplicate');
  });
});
