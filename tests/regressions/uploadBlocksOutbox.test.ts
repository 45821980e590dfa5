// An attachment the server refuses for good (a name, size or content it does not accept) fails
// only its own ticket, which goes to the unsynced list with its text; the actions queued after
// it, on other tickets and on the checklist, still reach the server.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { blobPath } from '../../src/main/core/store/blobs';
import { createSacServer } from '../../src/server/app';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { call, newCore, registerCore } from '../support/testClient';
import { clientRows, serverRows } from './helpers';

let server: ServerProcess;
const cores: AppCore[] = [];

beforeAll(async () => {
  server = await startServerProcess({ demo: true });
});

afterAll(async () => {
  for (const core of cores) await core.stop();
  await server?.stop();
});

async function signedIn(serverUrl: string, name: string): Promise<AppCore> {
  const core = newCore({ automaticSync: false });
  cores.push(core);
  await core.start();
  await registerCore(core, serverUrl, 'DEMO-CLIENTE', name);
  await call(core, 'sync.now', {});
  return core;
}

/** Queues a ticket with the attachment, then two unrelated actions after it. */
async function queueThreeActions(core: AppCore, sha256: string, tag: string) {
  const withFile = await call(core, 'tickets.create', {
    type: 'solicitacao',
    severity: 'media',
    subject: `Com anexo ${tag}`,
    description: 'Segue o arquivo.',
    attachmentIds: [sha256],
  });
  const plain = await call(core, 'tickets.create', {
    type: 'sugestao',
    severity: 'media',
    subject: `Sem anexo ${tag}`,
    description: 'Outra solicitação, sem relação com o anexo.',
    attachmentIds: [],
  });
  await call(core, 'checklist.set', { itemId: '01', done: true });
  return { withFile: withFile.ticketId, plain: plain.ticketId };
}

function report(core: AppCore, dataDir: string, ids: { withFile: string; plain: string }, label: string) {
  const onServer = serverRows<{ id: string }>(dataDir, `SELECT id FROM documents WHERE entity = 'ticket' AND id IN (?, ?)`, ids.withFile, ids.plain);
  const outbox = clientRows<{ name: string; attempts: number; last_error: string }>(core, 'SELECT name, attempts, last_error FROM outbox ORDER BY seq');
  const unsynced = clientRows<{ name: string; error_code: string }>(core, 'SELECT name, error_code FROM unsynced');
  return { onServer, outbox, unsynced };
}

async function syncThreeTimes(core: AppCore) {
  const statuses = [];
  for (let round = 0; round < 3; round++) statuses.push(await call(core, 'sync.now', {}));
  return statuses.at(-1)!;
}

describe('attachment refused by the server', () => {
  it('backslash file name blocks nothing else', async () => {
    // The server refuses a backslash in X-File-Name (400 invalid_file_name). Today's app refuses
    // such a name when the file is attached; an action queued by an older version may still hold one.
    const core = await signedIn(server.url, 'Nome com barra');
    await expect(
      call(core, 'attachments.stage', { fileName: 'Orçamento 2025\\2026.pdf', contentType: 'application/pdf', data: new Uint8Array([1]) }),
    ).rejects.toThrow(/attachment_bad_name/);
    const staged = await call(core, 'attachments.stage', {
      fileName: 'Orçamento 2025-2026.pdf',
      contentType: 'application/pdf',
      data: new TextEncoder().encode(`%PDF nome com barra ${Date.now()}`),
    });
    const ids = await queueThreeActions(core, staged.sha256, 'barra');
    core.currentAccount!.db.prepare(`UPDATE outbox SET args_json = replace(args_json, '2025-2026', '2025\\\\2026') WHERE name = 'ticket.create'`).run();

    await syncThreeTimes(core);
    const seen = report(core, server.dataDir, ids, 'backslash name:');

    // The two unrelated actions reach the server; the ticket with the file waits in the unsynced list.
    expect(seen.onServer.map((row) => row.id)).toContain(ids.plain);
    expect(seen.outbox).toEqual([]);
    expect(seen.unsynced).toEqual([{ name: 'ticket.create', error_code: 'invalid_file_name' }]);
  });

  it('changed blob blocks nothing else', async () => {
    // The file under blobs/ changed after it was staged (disk error, an antivirus rewrote it):
    // the server answers 400 hash_mismatch.
    const core = await signedIn(server.url, 'Arquivo alterado');
    const data = new TextEncoder().encode(`%PDF conteúdo original ${Date.now()}`);
    const staged = await call(core, 'attachments.stage', { fileName: 'ata.pdf', contentType: 'application/pdf', data });
    const ids = await queueThreeActions(core, staged.sha256, 'hash');
    writeFileSync(blobPath(core.currentAccount!.blobDir, staged.sha256), Buffer.alloc(data.length, 0));

    const status = await syncThreeTimes(core);
    const seen = report(core, server.dataDir, ids, 'changed blob:');

    expect(seen.onServer.map((row) => row.id)).toContain(ids.plain);
    expect(seen.outbox).toEqual([]);
  });

  it('lowered size limit blocks nothing else', async () => {
    // The server's administrator lowers the attachment limit while a ticket staged under the
    // old limit waits in the outbox: the upload gets 413.
    const dataDir = mkdtempSync(join(tmpdir(), 'sac-regression-limit-'));
    let current = await createSacServer({ dataDir, demo: true, logger: false });
    await current.app.listen({ port: 0, host: '127.0.0.1' });
    const address = () => {
      const info = current.app.server.address();
      return typeof info === 'object' && info ? `http://127.0.0.1:${info.port}` : '';
    };
    const proxy: FaultProxy = await startFaultProxy(address);
    try {
      const core = await signedIn(proxy.url, 'Limite reduzido');
      const staged = await call(core, 'attachments.stage', {
        fileName: 'planta-baixa.pdf',
        contentType: 'application/pdf',
        data: Buffer.alloc(64 * 1024, 7),
      });
      proxy.setOffline(true);
      const ids = await queueThreeActions(core, staged.sha256, 'limite');

      current.app.server.closeAllConnections();
      await current.app.close();
      current = await createSacServer({ dataDir, demo: true, logger: false, attachmentMaxBytes: 16 * 1024 });
      await current.app.listen({ port: 0, host: '127.0.0.1' });
      proxy.setOffline(false);

      const status = await syncThreeTimes(core);
      const seen = report(core, dataDir, ids, 'lowered limit:');

      expect(seen.onServer.map((row) => row.id)).toContain(ids.plain);
      expect(seen.outbox).toEqual([]);
    } finally {
      await proxy.close();
      current.app.server.closeAllConnections();
      await current.app.close();
    }
  });
});
