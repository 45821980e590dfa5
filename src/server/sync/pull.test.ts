// GET /sync/pull: paging with the opaque cursor, and what each user may see.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PULL_MAX_LIMIT, type ChecklistItemData, type DirectoryUserData, type TicketData } from '../../shared/wire';
import {
  api,
  bearer,
  expectErrorEnvelope,
  latestDocuments,
  mutation,
  pullAll,
  pullPage,
  pushApplied,
  registerUser,
  startTestServer,
  ticketCreateArgs,
  visibleDocuments,
  type RegisteredUser,
  type TestServer,
} from '../testing/serverHarness';
import { encodeCursor } from './pull';

let server: TestServer;
let cliente: RegisteredUser;

beforeEach(async () => {
  server = await startTestServer({ demo: true });
  cliente = await registerUser(server, 'DEMO-CLIENTE');
});

afterEach(async () => {
  await server.dispose();
});

const countByEntity = (changes: Array<{ entity: string }>) => {
  const counts: Record<string, number> = {};
  for (const change of changes) counts[change.entity] = (counts[change.entity] ?? 0) + 1;
  return counts;
};

describe('pull paging', () => {
  it('no cursor returns everything visible', async () => {
    const page = await pullPage(server, cliente.token);

    expect(page.hasMore).toBe(false);
    expect(countByEntity(page.changes)).toEqual({
      slaPolicy: 1,
      policy: 5,
      organization: 1,
      stage: 4,
      contact: 7,
      ticket: 12,
      ticketEvent: 12,
      user: 1,
    });
  });

  it('changes come in version order', async () => {
    const page = await pullPage(server, cliente.token);

    const versions = page.changes.map((change) => change.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('small pages yield each change once', async () => {
    const whole = await pullPage(server, cliente.token);

    const paged = await pullAll(server, cliente.token, { limit: 5 });

    const keys = paged.changes.map((change) => `${change.entity}:${change.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(paged.changes).toEqual(whole.changes);
    expect(paged.pages).toBe(Math.ceil(whole.changes.length / 5));
  });

  it('pages are in ascending versions', async () => {
    const paged = await pullAll(server, cliente.token, { limit: 3 });

    const versions = paged.changes.map((change) => change.version);
    for (let index = 1; index < versions.length; index++) {
      expect(versions[index]).toBeGreaterThan(versions[index - 1]!);
    }
  });

  it('page of limit size reports hasMore', async () => {
    const page = await pullPage(server, cliente.token, { limit: 1 });

    expect(page.changes).toHaveLength(1);
    expect(page.hasMore).toBe(true);
  });

  it('cursor at the end returns nothing', async () => {
    const { cursor } = await pullAll(server, cliente.token);

    const page = await pullPage(server, cliente.token, { cursor });

    expect(page.changes).toEqual([]);
    expect(page.hasMore).toBe(false);
  });

  it('empty page keeps the cursor usable', async () => {
    const { cursor } = await pullAll(server, cliente.token);
    const empty = await pullPage(server, cliente.token, { cursor });
    const args = ticketCreateArgs();
    await pushApplied(server, cliente.token, mutation('ticket.create', args));

    const next = await pullPage(server, cliente.token, { cursor: empty.cursor });

    expect(next.changes.map((change) => change.entity).sort()).toEqual(['ticket', 'ticketEvent']);
  });

  it('cursor returns only newer changes', async () => {
    const { cursor } = await pullAll(server, cliente.token);
    const args = ticketCreateArgs();
    await pushApplied(server, cliente.token, mutation('ticket.create', args));

    const page = await pullPage(server, cliente.token, { cursor });

    expect(page.changes).toHaveLength(2);
    expect(page.changes.find((change) => change.entity === 'ticket')?.id).toBe(args.ticketId);
  });

  it('updated document returns once, latest', async () => {
    const args = ticketCreateArgs();
    await pushApplied(server, cliente.token, mutation('ticket.create', args));
    await pushApplied(server, cliente.token, mutation('ticket.comment', { ticketId: args.ticketId, text: 'Mais detalhes.' }));

    const { changes } = await pullAll(server, cliente.token);

    const ticketChanges = changes.filter((change) => change.entity === 'ticket' && change.id === args.ticketId);
    expect(ticketChanges).toHaveLength(1);
  });

  it('cursor of another scope restarts', async () => {
    const consultor = await registerUser(server, 'DEMO-CONSULTOR');
    const { cursor } = await pullAll(server, consultor.token);

    const page = await pullPage(server, cliente.token, { cursor });

    expect(countByEntity(page.changes).ticket).toBe(12);
  });
});

describe('pull remaining count', () => {
  it('first page counts everything', async () => {
    const { changes } = await pullAll(server, cliente.token);

    const first = await pullPage(server, cliente.token, { limit: 5, count: 'true' });

    expect(first.remaining).toBe(changes.length);
  });

  it('later page counts what is left', async () => {
    const { changes } = await pullAll(server, cliente.token);
    const first = await pullPage(server, cliente.token, { limit: 5 });

    const second = await pullPage(server, cliente.token, { cursor: first.cursor, limit: 5, count: 'true' });

    expect(second.remaining).toBe(changes.length - 5);
  });

  it('count is absent unless asked', async () => {
    const page = await pullPage(server, cliente.token, { limit: 5 });

    expect(page.remaining).toBeUndefined();
  });
});

describe('pull query errors', () => {
  const pullWith = (query: string) =>
    server.app.inject({ method: 'GET', url: api(`/sync/pull?${query}`), headers: bearer(cliente.token) });

  it('limit=abc is 400', async () => {
    expectErrorEnvelope(await pullWith('limit=abc'), 400, 'validation_failed');
  });

  it('limit=0 is 400', async () => {
    expectErrorEnvelope(await pullWith('limit=0'), 400, 'validation_failed');
  });

  it('limit=-1 is 400', async () => {
    expectErrorEnvelope(await pullWith('limit=-1'), 400, 'validation_failed');
  });

  it('limit=1.5 is 400', async () => {
    expectErrorEnvelope(await pullWith('limit=1.5'), 400, 'validation_failed');
  });

  it('limit=999999 is 400', async () => {
    expectErrorEnvelope(await pullWith('limit=999999'), 400, 'validation_failed');
  });

  it('limit above the maximum is 400', async () => {
    expectErrorEnvelope(await pullWith(`limit=${PULL_MAX_LIMIT + 1}`), 400, 'validation_failed');
  });

  it('limit at the maximum is accepted', async () => {
    expect((await pullWith(`limit=${PULL_MAX_LIMIT}`)).statusCode).toBe(200);
  });

  it('repeated limit is 400', async () => {
    expectErrorEnvelope(await pullWith('limit=1&limit=2'), 400, 'validation_failed');
  });

  it('bad limit names the field', async () => {
    const response = await pullWith('limit=abc');

    expect(response.json().error.details.map((detail: { path: string }) => detail.path)).toEqual(['limit']);
  });

  it('garbage cursor is invalid_cursor', async () => {
    expectErrorEnvelope(await pullWith('cursor=nao-e-um-cursor'), 400, 'invalid_cursor');
  });

  it('cursor of JSON null is invalid_cursor', async () => {
    const cursor = Buffer.from('null').toString('base64url');

    expectErrorEnvelope(await pullWith(`cursor=${cursor}`), 400, 'invalid_cursor');
  });

  it('negative cursor version is invalid_cursor', async () => {
    const cursor = encodeCursor({ version: -1, scope: 'x' });

    expectErrorEnvelope(await pullWith(`cursor=${cursor}`), 400, 'invalid_cursor');
  });

  it('empty cursor is 400', async () => {
    expectErrorEnvelope(await pullWith('cursor='), 400, 'validation_failed');
  });

  it('oversized cursor is 400', async () => {
    expectErrorEnvelope(await pullWith(`cursor=${'a'.repeat(600)}`), 400, 'validation_failed');
  });
});

describe('pull visibility', () => {
  it('other-org cliente sees no Câmara data', async () => {
    const other = await registerUser(server, 'DEMO-OUTRA');

    const { changes } = await pullAll(server, other.token);

    const organizationIds = changes
      .map((change) => (change.data as { organizationId?: string | null }).organizationId)
      .filter((organizationId) => organizationId);
    expect(organizationIds.length).toBeGreaterThan(0);
    expect(organizationIds).not.toContain(cliente.user.organizationId);
    expect(changes.map((change) => change.id)).not.toContain(cliente.user.organizationId);
  });

  it('other-org cliente sees no Câmara ticket', async () => {
    const other = await registerUser(server, 'DEMO-OUTRA');

    const tickets = await visibleDocuments(server, other.token, 'ticket');
    const events = await visibleDocuments(server, other.token, 'ticketEvent');

    expect(tickets).toEqual([]);
    expect(events).toEqual([]);
  });

  it('Câmara cliente sees no other-org ticket', async () => {
    const other = await registerUser(server, 'DEMO-OUTRA');
    const args = ticketCreateArgs({ subject: 'Pedido da outra câmara' });
    await pushApplied(server, other.token, mutation('ticket.create', args));

    const tickets = await visibleDocuments<TicketData>(server, cliente.token, 'ticket');

    expect(tickets).toHaveLength(12);
    expect(tickets.map((ticket) => ticket.id)).not.toContain(args.ticketId);
  });

  it('other-org cliente sees its own ticket', async () => {
    const other = await registerUser(server, 'DEMO-OUTRA');
    const args = ticketCreateArgs();
    await pushApplied(server, other.token, mutation('ticket.create', args));

    const tickets = await visibleDocuments<TicketData>(server, other.token, 'ticket');

    expect(tickets.map((ticket) => ticket.id)).toEqual([args.ticketId]);
  });

  it('consultor sees both organizations', async () => {
    const consultor = await registerUser(server, 'DEMO-CONSULTOR');
    const other = await registerUser(server, 'DEMO-OUTRA');
    const args = ticketCreateArgs();
    await pushApplied(server, other.token, mutation('ticket.create', args));

    const tickets = await visibleDocuments<TicketData>(server, consultor.token, 'ticket');

    expect(tickets).toHaveLength(13);
    expect(tickets.map((ticket) => ticket.id)).toContain(args.ticketId);
  });

  it('cliente sees only own checklist', async () => {
    const colleague = await registerUser(server, 'DEMO-CLIENTE');
    await pushApplied(server, cliente.token, mutation('checklist.set', { itemId: '01', done: true }));
    await pushApplied(server, colleague.token, mutation('checklist.set', { itemId: '01', done: true }));
    await pushApplied(server, colleague.token, mutation('checklist.set', { itemId: '02', done: true }));

    const items = await visibleDocuments<ChecklistItemData>(server, cliente.token, 'checklistItem');

    expect(items).toHaveLength(1);
    expect(items[0]?.data.userId).toBe(cliente.user.id);
  });

  it('consultor sees every participant checklist', async () => {
    const consultor = await registerUser(server, 'DEMO-CONSULTOR');
    const colleague = await registerUser(server, 'DEMO-CLIENTE');
    const other = await registerUser(server, 'DEMO-OUTRA');
    for (const participant of [cliente, colleague, other]) {
      await pushApplied(server, participant.token, mutation('checklist.set', { itemId: '01', done: true }));
    }

    const items = await visibleDocuments<ChecklistItemData>(server, consultor.token, 'checklistItem');

    expect(items.map((item) => item.data.userId).sort()).toEqual([cliente.user.id, colleague.user.id, other.user.id].sort());
  });

  it('cliente sees colleagues without e-mail', async () => {
    const colleague = await registerUser(server, 'DEMO-CLIENTE');

    const users = await visibleDocuments<DirectoryUserData>(server, cliente.token, 'user');

    const colleagueView = users.find((user) => user.id === colleague.user.id)?.data;
    expect(colleagueView?.name).toBe(colleague.user.name);
    expect(colleagueView).not.toHaveProperty('email');
    expect(JSON.stringify(users)).not.toContain(colleague.user.email);
  });

  it('cliente sees the consultor without e-mail', async () => {
    const consultor = await registerUser(server, 'DEMO-CONSULTOR');

    const users = await visibleDocuments<DirectoryUserData>(server, cliente.token, 'user');

    const consultorView = users.find((user) => user.id === consultor.user.id)?.data;
    expect(consultorView?.role).toBe('consultor');
    expect(consultorView).not.toHaveProperty('email');
  });

  it('cliente sees own e-mail', async () => {
    const users = await visibleDocuments<DirectoryUserData>(server, cliente.token, 'user');

    expect(users.find((user) => user.id === cliente.user.id)?.data.email).toBe(cliente.user.email);
  });

  it('consultor sees e-mails', async () => {
    const consultor = await registerUser(server, 'DEMO-CONSULTOR');

    const users = await visibleDocuments<DirectoryUserData>(server, consultor.token, 'user');

    expect(users.find((user) => user.id === cliente.user.id)?.data.email).toBe(cliente.user.email);
  });

  it('user view has the protocol fields', async () => {
    const colleague = await registerUser(server, 'DEMO-CLIENTE');

    const users = await visibleDocuments<DirectoryUserData>(server, cliente.token, 'user');

    const colleagueView = users.find((user) => user.id === colleague.user.id)?.data;
    expect(Object.keys(colleagueView ?? {}).sort()).toEqual(['name', 'organizationId', 'role']);
    expect(colleagueView?.organizationId).toBe(cliente.user.organizationId);
  });

  it('other-org users are hidden', async () => {
    const other = await registerUser(server, 'DEMO-OUTRA');

    const users = await visibleDocuments(server, cliente.token, 'user');

    expect(users.map((user) => user.id)).not.toContain(other.user.id);
  });

  it('pull shows no password hash', async () => {
    const consultor = await registerUser(server, 'DEMO-CONSULTOR');

    const { changes } = await pullAll(server, consultor.token);

    expect(JSON.stringify(changes)).not.toContain('scrypt');
  });

  it('update raises the document version', async () => {
    const args = ticketCreateArgs();
    await pushApplied(server, cliente.token, mutation('ticket.create', args));
    const { changes: before } = await pullAll(server, cliente.token);
    await pushApplied(server, cliente.token, mutation('ticket.comment', { ticketId: args.ticketId, text: 'Novo comentário.' }));

    const { changes: after } = await pullAll(server, cliente.token);

    const versionBefore = latestDocuments(before).get(`ticket:${args.ticketId}`)?.version ?? 0;
    const versionAfter = latestDocuments(after).get(`ticket:${args.ticketId}`)?.version ?? 0;
    expect(versionAfter).toBeGreaterThan(versionBefore);
  });
});
