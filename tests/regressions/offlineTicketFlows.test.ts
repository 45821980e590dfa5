// A ticket created offline whose attachment file disappears from disk, commented on, rejected,
// then recovered through "Tentar de novo"; and texts at the length limits with NFD and emoji.
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { blobPath } from '../../src/main/core/store/blobs';
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

async function cliente(name: string): Promise<AppCore> {
  const core = newCore({ automaticSync: false });
  cores.push(core);
  await core.start();
  await registerCore(core, server.url, 'DEMO-CLIENTE', name);
  await call(core, 'sync.now', {});
  return core;
}

describe('offline ticket flows', () => {
  it('missing blob, rejection, then recovery', async () => {
    const core = await cliente('Anexo sumiu');
    const bytes = new TextEncoder().encode(`%PDF ofício ${Date.now()}`);
    const staged = await call(core, 'attachments.stage', { fileName: 'Ofício 12.pdf', contentType: 'application/pdf', data: bytes });
    const subject = `Anexo apagado ${Date.now()}`;
    const { ticketId } = await call(core, 'tickets.create', {
      type: 'solicitacao', severity: 'media', subject, description: 'Descrição que o usuário escreveu com cuidado.', attachmentIds: [staged.sha256],
    });
    await call(core, 'tickets.comment', { ticketId, text: 'Comentário na solicitação ainda não enviada.' });
    await call(core, 'checklist.set', { itemId: '01', done: true });
    rmSync(blobPath(core.currentAccount!.blobDir, staged.sha256));

    const first = await call(core, 'sync.now', {});
    const unsynced = await call(core, 'unsynced.list', {});
    expect(first.pendingCount).toBe(0);
    expect(unsynced.map((row) => row.errorCode).sort()).toEqual(['attachment_not_uploaded', 'ticket_not_found']);
    expect(unsynced.find((row) => row.name === 'ticket.create')?.text).toContain('Descrição que o usuário escreveu com cuidado.');
    expect(unsynced.find((row) => row.name === 'ticket.comment')?.text).toBe('Comentário na solicitação ainda não enviada.');

    // The user picks the same file again in a new-ticket form (which writes the blob back), then
    // retries the comment before the ticket, and the ticket twice in a row.
    await call(core, 'attachments.stage', { fileName: 'Ofício 12.pdf', contentType: 'application/pdf', data: bytes });
    const commentRow = unsynced.find((row) => row.name === 'ticket.comment')!;
    const createRow = unsynced.find((row) => row.name === 'ticket.create')!;
    await call(core, 'unsynced.retry', { id: commentRow.id });
    await call(core, 'unsynced.retry', { id: createRow.id });
    const again = await core.invoke('unsynced.retry', { id: createRow.id });
    await call(core, 'sync.now', {});
    const afterRetry = await call(core, 'unsynced.list', {});
    const retriedComment = afterRetry.find((row) => row.name === 'ticket.comment');
    if (retriedComment) await call(core, 'unsynced.retry', { id: retriedComment.id });
    await call(core, 'sync.now', {});

    const tickets = serverRows<{ n: number }>(server.dataDir, `SELECT count(*) AS n FROM documents WHERE entity = 'ticket' AND id = ?`, ticketId)[0]!.n;
    const comments = serverRows<{ text: string }>(
      server.dataDir,
      `SELECT json_extract(data_json, '$.text') AS text FROM documents WHERE entity = 'ticketEvent' AND json_extract(data_json, '$.ticketId') = ? AND json_extract(data_json, '$.kind') = 'comment'`,
      ticketId,
    );
    const attachments = serverRows<{ n: number }>(server.dataDir, 'SELECT count(*) AS n FROM attachments WHERE sha256 = ?', staged.sha256)[0]!.n;
    const left = await call(core, 'unsynced.list', {});

    expect(tickets).toBe(1);
    expect(comments.map((row) => row.text)).toEqual(['Comentário na solicitação ainda não enviada.']);
    expect(left).toEqual([]);
  });

  it('texts at the limits keep every character', async () => {
    const core = await cliente('Unicode');
    // NFD accents, emoji with skin tone and ZWJ, a 4-byte CJK character, RTL text, a NUL.
    const piece = 'Relato\u0301rio de implantac\u0327a\u0303o 👩🏽‍💻 𠜎 مرحبا \u0000 ';
    const longText = piece.repeat(Math.floor(10_000 / piece.length)).slice(0, 10_000).replace(/[\uD800-\uDBFF]$/, 'x');
    const subject = 'Sessa\u0303o 1 – 📎 anexos';
    const description = piece.repeat(Math.floor(20_000 / piece.length)).slice(0, 20_000).replace(/[\uD800-\uDBFF]$/, 'x');
    const fileName = 'Relato\u0301rio 📊 fina\u0301l.pdf';
    const bytes = new TextEncoder().encode(`%PDF ${Date.now()}`);
    const staged = await call(core, 'attachments.stage', { fileName, contentType: 'application/pdf', data: bytes });
    const { ticketId } = await call(core, 'tickets.create', { type: 'elogio', severity: 'media', subject, description, attachmentIds: [staged.sha256] });
    await call(core, 'tickets.comment', { ticketId, text: longText.trim() });
    await call(core, 'sync.now', {});

    const [ticket] = serverRows<{ data_json: string }>(server.dataDir, `SELECT data_json FROM documents WHERE entity = 'ticket' AND id = ?`, ticketId);
    const data = JSON.parse(ticket!.data_json) as { subject: string; description: string; attachments: Array<{ fileName: string }> };
    const [comment] = serverRows<{ text: string }>(
      server.dataDir,
      `SELECT json_extract(data_json, '$.text') AS text FROM documents WHERE entity = 'ticketEvent' AND json_extract(data_json, '$.ticketId') = ? AND json_extract(data_json, '$.kind') = 'comment'`,
      ticketId,
    );
    const [stored] = serverRows<{ file_name: string }>(server.dataDir, 'SELECT file_name FROM attachments WHERE sha256 = ?', staged.sha256);
    const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 12);

    expect(data.subject).toBe(subject);
    expect(data.description).toBe(description);
    expect(comment?.text).toBe(longText.trim());
    expect(data.attachments[0]?.fileName).toBe(fileName);
    expect(stored?.file_name).toBe(fileName);
  });
});
