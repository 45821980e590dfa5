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

  it('follows an edited history entry', () => {
    const { db } = tempStore();
    const { a } = seed(db);
    const eventId = randomUUID();
    pull(db, 'ticketEvent', eventId, serverEvent(a, { kind: 'comment', text: 'primeiraversao' }));
    expect(protocols(db, { search: 'primeiraversao' })).toEqual([101]);
    pull(db, 'ticketEvent', eventId, serverEvent(a, { kind: 'comment', text: 'segundaversao' }));

    expect(protocols(db, { search: 'primeiraversao' })).toEqual([]);
    expect(protocols(db, { search: 'segundaversao' })).toEqual([101]);
  });

  it('indexes a pulled page before the page commits', () => {
    const { db } = tempStore();
    const ticketId = randomUUID();
    applyPullPage(
      db,
      page([
        change('ticket', ticketId, ++version, serverTicket({ protocol: 201, subject: 'Pauta da sessão', description: '', solution: null })),
        change('ticketEvent', randomUUID(), ++version, serverEvent(ticketId, { kind: 'comment', text: 'Ata anexada' })),
        change('ticketEvent', randomUUID(), ++version, serverEvent(ticketId, { kind: 'comment', text: 'Votação adiada' })),
      ]),
      clientContext(),
    );

    expect(db.prepare('SELECT count(*) AS n FROM search_dirty').get()).toEqual({ n: 0 });
    const row = db.prepare('SELECT history FROM ticket_search').get() as { history: string };
    expect(row.history).toContain('Ata anexada');
    expect(row.history).toContain('Votação adiada');
  });

  it('a write that fails leaves the index as it was', () => {
    const { db } = tempStore();
    const { b } = seed(db);
    expect(() =>
      db.transaction(() => {
        db.prepare(`UPDATE tickets SET subject = 'assuntodesfeito' WHERE id = ?`).run(b);
        throw new Error('disco cheio');
      })(),
    ).toThrow('disco cheio');

    expect(db.prepare('SELECT count(*) AS n FROM search_dirty').get()).toEqual({ n: 0 });
    expect(protocols(db, { search: 'assuntodesfeito' })).toEqual([]);
    expect(protocols(db, { search: 'sistema parado' })).toEqual([102]);
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

describe('broad search', () => {
  // More matches than the narrow path takes, so the list reads them in creation order.
  const COUNT = 2_100;
  const createdAtOf = (index: number) => new Date(Date.parse('2024-01-01T12:00:00.000Z') + index * 3_600_000).toISOString();

  function fillBroad(db: SqliteDatabase, createdAt: (index: number) => string = createdAtOf): void {
    applyPullPage(
      db,
      page(
        Array.from({ length: COUNT }, (_, index) =>
          change(
            'ticket',
            randomUUID(),
            ++version,
            serverTicket({
              protocol: index + 1,
              subject: index % 2 === 0 ? 'Pauta da sessão ordinária' : 'Pauta da sessão extraordinária',
              severity: index % 3 === 0 ? 'critica' : 'media',
              createdAt: createdAt(index),
              description: '',
              solution: null,
            }),
          ),
        ),
      ),
      clientContext(),
    );
  }

  const newestFirst = (from: number, count: number) => Array.from({ length: count }, (_, index) => COUNT - from - index);

  it('pages newest first and caps the total', () => {
    const { db } = tempStore();
    fillBroad(db);
    addTicket(db, { protocol: 9999, subject: 'Outro assunto', createdAt: createdAtOf(COUNT + 5) });

    const first = listTickets(db, { organizationId: ORGANIZATION_ID, search: 'pauta', limit: 50 }, NOW, DEFAULT_SLA_POLICY);
    expect(first.items.map((item) => item.protocol)).toEqual(newestFirst(0, 50));
    expect(first).toMatchObject({ total: 1_000, totalCapped: true });
    expect(protocols(db, { search: 'pauta', limit: 50, offset: 2_080 })).toEqual(newestFirst(2_080, 20));
    expect(protocols(db, { search: 'pauta', direction: 'asc', limit: 3 })).toEqual([1, 2, 3]);
  });

  it('applies filters and the creation date range', () => {
    const { db } = tempStore();
    fillBroad(db);
    // Tickets 24 to 47 were created on 2024-01-02 in São Paulo (12:00 UTC onwards, one an hour).
    const day = protocols(db, { search: 'pauta', createdFrom: '2024-01-02', createdTo: '2024-01-02', limit: 100 });
    const expected = Array.from({ length: COUNT }, (_, index) => index)
      .filter((index) => createdAtOf(index).localeCompare('2024-01-02T03:00:00.000Z') >= 0 && createdAtOf(index) < '2024-01-03T03:00:00.000Z')
      .map((index) => index + 1)
      .reverse();
    expect(day).toEqual(expected);

    const critical = protocols(db, { search: 'pauta extraordinaria', severity: 'critica', limit: 4 });
    expect(critical).toEqual(newestFirst(0, 30).filter((protocol) => (protocol - 1) % 3 === 0 && (protocol - 1) % 2 === 1).slice(0, 4));
  });

  it('keeps every ticket created in the same millisecond, once', () => {
    const { db } = tempStore();
    fillBroad(db, () => '2024-05-05T10:00:00.000Z');
    // A later page with the same millisecond takes the rowids after the first page's.
    addTicket(db, { protocol: 9999, subject: 'Pauta suplementar', createdAt: '2024-05-05T10:00:00.000Z' });
    const seen: Array<number | null> = [];
    for (let offset = 0; offset <= COUNT; offset += 500) seen.push(...protocols(db, { search: 'pauta', limit: 500, offset }));

    expect(seen).toHaveLength(COUNT + 1);
    expect(new Set(seen).size).toBe(COUNT + 1);
    expect(seen[0]).toBe(9999);
  });

  it('still puts a ticket waiting for its protocol first', () => {
    const { db } = tempStore();
    fillBroad(db);
    performAction(
      db,
      clientContext(),
      'ticket.create',
      { ticketId: randomUUID(), type: 'solicitacao', severity: 'media', subject: 'Pauta nova', description: '' },
      NOW,
    );

    expect(protocols(db, { search: 'pauta', limit: 3 })).toEqual([null, COUNT, COUNT - 1]);
    expect(protocols(db, { search: 'pauta', sort: 'protocol', direction: 'asc', limit: 3 })).toEqual([null, 1, 2]);
  });

  it('renumbers the search rows of an older file', () => {
    const file = join(tempDir(), 'sac.db');
    const old = openDatabase(file, LOCAL_MIGRATIONS.filter((migration) => migration.version <= 4));
    // Inserted newest first, so the rowids the old triggers gave run against the creation order.
    const insert = old.prepare(
      `INSERT INTO tickets (id, organization_id, protocol, subject, status, created_at, due_at, data_json, server_json, server_version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    );
    old.transaction(() => {
      for (let index = COUNT - 1; index >= 0; index--) {
        const ticket = serverTicket({ protocol: index + 1, subject: 'Pauta antiga', createdAt: createdAtOf(index) });
        const json = JSON.stringify(ticket);
        insert.run(randomUUID(), ORGANIZATION_ID, index + 1, ticket.subject, ticket.status, ticket.createdAt, ticket.dueAt, json, json);
      }
    })();
    old.close();

    const db = openDatabase(file);
    try {
      expect(protocols(db, { search: 'pauta antiga', limit: 3 })).toEqual(newestFirst(0, 3));
      expect(db.prepare('SELECT count(*) AS n FROM ticket_search').get()).toEqual({ n: COUNT });
    } finally {
      db.close();
    }
  });
});
