// The ticket list over a real SQLite file: FTS5 search without accents, filters, sorting and
// the search index kept in step with tickets and their history.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { TicketData } from '../../shared/wire';
import { performAction } from './actions';
import { openDatabase, type SqliteDatabase } from './store/database';
import { LOCAL_MIGRATIONS } from './store/migrations';
import { applyPullPage } from './sync/applyPull';
import { change, clientContext, ORGANIZATION_ID, page, serverEvent, serverTicket } from './testSupport/fixtures';
import { tempDir, tempStore } from './testSupport/tempStore';
import { listDepartments, listTickets, toFtsQuery, type TicketListQuery } from './ticketList';
import { DEFAULT_SLA_POLICY } from '../../shared/sla';

const NOW = new Date('2026-03-05T15:00:00.000Z');
let version = 0;

function pull(db: SqliteDatabase, entity: string, id: string, data: unknown, deleted = false) {
  applyPullPage(db, page([change(entity, id, ++version, data, deleted)]), clientContext());
}

function addTicket(db: SqliteDatabase, overrides: Partial<TicketData>): string {
  const id = randomUUID();
  pull(db, 'ticket', id, serverTicket({ description: '', solution: null, status: 'analise', ...overrides }));
  return id;
}

function protocols(db: SqliteDatabase, query: Partial<TicketListQuery>): Array<number | null> {
  return listTickets(db, { organizationId: ORGANIZATION_ID, ...query }, NOW, DEFAULT_SLA_POLICY).items.map((item) => item.protocol);
}

function seed(db: SqliteDatabase) {
  return {
    a: addTicket(db, {
      protocol: 101,
      subject: 'Solicitação de cópia da base',
      type: 'solicitacao',
      severity: 'evolutiva',
      department: 'Secretaria',
      createdAt: '2026-03-02T13:00:00.000Z',
      dueAt: '2026-03-09T13:00:00.000Z',
    }),
    b: addTicket(db, {
      protocol: 102,
      subject: 'Sistema parado na Câmara',
      type: 'reclamacao',
      severity: 'critica',
      department: 'Protocolo',
      createdAt: '2026-03-04T02:30:00.000Z',
      dueAt: '2026-03-04T15:00:00.000Z',
    }),
    c: addTicket(db, {
      protocol: 103,
      subject: 'Ícone novo',
      type: 'sugestao',
      severity: 'media',
      department: null,
      description: 'Trocar o ÍCONE do aplicativo de tramitação',
      createdAt: '2026-03-05T12:00:00.000Z',
      dueAt: '2026-03-07T12:00:00.000Z',
      status: 'concluida',
      solution: { finishedAt: '2026-03-05T14:00:00.000Z', result: 'Finalizado', text: 'Ícone publicado na loja' },
    }),
  };
}

describe('toFtsQuery', () => {
  it.each([
    { text: 'solicitacao', query: '"solicitacao"*' },
    { text: '  Câmara   Santos ', query: '"Câmara"* "Santos"*' },
    { text: 'a"b OR c*', query: '"a"* "b"* "OR"* "c"*' },
    { text: '%%', query: null },
    { text: 'NEAR(x y)', query: '"NEAR"* "x"* "y"*' },
  ])('$text', ({ text, query }) => {
    expect(toFtsQuery(text)).toBe(query);
  });

  it('turns NFD input into NFC words', () => {
    expect(toFtsQuery('Solicitac\u0327a\u0303o')).toBe('"Solicitação"*');
  });
});

describe('ticket search', () => {
  it('finds accents typed without them', () => {
    const { db } = tempStore();
    seed(db);

    expect(protocols(db, { search: 'solicitacao' })).toEqual([101]);
    expect(protocols(db, { search: 'camara' })).toEqual([102]);
    expect(protocols(db, { search: 'ICONE' })).toEqual([103]);
  });

  it('finds text stored in NFD', () => {
    const { db } = tempStore();
    addTicket(db, { protocol: 200, subject: 'Migrac\u0327a\u0303o de dados' });

    expect(protocols(db, { search: 'migracao' })).toEqual([200]);
    expect(protocols(db, { search: 'Migração' })).toEqual([200]);
  });

  it('searches description and solution', () => {
    const { db } = tempStore();
    seed(db);

    expect(protocols(db, { search: 'tramitacao' })).toEqual([103]);
    expect(protocols(db, { search: 'publicado loja' })).toEqual([103]);
  });

  it('searches the protocol number', () => {
    const { db } = tempStore();
    seed(db);

    expect(protocols(db, { search: '102' })).toEqual([102]);
  });

  it('requires every word', () => {
    const { db } = tempStore();
    seed(db);

    expect(protocols(db, { search: 'sistema base' })).toEqual([]);
  });

  it('finds a pulled comment', () => {
    const { db } = tempStore();
    const { a } = seed(db);
    pull(db, 'ticketEvent', randomUUID(), serverEvent(a, { kind: 'comment', text: 'Enviar até sexta-feira, por favor' }));

    expect(protocols(db, { search: 'sexta feira' })).toEqual([101]);
  });

  it('finds an offline comment', () => {
    const { db } = tempStore();
    const { b } = seed(db);
    performAction(db, clientContext(), 'ticket.comment', { ticketId: b, text: 'Servidor reiniciado às 14h' }, NOW);

    expect(protocols(db, { search: 'reiniciado' })).toEqual([102]);
  });

  it('finds history by author name', () => {
    const { db } = tempStore();
    const { c } = seed(db);
    pull(db, 'ticketEvent', randomUUID(), serverEvent(c, { actorName: 'Joaquim Técnico', kind: 'status', text: 'Situação alterada' }));

    expect(protocols(db, { search: 'joaquim tecnico' })).toEqual([103]);
  });

  it('forgets a rejected comment', () => {
    const { db } = tempStore();
    const { b } = seed(db);
    const mutation = performAction(db, clientContext(), 'ticket.comment', { ticketId: b, text: 'palavraunica' }, NOW);
    db.prepare('DELETE FROM ticket_events WHERE id = ?').run(mutation.id);

    expect(protocols(db, { search: 'palavraunica' })).toEqual([]);
  });

  it('follows a changed subject', () => {
    const { db } = tempStore();
    const { a } = seed(db);
    pull(db, 'ticket', a, serverTicket({ protocol: 101, subject: 'Backup mensal', description: '', solution: null }));

    expect(protocols(db, { search: 'backup' })).toEqual([101]);
    expect(protocols(db, { search: 'copia' })).toEqual([]);
  });

  it('drops a deleted ticket', () => {
    const { db } = tempStore();
    const { b } = seed(db);
    pull(db, 'ticket', b, null, true);

    expect(protocols(db, { search: 'sistema' })).toEqual([]);
    expect((db.prepare('SELECT count(*) AS n FROM ticket_search').get() as { n: number }).n).toBe(2);
  });

  it('finds an offline ticket', () => {
    const { db } = tempStore();
    performAction(
      db,
      clientContext(),
      'ticket.create',
      { ticketId: randomUUID(), type: 'solicitacao', severity: 'media', subject: 'Relatório de votações', description: 'Exportar em PDF' },
      NOW,
    );

    expect(protocols(db, { search: 'votacoes' })).toEqual([null]);
  });
});

describe('ticket filters', () => {
  it('filters by type, severity and department', () => {
    const { db } = tempStore();
    seed(db);

    expect(protocols(db, { type: 'reclamacao' })).toEqual([102]);
    expect(protocols(db, { severity: 'evolutiva' })).toEqual([101]);
    expect(protocols(db, { department: 'Protocolo' })).toEqual([102]);
  });

  it('date range uses São Paulo days', () => {
    const { db } = tempStore();
    seed(db);

    // 102 was created at 02:30Z on 04/03, which is 23:30 on 03/03 in São Paulo.
    expect(protocols(db, { createdFrom: '2026-03-03', createdTo: '2026-03-03' })).toEqual([102]);
    expect(protocols(db, { createdFrom: '2026-03-04' })).toEqual([103]);
    expect(protocols(db, { createdTo: '2026-03-02' })).toEqual([101]);
  });

  it('late only skips concluded tickets', () => {
    const { db } = tempStore();
    seed(db);

    expect(protocols(db, { lateOnly: true })).toEqual([102]);
  });

  it('combines search and filters', () => {
    const { db } = tempStore();
    seed(db);

    expect(protocols(db, { search: 'icone', status: 'concluida' })).toEqual([103]);
    expect(protocols(db, { search: 'icone', status: 'analise' })).toEqual([]);
  });

  it('lists departments once each', () => {
    const { db } = tempStore();
    seed(db);
    addTicket(db, { protocol: 104, department: 'Secretaria' });

    expect(listDepartments(db, ORGANIZATION_ID)).toEqual(['Protocolo', 'Secretaria']);
  });
});

describe('ticket sorting', () => {
  it.each([
    { sort: 'date' as const, direction: undefined, expected: [103, 102, 101] },
    { sort: 'date' as const, direction: 'asc' as const, expected: [101, 102, 103] },
    { sort: 'protocol' as const, direction: undefined, expected: [103, 102, 101] },
    { sort: 'protocol' as const, direction: 'asc' as const, expected: [101, 102, 103] },
    { sort: 'deadline' as const, direction: undefined, expected: [102, 103, 101] },
    { sort: 'deadline' as const, direction: 'desc' as const, expected: [101, 103, 102] },
  ])('$sort $direction', ({ sort, direction, expected }) => {
    const { db } = tempStore();
    seed(db);

    expect(protocols(db, { sort, ...(direction ? { direction } : {}) })).toEqual(expected);
  });

  it('pages across awaiting and numbered tickets', () => {
    const { db } = tempStore();
    seed(db);
    performAction(
      db,
      clientContext(),
      'ticket.create',
      { ticketId: randomUUID(), type: 'solicitacao', severity: 'media', subject: 'Nova', description: '' },
      NOW,
    );

    expect(protocols(db, { limit: 2 })).toEqual([null, 103]);
    expect(protocols(db, { limit: 2, offset: 2 })).toEqual([102, 101]);
  });
});

describe('search migration', () => {
  it('indexes tickets of an older file', () => {
    const file = join(tempDir(), 'sac.db');
    const old = openDatabase(file, LOCAL_MIGRATIONS.filter((migration) => migration.version === 1));
    const ticket = serverTicket({ subject: 'Publicação no diário oficial', protocol: 555 });
    old
      .prepare(
        `INSERT INTO tickets (id, organization_id, protocol, subject, status, created_at, due_at, data_json, server_json, server_version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
      )
      .run(randomUUID(), ORGANIZATION_ID, 555, ticket.subject, ticket.status, ticket.createdAt, ticket.dueAt, JSON.stringify(ticket), JSON.stringify(ticket));
    old.close();
    expect(new Database(file).pragma('user_version', { simple: true })).toBe(1);

    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LOCAL_MIGRATIONS.at(-1)!.version);
      expect(protocols(db, { search: 'publicacao diario' })).toEqual([555]);
    } finally {
      db.close();
    }
  });
});
