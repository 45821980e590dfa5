// Sync of a big account against the real server on loopback: 100,000 tickets and 300,000
// history events. Measures the first sync into an empty store, the same rows inserted straight
// into SQLite in one transaction (the local limit), the push of 1,000 queued actions and a sync
// round trip with nothing to do. The app and the server make time-ordered ids (shared/ids.ts);
// the first sync is measured a second time with random ids, as older accounts hold.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Account } from '../src/main/core/account';
import { performAction } from '../src/main/core/actions';
import { openDatabase } from '../src/main/core/store/database';
import { flushSearchIndex } from '../src/main/core/store/searchIndex';
import { pushOutbox } from '../src/main/core/sync/push';
import { SacApi } from '../src/main/core/sync/sacApi';
import { createSacServer } from '../src/server/app';
import { newId } from '../src/shared/ids';
import { DEFAULT_SLA_POLICY, computeDueAt } from '../src/shared/sla';
import { PUSH_MAX_BATCH, type TicketData, type TicketEventData } from '../src/shared/wire';
import { startServerProcess } from '../tests/support/serverProcess';
import type { Benchmark, BenchRow } from './types';

const TICKETS = Number(process.env.SAC_BENCH_TICKETS ?? 100_000);
const EVENTS_PER_TICKET = 3;
const PUSHED_ACTIONS = 1_000;

/** Makes the id of a record created at the given time. */
type IdMaker = (createdAt: string) => string;

/** Fills a new server data folder: demo data, then the big account written straight to its tables. */
export async function seedServer(dataDir: string, idOf: IdMaker = newId): Promise<void> {
  const { app } = await createSacServer({ dataDir, demo: true, logger: false });
  await app.close();
  const db = new Database(join(dataDir, 'sac-server.db'));
  const organizationId = (db.prepare(`SELECT id FROM organizations WHERE name = 'Câmara Municipal de Santos'`).get() as { id: string }).id;
  let version = (db.prepare(`SELECT value FROM counters WHERE name = 'change_seq'`).get() as { value: number }).value;
  const insert = db.prepare(
    'INSERT INTO documents (entity, id, organization_id, owner_user_id, version, deleted, data_json) VALUES (?, ?, ?, NULL, ?, 0, ?)',
  );
  const start = Date.parse('2025-01-06T12:00:00Z');
  db.transaction(() => {
    for (let index = 0; index < TICKETS; index++) {
      const createdAt = new Date(start + index * 60_000).toISOString();
      const ticketId = idOf(createdAt);
      const ticket: TicketData = {
        organizationId,
        protocol: 10_000 + index,
        type: 'solicitacao',
        severity: 'media',
        subject: `Ajuste no módulo de protocolo número ${index}`,
        description: `Descrição da solicitação ${index}: a tela de tramitação de ofícios precisa de um novo filtro por data.`,
        department: 'Secretaria',
        status: index % 3 === 0 ? 'concluida' : 'analise',
        rejectionCount: 0,
        createdAt,
        createdById: null,
        createdByName: 'Servidor da Câmara',
        clockStartedAt: createdAt,
        dueAt: computeDueAt(DEFAULT_SLA_POLICY, 'media', new Date(createdAt)).toISOString(),
        attachments: [],
        solution: null,
        updatedAt: createdAt,
      };
      insert.run('ticket', ticketId, organizationId, ++version, JSON.stringify(ticket));
      for (let event = 0; event < EVENTS_PER_TICKET; event++) {
        const data: TicketEventData = {
          ticketId,
          organizationId,
          kind: event === 0 ? 'created' : 'comment',
          actorId: null,
          actorName: 'Servidor da Câmara',
          at: createdAt,
          text: event === 0 ? 'Solicitação foi realizada pelo colaborador Servidor da Câmara' : `Comentário ${event} sobre a solicitação ${index}.`,
          data: {},
        };
        insert.run('ticketEvent', idOf(createdAt), organizationId, ++version, JSON.stringify(data));
      }
    }
    db.prepare(`UPDATE counters SET value = ? WHERE name = 'change_seq'`).run(version);
  })();
  db.close();
}

/** Inserts the rows a sync stored into an empty store of the same schema and indexes them for search, in one transaction. */
function rawInsertMs(source: Database.Database): number {
  const dir = mkdtempSync(join(tmpdir(), 'sac-bench-raw-'));
  const target = openDatabase(join(dir, 'sac.db'));
  const tickets = source.prepare('SELECT * FROM tickets').all() as Array<Record<string, unknown>>;
  const events = source.prepare('SELECT * FROM ticket_events').all() as Array<Record<string, unknown>>;
  const insertTicket = target.prepare(
    `INSERT INTO tickets (id, organization_id, protocol, subject, status, created_at, due_at, data_json, server_json, server_version)
     VALUES (@id, @organization_id, @protocol, @subject, @status, @created_at, @due_at, @data_json, @server_json, @server_version)`,
  );
  const insertEvent = target.prepare(
    `INSERT INTO ticket_events (id, ticket_id, at, data_json, server_json, server_version)
     VALUES (@id, @ticket_id, @at, @data_json, @server_json, @server_version)`,
  );
  const started = performance.now();
  target.transaction(() => {
    for (const row of tickets) insertTicket.run(row);
    for (const row of events) insertEvent.run(row);
    // Pulled rows are marked for the search index by the pull, not by a trigger: mark them here too.
    target.prepare('INSERT INTO search_dirty (ticket_id) SELECT id FROM tickets').run();
    flushSearchIndex(target);
  })();
  const elapsed = performance.now() - started;
  target.close();
  rmSync(dir, { recursive: true, force: true });
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface FirstSync {
  account: Account;
  syncMs: number;
  memoryGrowthMiB: number;
  ticketCount: number;
}

/**
 * Seeds a server with the big account, starts it, signs a new client up and times its first
 * sync into an empty store. Then hands the account to `measure` and cleans up.
 */
async function withFirstSync<T>(idOf: IdMaker, measure: (sync: FirstSync) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sac-bench-server-'));
  const clientDir = mkdtempSync(join(tmpdir(), 'sac-bench-client-'));
  await seedServer(dataDir, idOf);
  const server = await startServerProcess({ dataDir });
  try {
    const auth = await new SacApi({ serverUrl: server.url }).register({
      name: 'Bench',
      email: `${randomUUID()}@exemplo.com.br`,
      password: 'senha-de-bench-1',
      inviteCode: 'DEMO-CLIENTE',
    });
    const account = new Account({
      dir: clientDir,
      serverUrl: server.url,
      user: auth.user,
      token: auth.token,
      automaticSync: false,
      onSyncStatus: () => undefined,
      onDataChanged: () => undefined,
    });
    try {
      const rssBefore = process.memoryUsage().rss;
      const syncStarted = performance.now();
      const status = await account.engine.syncNow();
      const syncMs = performance.now() - syncStarted;
      if (status.lastError) throw new Error(`first sync failed: ${status.lastError.message}`);
      const memoryGrowthMiB = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
      const ticketCount = (account.db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
      return await measure({ account, syncMs, memoryGrowthMiB, ticketCount });
    } finally {
      await account.close();
    }
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(clientDir, { recursive: true, force: true });
  }
}

const throughputTarget = { target: '≥ 10,000', check: (ticketsPerSecond: number) => ticketsPerSecond >= 10_000 };

export const syncBenchmark: Benchmark = {
  name: 'sync',
  async run(): Promise<BenchRow[]> {
    const rows = await withFirstSync(newId, async ({ account, syncMs, memoryGrowthMiB, ticketCount }) => {
      const rawMs = rawInsertMs(account.db);

      const context = account.context();
      const ticketId = (account.db.prepare('SELECT id FROM tickets LIMIT 1').get() as { id: string }).id;
      for (let index = 0; index < PUSHED_ACTIONS; index++) {
        performAction(account.db, context, 'ticket.comment', { ticketId, text: `Comentário em lote ${index}` });
      }
      const pushStarted = performance.now();
      await pushOutbox({
        db: account.db,
        api: account.api,
        blobDir: account.blobDir,
        context: () => account.context(),
        batchSize: PUSH_MAX_BATCH,
        now: () => new Date(),
        onBatch: () => undefined,
      });
      const pushMs = performance.now() - pushStarted;
      await account.engine.syncNow();

      const roundTrips: number[] = [];
      for (let index = 0; index < 20; index++) {
        const started = performance.now();
        await account.engine.syncNow();
        roundTrips.push(performance.now() - started);
      }

      const ticketsPerSecond = ticketCount / (syncMs / 1000);
      const ratio = syncMs / rawMs;
      const roundTrip = median(roundTrips);
      const counts = `${ticketCount.toLocaleString('en-US')} tickets + ${(ticketCount * EVENTS_PER_TICKET).toLocaleString('en-US')} events`;
      return [
        { benchmark: `first sync: ${counts}`, value: syncMs / 1000, unit: 's' },
        { benchmark: 'first sync throughput', value: ticketsPerSecond, unit: 'tickets/s', target: throughputTarget.target, met: throughputTarget.check(ticketsPerSecond) },
        { benchmark: 'same rows inserted in one transaction', value: rawMs / 1000, unit: 's' },
        { benchmark: 'first sync ÷ raw insert', value: ratio, unit: '×', target: '≤ 3', met: ratio <= 3 },
        { benchmark: 'client memory growth during first sync', value: memoryGrowthMiB, unit: 'MiB' },
        { benchmark: `push of ${PUSHED_ACTIONS.toLocaleString('en-US')} queued actions`, value: pushMs, unit: 'ms', target: '≤ 2,000', met: pushMs <= 2_000 },
        { benchmark: 'sync round trip with no changes (median of 20)', value: roundTrip, unit: 'ms', target: '≤ 50', met: roundTrip <= 50 },
      ];
    });
    // Accounts whose ids were made before ids became time-ordered still hold random ones.
    const legacy = await withFirstSync(
      () => randomUUID(),
      async ({ syncMs, ticketCount }) => ({ syncMs, ticketsPerSecond: ticketCount / (syncMs / 1000) }),
    );
    rows.push(
      { benchmark: 'first sync, same account with random ids', value: legacy.syncMs / 1000, unit: 's' },
      {
        benchmark: 'first sync throughput, random ids',
        value: legacy.ticketsPerSecond,
        unit: 'tickets/s',
        target: throughputTarget.target,
        met: throughputTarget.check(legacy.ticketsPerSecond),
      },
    );
    return rows;
  },
};
