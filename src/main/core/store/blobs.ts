// Attachment files on disk, addressed by SHA-256, with their row in the blobs table. A file is
// written under a temporary name and renamed into place, so a crash never leaves half a blob.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { formatFileSize } from '../../../shared/format';
import { isAcceptableFileName, isBlockedFileName } from '../../../shared/wire';
import type { SqliteDatabase } from './database';
import { cached } from './statements';

export interface BlobInfo {
  sha256: string;
  size: number;
  contentType: string;
  fileName: string;
}

export function blobPath(blobDir: string, sha256: string): string {
  return join(blobDir, sha256.slice(0, 2), sha256);
}

/** Writes bytes into the blob folder and returns their address. */
export function writeBlob(blobDir: string, data: Uint8Array): string {
  const sha256 = createHash('sha256').update(data).digest('hex');
  const target = blobPath(blobDir, sha256);
  if (!existsSync(target)) {
    mkdirSync(dirname(target), { recursive: true });
    const temporary = join(blobDir, `.tmp-${randomUUID()}`);
    try {
      writeFileSync(temporary, data, { flush: true });
      renameSync(temporary, target);
    } finally {
      rmSync(temporary, { force: true });
    }
  }
  return sha256;
}

/** Keeps a file the user picked for a new ticket, checking the server's type and size limits. */
export function stageBlob(
  db: SqliteDatabase,
  blobDir: string,
  file: { fileName: string; contentType: string; data: Uint8Array },
  maxBytes: number,
): BlobInfo {
  if (!isAcceptableFileName(file.fileName)) throw AppError.of('attachment_bad_name', { fileName: file.fileName });
  if (isBlockedFileName(file.fileName)) throw AppError.of('attachment_blocked', { fileName: file.fileName });
  if (file.data.byteLength > maxBytes) {
    throw AppError.of('attachment_too_large', {
      fileName: file.fileName,
      size: formatFileSize(file.data.byteLength),
      limit: formatFileSize(maxBytes),
    });
  }
  const sha256 = writeBlob(blobDir, file.data);
  const contentType = file.contentType || 'application/octet-stream';
  // The same bytes may be known already, under another name or with no type (a downloaded
  // attachment), and a new ticket takes both from this row. The upload flag stays as it was.
  cached(
    db,
    `INSERT INTO blobs (sha256, size, content_type, file_name, uploaded, created_at) VALUES (?, ?, ?, ?, 0, ?)
     ON CONFLICT (sha256) DO UPDATE SET content_type = excluded.content_type, file_name = excluded.file_name`,
  ).run(sha256, file.data.byteLength, contentType, file.fileName, new Date().toISOString());
  return { sha256, size: file.data.byteLength, contentType, fileName: file.fileName };
}

export function findBlob(db: SqliteDatabase, sha256: string): BlobInfo | null {
  const row = cached(db, 'SELECT sha256, size, content_type, file_name FROM blobs WHERE sha256 = ?').get(sha256) as
    | { sha256: string; size: number; content_type: string; file_name: string }
    | undefined;
  return row ? { sha256: row.sha256, size: row.size, contentType: row.content_type, fileName: row.file_name } : null;
}

/** Records a blob that arrived from the server, which therefore needs no upload. */
export function recordDownloadedBlob(db: SqliteDatabase, info: BlobInfo): void {
  cached(
    db,
    `INSERT INTO blobs (sha256, size, content_type, file_name, uploaded, created_at) VALUES (?, ?, ?, ?, 1, ?)
     ON CONFLICT (sha256) DO UPDATE SET uploaded = 1`,
  ).run(info.sha256, info.size, info.contentType, info.fileName, new Date().toISOString());
}
