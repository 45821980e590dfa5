// The ticket mutations through POST /sync/push: create, reject, comment, setStatus and solve.
import { createHash, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeDueAt, DEFAULT_SLA_POLICY } from '../../shared/sla';
import { SUBJECT_MAX_LENGTH, type MutationArgs, type TicketData, type TicketEventData } from '../../shared/wire';
import {
  api,
  bearer,
  mutation,
  push,
  pushApplied,
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
  cliente = await registerUser(server, 'DEMO-CLIENTE', { name: 'Maria da Câmara' });
});

afterEach(async () => {
  await server.dispose();
});

async function ticketById(user: RegisteredUser, ticketId: string): Promise<TicketData | undefined> {
  const tickets = await visibleDocuments<TicketData>(server, user.token, 'ticket');
  return tickets.find((ticket) => ticket.id === ticketId)?.data;
}

async function demoTicketId(protocol: number): Promise<string> {
  const tickets = await visibleDocuments<TicketData>(server, cliente.token, 'ticket');
  const ticket = tickets.find((candidate) => candidate.data.protocol === protocol);
  if (!ticket) throw new Error(`demo ticket ${protocol} not found`);
  return ticket.id;
}

async function eventsOf(user: RegisteredUser, ticketId: string) {
  const events = await visibleDocuments<TicketEventData>(server, user.token, 'ticketEvent');
  return events.filter((event) => event.data.ticketId === ticketId);
}

/** Pushes one mutation and returns its result. */
async function pushOne<N extends Parameters<typeof mutation>[0]>(user: RegisteredUser, name: N, args: MutationArgs<N>) {
  const [result] = await push(server, user.token, [mutation(name, args)]);
  return result;
}

async function createTicket(user: RegisteredUser, overrides: Partial<MutationArgs<'ticket.create'>> = {}): Promise<string> {
  const args = ticketCreateArgs(overrides);
  await pushApplied(server, user.token, mutation('ticket.create', args));
  return args.ticketId;
}

async function uploadAs(user: RegisteredUser, content: Buffer, fileName: string): Promise<void> {
  const sha256 = createHash('sha256').update(content).digest('hex');
  const response = await server.app.inject({
    method: 'PUT',
    url: api(`/attachments/${sha256}`),
    headers: { ...bearer(user.token), 'x-file-name': encodeURIComponent(fileName), 'content-type': 'application/octet-stream' },
    payload: content,
  });
  if (response.statusCode !== 201 && response.statusCode !== 200) throw new Error(`upload failed: ${response.body}`);
}

const withinNow = (iso: string | undefined, before: number) => {
  const at = Date.parse(iso ?? '');
  return at >= before - 1_000 && at <= Date.now() + 1_000;
};

describe('ticket.create', () => {
  it('create assigns protocol 9662', async () => {
    const ticketId = await createTicket(cliente);

    expect((await ticketById(cliente, ticketId))?.protocol).toBe(9662);
  });

  it('create stores the request fields', async () => {
    const ticketId = await createTicket(cliente, {
      type: 'reclamacao',
      severity: 'critica',
      subject: '  Sistema parado  ',
      description: 'Ninguém consegue entrar.',
      department: ' Secretaria ',
    });

    const ticket = await ticketById(cliente, ticketId);
    expect(ticket?.type).toBe('reclamacao');
    expect(ticket?.severity).toBe('critica');
    expect(ticket?.subject).toBe('Sistema parado');
    expect(ticket?.description).toBe('Ninguém consegue entrar.');
    expect(ticket?.department).toBe('Secretaria');
  });

  it('new ticket starts in analysis', async () => {
    const ticketId = await createTicket(cliente);

    const ticket = await ticketById(cliente, ticketId);
    expect(ticket?.status).toBe('analise');
    expect(ticket?.rejectionCount).toBe(0);
    expect(ticket?.solution).toBeNull();
    expect(ticket?.attachments).toEqual([]);
  });

  it('create records the author', async () => {
    const ticketId = await createTicket(cliente);

    const ticket = await ticketById(cliente, ticketId);
    expect(ticket?.createdById).toBe(cliente.user.id);
    expect(ticket?.createdByName).toBe('Maria da Câmara');
    expect(ticket?.organizationId).toBe(cliente.user.organizationId);
  });

  it('createdAt is the server time', async () => {
    const before = Date.now();
    const args = ticketCreateArgs();

    await pushApplied(server, cliente.token, { ...mutation('ticket.create', args), createdAt: '2020-01-02T03:04:05.000Z' });

    const ticket = await ticketById(cliente, args.ticketId);
    expect(withinNow(ticket?.createdAt, before)).toBe(true);
    expect(ticket?.clockStartedAt).toBe(ticket?.createdAt);
  });

  it('dueAt follows the policy', async () => {
    const ticketId = await createTicket(cliente, { severity: 'media' });

    const ticket = await ticketById(cliente, ticketId);
    const expected = computeDueAt(DEFAULT_SLA_POLICY, 'media', new Date(ticket?.createdAt ?? '')).toISOString();
    expect(ticket?.dueAt).toBe(expected);
  });

  it('create writes the history line', async () => {
    const envelope = mutation('ticket.create', ticketCreateArgs());
    await pushApplied(server, cliente.token, envelope);

    const events = await eventsOf(cliente, (envelope.args as MutationArgs<'ticket.create'>).ticketId);

    expect(events).toHaveLength(1);
    expect(events[0]?.id).toBe(envelope.id);
    expect(events[0]?.data.kind).toBe('created');
    expect(events[0]?.data.text).toBe('Solicitação foi realizada pelo colaborador Maria da Câmara');
  });

  it('protocols increase one by one', async () => {
    const first = await createTicket(cliente);
    const second = await createTicket(cliente);

    expect((await ticketById(cliente, first))?.protocol).toBe(9662);
    expect((await ticketById(cliente, second))?.protocol).toBe(9663);
  });

  it('unknown type is rejected', async () => {
    const result = await pushOne(cliente, 'ticket.create', ticketCreateArgs({ type: 'pedido' as 'elogio' }));

    expect(result?.status).toBe('rejected');
    expect(result?.error?.code).toBe('invalid_args');
  });

  it('blank subject is rejected', async () => {
    const result = await pushOne(cliente, 'ticket.create', ticketCreateArgs({ subject: '   ' }));

    expect(result?.error?.code).toBe('invalid_args');
  });

  it('oversized subject is rejected', async () => {
    const result = await pushOne(cliente, 'ticket.create', ticketCreateArgs({ subject: 'a'.repeat(SUBJECT_MAX_LENGTH + 1) }));

    expect(result?.error?.code).toBe('invalid_args');
  });

  it('subject at the maximum is accepted', async () => {
    const result = await pushOne(cliente, 'ticket.create', ticketCreateArgs({ subject: 'a'.repeat(SUBJECT_MAX_LENGTH) }));

    expect(result?.status).toBe('applied');
  });

  it('unknown severity is rejected', async () => {
    const result = await pushOne(cliente, 'ticket.create', ticketCreateArgs({ severity: 'alta' as 'media' }));

    expect(result?.error?.code).toBe('invalid_args');
  });

  it('missing attachment is rejected', async () => {
    const content = Buffer.from('nunca enviado');
    const args = ticketCreateArgs({
      attachments: [
        {
          sha256: createHash('sha256').update(content).digest('hex'),
          fileName: 'print.png',
          contentType: 'image/png',
          size: content.length,
        },
      ],
    });

    const result = await pushOne(cliente, 'ticket.create', args);

    expect(result?.status).toBe('rejected');
    expect(result?.error?.code).toBe('attachment_not_uploaded');
    expect(result?.error?.message).toContain('print.png');
    expect(await ticketById(cliente, args.ticketId)).toBeUndefined();
  });

  it('hash known but not uploaded is rejected', async () => {
    const content = Buffer.from('ofício sigiloso da outra câmara');
    const sha256 = createHash('sha256').update(content).digest('hex');
    const other = await registerUser(server, 'DEMO-OUTRA');
    await uploadAs(other, content, 'sigiloso.pdf');
    await createTicket(other, { attachments: [{ sha256, fileName: 'sigiloso.pdf', contentType: 'application/pdf', size: content.length }] });

    const args = ticketCreateArgs({ attachments: [{ sha256, fileName: 'x.pdf', contentType: 'application/pdf', size: content.length }] });
    const result = await pushOne(cliente, 'ticket.create', args);

    expect(result?.status).toBe('rejected');
    expect(result?.error?.code).toBe('attachment_not_uploaded');
  });

  it('attachment uploaded by the user is accepted', async () => {
    const content = Buffer.from('print da tela');
    const sha256 = createHash('sha256').update(content).digest('hex');
    await uploadAs(cliente, content, 'print.png');

    const result = await pushOne(
      cliente,
      'ticket.create',
      ticketCreateArgs({ attachments: [{ sha256, fileName: 'print.png', contentType: 'image/png', size: content.length }] }),
    );

    expect(result?.status).toBe('applied');
  });

  it('colleague may reuse a visible attachment', async () => {
    const content = Buffer.from('modelo de ofício');
    const sha256 = createHash('sha256').update(content).digest('hex');
    const reference = { sha256, fileName: 'modelo.pdf', contentType: 'application/pdf', size: content.length };
    await uploadAs(cliente, content, 'modelo.pdf');
    await createTicket(cliente, { attachments: [reference] });
    const colleague = await registerUser(server, 'DEMO-CLIENTE', { name: 'Colega' });

    const result = await pushOne(colleague, 'ticket.create', ticketCreateArgs({ attachments: [reference] }));

    expect(result?.status).toBe('applied');
  });

  it('wrong attachment size is rejected', async () => {
    const content = Buffer.from('planilha');
    const sha256 = createHash('sha256').update(content).digest('hex');
    await uploadAs(cliente, content, 'planilha.csv');

    const result = await pushOne(
      cliente,
      'ticket.create',
      ticketCreateArgs({ attachments: [{ sha256, fileName: 'planilha.csv', contentType: 'text/csv', size: content.length + 10 }] }),
    );

    expect(result?.status).toBe('rejected');
    expect(result?.error?.code).toBe('attachment_size_mismatch');
  });

  it('rejected create uses no protocol', async () => {
    await pushOne(cliente, 'ticket.create', ticketCreateArgs({ subject: '' }));
    await pushOne(
      cliente,
      'ticket.create',
      ticketCreateArgs({ attachments: [{ sha256: 'b'.repeat(64), fileName: 'a.pdf', contentType: 'application/pdf', size: 1 }] }),
    );

    const ticketId = await createTicket(cliente);

    expect((await ticketById(cliente, ticketId))?.protocol).toBe(9662);
  });

  it('reused ticket id is rejected', async () => {
    const ticketId = await createTicket(cliente);

    const result = await pushOne(cliente, 'ticket.create', ticketCreateArgs({ ticketId }));

    expect(result?.error?.code).toBe('ticket_exists');
  });

  it('cliente cannot create for another org', async () => {
    const other = await registerUser(server, 'DEMO-OUTRA');

    const result = await pushOne(cliente, 'ticket.create', ticketCreateArgs({ organizationId: other.user.organizationId }));

    expect(result?.status).toBe('rejected');
    expect(result?.error?.code).toBe('forbidden');
  });

  it('consultor creates for a served org', async () => {
    const consultor = await registerUser(server, 'DEMO-CONSULTOR');
    const other = await registerUser(server, 'DEMO-OUTRA');

    const ticketId = await createTicket(consultor, { organizationId: other.user.organizationId });

    expect((await ticketById(other, ticketId))?.organizationId).toBe(other.user.organizationId);
    expect(await ticketById(cliente, ticketId)).toBeUndefined();
  });
});

describe('ticket.reject', () => {
  it('reject reopens a concluded ticket', async () => {
    const ticketId = await demoTicketId(9661);

    const result = await pushOne(cliente, 'ticket.reject', { ticketId, reason: 'O app não abre no Android 7.' });

    const ticket = await ticketById(cliente, ticketId);
    expect(result?.status).toBe('applied');
    expect(ticket?.status).toBe('analise');
    expect(ticket?.rejectionCount).toBe(1);
    expect(ticket?.solution).toBeNull();
  });

  it('reject keeps the old solution in history', async () => {
    const ticketId = await demoTicketId(9661);
    const solution = (await ticketById(cliente, ticketId))?.solution;

    await pushOne(cliente, 'ticket.reject', { ticketId, reason: '  O app não abre.  ' });

    const rejected = (await eventsOf(cliente, ticketId)).find((event) => event.data.kind === 'rejected');
    expect(rejected?.data.data.previousSolution).toEqual(solution);
    expect(rejected?.data.data.reason).toBe('O app não abre.');
    expect(rejected?.data.text).toBe('Solução rejeitada por Maria da Câmara: O app não abre.');
  });

  it('reject restarts the deadline clock', async () => {
    const ticketId = await demoTicketId(9661);
    const before = Date.now();

    await pushOne(cliente, 'ticket.reject', { ticketId, reason: 'Ainda com erro.' });

    const ticket = await ticketById(cliente, ticketId);
    expect(withinNow(ticket?.clockStartedAt, before)).toBe(true);
    const expected = computeDueAt(DEFAULT_SLA_POLICY, 'evolutiva', new Date(ticket?.clockStartedAt ?? '')).toISOString();
    expect(ticket?.dueAt).toBe(expected);
  });

  it('open ticket cannot be rejected', async () => {
    const ticketId = await demoTicketId(7780);

    const result = await pushOne(cliente, 'ticket.reject', { ticketId, reason: 'Demora.' });

    expect(result?.status).toBe('rejected');
    expect(result?.error?.code).toBe('ticket_not_concluded');
    expect((await ticketById(cliente, ticketId))?.rejectionCount).toBe(0);
  });

  it('blank reason is rejected', async () => {
    const ticketId = await demoTicketId(9661);

    const result = await pushOne(cliente, 'ticket.reject', { ticketId, reason: '  ' });

    expect(result?.error?.code).toBe('invalid_args');
  });

  it('other org cannot reject', async () => {
    const other = await registerUser(server, 'DEMO-OUTRA');
    const ticketId = await demoTicketId(9661);

    const result = await pushOne(other, 'ticket.reject', { ticketId, reason: 'Não é meu.' });

    expect(result?.error?.code).toBe('ticket_not_found');
    expect((await ticketById(cliente, ticketId))?.status).toBe('concluida');
  });

  it('second rejection counts two', async () => {
    const consultor = await registerUser(server, 'DEMO-CONSULTOR');
    const ticketId = await demoTicketId(9661);
    await pushOne(cliente, 'ticket.reject', { ticketId, reason: 'Primeira.' });
    await pushOne(consultor, 'ticket.solve', { ticketId, result: 'Finalizado', text: 'Corrigido.' });

    await pushOne(cliente, 'ticket.reject', { ticketId, reason: 'Segunda.' });

    expect((await ticketById(cliente, ticketId))?.rejectionCount).toBe(2);
  });
});

describe('ticket.comment', () => {
  it('comment adds a history event', async () => {
    const ticketId = await demoTicketId(7780);
    const envelope = mutation('ticket.comment', { ticketId, text: '  Segue o modelo em anexo.  ' });

    await pushApplied(server, cliente.token, envelope);

    const comment = (await eventsOf(cliente, ticketId)).find((event) => event.id === envelope.id);
    expect(comment?.data.kind).toBe('comment');
    expect(comment?.data.text).toBe('Segue o modelo em anexo.');
    expect(comment?.data.actorId).toBe(cliente.user.id);
  });

  it('comment leaves the status alone', async () => {
    const ticketId = await demoTicketId(9661);

    await pushOne(cliente, 'ticket.comment', { ticketId, text: 'Obrigada!' });

    expect((await ticketById(cliente, ticketId))?.status).toBe('concluida');
  });

  it('other-org comment is ticket_not_found', async () => {
    const other = await registerUser(server, 'DEMO-OUTRA');
    const ticketId = await demoTicketId(7780);

    const result = await pushOne(other, 'ticket.comment', { ticketId, text: 'Olá.' });

    expect(result?.status).toBe('rejected');
    expect(result?.error?.code).toBe('ticket_not_found');
    expect((await eventsOf(cliente, ticketId)).map((event) => event.data.kind)).toEqual(['created']);
  });

  it('unknown ticket is ticket_not_found', async () => {
    const result = await pushOne(cliente, 'ticket.comment', { ticketId: randomUUID(), text: 'Olá.' });

    expect(result?.error?.code).toBe('ticket_not_found');
  });

  it('consultor comments on a served org', async () => {
    const consultor = await registerUser(server, 'DEMO-CONSULTOR');
    const other = await registerUser(server, 'DEMO-OUTRA');
    const ticketId = await createTicket(other);

    const result = await pushOne(consultor, 'ticket.comment', { ticketId, text: 'Vou verificar.' });

    expect(result?.status).toBe('applied');
  });

  it('blank comment is rejected', async () => {
    const ticketId = await demoTicketId(7780);

    const result = await pushOne(cliente, 'ticket.comment', { ticketId, text: ' ' });

    expect(result?.error?.code).toBe('invalid_args');
  });
});

describe('ticket.setStatus', () => {
  it('consultor moves the status', async () => {
    const consultor = await registerUser(server, 'DEMO-CONSULTOR', { name: 'Carla Consultora' });
    const ticketId = await demoTicketId(7780);

    const result = await pushOne(consultor, 'ticket.setStatus', { ticketId, status: 'producao' });

    expect(result?.status).toBe('applied');
    expect((await ticketById(cliente, ticketId))?.status).toBe('producao');
  });

  it('status change is in the history', async () => {
    const consultor = await registerUser(server, 'DEMO-CONSULTOR', { name: 'Carla Consultora' });
    const ticketId = await demoTicketId(7780);

    await pushOne(consultor, 'ticket.setStatus', { ticketId, status: 'producao' });

    const event = (await eventsOf(cliente, ticketId)).find((candidate) => candidate.data.kind === 'status');
    expect(event?.data.text).toBe('Situação alterada de Análise para Produção por Carla Consultora');
    expect(event?.data.data).toEqual({ from: 'analise', to: 'producao' });
  });

  it('cliente cannot set status', async () => {
    const ticketId = await demoTicketId(7780);

    const result = await pushOne(cliente, 'ticket.setStatus', { ticketId, status: 'concluida' });

    expect(result?.status).toBe('rejected');
    expect(result?.error?.code).toBe('forbidden');
    expect((await ticketById(cliente, ticketId))?.status).toBe('analise');
  });

  it('unknown status is rejected', async () => {
    const consultor = await registerUser(server, 'DEMO-CONSULTOR');
    const ticketId = await demoTicketId(7780);

    const result = await pushOne(consultor, 'ticket.setStatus', { ticketId, status: 'cancelada' as 'analise' });

    expect(result?.error?.code).toBe('invalid_args');
  });
});

describe('ticket.solve', () => {
  it('solve concludes the ticket', async () => {
    const consultor = await registerUser(server, 'DEMO-CONSULTOR', { name: 'Carla Consultora' });
    const ticketId = await demoTicketId(8306);

    const result = await pushOne(consultor, 'ticket.solve', { ticketId, result: ' Finalizado ', text: 'Publicado na versão 2.3.' });

    const ticket = await ticketById(cliente, ticketId);
    expect(result?.status).toBe('applied');
    expect(ticket?.status).toBe('concluida');
    expect(ticket?.solution?.result).toBe('Finalizado');
    expect(ticket?.solution?.text).toBe('Publicado na versão 2.3.');
    expect(ticket?.solution?.authorName).toBe('Carla Consultora');
  });

  it('finishedAt is the server time', async () => {
    const consultor = await registerUser(server, 'DEMO-CONSULTOR');
    const ticketId = await demoTicketId(8306);
    const before = Date.now();
    const envelope = {
      ...mutation('ticket.solve', { ticketId, result: 'Finalizado', text: 'Ajuste publicado.' }),
      createdAt: '2020-01-02T03:04:05.000Z',
    };

    await pushApplied(server, consultor.token, envelope);

    expect(withinNow((await ticketById(cliente, ticketId))?.solution?.finishedAt, before)).toBe(true);
  });

  it('a solution needs its text', async () => {
    const consultor = await registerUser(server, 'DEMO-CONSULTOR');
    const ticketId = await demoTicketId(8306);

    const result = await pushOne(consultor, 'ticket.solve', { ticketId, result: 'Finalizado', text: '  \n ' });

    expect(result?.error?.code).toBe('solution_text_required');
    expect(result?.error?.message).toContain('Descreva a solução');
    expect((await ticketById(cliente, ticketId))?.status).toBe('producao');
  });

  it('cliente cannot solve', async () => {
    const ticketId = await demoTicketId(8306);

    const result = await pushOne(cliente, 'ticket.solve', { ticketId, result: 'Finalizado', text: '' });

    expect(result?.status).toBe('rejected');
    expect(result?.error?.code).toBe('forbidden');
    expect((await ticketById(cliente, ticketId))?.status).toBe('producao');
  });

  it('blank result is rejected', async () => {
    const consultor = await registerUser(server, 'DEMO-CONSULTOR');
    const ticketId = await demoTicketId(8306);

    const result = await pushOne(consultor, 'ticket.solve', { ticketId, result: '', text: 'Feito.' });

    expect(result?.error?.code).toBe('invalid_args');
  });
});
