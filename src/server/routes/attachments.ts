// PUT and GET /attachments/<sha256>. Uploads stream to a temporary file while their hash and size
// are checked, so a large file never sits in memory; the blob is renamed into place only when
// its SHA-256 matches the address.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { formatFileSize } from '../../shared/format';
import { isAcceptableFileName, isBlockedFileName } from '../../shared/wire';
import type { ServerDb } from '../db/connect';
import { HttpError, notFound } from '../httpErrors';

interface AttachmentDeps {
  db: ServerDb;
  blobDir: string;
  attachmentMaxBytes: number;
}

const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** How much of an oversized upload is read and dropped before the server answers 413. */
const OVERFLOW_DRAIN_BYTES = 8 * 1024 * 1024;

export function blobPath(blobDir: string, sha256: string): string {
  return join(blobDir, sha256.slice(0, 2), sha256);
}

function parseFileName(header: string | string[] | undefined): string {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) {
    throw new HttpError(400, 'missing_file_name', 'Informe o nome do arquivo no cabeçalho X-File-Name (UTF-8 codificado em %).');
  }
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, 'invalid_file_name', 'O cabeçalho X-File-Name não está codificado corretamente em UTF-8 com %.');
  }
  // The exact characters are kept (an NFD name stays NFD); only path separators and control characters are refused.
  // eslint-disable-next-line no-control-regex
  if (!isAcceptableFileName(name)) {
    throw new HttpError(400, 'invalid_file_name', 'Nome de arquivo inválido: use um nome sem barras, com até 255 caracteres.');
  }
  return name;
}

export function registerAttachmentRoutes(api: FastifyInstance, deps: AttachmentDeps): void {
  // A child context, so that its raw-body parser does not reach the JSON routes.
  void api.register(async (scope) => {
    // Every body reaches the handler as the raw stream whatever its Content-Type, because the JSON
    // and text parsers would decode an application/json or text/plain file and change its bytes.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    addAttachmentRoutes(scope, deps);
  });
}

function addAttachmentRoutes(api: FastifyInstance, { db, blobDir, attachmentMaxBytes }: AttachmentDeps): void {
  api.put<{ Params: { sha256: string } }>(
    '/attachments/:sha256',
    { bodyLimit: Number.MAX_SAFE_INTEGER },
    async (request, reply) => {
      const { sha256 } = request.params;
      if (!SHA256_PATTERN.test(sha256)) {
        throw new HttpError(400, 'invalid_sha256', 'O endereço do anexo deve ser o SHA-256 do arquivo em hexadecimal minúsculo.');
      }
      const fileName = parseFileName(request.headers['x-file-name']);
      if (isBlockedFileName(fileName)) {
        throw new HttpError(415, 'attachment_blocked', `O arquivo "${fileName}" é um programa ou script e não pode ser anexado.`);
      }
      const contentType = (request.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim();
      const declaredLength = Number(request.headers['content-length'] ?? NaN);
      if (Number.isFinite(declaredLength) && declaredLength > attachmentMaxBytes) {
        throw tooLarge(attachmentMaxBytes);
      }

      // The body is read and hashed even when the blob is stored already: the upload record
      // below lets this user attach the blob, so they must prove they hold its bytes.
      const target = blobPath(blobDir, sha256);
      mkdirSync(join(blobDir, sha256.slice(0, 2)), { recursive: true });
      const temporary = join(blobDir, `.upload-${randomUUID()}`);
      const hash = createHash('sha256');
      let size = 0;
      // Past the limit the body is read and dropped for a while before the 413: a connection
      // cut while the client is still sending makes it see a reset instead of the answer.
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          size += chunk.length;
          if (size > attachmentMaxBytes + OVERFLOW_DRAIN_BYTES) return callback(tooLarge(attachmentMaxBytes));
          if (size > attachmentMaxBytes) return callback();
          hash.update(chunk);
          callback(null, chunk);
        },
      });
      let alreadyStored = false;
      try {
        await pipeline(request.body as Readable, meter, createWriteStream(temporary));
        if (size > attachmentMaxBytes) throw tooLarge(attachmentMaxBytes);
        const actual = hash.digest('hex');
        if (actual !== sha256) {
          throw new HttpError(400, 'hash_mismatch', 'O conteúdo recebido não confere com o SHA-256 informado. Envie o arquivo de novo.', [
            { path: 'sha256', message: `Recebido ${actual}.` },
          ]);
        }
        const known = await db.selectFrom('attachments').select('sha256').where('sha256', '=', sha256).executeTakeFirst();
        alreadyStored = Boolean(known) && existsSync(target);
        if (!alreadyStored) renameSync(temporary, target);
      } finally {
        rmSync(temporary, { force: true });
      }
      const userId = request.auth!.user.id;
      const now = new Date().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('attachments')
          .values({ sha256, size, content_type: contentType, file_name: fileName, uploaded_by: userId, created_at: now })
          .onConflict((conflict) => conflict.doNothing())
          .execute();
        await trx
          .insertInto('attachment_uploads')
          .values({ sha256, user_id: userId, uploaded_at: now })
          .onConflict((conflict) => conflict.doNothing())
          .execute();
      });
      if (alreadyStored) return reply.status(200).send({ sha256, stored: true });
      request.log.info({ sha256, size }, 'attachment stored');
      return reply.status(201).send({ sha256, stored: true });
    },
  );

  api.get<{ Params: { sha256: string } }>('/attachments/:sha256', async (request, reply) => {
    const { sha256 } = request.params;
    const missing = notFound('Anexo não encontrado ou sem permissão de acesso para este usuário.');
    if (!SHA256_PATTERN.test(sha256)) throw missing;
    const auth = request.auth!;
    const reference = await db
      .selectFrom('ticket_attachments')
      .innerJoin('attachments', 'attachments.sha256', 'ticket_attachments.sha256')
      .select(['attachments.content_type', 'attachments.file_name', 'attachments.size'])
      .where('ticket_attachments.sha256', '=', sha256)
      .where('ticket_attachments.organization_id', 'in', auth.organizationIds.length ? auth.organizationIds : [''])
      .executeTakeFirst();
    const path = blobPath(blobDir, sha256);
    if (!reference || !existsSync(path)) throw missing;
    return reply
      .header('content-type', reference.content_type)
      .header('content-length', String(statSync(path).size))
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(reference.file_name)}`)
      .header('x-content-type-options', 'nosniff')
      .send(createReadStream(path));
  });
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'attachment_too_large', `O arquivo passa do limite de ${formatFileSize(limit)} por anexo.`);
}
