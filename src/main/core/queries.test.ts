import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHECKLIST_ITEMS, STAGE_KEYS } from '../../shared/domain';
import { DEFAULT_SLA_POLICY } from '../../shared/sla';
import type { TicketData } from '../../shared/wire';
import { performAction } from './actions';
import { getChecklist, listContacts, listStages, listTickets, readPolicy } from './queries';
import type { SqliteDatabase } from './store/database';
import { applyPullPage } from './sync/applyPull';
import {
  change,
  checklistChange,
  CLIENT_ID,
  clientContext,
  ORGANIZATION_ID,
  page,
  serverStage,
  serverTicket,
} from './testSupport/fixtures';
import { tempStore } from './testSupport/tempStore';

const NOW = new Date('2026-03-05T12:00:00.000Z');
const USER = { id: CLIENT_ID, name: 'Rafael da Câmara' };

/** Pulls tickets of the test organization, one version each, and returns their ids. */
function pullTickets(db: SqliteDatabase, tickets: Array<Partial<TicketData>>): string[] {
  const ids = tickets.map(() => randomUUID());
  const changes = tickets.map((ticket, index) => change('ticket', ids[index]!, index + 1, serverTicket(ticket)));
  applyPullPage(db, page(changes), clientContext());
  return ids;
}

function seedTickets(db: SqliteDatabase) {
  return pullTickets(db, [
    { protocol: 7780, subject: 'Novo layout despacho', description: '', status: 'analise', createdAt: '2016-12-08T12:00:00.000Z' },
    { protocol: 8306, subject: 'Despacho agrupados', description: '', status: 'producao', createdAt: '2017-05-29T12:00:00.000Z' },
    { protocol: 9661, subject: 'Subir nova versão do app', description: '', status: 'concluida', createdAt: '2017-08-25T12:00:00.000Z' },
    { protocol: 7902, subject: 'Ícone Sutaco', description: '', status: 'concluida', createdAt: '2017-01-30T12:00:00.000Z' },
    { protocol: 8000, subject: 'Desconto de 100% no boleto', description: '', status: 'analise', createdAt: '2017-03-01T12:00:00.000Z' },
  ]);
}

const protocolsOf = (result: ReturnType<typeof listTickets>) => result.items.map((item) => item.protocol);

describe('listTickets', () => {
  it('lists newest first', () => {
    const { db } = tempStore();
    seedTickets(db);

    expect(protocolsOf(listTickets(db, { organizationId: ORGANIZATION_ID }, NOW))).toEqual([9661, 8306, 8000, 7902, 7780]);
  });

  it('searches a subject substring', () => {
    const { db } = tempStore();
    seedTickets(db);
    const result = listTickets(db, { organizationId: ORGANIZATION_ID, search: 'despacho' }, NOW);

    expect(protocolsOf(result)).toEqual([8306, 7780]);
    expect(result.total).toBe(2);
  });

  it('searches an exact protocol', () => {
    const { db } = tempStore();
    seedTickets(db);

    expect(protocolsOf(listTickets(db, { organizationId: ORGANIZATION_ID, search: ' 9661 ' }, NOW))).toEqual([9661]);
  });

  it('partial protocol matches as a prefix', () => {
    const { db } = tempStore();
    seedTickets(db);

    expect(protocolsOf(listTickets(db, { organizationId: ORGANIZATION_ID, search: '966' }, NOW))).toEqual([9661]);
  });

  it('ignores punctuation in the search', () => {
    const { db } = tempStore();
    seedTickets(db);

    expect(protocolsOf(listTickets(db, { organizationId: ORGANIZATION_ID, search: '100%' }, NOW))).toEqual([8000]);
    expect(listTickets(db, { organizationId: ORGANIZATION_ID, search: '%' }, NOW).total).toBe(5);
    expect(listTickets(db, { organizationId: ORGANIZATION_ID, search: '"despacho' }, NOW).total).toBe(2);
  });

  it('filters by status', () => {
    const { db } = tempStore();
    seedTickets(db);

    expect(protocolsOf(listTickets(db, { organizationId: ORGANIZATION_ID, status: 'concluida' }, NOW))).toEqual([9661, 7902]);
  });

  it('combines status and search', () => {
    const { db } = tempStore();
    seedTickets(db);
    const result = listTickets(db, { organizationId: ORGANIZATION_ID, status: 'analise', search: 'despacho' }, NOW);

    expect(protocolsOf(result)).toEqual([7780]);
  });

  it('lists tickets awaiting a protocol first', () => {
    const { db } = tempStore();
    seedTickets(db);
    // Created with an earlier clock than every pulled ticket, and still listed first.
    const args = { ticketId: randomUUID(), type: 'solicitacao' as const, severity: 'media' as const, subject: 'Offline', description: '' };
    performAction(db, clientContext(), 'ticket.create', args, new Date('2015-01-01T12:00:00.000Z'));
    const [first, ...rest] = listTickets(db, { organizationId: ORGANIZATION_ID }, NOW).items;

    expect(first?.id).toBe(args.ticketId);
    expect(first?.protocol).toBeNull();
    expect(first?.pendingSync).toBe(true);
    expect(rest.map((item) => item.pendingSync)).toEqual([false, false, false, false, false]);
  });

  it('marks tickets with pending actions', () => {
    const { db } = tempStore();
    const [ticketId] = seedTickets(db);
    performAction(db, clientContext(), 'ticket.comment', { ticketId: ticketId!, text: 'Alguma novidade?' });
    const item = listTickets(db, { organizationId: ORGANIZATION_ID }, NOW).items.find((ticket) => ticket.id === ticketId);

    expect(item?.pendingSync).toBe(true);
  });

  it('hides other organizations', () => {
    const { db } = tempStore();
    seedTickets(db);
    pullTickets(db, [{ protocol: 5000, organizationId: randomUUID() }]);

    expect(listTickets(db, { organizationId: ORGANIZATION_ID }, NOW).total).toBe(5);
  });

  it('pages with limit and offset', () => {
    const { db } = tempStore();
    seedTickets(db);
    const result = listTickets(db, { organizationId: ORGANIZATION_ID, limit: 2, offset: 1 }, NOW);

    expect(protocolsOf(result)).toEqual([8306, 8000]);
    expect(result.total).toBe(5);
  });

  it('concluded ticket has no running deadline', () => {
    const { db } = tempStore();
    seedTickets(db);
    const item = listTickets(db, { organizationId: ORGANIZATION_ID, search: '9661' }, NOW).items[0];

    expect(item?.deadline).toBe('concluido');
  });
});

describe('getChecklist', () => {
  it('returns seven items in order', () => {
    const { db } = tempStore();
    const view = getChecklist(db, USER, null);

    expect(view.items.map((item) => item.itemId)).toEqual(['01', '02', '03', '04', '05', '06', '07']);
    expect(view.items.map((item) => item.title)).toEqual(CHECKLIST_ITEMS.map((item) => item.title));
  });

  it('defaults every item to open', () => {
    const { db } = tempStore();
    for (const item of getChecklist(db, USER, null).items) {
      expect(item.done).toBe(false);
      expect(item.completedOn).toBeNull();
      expect(item.note).toBeNull();
      expect(item.pendingSync).toBe(false);
    }
  });

  it('shows pulled items', () => {
    const { db } = tempStore();
    const done = { done: true, completedOn: '2026-03-02', note: 'Lido com a TI.' };
    applyPullPage(db, page([checklistChange('05', 1, done)]), clientContext());
    const item = getChecklist(db, USER, null).items[4];

    expect(item).toEqual({
      itemId: '05',
      title: 'Políticas de segurança',
      done: true,
      completedOn: '2026-03-02',
      note: 'Lido com a TI.',
      pendingSync: false,
    });
  });

  it('open item hides a stale date', () => {
    const { db } = tempStore();
    applyPullPage(db, page([checklistChange('02', 1, { done: false, completedOn: '2026-03-02' })]), clientContext());

    expect(getChecklist(db, USER, null).items[1]?.completedOn).toBeNull();
  });

  it('names organization and consultant', () => {
    const { db } = tempStore();
    const view = getChecklist(db, USER, { name: 'Câmara Municipal de Santos', consultantNames: ['Carla', 'Bruno'] });

    expect(view.organizationName).toBe('Câmara Municipal de Santos');
    expect(view.consultantName).toBe('Carla');
    expect(view.userName).toBe('Rafael da Câmara');
  });

  it('without organization leaves names blank', () => {
    const { db } = tempStore();
    const view = getChecklist(db, USER, null);

    expect(view.organizationName).toBe('');
    expect(view.consultantName).toBeNull();
  });
});

describe('reference queries', () => {
  it('stages follow the procedure order', () => {
    const { db } = tempStore();
    const keys = [...STAGE_KEYS].reverse();
    const changes = keys.map((key, index) => change('stage', randomUUID(), index + 1, serverStage({ key })));
    applyPullPage(db, page(changes), clientContext());

    expect(listStages(db, ORGANIZATION_ID).map((stage) => stage.key)).toEqual([...STAGE_KEYS]);
  });

  it('policy defaults before the first pull', () => {
    const { db } = tempStore();

    expect(readPolicy(db)).toEqual(DEFAULT_SLA_POLICY);
  });

  it('policy comes from the server', () => {
    const { db } = tempStore();
    const policy = { ...DEFAULT_SLA_POLICY, onCallPhone: '(13) 3333-4444' };
    applyPullPage(db, page([change('slaPolicy', 'default', 1, policy)]), clientContext());

    expect(readPolicy(db).onCallPhone).toBe('(13) 3333-4444');
  });

  it('contacts sorted by position', () => {
    const { db } = tempStore();
    const contact = (position: number, where: string) => ({
      organizationId: null,
      position,
      what: 'Assunto',
      where,
      who: 'Equipe',
      how: 'contato@exemplo.com.br',
    });
    const changes = [change('contact', randomUUID(), 1, contact(2, 'Financeiro')), change('contact', randomUUID(), 2, contact(0, 'Consultoria'))];
    applyPullPage(db, page(changes), clientContext());

    expect(listContacts(db).map((item) => item.where)).toEqual(['Consultoria', 'Financeiro']);
  });
});
