// Data every server starts with (the default service-level policy and the procedure's texts)
// and the demonstration data of `--demo`: the organizations, invite codes, tickets and contacts
// of the vendor's client procedure for the Câmara Municipal de Santos, with its placeholder
// names kept as they are.
import { STAGE_KEYS } from '../shared/domain';
import { newId } from '../shared/ids';
import { DEFAULT_SLA_POLICY, computeDueAt } from '../shared/sla';
import { fromWallTime } from '../shared/zonedTime';
import type { ContactData, StageData, TicketData, TicketEventData } from '../shared/wire';
import type { ServerDb } from './db/connect';
import { SLA_POLICY_ID } from './mutations/tickets';
import { readDocument, writeDocument, type Trx } from './sync/documents';
import { writeOrganizationDocument } from './sync/directory';
import { seedPolicies } from './policies';

export const DEMO_ORGANIZATION_NAME = 'Câmara Municipal de Santos';
export const DEMO_OTHER_ORGANIZATION_NAME = 'Câmara Municipal de Exemplo';
export const DEMO_INVITES = { cliente: 'DEMO-CLIENTE', consultor: 'DEMO-CONSULTOR', other: 'DEMO-OUTRA' } as const;

/** The tickets of "Minhas solicitações" in the procedure, with 9661 from its detail page. */
export const DEMO_TICKETS: ReadonlyArray<{ protocol: number; subject: string; date: string; status: TicketData['status'] }> = [
  { protocol: 7780, subject: 'Novo layout despacho', date: '2016-12-08', status: 'analise' },
  { protocol: 8306, subject: 'Despacho agrupados', date: '2017-05-29', status: 'producao' },
  { protocol: 7779, subject: 'Migração das proposituras anteriores à 2012', date: '2016-12-08', status: 'producao' },
  { protocol: 8373, subject: 'Homologação aplicativo SAC', date: '2017-06-16', status: 'concluida' },
  { protocol: 8259, subject: 'Tramitação do ofício', date: '2017-05-08', status: 'concluida' },
  { protocol: 8258, subject: 'Tipo de envio do modelos de ofício', date: '2017-05-08', status: 'concluida' },
  { protocol: 8257, subject: 'Tramitação do ofício', date: '2017-05-08', status: 'concluida' },
  { protocol: 7935, subject: 'Aplicativo Mobile - Lando', date: '2017-02-01', status: 'concluida' },
  { protocol: 7909, subject: 'Zerar numeração do ofício', date: '2017-01-31', status: 'concluida' },
  { protocol: 7902, subject: 'Ícone Sutaco', date: '2017-01-30', status: 'concluida' },
  { protocol: 7896, subject: 'Gráficos aplicativo de tarefas', date: '2017-01-27', status: 'concluida' },
  { protocol: 9661, subject: 'Subir nova versão do app Costa da Mata Atlântica - Play Store', date: '2017-08-25', status: 'concluida' },
];

/** The procedure's contacts table, in its order, with its placeholders. */
export const DEMO_CONTACTS: ReadonlyArray<Omit<ContactData, 'organizationId' | 'position'>> = [
  { what: 'Para dar sequência no atendimento', where: 'Consultoria', who: '[consultor]', how: 'consultor@exemplo.com.br' },
  {
    what: 'Para configurações em geral',
    where: 'Suporte',
    who: 'Equipe de Suporte',
    how: 'e-mail: contato@exemplo.com.br Skype: [skype do suporte] Whatsapp: (00) 0000-0000',
  },
  { what: 'Para assuntos financeiros', where: 'Financeiro', who: '[financeiro]', how: 'contato@exemplo.com.br (00) 0000-0000 – (00) 0000-0000' },
  { what: 'Para assuntos comerciais', where: 'Comercial', who: '[comercial]', how: '(00) 0000-0000 Whatsapp: (00) 0000-0000' },
  { what: 'Para assuntos referente a produtora de sites', where: 'Produtora', who: '[produtora]', how: 'contato@exemplo.com.br' },
  {
    what: 'Para assuntos referente a desenvolvimento de software',
    where: 'Desenvolvimento',
    who: '[desenvolvimento]',
    how: 'contato@exemplo.com.br',
  },
  { what: 'Para qualquer outro assunto', where: 'Backsite', who: 'Todos', how: '(00) 0000-0000 – (00) 0000-0000' },
];

/** Writes the default service-level policy and the procedure's texts that the server lacks. */
export async function seedBaseData(db: ServerDb): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await readDocument(trx, 'slaPolicy', SLA_POLICY_ID))) {
      await writeDocument(trx, { entity: 'slaPolicy', id: SLA_POLICY_ID, organizationId: null, data: DEFAULT_SLA_POLICY });
    }
    await seedPolicies(trx, new Date().toISOString());
  });
}

/** Creates the demonstration data once, when the data folder has no organization yet. */
export async function seedDemoData(db: ServerDb): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('organizations').select('id').limit(1).executeTakeFirst();
    if (existing) return;
    const now = new Date().toISOString();
    const camaraId = newId();
    const otherId = newId();
    await trx
      .insertInto('organizations')
      .values([
        { id: camaraId, name: DEMO_ORGANIZATION_NAME, created_at: now },
        { id: otherId, name: DEMO_OTHER_ORGANIZATION_NAME, created_at: now },
      ])
      .execute();
    await trx
      .insertInto('invites')
      .values([
        { code: DEMO_INVITES.cliente, role: 'cliente', organization_id: camaraId, serves_json: '[]' },
        // The demo consultant serves both organizations, so the organization switcher has work to do.
        { code: DEMO_INVITES.consultor, role: 'consultor', organization_id: camaraId, serves_json: JSON.stringify([otherId]) },
        { code: DEMO_INVITES.other, role: 'cliente', organization_id: otherId, serves_json: '[]' },
      ])
      .execute();
    for (const organizationId of [camaraId, otherId]) {
      await writeOrganizationDocument(trx, organizationId);
      await seedStages(trx, organizationId, now);
    }
    for (const [position, contact] of DEMO_CONTACTS.entries()) {
      await writeDocument(trx, {
        entity: 'contact',
        id: newId(),
        organizationId: null,
        data: { ...contact, organizationId: null, position } satisfies ContactData,
      });
    }
    await seedDemoTickets(trx, camaraId);
  });
}

/** Creates an organization's four implementation stages, all pending. */
export async function seedStages(trx: Trx, organizationId: string, now: string): Promise<void> {
  for (const key of STAGE_KEYS) {
    const data: StageData = { organizationId, key, status: 'pendente', startedOn: null, completedOn: null, updatedAt: now };
    await writeDocument(trx, { entity: 'stage', id: newId(), organizationId, data });
  }
}

async function seedDemoTickets(trx: Trx, organizationId: string): Promise<void> {
  // The procedure gives dates without times; the tickets are dated 10:00 in São Paulo.
  const at = (isoDate: string, hour = 10, minute = 0) => {
    const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
    return fromWallTime('America/Sao_Paulo', year, month, day, hour, minute).toISOString();
  };
  for (const seed of [...DEMO_TICKETS].sort((a, b) => a.protocol - b.protocol)) {
    const createdAt = at(seed.date);
    // Only 9661's solution appears in the procedure (Término 05/09/2017 17:29, Finalizado);
    // the other concluded tickets get the same result, dated on their opening day.
    const solution =
      seed.status !== 'concluida'
        ? null
        : seed.protocol === 9661
          ? { finishedAt: at('2017-09-05', 17, 29), result: 'Finalizado', text: '' }
          : { finishedAt: createdAt, result: 'Finalizado', text: '' };
    const ticketId = newId(createdAt);
    const ticket: TicketData = {
      organizationId,
      protocol: seed.protocol,
      type: 'solicitacao',
      severity: 'evolutiva',
      subject: seed.subject,
      description: '',
      department: null,
      status: seed.status,
      rejectionCount: 0,
      createdAt,
      createdById: null,
      createdByName: '[colaborador]',
      clockStartedAt: createdAt,
      dueAt: computeDueAt(DEFAULT_SLA_POLICY, 'evolutiva', new Date(createdAt)).toISOString(),
      attachments: [],
      solution,
      updatedAt: solution?.finishedAt ?? createdAt,
    };
    await writeDocument(trx, { entity: 'ticket', id: ticketId, organizationId, data: ticket });
    const created: TicketEventData = {
      ticketId,
      organizationId,
      kind: 'created',
      actorId: null,
      actorName: '[colaborador]',
      at: createdAt,
      text: 'Solicitação foi realizada pelo colaborador [colaborador]',
      data: {},
    };
    await writeDocument(trx, { entity: 'ticketEvent', id: newId(createdAt), organizationId, data: created });
  }
  // New tickets continue after the highest protocol of the procedure.
  const highest = Math.max(...DEMO_TICKETS.map((ticket) => ticket.protocol));
  await trx.updateTable('counters').set({ value: highest }).where('name', '=', 'protocol').execute();
}
