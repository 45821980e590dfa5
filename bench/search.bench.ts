// Ticket list at 100,000 tickets: fills a real local store file (with two history entries per
// ticket, so the full-text index has comments and history to search) and measures the first
// list page and searches over a varied set of queries, as the renderer asks for them.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SEVERITIES, TICKET_STATUSES, TICKET_TYPES } from '../src/shared/domain';
import { DEFAULT_SLA_POLICY } from '../src/shared/sla';
import type { TicketData, TicketEventData } from '../src/shared/wire';
import { openDatabase } from '../src/main/core/store/database';
import { flushSearchIndex } from '../src/main/core/store/searchIndex';
import { listTickets } from '../src/main/core/ticketList';
import type { Benchmark, BenchRow } from './types';

const TICKETS = 100_000;
const PAGE = 100;
const ORGANIZATION_ID = '0b8f5d6e-2f4a-4c1b-9a57-6d3e2c1b0a01';

const WORDS = [
  'solicitação', 'câmara', 'despacho', 'ofício', 'tramitação', 'relatório', 'sessão', 'votação', 'vereador',
  'protocolo', 'publicação', 'diário', 'migração', 'acesso', 'senha', 'impressão', 'proposição', 'emenda',
  'parecer', 'comissão', 'plenário', 'requerimento', 'indicação', 'moção', 'ata', 'pauta', 'agenda', 'portal',
  'transparência', 'licitação', 'contrato', 'backup', 'atualização', 'aplicativo', 'ícone', 'layout', 'botão',
  'relógio', 'assinatura', 'certificado', 'digital', 'lentidão', 'erro', 'tela', 'usuário', 'permissão',
];
const DEPARTMENTS = ['Secretaria', 'Protocolo', 'Jurídico', 'Comunicação', 'Tecnologia', 'Finanças'];

/** A seeded generator, so every run fills the same data. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function fill(file: string) {
  const db = openDatabase(file);
  const random = generator(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const phrase = (count: number) => Array.from({ length: count }, () => pick(WORDS)).join(' ');
  const insertTicket = db.prepare(
    `INSERT INTO tickets (id, organization_id, protocol, subject, status, created_at, due_at, data_json, server_json, server_version)
     VALUES (@id, @organizationId, @protocol, @subject, @status, @createdAt, @dueAt, @data, @data, @version)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO ticket_events (id, ticket_id, at, data_json, server_json, server_version) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const start = Date.parse('2017-01-02T12:00:00.000Z');
  const span = Date.parse('2026-11-30T12:00:00.000Z') - start;
  db.transaction(() => {
    for (let index = 0; index < TICKETS; index++) {
      const id = randomUUID();
      const createdAt = new Date(start + Math.floor((index / TICKETS) * span)).toISOString();
      const ticket: TicketData = {
        organizationId: ORGANIZATION_ID,
        protocol: 10_000 + index,
        type: pick(TICKET_TYPES),
        severity: pick(SEVERITIES),
        subject: phrase(4),
        description: phrase(25),
        department: pick(DEPARTMENTS),
        status: pick(TICKET_STATUSES),
        rejectionCount: 0,
        createdAt,
        createdById: null,
        createdByName: 'Servidor da Câmara',
        clockStartedAt: createdAt,
        dueAt: new Date(Date.parse(createdAt) + 86_400_000).toISOString(),
        attachments: [],
        solution: null,
        updatedAt: createdAt,
      };
      const data = JSON.stringify(ticket);
      insertTicket.run({ id, organizationId: ORGANIZATION_ID, protocol: ticket.protocol, subject: ticket.subject, status: ticket.status, createdAt, dueAt: ticket.dueAt, data, version: index + 1 });
      const events: TicketEventData[] = [
        { ticketId: id, organizationId: ORGANIZATION_ID, kind: 'created', actorId: null, actorName: 'Servidor da Câmara', at: createdAt, text: 'Solicitação foi realizada pelo colaborador Servidor da Câmara', data: {} },
        { ticketId: id, organizationId: ORGANIZATION_ID, kind: 'comment', actorId: null, actorName: 'Carla Consultora', at: createdAt, text: phrase(12), data: {} },
      ];
      for (const event of events) {
        const json = JSON.stringify(event);
        insertEvent.run(randomUUID(), id, event.at, json, json, index + 1);
      }
    }
    flushSearchIndex(db);
  })();
  db.pragma('optimize');
  return db;
}

const QUERIES = [
  'solicitacao', 'camara', 'oficio tramitacao', 'relatorio mensal', '10500', '54321', 'migracao', 'votação plenário',
  'assinatura digital', 'lentidao tela', 'backup', 'carla', 'desp', 'ícone botão layout', 'permissao usuario',
  'licitacao contrato', 'xyzinexistente', 'ata pauta', 'diario publicacao', 'comissao parecer emenda',
];

export const searchBenchmark: Benchmark = {
  name: 'ticket search',
  async run(): Promise<BenchRow[]> {
    const dir = mkdtempSync(join(tmpdir(), 'sac-bench-search-'));
    try {
      const fillStarted = performance.now();
      const file = join(dir, 'sac.db');
      const filled = fill(file);
      // Measured on the store as the app opens it later: the fill's large WAL checkpointed and closed.
      filled.pragma('wal_checkpoint(TRUNCATE)');
      filled.close();
      const fillSeconds = (performance.now() - fillStarted) / 1000;
      const db = openDatabase(file);
      const now = new Date('2026-12-01T12:00:00.000Z');
      const query = (extra: Record<string, unknown>) =>
        listTickets(db, { organizationId: ORGANIZATION_ID, limit: PAGE, ...extra }, now, DEFAULT_SLA_POLICY);

      // Warm-up: the first queries read the file into SQLite's page cache.
      for (let i = 0; i < 5; i++) query({});
      for (const text of QUERIES) query({ search: text });

      const firstPage: number[] = [];
      for (let i = 0; i < 100; i++) {
        const started = performance.now();
        query({});
        firstPage.push(performance.now() - started);
      }
      const search: number[] = [];
      for (let round = 0; round < 5; round++) {
        for (const text of QUERIES) {
          const started = performance.now();
          query({ search: text });
          search.push(performance.now() - started);
        }
      }
      const filtered: number[] = [];
      for (let i = 0; i < 20; i++) {
        const started = performance.now();
        query({ status: 'analise', severity: 'critica', lateOnly: true, sort: 'deadline' });
        filtered.push(performance.now() - started);
      }
      db.close();
      const firstP95 = percentile(firstPage, 95);
      const searchP95 = percentile(search, 95);
      return [
        { benchmark: `fill ${TICKETS.toLocaleString('en-US')} tickets + 200,000 history entries (search index built)`, value: fillSeconds, unit: 's' },
        { benchmark: `first list page (${PAGE} rows, with total) at 100,000 tickets, p95`, value: firstP95, unit: 'ms', target: '≤ 10 ms', met: firstP95 <= 10 },
        { benchmark: `search, ${QUERIES.length} queries × 5, first page + total, p95`, value: searchP95, unit: 'ms', target: '≤ 20 ms', met: searchP95 <= 20 },
        { benchmark: 'search p50', value: percentile(search, 50), unit: 'ms' },
        { benchmark: 'filters (status + severity + late) sorted by deadline, p95', value: percentile(filtered, 95), unit: 'ms' },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
