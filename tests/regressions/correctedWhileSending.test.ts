// Found by testers: a checklist note or a stage corrected while its first save was being sent,
// held either in the push request or behind an attachment of the same batch still uploading. The
// correction states every field, and it replaced the row about to be sent; the server then
// applied the first save and rejected the correction. An outbox row now counts its attempt when
// its batch is read, so a correction queues behind it instead.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { AppCore, AppCoreOptions } from '../../src/main/core/appCore';
import { useDemoServer } from '../support/demoServerWorld';
import { call, newCore, registerCore } from '../support/testClient';
import { isPushRequest, serverChecklistItem, serverRows, startHoldingProxy, type HoldingProxy } from './helpers';

const world = useDemoServer();
const { cores, proxies } = world;

const isUpload = (request: IncomingMessage) => request.method === 'PUT' && (request.url ?? '').includes('/attachments/');

/** Signs a new computer up through a proxy that can hold its requests, and syncs it once. */
async function computerBehindProxy(invite: 'DEMO-CLIENTE' | 'DEMO-CONSULTOR', name: string, options: Partial<AppCoreOptions> = { automaticSync: false }) {
  const proxy = await startHoldingProxy(() => world.server.url);
  proxies.push(proxy);
  const core = newCore(options);
  cores.push(core);
  await core.start();
  await registerCore(core, proxy.url, invite, name);
  await call(core, 'sync.now', {});
  return { core, proxy, userId: core.currentAccount!.user.id };
}

/** Queues a ticket with an attachment, whose upload comes first in the next push. */
async function queueTicketWithAttachment(core: AppCore) {
  const data = new TextEncoder().encode(`%PDF ata ${Date.now()}`);
  const staged = await call(core, 'attachments.stage', { fileName: 'ata.pdf', contentType: 'application/pdf', data });
  await call(core, 'tickets.create', { type: 'solicitacao', severity: 'media', subject: 'Com anexo', description: 'Segue a ata.', attachmentIds: [staged.sha256] });
}

/** Runs `correct` while the first push of the queued actions is held at `hold`, then syncs until done. */
async function correctWhileHeld(core: AppCore, proxy: HoldingProxy, hold: (request: IncomingMessage) => boolean, correct: () => Promise<unknown>) {
  proxy.holdNext(hold);
  const syncing = call(core, 'sync.now', {});
  await proxy.held();
  await correct();
  proxy.release();
  await syncing;
  await call(core, 'sync.now', {});
  await call(core, 'sync.now', {});
}

const HOLD_POINTS = [
  { point: 'push request', hold: isPushRequest, withAttachment: false },
  { point: 'attachment upload', hold: isUpload, withAttachment: true },
];

describe.each(HOLD_POINTS)('corrected while the $point is held', ({ hold, withAttachment }) => {
  it('checklist note', async () => {
    const { core, proxy, userId } = await computerBehindProxy('DEMO-CLIENTE', 'Nota corrigida');
    if (withAttachment) await queueTicketWithAttachment(core);
    await call(core, 'checklist.set', { itemId: '03', done: false, completedOn: null, note: 'Reunião dia 13 (errado)' });

    await correctWhileHeld(core, proxy, hold, () =>
      call(core, 'checklist.set', { itemId: '03', done: false, completedOn: null, note: 'Reunião dia 31 (certo)' }),
    );

    expect(serverChecklistItem(world.server.dataDir, userId, '03')?.note).toBe('Reunião dia 31 (certo)');
    expect(await call(core, 'unsynced.list', {})).toHaveLength(0);
  });

  it('stage', async () => {
    const { core, proxy } = await computerBehindProxy('DEMO-CONSULTOR', 'Consultor apressado');
    const stage = (await call(core, 'stages.list', {})).stages[0]!;
    if (withAttachment) await queueTicketWithAttachment(core);
    await call(core, 'stages.set', { stageId: stage.id, status: 'em_andamento', startedOn: '2026-11-02', completedOn: null });

    await correctWhileHeld(core, proxy, hold, () =>
      call(core, 'stages.set', { stageId: stage.id, status: 'concluida', startedOn: '2026-11-02', completedOn: '2026-11-20' }),
    );

    const [onServer] = serverRows<{ data_json: string }>(world.server.dataDir, `SELECT data_json FROM documents WHERE entity = 'stage' AND id = ?`, stage.id);
    expect(JSON.parse(onServer!.data_json).status).toBe('concluida');
    expect(await call(core, 'unsynced.list', {})).toHaveLength(0);
  });
});

describe('corrected during automatic sync', () => {
  it('note corrected on a slow link', async () => {
    const { core, proxy, userId } = await computerBehindProxy('DEMO-CLIENTE', 'Nota automática', { syncIntervalMs: 600_000 });
    // The push that the first save starts is held for 1.5 s after the correction.
    proxy.holdNext(isPushRequest);
    await call(core, 'checklist.set', { itemId: '06', done: false, completedOn: null, note: 'Ofício nº 12' });
    await proxy.held();
    await call(core, 'checklist.set', { itemId: '06', done: false, completedOn: null, note: 'Ofício nº 21' });
    setTimeout(() => proxy.release(), 1_500);
    for (let attempt = 0; attempt < 40 && (await call(core, 'sync.status', {})).pendingCount > 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await call(core, 'sync.now', {});

    expect(serverChecklistItem(world.server.dataDir, userId, '06')?.note).toBe('Ofício nº 21');
    expect(await call(core, 'unsynced.list', {})).toHaveLength(0);
  });
});
