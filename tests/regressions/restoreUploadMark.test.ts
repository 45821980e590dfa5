// Found by a tester: an attachment is uploaded, then the ticket's push fails, and the server is
// restored (with --new-epoch) from a backup older than the upload. The next push trusts the old
// upload mark, so the ticket and its comment are rejected before the pull notices the restore.
// They are now sent again, file included, once it does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { startFaultProxy, isPush, type FaultProxy } from '../support/faultProxy';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { call, newCore, registerCore } from '../support/testClient';
import { backUpServer, clientRows, restoreServer, serverRows } from './helpers';

let server: ServerProcess;
let net: FaultProxy;
const cores: AppCore[] = [];
beforeAll(async () => { server = await startServerProcess({ demo: true }); net = await startFaultProxy(() => server.url); });
afterAll(async () => {
  for (const core of cores) await core.stop();
  await net.close();
  await server?.stop();
});

describe('upload mark across a restore', () => {
  it('pending ticket whose file was uploaded before the restore', async () => {
    const core = newCore({ automaticSync: false });
    cores.push(core);
    await core.start();
    await registerCore(core, net.url, 'DEMO-CLIENTE', 'Anexo antes do restore');
    await call(core, 'sync.now', {});
    await backUpServer(server);

    const bytes = new TextEncoder().encode(`%PDF planta do prédio ${Date.now()}`);
    const staged = await call(core, 'attachments.stage', { fileName: 'Planta.pdf', contentType: 'application/pdf', data: bytes });
    const subject = `Com anexo ${Date.now()}`;
    const { ticketId } = await call(core, 'tickets.create', { type: 'solicitacao', severity: 'media', subject, description: 'Descrição longa', attachmentIds: [staged.sha256] });
    await call(core, 'tickets.comment', { ticketId, text: 'Comentário logo depois' });
    // The upload goes through; the push itself fails (network drops / 503).
    net.inject({ kind: 'status', status: 503 }, { matches: isPush, times: 1 });
    await call(core, 'sync.now', {});

    await restoreServer(server); // documented procedure: restore + --new-epoch
    await call(core, 'sync.now', {});
    const final = await call(core, 'sync.now', {});
    expect(final.pendingCount).toBe(0);
    expect(await call(core, 'unsynced.list', {})).toEqual([]);
    const onServer = serverRows<{ n: number }>(server.dataDir, `SELECT count(*) AS n FROM documents WHERE entity = 'ticket' AND id = ?`, ticketId);
    expect(onServer[0]!.n).toBe(1);
    const comments = serverRows<{ n: number }>(
      server.dataDir,
      `SELECT count(*) AS n FROM documents WHERE entity = 'ticketEvent' AND json_extract(data_json, '$.ticketId') = ? AND json_extract(data_json, '$.kind') = 'comment'`,
      ticketId,
    );
    expect(comments[0]!.n).toBe(1);
    expect(clientRows(core, 'SELECT id FROM tickets WHERE id = ?', ticketId)).toHaveLength(1);
  });
});
