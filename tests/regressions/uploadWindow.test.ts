// Found by a tester: a full checklist or stage correction made while an attachment of the same
// batch uploaded replaced the row about to be sent. Rows count their attempt when the batch is read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { call, newCore, registerCore } from '../support/testClient';
import { clientRows, serverChecklistItem, serverRows, startHoldingProxy, type HoldingProxy } from './helpers';

let server: ServerProcess;
const cores: AppCore[] = [];
const proxies: HoldingProxy[] = [];
beforeAll(async () => { server = await startServerProcess({ demo: true }); });
afterAll(async () => {
  for (const core of cores) await core.stop();
  for (const proxy of proxies) await proxy.close();
  await server?.stop();
});
const isUpload = (r: { method?: string; url?: string }) => r.method === 'PUT' && (r.url ?? '').includes('/attachments/');

describe('upload window', () => {
  it('checklist note corrected while a ticket attachment uploads', async () => {
    const proxy = await startHoldingProxy(() => server.url);
    proxies.push(proxy);
    const core = newCore({ automaticSync: false });
    cores.push(core);
    await core.start();
    await registerCore(core, proxy.url, 'DEMO-CLIENTE', 'Anexo lento');
    await call(core, 'sync.now', {});
    const userId = core.currentAccount!.user.id;

    const staged = await call(core, 'attachments.stage', { fileName: 'ata.pdf', contentType: 'application/pdf', data: new TextEncoder().encode(`%PDF ata ${Date.now()}`) });
    await call(core, 'tickets.create', { type: 'solicitacao', severity: 'media', subject: 'Com anexo', description: 'Segue a ata.', attachmentIds: [staged.sha256] });
    await call(core, 'checklist.set', { itemId: '03', done: false, completedOn: null, note: 'Reunião dia 13 (errado)' });
    proxy.holdNext(isUpload);
    const syncing = call(core, 'sync.now', {});
    await proxy.held();
    await call(core, 'checklist.set', { itemId: '03', done: false, completedOn: null, note: 'Reunião dia 31 (certo)' });
    const outboxMid = clientRows(core, 'SELECT name, attempts, args_json FROM outbox ORDER BY seq');
    proxy.release();
    await syncing;
    await call(core, 'sync.now', {});
    await call(core, 'sync.now', {});

    const stored = serverChecklistItem(server.dataDir, userId, '03');
    const local = (await call(core, 'checklist.get', {})).items.find((item) => item.itemId === '03');
    const unsynced = await call(core, 'unsynced.list', {});
    expect(stored?.note).toBe('Reunião dia 31 (certo)');
    expect(unsynced).toHaveLength(0);
  });

  it('stage corrected while a ticket attachment uploads', async () => {
    const proxy = await startHoldingProxy(() => server.url);
    proxies.push(proxy);
    const core = newCore({ automaticSync: false });
    cores.push(core);
    await core.start();
    await registerCore(core, proxy.url, 'DEMO-CONSULTOR', 'Consultor anexo');
    await call(core, 'sync.now', {});
    const stage = (await call(core, 'stages.list', {})).stages[0]!;
    const staged = await call(core, 'attachments.stage', { fileName: 'plano.pdf', contentType: 'application/pdf', data: new TextEncoder().encode(`%PDF plano ${Date.now()}`) });
    let ticketErr: unknown = null;
    try {
      await call(core, 'tickets.create', { type: 'solicitacao', severity: 'media', subject: 'Plano', description: 'Segue o plano.', attachmentIds: [staged.sha256] });
    } catch (e) { ticketErr = e; }
    await call(core, 'stages.set', { stageId: stage.id, status: 'em_andamento', startedOn: '2026-01-05', completedOn: null });
    proxy.holdNext(isUpload);
    const syncing = call(core, 'sync.now', {});
    await proxy.held();
    await call(core, 'stages.set', { stageId: stage.id, status: 'concluida', startedOn: '2026-01-05', completedOn: '2026-01-20' });
    proxy.release();
    await syncing;
    await call(core, 'sync.now', {});
    await call(core, 'sync.now', {});
    const [onServer] = serverRows<{ data_json: string }>(server.dataDir, `SELECT data_json FROM documents WHERE entity = 'stage' AND id = ?`, stage.id);
    const unsynced = await call(core, 'unsynced.list', {});
    expect(JSON.parse(onServer!.data_json).status).toBe('concluida');
    expect(unsynced).toHaveLength(0);
  });
});
