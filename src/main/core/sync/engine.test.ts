import { randomUUID } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../../shared/ipc';
import type { AuthResponse } from '../../../shared/wire';
import { performAction } from '../actions';
import { getTicket, listTickets } from '../queries';
import type { SqliteDatabase } from '../store/database';
import { getMeta, setMeta } from '../store/meta';
import { peekOutbox } from '../store/outbox';
import { unusedPort } from '../testSupport/faultServer';
import { clientContext, readRow } from '../testSupport/fixtures';
import { startSacServer, type RunningSacServer } from '../testSupport/sacServer';
import { tempStore } from '../testSupport/tempStore';
import { backoffDelay, SyncEngine, type SyncEngineOptions } from './engine';
import type { LocalContext } from './optimistic';
import { SacApi } from './sacApi';

describe('backoffDelay', () => {
  const policy = { baseMs: 1_000, maxMs: 60_000 };
  const lowest = () => 0;
  const highest = () => 0.999_999;

  it('grows exponentially', () => {
    const delays = [1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, policy, lowest));
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000]);
  });

  it('is capped at maxMs', () => {
    expect(backoffDelay(7, policy, highest)).toBe(60_000);
    expect(backoffDelay(30, policy, highest)).toBe(60_000);
    expect(backoffDelay(5_000, policy, highest)).toBe(60_000);
  });

  it('stays within half and full ceiling', () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
      for (const value of [0, 0.25, 0.5, 0.75, 0.999_999]) {
        const delay = backoffDelay(attempt, policy, () => value);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('uses the injected random value', () => {
    expect(backoffDelay(3, policy, () => 0.5)).toBe(3_000);
  });

  it('treats attempt 0 as the first', () => {
    expect(backoffDelay(0, policy, lowest)).toBe(500);
  });
});

function contextOf(auth: AuthResponse): LocalContext {
  return clientContext({
    actor: { id: auth.user.id, name: auth.user.name, role: auth.user.role },
    organizationId: auth.user.organizationId,
  });
}

interface EngineSetup {
  db: SqliteDatabase;
  blobDir: string;
  api: SacApi;
  engine: SyncEngine;
  context: LocalContext;
}

function newEngine(serverUrl: string, auth: AuthResponse, options: Partial<SyncEngineOptions> = {}): EngineSetup {
  const { db, blobDir } = tempStore();
  const api = new SacApi({ serverUrl, token: auth.token, timeoutMs: 5_000 });
  const context = contextOf(auth);
  const engine = new SyncEngine({ db, api, blobDir, context: () => context, backoff: { baseMs: 50, maxMs: 200 }, ...options });
  return { db, blobDir, api, engine, context };
}

const newTicketArgs = (subject: string) => ({
  ticketId: randomUUID(),
  type: 'solicitacao' as const,
  severity: 'media' as const,
  subject,
  description: 'Criar um novo botão.',
});

describe('SyncEngine with the real server', () => {
  let server: RunningSacServer;
  let cliente: AuthResponse;

  beforeAll(async () => {
    server = await startSacServer();
    cliente = await server.register('DEMO-CLIENTE', 'Rafael da Câmara');
  });

  afterAll(async () => {
    await server.close();
  });

  it('round trip assigns a protocol', async () => {
    const { db, blobDir, engine, context } = newEngine(server.url, cliente);
    const args = newTicketArgs('Ajustar meu sistema');
    performAction(db, context, 'ticket.create', args);
    const status = await engine.syncNow();

    expect(status.lastError).toBeNull();
    const ticket = getTicket(db, blobDir, args.ticketId, new Date());
    expect(ticket.protocol).toBeGreaterThan(9661);
    expect(ticket.pendingSync).toBe(false);
    expect(ticket.events.map((event) => event.pendingSync)).toEqual([false]);
  });

  it('round trip pulls the demo tickets', async () => {
    const { db, engine } = newEngine(server.url, cliente);
    await engine.syncNow();
    const protocols = listTickets(db, { organizationId: cliente.user.organizationId }, new Date()).items.map((item) => item.protocol);

    expect(protocols).toContain(9661);
    expect(protocols).toContain(7780);
  });

  it('pulls every page', async () => {
    const { db, engine } = newEngine(server.url, cliente, { pullLimit: 3 });
    const status = await engine.syncNow();

    expect(status.lastError).toBeNull();
    expect(listTickets(db, { organizationId: cliente.user.organizationId }, new Date()).total).toBeGreaterThanOrEqual(12);
  });

  it('requests the next page before writing one', async () => {
    const steps: string[] = [];
    // Node announces each HTTP request as the client hands it over, before any byte is sent.
    const onRequest = (message: unknown) => {
      if ((message as { request: ClientRequest }).request.path.includes('/sync/pull')) steps.push('request');
    };
    subscribe('http.client.request.start', onRequest);
    try {
      const { engine } = newEngine(server.url, cliente, { pullLimit: 3, onChange: () => steps.push('written') });
      const status = await engine.syncNow();
      expect(status.lastError).toBeNull();
    } finally {
      unsubscribe('http.client.request.start', onRequest);
    }

    // Each page but the last is written after the request for the next one went out.
    expect(steps.filter((step) => step === 'written').length).toBeGreaterThanOrEqual(4);
    expect(steps.join(' ')).toMatch(/^request (request written )+written$/);
  });

  it('offline reject merges remote comment', async () => {
    const consultant = await server.register('DEMO-CONSULTOR', 'Carla Consultora');
    const first = newEngine(server.url, cliente);
    await first.engine.syncNow();
    const concluded = listTickets(first.db, { organizationId: cliente.user.organizationId, search: '9661' }, new Date()).items[0]!;
    // The consultant comments online; the cliente rejects offline, then syncs.
    const other = newEngine(server.url, consultant);
    await other.engine.syncNow();
    performAction(other.db, other.context, 'ticket.comment', { ticketId: concluded.id, text: 'Vou verificar.' });
    await other.engine.syncNow();
    performAction(first.db, first.context, 'ticket.reject', { ticketId: concluded.id, reason: 'Não funcionou.' });
    await first.engine.syncNow();

    const row = readRow(first.db, 'tickets', concluded.id)!;
    expect(row.data).toEqual(row.server);
    expect(row.data.status).toBe('analise');
    expect(row.data.rejectionCount).toBe(1);
    const texts = getTicket(first.db, first.blobDir, concluded.id, new Date()).events.map((event) => event.text);
    expect(texts).toContain('Vou verificar.');
  });

  it('status before sync counts pending', () => {
    const { db, engine, context } = newEngine(server.url, cliente);
    performAction(db, context, 'ticket.create', newTicketArgs('Um'));
    performAction(db, context, 'checklist.set', { itemId: '01', done: true, completedOn: '2026-03-02' });

    const status = engine.status();
    expect(status.pendingCount).toBe(2);
    expect(status.lastSuccessAt).toBeNull();
    expect(status.connection).toBe('online');
  });

  it('status after sync', async () => {
    const now = new Date('2026-03-05T15:30:00.000Z');
    const { db, engine, context } = newEngine(server.url, cliente, { now: () => now });
    performAction(db, context, 'ticket.create', newTicketArgs('Dois'));
    const status = await engine.syncNow();

    expect(status.pendingCount).toBe(0);
    // Recorded on the server's clock: the offset measured on loopback is a few milliseconds of noise.
    expect(Math.abs(Date.parse(status.lastSuccessAt!) - now.getTime())).toBeLessThan(1_000);
    expect(status.connection).toBe('online');
    expect(status.nextRetryAt).toBeNull();
    expect(status.progress).toBeNull();
  });

  it('reports syncing while running', async () => {
    const { db, engine, context } = newEngine(server.url, cliente);
    performAction(db, context, 'ticket.create', newTicketArgs('Três'));
    const seen: SyncStatus[] = [];
    engine.onStatus((status) => seen.push(status));
    await engine.syncNow();

    expect(seen.map((status) => status.connection)).toContain('syncing');
    expect(seen.filter((status) => status.progress !== null).map((status) => status.connection)).not.toContain('online');
    expect(seen.some((status) => status.progress?.phase === 'push')).toBe(true);
    expect(seen.some((status) => status.progress?.phase === 'pull')).toBe(true);
    expect(seen.at(-1)?.connection).toBe('online');
  });

  it('saves the cursor after pulling', async () => {
    const { db, engine } = newEngine(server.url, cliente);
    await engine.syncNow();

    expect(getMeta(db, 'cursor')).not.toBeNull();
  });

  it('invalid cursor restarts the pull', async () => {
    const { db, engine } = newEngine(server.url, cliente);
    setMeta(db, 'cursor', 'cursor-de-outro-servidor');
    const status = await engine.syncNow();

    expect(status.lastError).toBeNull();
    expect(getMeta(db, 'cursor')).not.toBe('cursor-de-outro-servidor');
    expect(listTickets(db, { organizationId: cliente.user.organizationId }, new Date()).total).toBeGreaterThanOrEqual(12);
  });

  it('bad token is unauthorized', async () => {
    const { engine } = newEngine(server.url, { ...cliente, token: 'token-que-o-servidor-nao-conhece' });
    const status = await engine.syncNow();

    expect(status.lastError?.code).toBe('unauthorized');
    expect(status.lastError?.message).toContain('Sua sessão expirou');
    expect(status.nextRetryAt).toBeNull();
  });
});

describe('SyncEngine with the server down', () => {
  async function offlineEngine(options: Partial<SyncEngineOptions> = {}) {
    const port = await unusedPort();
    const auth: AuthResponse = {
      user: { id: randomUUID(), name: 'Rafael', email: 'rafael@exemplo.com.br', role: 'cliente', organizationId: randomUUID() },
      token: 'x'.repeat(32),
    };
    return { port, ...newEngine(`http://127.0.0.1:${port}`, auth, options) };
  }

  it('reports offline in pt-BR', async () => {
    const { engine } = await offlineEngine();
    const status = await engine.syncNow();

    expect(status.connection).toBe('offline');
    expect(status.lastError?.code).toBe('offline');
    expect(status.lastError?.message).toBe(
      'Sem conexão com o servidor SAC. Suas ações ficam guardadas neste computador e serão enviadas quando a conexão voltar.',
    );
  });

  it('keeps the outbox intact', async () => {
    const { db, engine, context } = await offlineEngine();
    const args = newTicketArgs('Sem rede');
    const mutation = performAction(db, context, 'ticket.create', args);
    const status = await engine.syncNow();

    expect(status.pendingCount).toBe(1);
    expect(peekOutbox(db, 10).map((row) => row.mutation)).toEqual([mutation]);
    expect(readRow(db, 'tickets', args.ticketId)?.data.subject).toBe('Sem rede');
  });

  it('counts the failed attempt', async () => {
    const { db, engine, context } = await offlineEngine();
    performAction(db, context, 'ticket.create', newTicketArgs('Sem rede'));
    await engine.syncNow();

    expect(peekOutbox(db, 10)[0]?.attempts).toBe(1);
    expect(peekOutbox(db, 10)[0]?.lastError).toBe('offline');
  });

  it('sets nextRetryAt from backoff', async () => {
    const now = new Date('2026-03-05T15:30:00.000Z');
    const { engine } = await offlineEngine({ now: () => now, random: () => 0, backoff: { baseMs: 4_000, maxMs: 60_000 } });
    const status = await engine.syncNow();

    expect(status.nextRetryAt).toBe(new Date(now.getTime() + 2_000).toISOString());
    expect(status.lastSuccessAt).toBeNull();
  });

  it('manual sync skips the wait', async () => {
    const { port, db, api, engine, context } = await offlineEngine({ backoff: { baseMs: 60_000, maxMs: 60_000 } });
    engine.start();
    await vi.waitFor(() => expect(engine.status().lastError?.code).toBe('offline'), { timeout: 5_000 });
    const waitMs = Date.parse(engine.status().nextRetryAt!) - Date.now();
    expect(waitMs).toBeGreaterThan(20_000);

    const server = await startSacServer({ port });
    try {
      const auth = await server.register('DEMO-CLIENTE');
      api.setToken(auth.token);
      performAction(db, context, 'checklist.set', { itemId: '02', done: true, completedOn: '2026-03-02' });
      const started = Date.now();
      const status = await engine.syncNow();

      expect(status.lastError).toBeNull();
      expect(status.nextRetryAt).toBeNull();
      expect(Date.now() - started).toBeLessThan(waitMs);
    } finally {
      await engine.stop();
      await server.close();
    }
  });
});
