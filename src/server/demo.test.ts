// The --demo data as clients receive it through pull: the tickets, contacts and stages of the
// vendor's client procedure for the Câmara Municipal de Santos, and the default service levels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGE_KEYS } from '../shared/domain';
import { formatDate, formatDateTime } from '../shared/format';
import {
  ENTITY_DATA_SCHEMAS,
  type ContactData,
  type OrganizationData,
  type SlaPolicyData,
  type StageData,
  type TicketData,
  type TicketEventData,
} from '../shared/wire';
import { DEMO_ORGANIZATION_NAME } from './demo';
import {
  api,
  expectErrorEnvelope,
  pullAll,
  registerUser,
  startTestServer,
  visibleDocuments,
  type RegisteredUser,
  type TestServer,
} from './testing/serverHarness';

// The "Minhas solicitações" table of the procedure: protocol, subject, date, situação.
const PROCEDURE_TICKETS: ReadonlyArray<[number, string, string, TicketData['status']]> = [
  [7780, 'Novo layout despacho', '08/12/2016', 'analise'],
  [8306, 'Despacho agrupados', '29/05/2017', 'producao'],
  [7779, 'Migração das proposituras anteriores à 2012', '08/12/2016', 'producao'],
  [8373, 'Homologação aplicativo SAC', '16/06/2017', 'concluida'],
  [8259, 'Tramitação do ofício', '08/05/2017', 'concluida'],
  [8258, 'Tipo de envio do modelos de ofício', '08/05/2017', 'concluida'],
  [8257, 'Tramitação do ofício', '08/05/2017', 'concluida'],
  [7935, 'Aplicativo Mobile - Lando', '01/02/2017', 'concluida'],
  [7909, 'Zerar numeração do ofício', '31/01/2017', 'concluida'],
  [7902, 'Ícone Sutaco', '30/01/2017', 'concluida'],
  [7896, 'Gráficos aplicativo de tarefas', '27/01/2017', 'concluida'],
  [9661, 'Subir nova versão do app Costa da Mata Atlântica - Play Store', '25/08/2017', 'concluida'],
];

// The "Quem?" column of the procedure's contacts table, in its order.
const PROCEDURE_CONTACT_NAMES = [
  '[consultor]',
  'Equipe de Suporte',
  '[financeiro]',
  '[comercial]',
  '[produtora]',
  '[desenvolvimento]',
  'Todos',
];

let server: TestServer;
let cliente: RegisteredUser;
let consultor: RegisteredUser;
let tickets: Array<{ id: string; data: TicketData }>;

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  cliente = await registerUser(server, 'DEMO-CLIENTE');
  consultor = await registerUser(server, 'DEMO-CONSULTOR');
  tickets = await visibleDocuments<TicketData>(server, cliente.token, 'ticket');
});

afterAll(async () => {
  await server.dispose();
});

const ticketByProtocol = (protocol: number) => tickets.find((ticket) => ticket.data.protocol === protocol)?.data;

describe('demo tickets', () => {
  it('twelve tickets with procedure protocols', () => {
    const protocols = tickets.map((ticket) => ticket.data.protocol).sort((a, b) => a - b);

    expect(protocols).toEqual(PROCEDURE_TICKETS.map(([protocol]) => protocol).sort((a, b) => a - b));
    expect(protocols[0]).toBe(7779);
    expect(protocols.at(-1)).toBe(9661);
  });

  it.each(PROCEDURE_TICKETS)('ticket %i matches the procedure', (protocol, subject, date, status) => {
    const ticket = ticketByProtocol(protocol);

    expect(ticket?.subject).toBe(subject);
    expect(formatDate(ticket?.createdAt ?? '')).toBe(date);
    expect(ticket?.status).toBe(status);
    expect(ticket?.rejectionCount).toBe(0);
  });

  it('ticket 9661 has the procedure solution', () => {
    const ticket = ticketByProtocol(9661);

    expect(ticket?.status).toBe('concluida');
    expect(ticket?.solution?.result).toBe('Finalizado');
    expect(formatDateTime(ticket?.solution?.finishedAt ?? '')).toBe('05/09/2017 17:29');
    expect(ticket?.department).toBeNull();
  });

  it('finishedAt is São Paulo time', () => {
    // 05/09/2017 17:29 in São Paulo (UTC-3, no daylight saving in September) is 20:29 UTC.
    expect(ticketByProtocol(9661)?.solution?.finishedAt).toBe('2017-09-05T20:29:00.000Z');
  });

  it('only concluded tickets have a solution', () => {
    for (const { data } of tickets) {
      expect(data.solution === null, `protocol ${data.protocol}`).toBe(data.status !== 'concluida');
    }
  });

  it('tickets belong to the Câmara', () => {
    const organizationIds = new Set(tickets.map((ticket) => ticket.data.organizationId));

    expect([...organizationIds]).toEqual([cliente.user.organizationId]);
  });

  it('each ticket has its creation history', async () => {
    const events = await visibleDocuments<TicketEventData>(server, cliente.token, 'ticketEvent');

    for (const ticket of tickets) {
      const created = events.filter((event) => event.data.ticketId === ticket.id && event.data.kind === 'created');
      expect(created, `protocol ${ticket.data.protocol}`).toHaveLength(1);
      expect(created[0]?.data.text).toBe('Solicitação foi realizada pelo colaborador [colaborador]');
    }
  });

  it('other organization has no tickets', async () => {
    const other = await registerUser(server, 'DEMO-OUTRA');

    const otherTickets = await visibleDocuments(server, other.token, 'ticket');

    expect(otherTickets).toEqual([]);
  });
});

describe('demo reference data', () => {
  it('seven contacts in procedure order', async () => {
    const contacts = await visibleDocuments<ContactData>(server, cliente.token, 'contact');

    const names = [...contacts].sort((a, b) => a.data.position - b.data.position).map((contact) => contact.data.who);
    expect(names).toEqual(PROCEDURE_CONTACT_NAMES);
  });

  it('contacts are shared by every organization', async () => {
    const other = await registerUser(server, 'DEMO-OUTRA');

    const contacts = await visibleDocuments<ContactData>(server, other.token, 'contact');

    expect(contacts).toHaveLength(7);
  });

  it('policy has the procedure deadlines', async () => {
    const [policy] = await visibleDocuments<SlaPolicyData>(server, cliente.token, 'slaPolicy');

    expect(policy?.data.timeZone).toBe('America/Sao_Paulo');
    expect(policy?.data.durations.suporte_remoto).toEqual({ hours: 2 });
    expect(policy?.data.durations.critica).toEqual({ hours: 4 });
    expect(policy?.data.durations.critica_presencial).toEqual({ hours: 8 });
    expect(policy?.data.durations.media).toEqual({ hours: 24 });
    expect(policy?.data.durations.evolutiva).toEqual({ businessDays: 5 });
  });

  it('policy names the holiday region', async () => {
    const [policy] = await visibleDocuments<SlaPolicyData>(server, cliente.token, 'slaPolicy');

    expect(policy?.data.holidayRegion).toEqual({ country: 'BR', state: 'SP' });
    expect(policy?.data.onCallPhone.length).toBeGreaterThan(0);
  });

  it('four stages per organization', async () => {
    const stages = await visibleDocuments<StageData>(server, consultor.token, 'stage');

    const byOrganization = new Map<string, string[]>();
    for (const stage of stages) {
      byOrganization.set(stage.data.organizationId, [...(byOrganization.get(stage.data.organizationId) ?? []), stage.data.key]);
    }
    expect(byOrganization.size).toBe(2);
    for (const keys of byOrganization.values()) expect(keys.sort()).toEqual([...STAGE_KEYS].sort());
  });

  it('stages start as pending', async () => {
    const stages = await visibleDocuments<StageData>(server, cliente.token, 'stage');

    expect(stages).toHaveLength(4);
    for (const stage of stages) expect(stage.data.status).toBe('pendente');
  });

  it('organization names the consultant', async () => {
    const organizations = await visibleDocuments<OrganizationData>(server, cliente.token, 'organization');

    expect(organizations[0]?.data.name).toBe(DEMO_ORGANIZATION_NAME);
    expect(organizations[0]?.data.consultantNames).toEqual([consultor.user.name]);
  });

  it('every change matches its wire schema', async () => {
    const { changes } = await pullAll(server, consultor.token);

    for (const change of changes) {
      const schema = ENTITY_DATA_SCHEMAS[change.entity as keyof typeof ENTITY_DATA_SCHEMAS];
      expect(schema, change.entity).toBeDefined();
      const parsed = schema.safeParse(change.data);
      expect(parsed.success, `${change.entity} ${change.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });
});

describe('server without --demo', () => {
  it('demo invite codes do not exist', async () => {
    const plain = await startTestServer();
    try {
      const response = await plain.app.inject({
        method: 'POST',
        url: api('/auth/register'),
        payload: { name: 'Maria', email: 'maria@exemplo.com.br', password: 'senha-forte-1', inviteCode: 'DEMO-CLIENTE' },
      });

      expectErrorEnvelope(response, 400, 'invalid_invite');
    } finally {
      await plain.dispose();
    }
  });

  it('the policy is still seeded', async () => {
    const plain = await startTestServer();
    try {
      const policies = await plain.db.selectFrom('documents').select('id').where('entity', '=', 'slaPolicy').execute();

      expect(policies).toHaveLength(1);
    } finally {
      await plain.dispose();
    }
  });
});
