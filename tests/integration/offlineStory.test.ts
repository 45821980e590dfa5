// The foundation's main story through the app core (the same handlers the UI calls), against
// the real server in a child process: offline work survives a restart and syncs exactly once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../src/main/core/appCore';
import type { Channel, ChannelInput, ChannelOutput } from '../../src/shared/ipc';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { folderDialogs, noPrinter, testSecrets } from '../support/testPlatform';

let server: ServerProcess;
const cores: AppCore[] = [];

function newCore(userDataDir = mkdtempSync(join(tmpdir(), 'sac-client-'))): AppCore {
  const core = new AppCore({
    userDataDir,
    secrets: testSecrets,
    printer: noPrinter,
    dialogs: folderDialogs(join(userDataDir, 'saved')),
    backoff: { baseMs: 50, maxMs: 200 },
    requestTimeoutMs: 5_000,
  });
  cores.push(core);
  return core;
}

async function call<C extends Channel>(core: AppCore, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await core.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

beforeAll(async () => {
  server = await startServerProcess({ demo: true });
});

afterAll(async () => {
  for (const core of cores) await core.stop();
  await server.stop();
});

describe('offline story through the app core', () => {
  it('syncs offline work exactly once after a restart', async () => {
    const consultantDir = mkdtempSync(join(tmpdir(), 'sac-consultant-'));
    let consultant = newCore(consultantDir);
    await consultant.start();
    await call(consultant, 'auth.register', {
      serverUrl: server.url,
      name: 'Carla Consultora',
      email: 'carla@exemplo.com.br',
      password: 'senha-forte-1',
      inviteCode: 'DEMO-CONSULTOR',
    });
    let status = await call(consultant, 'sync.now', {});
    expect(status.lastError).toBeNull();
    const demo = await call(consultant, 'tickets.list', {});
    expect(demo.items.map((ticket) => ticket.protocol)).toContain(9661);
    expect(demo.total).toBe(12);

    await server.stop();
    const staged = await call(consultant, 'attachments.stage', {
      fileName: 'Relatório de implantação – sessão 1.pdf',
      contentType: 'application/pdf',
      data: new TextEncoder().encode('%PDF-1.4 relatório'),
    });
    const { ticketId } = await call(consultant, 'tickets.create', {
      type: 'solicitacao',
      severity: 'media',
      subject: 'Ajustar meu sistema',
      description: 'Criar um novo botão',
      attachmentIds: [staged.sha256],
    });
    await call(consultant, 'checklist.set', { itemId: '01', done: true, completedOn: '2026-11-02' });
    status = await call(consultant, 'sync.now', {});
    expect(status.connection).toBe('offline');
    expect(status.pendingCount).toBe(2);
    expect(status.lastError?.message).toContain('Sem conexão');
    const offlineTicket = await call(consultant, 'tickets.get', { ticketId });
    expect(offlineTicket.protocol).toBeNull();
    expect(offlineTicket.pendingSync).toBe(true);

    await consultant.stop();
    consultant = newCore(consultantDir);
    await consultant.start();
    expect((await call(consultant, 'sync.status', {})).pendingCount).toBe(2);

    await server.start();
    status = await call(consultant, 'sync.now', {});
    expect(status.lastError).toBeNull();
    expect(status.pendingCount).toBe(0);
    const synced = await call(consultant, 'tickets.get', { ticketId });
    expect(synced.protocol).toBe(9662);
    expect(synced.pendingSync).toBe(false);
    const checklist = await call(consultant, 'checklist.get', {});
    expect(checklist.items[0]).toMatchObject({ done: true, completedOn: '2026-11-02', pendingSync: false });

    const client = newCore();
    await client.start();
    await call(client, 'auth.register', {
      serverUrl: server.url,
      name: 'Rafael da Câmara',
      email: 'rafael@camara.sp.gov.br',
      password: 'senha-forte-2',
      inviteCode: 'DEMO-CLIENTE',
    });
    await call(client, 'sync.now', {});
    const seen = await call(client, 'tickets.get', { ticketId });
    expect(seen.protocol).toBe(9662);
    expect(seen.attachments.map((attachment) => attachment.fileName)).toEqual(['Relatório de implantação – sessão 1.pdf']);

    await call(consultant, 'tickets.solve', { ticketId, result: 'Finalizado', text: 'Botão criado.' });
    await call(consultant, 'sync.now', {});
    await call(client, 'sync.now', {});
    expect((await call(client, 'tickets.get', { ticketId })).status).toBe('concluida');
    const rejected = await call(client, 'tickets.reject', { ticketId, reason: 'O botão não aparece na tela inicial.' });
    expect(rejected.rejectionCount).toBe(1);
    await call(client, 'sync.now', {});
    await call(consultant, 'sync.now', {});
    const afterReject = await call(consultant, 'tickets.get', { ticketId });
    expect(afterReject.rejectionCount).toBe(1);
    expect(afterReject.status).toBe('analise');
    expect(afterReject.events.map((event) => event.kind)).toEqual(['created', 'solved', 'rejected']);
  });
});
