// Randomized convergence: four clients (two of them the same participant on two computers, a
// second participant and a consultant) act at random while their networks come and go, faults
// hit their requests and the server restarts. At the end every client's local data equals what
// the server shows that user, and the server holds each action exactly once.
// SAC_FUZZ_SEED replays a run; SAC_FUZZ_ROUNDS sets its length (250 by default).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { SacApi } from '../../src/main/core/sync/sacApi';
import { CHECKLIST_ITEM_IDS, TICKET_STATUSES } from '../../src/shared/domain';
import type { SessionInfo } from '../../src/shared/ipc';
import { startFaultProxy, type Fault, type FaultProxy } from '../support/faultProxy';
import { pick, seededRandom } from '../support/random';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { call, newCore, openServerDatabase, registerCore } from '../support/testClient';

const SEED = Number(process.env.SAC_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ROUNDS = Number(process.env.SAC_FUZZ_ROUNDS ?? 250);

interface FuzzClient {
  name: string;
  core: AppCore;
  network: FaultProxy;
  role: 'cliente' | 'consultor';
  token: () => string;
  /** Ids of every ticket action this client queued, read from its outbox as they were made. */
  ticketActions: Set<string>;
}

let server: ServerProcess;
const clients: FuzzClient[] = [];

const FAULTS: Fault[] = [
  { kind: 'refuse' },
  { kind: 'resetDuringRequest' },
  { kind: 'resetDuringResponse' },
  { kind: 'hang' },
  { kind: 'status', status: 500 },
  { kind: 'status', status: 503, retryAfter: '1' },
  { kind: 'captivePortal' },
  { kind: 'truncatedJson' },
  { kind: 'schemaMismatch' },
  { kind: 'dropResponse' },
];

async function makeClient(name: string, role: FuzzClient['role'], login?: { email: string; password: string }) {
  const network = await startFaultProxy(() => server.url);
  const core = newCore({ automaticSync: false, requestTimeoutMs: 600, backoff: { baseMs: 10, maxMs: 50 } });
  await core.start();
  let credentials = login;
  if (login) await call(core, 'auth.login', { serverUrl: network.url, ...login });
  else credentials = await registerCore(core, network.url, role === 'consultor' ? 'DEMO-CONSULTOR' : 'DEMO-CLIENTE', name);
  const client: FuzzClient = {
    name,
    core,
    network,
    role,
    token: () => core.sessions.load()!.token,
    ticketActions: new Set(),
  };
  clients.push(client);
  return { client, credentials: credentials! };
}

function localDb(client: FuzzClient) {
  return client.core.currentAccount!.db;
}

/** Records the ids of ticket actions now in the outbox, so none can silently disappear. */
function recordQueued(client: FuzzClient): void {
  const rows = localDb(client).prepare(`SELECT id FROM outbox WHERE entity = 'ticket'`).all() as Array<{ id: string }>;
  for (const row of rows) client.ticketActions.add(row.id);
}

function knownTickets(client: FuzzClient): Array<{ id: string; status: string; organization_id: string }> {
  return localDb(client).prepare('SELECT id, status, organization_id FROM tickets').all() as Array<{
    id: string;
    status: string;
    organization_id: string;
  }>;
}

beforeAll(async () => {
  server = await startServerProcess({ demo: true });
  const { credentials } = await makeClient('cliente-A-computador-1', 'cliente');
  await makeClient('cliente-A-computador-2', 'cliente', credentials);
  await makeClient('cliente-B', 'cliente');
  await makeClient('consultor', 'consultor');
  for (const client of clients) await call(client.core, 'sync.now', {});
}, 120_000);

afterAll(async () => {
  for (const client of clients) {
    await client.core.stop();
    await client.network.close();
  }
  await server?.stop();
});

async function randomAction(random: () => number, client: FuzzClient, round: number): Promise<void> {
  const tickets = knownTickets(client);
  const ticket = tickets.length ? pick(random, tickets) : null;
  const roll = random();
  const text = `r${round} ${client.name} ${Math.floor(random() * 1e9)}`;
  if (client.role === 'consultor') {
    if (ticket && roll < 0.35) {
      await client.core.invoke('tickets.setStatus', { ticketId: ticket.id, status: pick(random, TICKET_STATUSES) });
    } else if (ticket && roll < 0.7) {
      await client.core.invoke('tickets.solve', { ticketId: ticket.id, result: 'Finalizado', text });
    } else if (ticket && roll < 0.85) {
      await client.core.invoke('tickets.comment', { ticketId: ticket.id, text });
    } else {
      await client.core.invoke('tickets.create', { type: 'sugestao', severity: 'media', subject: text, description: '', attachmentIds: [] });
    }
  } else if (roll < 0.25) {
    await client.core.invoke('tickets.create', { type: 'solicitacao', severity: 'media', subject: text, description: text, attachmentIds: [] });
  } else if (ticket && roll < 0.5) {
    await client.core.invoke('tickets.comment', { ticketId: ticket.id, text });
  } else if (roll < 0.65) {
    const concluded = tickets.filter((candidate) => candidate.status === 'concluida');
    if (concluded.length) await client.core.invoke('tickets.reject', { ticketId: pick(random, concluded).id, reason: text });
  } else {
    const done = random() < 0.7;
    const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
    await client.core.invoke('checklist.set', {
      itemId: pick(random, CHECKLIST_ITEM_IDS),
      done,
      ...(done ? { completedOn: `2026-11-${day}` } : {}),
      note: random() < 0.5 ? text : null,
    });
  }
  recordQueued(client);
}

async function playRound(random: () => number, round: number): Promise<void> {
  const client = pick(random, clients);
  const roll = random();
  if (roll < 0.45) await randomAction(random, client, round);
  else if (roll < 0.7) await call(client.core, 'sync.now', {});
  else if (roll < 0.78) await Promise.all(clients.map((each) => call(each.core, 'sync.now', {})));
  else if (roll < 0.88) client.network.setOffline(random() < 0.5);
  else if (roll < 0.97) client.network.inject(pick(random, FAULTS), { times: 1 + Math.floor(random() * 2) });
  else {
    await server.stop();
    await server.start();
  }
}

/** Brings every network back and syncs until no client has anything left to send. */
async function settle(): Promise<void> {
  for (const client of clients) {
    client.network.clear();
    client.network.setOffline(false);
  }
  for (let pass = 0; pass < 20; pass++) {
    const statuses = [];
    for (const client of clients) statuses.push(await call(client.core, 'sync.now', {}));
    if (statuses.every((status) => status.pendingCount === 0 && status.lastError === null)) {
      // One more pass so that each client pulls what the others pushed last.
      for (const client of clients) await call(client.core, 'sync.now', {});
      return;
    }
  }
  throw new Error('clients did not settle in 20 passes');
}

/** Everything the server lets a user see, by "entity:id", from a pull with no cursor. */
async function serverView(client: FuzzClient): Promise<Map<string, unknown>> {
  const api = new SacApi({ serverUrl: server.url, token: client.token() });
  const view = new Map<string, unknown>();
  let cursor: string | null = null;
  for (;;) {
    const page = await api.pull(cursor, 5_000);
    for (const change of page.changes) {
      if (change.deleted) view.delete(`${change.entity}:${change.id}`);
      else view.set(`${change.entity}:${change.id}`, change.data);
    }
    cursor = page.cursor;
    if (!page.hasMore) return view;
  }
}

function localView(client: FuzzClient): Map<string, unknown> {
  const db = localDb(client);
  const view = new Map<string, unknown>();
  const synced: Array<[string, string]> = [
    ['ticket', 'tickets'],
    ['ticketEvent', 'ticket_events'],
    ['checklistItem', 'checklist_items'],
    ['stage', 'stages'],
  ];
  for (const [entity, table] of synced) {
    for (const row of db.prepare(`SELECT id, data_json FROM ${table}`).all() as Array<{ id: string; data_json: string }>) {
      view.set(`${entity}:${row.id}`, JSON.parse(row.data_json));
    }
  }
  for (const row of db.prepare('SELECT entity, id, data_json FROM reference_data').all() as Array<{
    entity: string;
    id: string;
    data_json: string;
  }>) {
    view.set(`${row.entity}:${row.id}`, JSON.parse(row.data_json));
  }
  return view;
}

describe('randomized convergence', () => {
  it(
    'clients converge and actions apply once',
    async () => {
      const random = seededRandom(SEED);
      try {
        for (let round = 0; round < ROUNDS; round++) await playRound(random, round);
        await settle();

        const serverDb = openServerDatabase(server.dataDir);
        try {
          const applied = serverDb.prepare('SELECT count(*) AS n FROM mutations WHERE id = ?');
          const event = serverDb.prepare(`SELECT count(*) AS n FROM documents WHERE entity = 'ticketEvent' AND id = ?`);
          for (const client of clients) {
            const session = (await call(client.core, 'session.get', {})) as Extract<SessionInfo, { signedIn: true }>;
            expect(session.signedIn).toBe(true);
            const unsynced = new Set((await call(client.core, 'unsynced.list', {})).map((action) => action.id));
            for (const id of client.ticketActions) {
              const count = (applied.get(id) as { n: number }).n;
              // Applied once, or rejected and kept for the user; never both, never twice, never lost.
              expect(count + (unsynced.has(id) ? 1 : 0), `seed ${SEED}: action ${id} of ${client.name}`).toBe(1);
              if (count === 1) expect((event.get(id) as { n: number }).n, `seed ${SEED}: history of ${id}`).toBe(1);
            }
            expect(localView(client), `seed ${SEED}: ${client.name} differs from the server`).toEqual(await serverView(client));
          }
        } finally {
          serverDb.close();
        }
      } catch (error) {
        console.error(`convergence test failed; replay with SAC_FUZZ_SEED=${SEED} SAC_FUZZ_ROUNDS=${ROUNDS}`);
        throw error;
      }
      const actions = clients.reduce((sum, client) => sum + client.ticketActions.size, 0);
      console.info(`convergence seed ${SEED}: ${ROUNDS} rounds, ${actions} ticket actions checked`);
    },
    15 * 60_000,
  );
});
