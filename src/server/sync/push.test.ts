// POST /sync/push: batch limits, results in order, and each mutation id applied exactly once.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PUSH_MAX_BATCH, type TicketData } from '../../shared/wire';
import {
  expectErrorEnvelope,
  expectPortuguese,
  mutation,
  push,
  pushApplied,
  pushRaw,
  registerUser,
  startTestServer,
  ticketCreateArgs,
  visibleDocuments,
  type RegisteredUser,
  type TestServer,
} from '../testing/serverHarness';

let server: TestServer;
let cliente: RegisteredUser;

beforeEach(async () => {
  server = await startTestServer({ demo: true });
  cliente = await registerUser(server, 'DEMO-CLIENTE');
});

afterEach(async () => {
  await server.dispose();
});

async function ticketsOf(user: RegisteredUser) {
  return visibleDocuments<TicketData>(server, user.token, 'ticket');
}

async function demoTicket(protocol: number) {
  const ticket = (await ticketsOf(cliente)).find((candidate) => candidate.data.protocol === protocol);
  if (!ticket) throw new Error(`demo ticket ${protocol} not found`);
  return ticket;
}

const checklistMutation = (itemId: '01' | '02' = '01') => mutation('checklist.set', { itemId, done: true });

describe('push batch', () => {
  it('empty batch is 400', async () => {
    const response = await pushRaw(server, cliente.token, { mutations: [] });

    expectErrorEnvelope(response, 400, 'validation_failed');
  });

  it('batch over the maximum is 400', async () => {
    const mutations = Array.from({ length: PUSH_MAX_BATCH + 1 }, () => checklistMutation());

    const response = await pushRaw(server, cliente.token, { mutations });

    expectErrorEnvelope(response, 400, 'validation_failed');
  });

  it('oversized batch applies nothing', async () => {
    const mutations = Array.from({ length: PUSH_MAX_BATCH + 1 }, () => checklistMutation());

    await pushRaw(server, cliente.token, { mutations });

    expect(await visibleDocuments(server, cliente.token, 'checklistItem')).toEqual([]);
  });

  it('batch at the maximum is applied', async () => {
    const mutations = Array.from({ length: PUSH_MAX_BATCH }, (_, index) => checklistMutation(index % 2 ? '01' : '02'));

    const results = await push(server, cliente.token, mutations);

    expect(results).toHaveLength(PUSH_MAX_BATCH);
    expect(results.every((result) => result.status === 'applied')).toBe(true);
  });

  it('missing mutations field is 400', async () => {
    const response = await pushRaw(server, cliente.token, { acoes: [] });

    expectErrorEnvelope(response, 400, 'validation_failed');
  });

  it('non-UUID mutation id is rejected alone', async () => {
    const good = checklistMutation();
    const results = await push(server, cliente.token, [{ ...checklistMutation(), id: 'acao-1' }, good] as never);

    expect(results.map((result) => [result.id, result.status, result.error?.code])).toEqual([
      ['acao-1', 'rejected', 'invalid_mutation'],
      [good.id, 'applied', undefined],
    ]);
  });

  it('createdAt without offset is rejected alone', async () => {
    const bad = { ...checklistMutation(), createdAt: '05/09/2017 17:29' };
    const [result] = await push(server, cliente.token, [bad] as never);

    expect(result).toMatchObject({ id: bad.id, status: 'rejected', error: { code: 'invalid_mutation' } });
  });
});

describe('push results', () => {
  it('results follow batch order', async () => {
    const open = await demoTicket(7780);
    const batch = [
      mutation('ticket.comment', { ticketId: open.id, text: 'Primeiro.' }),
      mutation('ticket.reject', { ticketId: open.id, reason: 'Não está concluída.' }),
      mutation('ticket.comment', { ticketId: open.id, text: 'Terceiro.' }),
    ];

    const results = await push(server, cliente.token, batch);

    expect(results.map((result) => result.id)).toEqual(batch.map((envelope) => envelope.id));
    expect(results.map((result) => result.status)).toEqual(['applied', 'rejected', 'applied']);
  });

  it('rejection does not stop the batch', async () => {
    const batch = [mutation('ticket.comment', { ticketId: randomUUID(), text: 'Sem solicitação.' }), checklistMutation()];

    const results = await push(server, cliente.token, batch);

    expect(results[0]?.status).toBe('rejected');
    expect(results[1]?.status).toBe('applied');
  });

  it('rejection carries a pt-BR error', async () => {
    const [result] = await push(server, cliente.token, [mutation('ticket.comment', { ticketId: randomUUID(), text: 'Oi.' })]);

    expect(result?.error?.code).toBe('ticket_not_found');
    expectPortuguese(result?.error?.message ?? '');
  });

  it('applied result has no error', async () => {
    const [result] = await push(server, cliente.token, [checklistMutation()]);

    expect(result).toEqual({ id: expect.any(String), status: 'applied' });
  });

  it('unknown mutation name is rejected', async () => {
    const envelope = { ...checklistMutation(), name: 'ticket.delete' };

    const [result] = await push(server, cliente.token, [envelope]);

    expect(result?.status).toBe('rejected');
    expect(result?.error?.code).toBe('unknown_mutation');
    expectPortuguese(result?.error?.message ?? '');
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('name "%s" is unknown_mutation', async (name) => {
    const [result] = await push(server, cliente.token, [{ ...checklistMutation(), name }]);

    expect(result?.status).toBe('rejected');
    expect(result?.error?.code).toBe('unknown_mutation');
  });

  it('unknown mutation keeps the batch going', async () => {
    const results = await push(server, cliente.token, [{ ...checklistMutation(), name: 'ticket.delete' }, checklistMutation()]);

    expect(results.map((result) => result.status)).toEqual(['rejected', 'applied']);
  });

  it('invalid args are rejected', async () => {
    const [result] = await push(server, cliente.token, [mutation('checklist.set', { itemId: '08' as '01', done: true })]);

    expect(result?.status).toBe('rejected');
    expect(result?.error?.code).toBe('invalid_args');
    expect(result?.error?.message).toContain('itemId');
  });

  it('envelope without args is rejected alone', async () => {
    const { args: _args, ...envelope } = checklistMutation();

    const [result] = await push(server, cliente.token, [envelope] as never);

    expect(result).toMatchObject({ id: envelope.id, status: 'rejected', error: { code: 'invalid_mutation' } });
    expect(result?.error?.message).toMatch(/^Ação mal formada/);
  });
});

describe('push idempotency', () => {
  it('same id twice is a duplicate', async () => {
    const envelope = checklistMutation();

    const [first] = await push(server, cliente.token, [envelope]);
    const [second] = await push(server, cliente.token, [envelope]);

    expect(first?.status).toBe('applied');
    expect(second?.status).toBe('duplicate');
  });

  it('duplicate reject counts once', async () => {
    const concluded = await demoTicket(9661);
    const envelope = mutation('ticket.reject', { ticketId: concluded.id, reason: 'A versão publicada não abre.' });
    await pushApplied(server, cliente.token, envelope);

    const [again] = await push(server, cliente.token, [envelope]);

    expect(again?.status).toBe('duplicate');
    expect((await demoTicket(9661)).data.rejectionCount).toBe(1);
  });

  it('duplicate in one batch counts once', async () => {
    const concluded = await demoTicket(8373);
    const envelope = mutation('ticket.reject', { ticketId: concluded.id, reason: 'Ainda com erro.' });

    const results = await push(server, cliente.token, [envelope, envelope]);

    expect(results.map((result) => result.status)).toEqual(['applied', 'duplicate']);
    expect((await demoTicket(8373)).data.rejectionCount).toBe(1);
  });

  it('duplicate create keeps one protocol', async () => {
    const args = ticketCreateArgs();
    const envelope = mutation('ticket.create', args);
    await pushApplied(server, cliente.token, envelope);

    const [again] = await push(server, cliente.token, [envelope]);

    const tickets = await ticketsOf(cliente);
    expect(again?.status).toBe('duplicate');
    expect(tickets).toHaveLength(13);
    expect(tickets.find((ticket) => ticket.id === args.ticketId)?.data.protocol).toBe(9662);
  });

  it('duplicate create does not use a protocol', async () => {
    const envelope = mutation('ticket.create', ticketCreateArgs());
    await pushApplied(server, cliente.token, envelope);
    await push(server, cliente.token, [envelope]);
    const next = ticketCreateArgs();

    await pushApplied(server, cliente.token, mutation('ticket.create', next));

    expect((await ticketsOf(cliente)).find((ticket) => ticket.id === next.ticketId)?.data.protocol).toBe(9663);
  });

  it('duplicate comment adds one event', async () => {
    const ticket = await demoTicket(7780);
    const envelope = mutation('ticket.comment', { ticketId: ticket.id, text: 'Uma vez só.' });
    await pushApplied(server, cliente.token, envelope);

    await push(server, cliente.token, [envelope]);

    const events = await visibleDocuments<{ text: string }>(server, cliente.token, 'ticketEvent');
    expect(events.filter((event) => event.data.text === 'Uma vez só.')).toHaveLength(1);
  });

  it('id of another user is rejected', async () => {
    const colleague = await registerUser(server, 'DEMO-CLIENTE');
    const envelope = checklistMutation();
    await pushApplied(server, cliente.token, envelope);

    const [result] = await push(server, colleague.token, [envelope]);

    expect(result?.status).toBe('rejected');
    expect(result?.error?.code).toBe('mutation_id_conflict');
  });

  it('id of another user applies nothing', async () => {
    const colleague = await registerUser(server, 'DEMO-CLIENTE');
    const envelope = checklistMutation();
    await pushApplied(server, cliente.token, envelope);

    await push(server, colleague.token, [envelope]);

    expect(await visibleDocuments(server, colleague.token, 'checklistItem')).toEqual([]);
  });

  it('rejected mutation is not recorded', async () => {
    const envelope = mutation('ticket.comment', { ticketId: randomUUID(), text: 'Cedo demais.' });
    await push(server, cliente.token, [envelope]);

    const row = await server.db.selectFrom('mutations').select('id').where('id', '=', envelope.id).executeTakeFirst();

    expect(row).toBeUndefined();
  });
});
