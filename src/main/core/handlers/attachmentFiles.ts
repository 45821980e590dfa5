// Handlers that show or open a ticket's attachment: the server's limits for the forms, an image
// preview, and "Abrir", which saves a copy under its exact name and opens it with the system's
// application.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { BLOCKED_ATTACHMENT_EXTENSIONS, isBlockedFileName } from '../../../shared/wire';
import type { AppCore } from '../appCore';
import { createLogger } from '../log';
import { blobPath, recordDownloadedBlob, writeBlob } from '../store/blobs';
import type { HandlerGroup } from './types';

const log = createLogger('attachment-files');

/** Images larger than this are not previewed inline; the user opens them instead. */
const PREVIEW_MAX_BYTES = 8 * 1024 * 1024;

/** Returns the local file of a blob, downloading it from the server when it is not here yet. */
export async function ensureBlob(core: AppCore, sha256: string, fileName: string): Promise<string> {
  const account = core.requireAccount();
  const file = blobPath(account.blobDir, sha256);
  if (existsSync(file)) return file;
  const bytes = await account.api.downloadAttachment(sha256).catch((error: unknown) => {
    throw error instanceof AppError ? error : AppError.of('offline');
  });
  const stored = writeBlob(account.blobDir, bytes);
  if (stored !== sha256) throw AppError.of('invalid_response');
  recordDownloadedBlob(account.db, { sha256, size: bytes.length, contentType: '', fileName });
  // Previews and "available offline" marks change now that the file is here.
  core.emit('data.changed', { entities: ['attachment'] });
  return file;
}

/** Recognizes the image formats every browser shows, by their first bytes rather than a declared type. */
export function imageTypeOf(bytes: Uint8Array): string | null {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) {
    return 'image/webp';
  }
  return null;
}

type AttachmentFileChannel = 'attachments.open' | 'attachments.preview' | 'attachments.limits';

export const attachmentFileHandlers: HandlerGroup<AttachmentFileChannel> = {
  'attachments.limits': (core) => {
    const limits = core.requireAccount().limits();
    return {
      maxBytes: core.requireAccount().attachmentLimit(),
      blockedExtensions: limits?.blockedExtensions ?? [...BLOCKED_ATTACHMENT_EXTENSIONS],
    };
  },

  'attachments.preview': async (core, input) => {
    const account = core.requireAccount();
    const file = blobPath(account.blobDir, input.sha256);
    // A preview never downloads: a list of thumbnails must not pull every file over the network.
    if (!existsSync(file)) return { dataUrl: null };
    const bytes = readFileSync(file);
    if (bytes.length > PREVIEW_MAX_BYTES) return { dataUrl: null };
    const type = imageTypeOf(bytes);
    return { dataUrl: type ? `data:${type};base64,${bytes.toString('base64')}` : null };
  },

  'attachments.open': async (core, input) => {
    if (isBlockedFileName(input.fileName)) throw AppError.of('attachment_blocked', { fileName: input.fileName });
    const account = core.requireAccount();
    const blob = await ensureBlob(core, input.sha256, input.fileName);
    // The copy keeps the attachment's exact name (accents, spaces, NFD), so the application that
    // opens it shows the same name. A folder per blob keeps two files of one name apart.
    const target = join(dirname(account.blobDir), 'abertos', input.sha256.slice(0, 16), input.fileName);
    mkdirSync(dirname(target), { recursive: true });
    if (!existsSync(target)) copyFileSync(blob, target);
    const failure = await core.desktop.openPath(target);
    if (failure) {
      log.warn('system could not open attachment', { sha256: input.sha256, reason: failure });
      throw new AppError(
        'open_failed',
        `Não foi possível abrir "${input.fileName}": nenhum aplicativo deste computador abre este tipo de arquivo. Use "Salvar" e abra o arquivo pela pasta.`,
      );
    }
    return { opened: true, path: target };
  },
};
