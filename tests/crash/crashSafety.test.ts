// Crash safety: the client's store and sync engine run in a child process that is killed with
// SIGKILL at random moments during push and pull, then started again, many times. Afterwards the
// local database passes integrity_check, every queued action reached the server exactly once,
// and the local data matches everything the server lets the user see.
// SAC_CRASH_KILLS sets the number of kills (60 by default); SAC_CRASH_SEED replays a run.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account } from '../../src/main/core/account';
import { performAction } from '../../src/main/core/actions';
import { SacApi } from '../../src/main/core/sync/sacApi';
import type { AuthResponse, Mutation } from '../../src/shared/wire';
import { seededRandom } from '../support/random';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { openServerDatabase } from '../support/testClient';

const ROOT = resolve(__dirname, '../..');
const KILLS = Number(process.env.SAC_CRASH_KILLS ?? 60);
const SEED = Number(process.env.SAC_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

let server: ServerProcess;
let consultor: AuthResponse;
let cliente: AuthResponse;
const clientDir = mkdtempSync(join(tmpdir(), 'sac-crash-'));
const commentTexts: string[] = [];
const ticketSubjects: string[] = [];
let targetTicketId = '';

function register(inviteCode: string, name: string): Promise<AuthResponse> {
  return new SacApi({ serverUrl: server.url }).register({
    name,
    email: `${randomUUID()}@exemplo.com.br`,
    password: 'senha-de-teste-1',
    inviteCode,
  });
}

/** Adds tickets on the server from another user, so that every run has changes to pull. */
async function serverTickets(count: number): Promise<void> {
  const api = new SacApi({ serverUrl: server.url, token: consultor.token });
  for (let start = 0; start < count; start += 100) {
    const mutations: Mutation[] = [];
    for (let index = start; index < Math.min(count, start + 100); index++) {
      mutations.push({
        id: randomUUID(),
        name: 'ticket.create',
        createdAt: new Date().toISOString(),
        args: { ticketId: randomUUID(), type: 'solicitacao', severity: 'media', subject: `Carga ${index}`, description: 'x'.repeat(200) },
      });
    }
    await api.push(mutations);
  }
}

function openAccount(): Account {
  return new Account({
    dir: clientDir,
    serverUrl: server.url,
    user: cliente.user,
    token: cliente.token,
    automaticSync: false,
    onSyncStatus: () => undefined,
    onDataChanged: () => undefined,
  });
}

/** Queues user actions in the local store, as the app does while the sync process is down. */
async function queueActions(comments: number, tickets: number): Promise<void> {
  const account = openAccount();
  try {
    const context = account.context();
    for (let index = 0; index < comments; index++) {
      const text = `Comentário de teste de queda ${commentTexts.length} ${randomUUID()}`;
      performAction(account.db, context, 'ticket.comment', { ticketId: targetTicketId, text });
      commentTexts.push(text);
    }
    for (let index = 0; index < tickets; index++) {
      const subject = `Solicitação de teste de queda ${ticketSubjects.length} ${randomUUID()}`;
      performAction(account.db, context, 'ticket.create', {
        ticketId: randomUUID(),
        type: 'reclamacao',
        severity: 'media',
        subject,
        description: 'Criada antes de uma queda.',
      });
      ticketSubjects.push(subject);
    }
    performAction(account.db, context, 'checklist.set', { itemId: '01', done: commentTexts.length % 2 === 0, completedOn: '2026-11-02' });
  } finally {
    await account.close();
  }
}

function integrityCheck(): string {
  const db = new Database(join(clientDir, 'sac.db'));
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

interface Run {
  phases: string[];
  done: boolean;
  exitCode: number | null;
  output: string;
}

type KillPlan = { phase: 'push' | 'pull'; afterMs: number } | { phase: 'startup'; afterMs: number } | null;

/**
 * Starts the sync process and kills it `afterMs` after it reports the planned phase (or after
 * start, for "startup"); with no plan, lets it finish.
 */
function runSyncProcess(plan: KillPlan): Promise<Run & { syncMs: number | null }> {
  return new Promise((resolvePromise) => {
    const options = { dir: clientDir, serverUrl: server.url, user: cliente.user, token: cliente.token, pushBatch: 3, pullLimit: 10 };
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'syncRunner.ts'), JSON.stringify(options)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: Run & { syncMs: number | null } = { phases: [], done: false, exitCode: null, output: '', syncMs: null };
    let timer: NodeJS.Timeout | null = null;
    let syncStarted = 0;
    const arm = (delay: number) => {
      timer ??= setTimeout(() => child.kill('SIGKILL'), delay);
    };
    if (plan?.phase === 'startup') arm(plan.afterMs);
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      run.output += text;
      for (const match of text.matchAll(/phase (\w+)/g)) {
        run.phases.push(match[1]!);
        syncStarted ||= Date.now();
        if (plan && plan.phase === match[1]) arm(plan.afterMs);
      }
      if (text.includes('done')) {
        run.done = true;
        if (syncStarted) run.syncMs = Date.now() - syncStarted;
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (run.output += chunk.toString()));
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      run.exitCode = code;
      resolvePromise(run);
    });
  });
}

beforeAll(async () => {
  server = await startServerProcess({ demo: true });
  consultor = await register('DEMO-CONSULTOR', 'Carla Consultora');
  cliente = await register('DEMO-CLIENTE', 'Rafael Servidor');
  await serverTickets(300);
  const account = openAccount();
  await account.engine.syncNow();
  targetTicketId = (account.db.prepare('SELECT id FROM tickets WHERE protocol = 7780').get() as { id: string }).id;
  await account.close();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('sync process killed at random moments', () => {
  it(
    'keeps the store sound and every action once',
    async () => {
      const random = seededRandom(SEED);
      const killedIn: Record<string, number> = { push: 0, pull: 0, start: 0 };
      try {
        await queueActions(60, 5);
        const phases = ['push', 'pull'] as const;
        for (let kill = 0; kill < KILLS; kill++) {
          await queueActions(12, 1);
          await serverTickets(50);
          // Mostly in the middle of a push or a pull, sometimes while the process starts.
          const plan: KillPlan =
            random() < 0.1
              ? { phase: 'startup', afterMs: Math.floor(50 + random() * 400) }
              : { phase: phases[kill % 2]!, afterMs: Math.floor(random() * 120) };
          const run = await runSyncProcess(plan);
          killedIn[run.done ? 'start' : (run.phases.at(-1) ?? 'start')]! += 1;
          expect(integrityCheck(), `seed ${SEED}, kill ${kill}`).toBe('ok');
        }
        const last = await runSyncProcess(null);
        expect(last.done, `seed ${SEED}: ${last.output}`).toBe(true);
      } catch (error) {
        console.error(`crash test failed with SAC_CRASH_SEED=${SEED}`);
        throw error;
      }
      console.info(`crash test seed ${SEED}: ${KILLS} kills, during push ${killedIn.push}, during pull ${killedIn.pull}`);

      expect(integrityCheck()).toBe('ok');
      expect(killedIn.push).toBeGreaterThanOrEqual(5);
      expect(killedIn.pull).toBeGreaterThanOrEqual(5);

      const serverDb = openServerDatabase(server.dataDir);
      const local = new Database(join(clientDir, 'sac.db'), { readonly: true });
      try {
        const commentCount = serverDb.prepare(
          `SELECT count(*) AS n FROM documents WHERE entity = 'ticketEvent' AND json_extract(data_json, '$.text') = ?`,
        );
        const duplicated = commentTexts.filter((text) => (commentCount.get(text) as { n: number }).n !== 1);
        expect(duplicated, `seed ${SEED}`).toEqual([]);
        const ticketCount = serverDb.prepare(
          `SELECT count(*) AS n FROM documents WHERE entity = 'ticket' AND json_extract(data_json, '$.subject') = ?`,
        );
        expect(ticketSubjects.filter((subject) => (ticketCount.get(subject) as { n: number }).n !== 1)).toEqual([]);
        expect(local.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
        expect(local.prepare('SELECT count(*) AS n FROM unsynced').get()).toEqual({ n: 0 });

        // Everything the server lets this user see is here, at the server's version.
        const api = new SacApi({ serverUrl: server.url, token: cliente.token });
        const visible = new Map<string, number>();
        let cursor: string | null = null;
        for (;;) {
          const page = await api.pull(cursor, 5_000);
          for (const change of page.changes) visible.set(`${change.entity}:${change.id}`, change.version);
          cursor = page.cursor;
          if (!page.hasMore) break;
        }
        const stored = new Map<string, number>();
        const tables: Array<[string, string]> = [
          ['ticket', 'SELECT id, server_version AS v FROM tickets'],
          ['ticketEvent', 'SELECT id, server_version AS v FROM ticket_events'],
          ['checklistItem', 'SELECT id, server_version AS v FROM checklist_items'],
          ['stage', 'SELECT id, server_version AS v FROM stages'],
        ];
        for (const [entity, sql] of tables) {
          for (const row of local.prepare(sql).all() as Array<{ id: string; v: number }>) stored.set(`${entity}:${row.id}`, row.v);
        }
        for (const row of local.prepare('SELECT entity, id, server_version AS v FROM reference_data').all() as Array<{
          entity: string;
          id: string;
          v: number;
        }>) {
          stored.set(`${row.entity}:${row.id}`, row.v);
        }
        expect(stored, `seed ${SEED}`).toEqual(visible);
      } finally {
        serverDb.close();
        local.close();
      }
    },
    15 * 60_000,
  );
});
