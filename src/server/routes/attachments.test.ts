// PUT and GET /attachments/<sha256>: content addressing, limits, blocked files, exact file names
// and who may download.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttachmentRef, TicketData } from '../../shared/wire';
import {
  api,
  bearer,
  expectErrorEnvelope,
  mutation,
  pushApplied,
  registerUser,
  startTestServer,
  ticketCreateArgs,
  visibleDocuments,
  type RegisteredUser,
  type TestServer,
} from '../testing/serverHarness';
import { blobPath } from './attachments';

const MAX_BYTES = 1024;

let server: TestServer;
let cliente: RegisteredUser;

beforeEach(async () => {
  server = await startTestServer({ demo: true, attachmentMaxBytes: MAX_BYTES });
  cliente = await registerUser(server, 'DEMO-CLIENTE');
});

afterEach(async () => {
  await server.dispose();
});

const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('hex');

function upload(
  user: RegisteredUser,
  content: Buffer,
  options: { fileName?: string; rawFileName?: string; contentType?: string; sha256?: string } = {},
) {
  const headers: Record<string, string> = { ...bearer(user.token) };
  const fileName = options.rawFileName ?? encodeURIComponent(options.fileName ?? 'documento.pdf');
  if (fileName) headers['x-file-name'] = fileName;
  if (options.contentType !== '') headers['content-type'] = options.contentType ?? 'application/pdf';
  return server.app.inject({ method: 'PUT', url: api(`/attachments/${options.sha256 ?? sha256Of(content)}`), headers, payload: content });
}

function download(user: RegisteredUser, sha256: string) {
  return server.app.inject({ method: 'GET', url: api(`/attachments/${sha256}`), headers: bearer(user.token) });
}

/** Uploads a file and creates a ticket that references it; returns the reference. */
async function attachToNewTicket(user: RegisteredUser, content: Buffer, fileName: string, contentType = 'application/pdf') {
  const uploaded = await upload(user, content, { fileName, contentType });
  expect([200, 201], uploaded.body).toContain(uploaded.statusCode);
  const reference: AttachmentRef = { sha256: sha256Of(content), fileName, contentType, size: content.length };
  const args = ticketCreateArgs({ attachments: [reference] });
  await pushApplied(server, user.token, mutation('ticket.create', args));
  return { reference, ticketId: args.ticketId };
}

/** Lists every file (not folder) under the blob folder, temporary uploads included. */
function blobFiles(): string[] {
  const entries = readdirSync(server.blobDir, { recursive: true, encoding: 'utf8' });
  return entries.filter((entry) => statSync(join(server.blobDir, entry)).isFile());
}

function fileNameOfDisposition(header: string | string[] | number | undefined): string {
  const match = /filename\*=UTF-8''(.+)$/.exec(String(header));
  return decodeURIComponent(match?.[1] ?? '');
}

describe('PUT /attachments', () => {
  it('new upload returns 201', async () => {
    const content = Buffer.from('%PDF-1.4 ofício');

    const response = await upload(cliente, content);

    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ sha256: sha256Of(content), stored: true });
  });

  it('repeat upload returns 200', async () => {
    const content = Buffer.from('%PDF-1.4 ofício');
    await upload(cliente, content);

    const again = await upload(cliente, content);

    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ sha256: sha256Of(content), stored: true });
  });

  it('repeat upload with wrong bytes is hash_mismatch', async () => {
    const content = Buffer.from('%PDF-1.4 ofício');
    await upload(cliente, content);
    const other = await registerUser(server, 'DEMO-OUTRA');

    const forged = await upload(other, Buffer.from('não conheço o conteúdo'), { sha256: sha256Of(content) });

    expectErrorEnvelope(forged, 400, 'hash_mismatch');
  });

  it('forged repeat upload records no uploader', async () => {
    const content = Buffer.from('%PDF-1.4 ofício');
    await upload(cliente, content);
    const other = await registerUser(server, 'DEMO-OUTRA');

    await upload(other, Buffer.from('não conheço o conteúdo'), { sha256: sha256Of(content) });

    const uploaders = await server.db.selectFrom('attachment_uploads').select('user_id').where('sha256', '=', sha256Of(content)).execute();
    expect(uploaders.map((row) => row.user_id)).toEqual([cliente.user.id]);
  });

  it('repeat upload by another user records them', async () => {
    const content = Buffer.from('%PDF-1.4 ofício');
    await upload(cliente, content);
    const other = await registerUser(server, 'DEMO-OUTRA');

    const again = await upload(other, content);

    expect(again.statusCode).toBe(200);
    const uploaders = await server.db.selectFrom('attachment_uploads').select('user_id').where('sha256', '=', sha256Of(content)).execute();
    expect(uploaders.map((row) => row.user_id).sort()).toEqual([cliente.user.id, other.user.id].sort());
  });

  it('repeat upload leaves one blob file', async () => {
    const content = Buffer.from('%PDF-1.4 ofício');
    await upload(cliente, content);
    await upload(cliente, content);

    expect(blobFiles()).toHaveLength(1);
  });

  it('stored blob has the exact bytes', async () => {
    const content = randomBytes(MAX_BYTES);

    await upload(cliente, content, { contentType: 'application/octet-stream' });

    expect(readFileSync(blobPath(server.blobDir, sha256Of(content))).equals(content)).toBe(true);
  });

  it('wrong hash is hash_mismatch', async () => {
    const content = Buffer.from('conteúdo real');

    const response = await upload(cliente, content, { sha256: sha256Of(Buffer.from('outro conteúdo')) });

    expectErrorEnvelope(response, 400, 'hash_mismatch');
  });

  it('hash mismatch leaves no blob', async () => {
    await upload(cliente, Buffer.from('conteúdo real'), { sha256: sha256Of(Buffer.from('outro conteúdo')) });

    expect(blobFiles()).toEqual([]);
  });

  it('hash mismatch stores no metadata', async () => {
    const claimed = sha256Of(Buffer.from('outro conteúdo'));
    await upload(cliente, Buffer.from('conteúdo real'), { sha256: claimed });

    const row = await server.db.selectFrom('attachments').select('sha256').where('sha256', '=', claimed).executeTakeFirst();

    expect(row).toBeUndefined();
  });

  it('upload after a mismatch succeeds', async () => {
    const content = Buffer.from('conteúdo real');
    await upload(cliente, Buffer.from('corrompido'), { sha256: sha256Of(content) });

    const retry = await upload(cliente, content);

    expect(retry.statusCode).toBe(201);
  });

  it('file over the limit is 413', async () => {
    const response = await upload(cliente, randomBytes(MAX_BYTES + 1));

    expectErrorEnvelope(response, 413, 'attachment_too_large');
  });

  it('413 message states the limit', async () => {
    const response = await upload(cliente, randomBytes(MAX_BYTES + 1));

    expect(response.json().error.message).toContain('1 KB');
  });

  it('file at the limit is stored', async () => {
    const response = await upload(cliente, randomBytes(MAX_BYTES));

    expect(response.statusCode).toBe(201);
  });

  it('oversized upload leaves no blob', async () => {
    await upload(cliente, randomBytes(MAX_BYTES + 1));

    expect(blobFiles()).toEqual([]);
  });

  it('streamed upload over the limit is 413', async () => {
    // Chunked transfer has no Content-Length, so the limit is enforced while the body streams.
    // A real socket is used because app.inject does not model a request destroyed mid-body.
    const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const chunk = randomBytes(400);

    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = request(
        `${address}${api(`/attachments/${'d'.repeat(64)}`)}`,
        {
          method: 'PUT',
          headers: { ...bearer(cliente.token), 'x-file-name': 'grande.bin', 'content-type': 'application/octet-stream' },
        },
        (incoming) => {
          let body = '';
          incoming.on('data', (data: Buffer) => (body += data.toString('utf8')));
          incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body }));
        },
      );
      outgoing.on('error', reject);
      for (let index = 0; index < 4; index++) outgoing.write(chunk);
      outgoing.end();
    });

    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error.code).toBe('attachment_too_large');
    expect(blobFiles()).toEqual([]);
  });

  it.each(['setup.exe', 'script.ps1', 'INSTALAR.EXE', 'relatorio.pdf.exe', 'atalho.lnk', 'virus.exe.', 'script.ps1 ', 'virus.exe. . '])(
    '"%s" is blocked with 415',
    async (fileName) => {
      const response = await upload(cliente, Buffer.from('MZ'), { fileName, contentType: 'application/octet-stream' });

      expectErrorEnvelope(response, 415, 'attachment_blocked');
    },
  );

  it('blocked upload leaves no blob', async () => {
    await upload(cliente, Buffer.from('MZ'), { fileName: 'setup.exe' });

    expect(blobFiles()).toEqual([]);
  });

  it.each(['relatorio.exe.pdf', 'executável.txt', 'LEIAME'])('"%s" is accepted', async (fileName) => {
    const response = await upload(cliente, Buffer.from(fileName), { fileName, contentType: 'text/plain' });

    expect(response.statusCode, response.body).toBe(201);
  });

  it('missing file name is 400', async () => {
    const response = await upload(cliente, Buffer.from('x'), { rawFileName: '' });

    expectErrorEnvelope(response, 400, 'missing_file_name');
  });

  it('bad percent-encoding is 400', async () => {
    const response = await upload(cliente, Buffer.from('x'), { rawFileName: 'relat%F3rio.pdf' });

    expectErrorEnvelope(response, 400, 'invalid_file_name');
  });

  it('file name with a slash is 400', async () => {
    const response = await upload(cliente, Buffer.from('x'), { fileName: '../../etc/passwd' });

    expectErrorEnvelope(response, 400, 'invalid_file_name');
  });

  it('overlong file name is 400', async () => {
    const response = await upload(cliente, Buffer.from('x'), { fileName: `${'a'.repeat(252)}.pdf` });

    expectErrorEnvelope(response, 400, 'invalid_file_name');
  });

  it('uppercase hash is invalid_sha256', async () => {
    const content = Buffer.from('x');

    const response = await upload(cliente, content, { sha256: sha256Of(content).toUpperCase() });

    expectErrorEnvelope(response, 400, 'invalid_sha256');
  });

  it('JSON file keeps its bytes', async () => {
    const content = Buffer.from('{"protocolo": 9661, "situação": "Concluída"}\n');

    const response = await upload(cliente, content, { fileName: 'dados.json', contentType: 'application/json' });

    expect(response.statusCode, response.body).toBe(201);
    expect(readFileSync(blobPath(server.blobDir, sha256Of(content))).equals(content)).toBe(true);
  });

  it('Latin-1 text keeps its bytes', async () => {
    const content = Buffer.from('Ofício nº 12 – situação', 'latin1');

    const response = await upload(cliente, content, { fileName: 'oficio.txt', contentType: 'text/plain; charset=iso-8859-1' });

    expect(response.statusCode, response.body).toBe(201);
    expect(readFileSync(blobPath(server.blobDir, sha256Of(content))).equals(content)).toBe(true);
  });

  it('upload without content type is stored', async () => {
    const content = Buffer.from('sem tipo');

    const response = await upload(cliente, content, { contentType: '' });

    expect(response.statusCode, response.body).toBe(201);
  });
});

describe('attachment file names', () => {
  const NFC_NAME = 'Relatório de manutenção – 1ª versão.pdf';
  const NFD_NAME = NFC_NAME.normalize('NFD');

  it('NFD and NFC names differ', () => {
    expect(NFD_NAME).not.toBe(NFC_NAME);
    expect(NFD_NAME.normalize('NFC')).toBe(NFC_NAME);
  });

  it.each([
    ['NFC', NFC_NAME],
    ['NFD', NFD_NAME],
  ])('%s name survives create and pull', async (_form, fileName) => {
    const { ticketId } = await attachToNewTicket(cliente, Buffer.from(`conteúdo ${fileName}`), fileName);

    const tickets = await visibleDocuments<TicketData>(server, cliente.token, 'ticket');

    const pulledName = tickets.find((ticket) => ticket.id === ticketId)?.data.attachments[0]?.fileName;
    expect(pulledName).toBe(fileName);
    expect(pulledName?.length).toBe(fileName.length);
  });

  it.each([
    ['NFC', NFC_NAME],
    ['NFD', NFD_NAME],
  ])('%s name survives the download', async (_form, fileName) => {
    const content = Buffer.from(`download ${fileName}`);
    await attachToNewTicket(cliente, content, fileName);

    const response = await download(cliente, sha256Of(content));

    expect(fileNameOfDisposition(response.headers['content-disposition'])).toBe(fileName);
  });

  it('NFD name is stored as sent', async () => {
    const content = Buffer.from('armazenado');
    await upload(cliente, content, { fileName: NFD_NAME });

    const row = await server.db.selectFrom('attachments').select('file_name').where('sha256', '=', sha256Of(content)).executeTakeFirst();

    expect(row?.file_name).toBe(NFD_NAME);
  });
});

describe('GET /attachments', () => {
  it('same-org colleague gets identical bytes', async () => {
    const colleague = await registerUser(server, 'DEMO-CLIENTE');
    const content = randomBytes(MAX_BYTES);
    await attachToNewTicket(cliente, content, 'captura.png', 'image/png');

    const response = await download(colleague, sha256Of(content));

    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(content)).toBe(true);
  });

  it('download carries type and length', async () => {
    const content = randomBytes(100);
    await attachToNewTicket(cliente, content, 'captura.png', 'image/png');

    const response = await download(cliente, sha256Of(content));

    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['content-length']).toBe('100');
  });

  it('download is never sniffed or shown inline', async () => {
    const content = Buffer.from('<script>alert(1)</script>');
    await attachToNewTicket(cliente, content, 'pagina.html', 'text/html');

    const response = await download(cliente, sha256Of(content));

    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(String(response.headers['content-disposition'])).toMatch(/^attachment;/);
  });

  it('other org gets 404', async () => {
    const other = await registerUser(server, 'DEMO-OUTRA');
    const content = Buffer.from('sigiloso');
    await attachToNewTicket(cliente, content, 'contrato.pdf');

    const response = await download(other, sha256Of(content));

    expectErrorEnvelope(response, 404, 'not_found');
  });

  it('consultor of the org can download', async () => {
    const consultor = await registerUser(server, 'DEMO-CONSULTOR');
    const content = Buffer.from('para o consultor');
    await attachToNewTicket(cliente, content, 'manual.pdf');

    const response = await download(consultor, sha256Of(content));

    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(content)).toBe(true);
  });

  it('unreferenced upload is 404', async () => {
    const content = Buffer.from('sem solicitação');
    await upload(cliente, content);

    const response = await download(cliente, sha256Of(content));

    expectErrorEnvelope(response, 404, 'not_found');
  });

  it('unknown hash is 404', async () => {
    const response = await download(cliente, 'e'.repeat(64));

    expectErrorEnvelope(response, 404, 'not_found');
  });

  it('malformed hash is 404', async () => {
    const response = await download(cliente, 'nao-e-um-hash');

    expectErrorEnvelope(response, 404, 'not_found');
  });

  it('other-org upload of the same file gives access', async () => {
    const other = await registerUser(server, 'DEMO-OUTRA');
    const content = Buffer.from('mesmo arquivo nas duas câmaras');
    await attachToNewTicket(cliente, content, 'modelo.pdf');
    await attachToNewTicket(other, content, 'modelo.pdf');

    const response = await download(other, sha256Of(content));

    expect(response.statusCode).toBe(200);
  });
});
