// Start-up integrity check and local copy on a large store: PRAGMA quick_check runs at every
// start before the window shows data, so it has a time budget; the copy is a user action.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupDatabase, quickCheck } from '../src/main/core/backup';
import { openDatabase } from '../src/main/core/store/database';
import type { Benchmark } from './types';

const TICKETS = 10_000;
const EVENTS_PER_TICKET = 5;
/** Start-up budget of the integrity check on this store. */
const QUICK_CHECK_TARGET_MS = 500;
const BACKUP_TARGET_MS = 3_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export const localDataBenchmark: Benchmark = {
  name: 'local-data',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'sac-bench-local-'));
    try {
      const db = openDatabase(join(dir, 'sac.db'));
      const description = 'Descrição da solicitação com detalhes do problema encontrado. '.repeat(20);
      const insertTicket = db.prepare(
        `INSERT INTO tickets (id, organization_id, protocol, subject, status, created_at, due_at, data_json, server_json, server_version)
         VALUES (?, 'org', ?, ?, 'analise', ?, ?, ?, ?, ?)`,
      );
      const insertEvent = db.prepare(
        'INSERT INTO ticket_events (id, ticket_id, at, data_json, server_json, server_version) VALUES (?, ?, ?, ?, ?, ?)',
      );
      db.transaction(() => {
        for (let index = 0; index < TICKETS; index++) {
          const id = randomUUID();
          const at = new Date(Date.UTC(2025, 0, 1) + index * 60_000).toISOString();
          const data = JSON.stringify({ subject: `Solicitação ${index}`, description, status: 'analise' });
          insertTicket.run(id, index + 1, `Solicitação ${index}`, at, at, data, data, index + 1);
          for (let event = 0; event < EVENTS_PER_TICKET; event++) {
            const text = JSON.stringify({ kind: 'comment', text: 'Comentário do atendimento. '.repeat(8) });
            insertEvent.run(randomUUID(), id, at, text, text, index + 1);
          }
        }
      })();
      db.pragma('wal_checkpoint(TRUNCATE)');
      const sizeMiB = statSync(join(dir, 'sac.db')).size / 2 ** 20;

      const checks: number[] = [];
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        const report = quickCheck(db);
        checks.push(performance.now() - started);
        if (report.status !== 'ok') throw new Error(`quick_check failed on the benchmark store: ${report.problems[0]}`);
      }
      const started = performance.now();
      await backupDatabase(db, join(dir, 'copia.db'));
      const backupMs = performance.now() - started;
      db.close();

      const label = `${TICKETS.toLocaleString('en-US')} tickets, ${(TICKETS * EVENTS_PER_TICKET).toLocaleString('en-US')} events, ${sizeMiB.toFixed(0)} MiB`;
      const quick = median(checks);
      return [
        { benchmark: `start-up quick_check (${label}), median of 3`, value: quick, unit: 'ms', target: `≤ ${QUICK_CHECK_TARGET_MS} ms`, met: quick <= QUICK_CHECK_TARGET_MS },
        { benchmark: `Exportar cópia local: online backup + check of the copy (${label})`, value: backupMs, unit: 'ms', target: `≤ ${BACKUP_TARGET_MS} ms`, met: backupMs <= BACKUP_TARGET_MS },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
