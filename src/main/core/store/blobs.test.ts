import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { countRows } from '../testSupport/fixtures';
import { tempStore } from '../testSupport/tempStore';
import { blobPath, findBlob, recordDownloadedBlob, stageBlob } from './blobs';

const LIMIT = 1024;

function stageError(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected stageBlob to throw');
}

describe('stageBlob', () => {
  it.each(['instalador.exe', 'Instalador.EXE', 'limpeza.ps1', 'atalho.lnk', 'relatorio.pdf.js'])('rejects %s', (fileName) => {
    const { db, blobDir } = tempStore();
    const error = stageError(() => stageBlob(db, blobDir, { fileName, contentType: '', data: Buffer.from('MZ') }, LIMIT));

    expect(error.code).toBe('attachment_blocked');
    expect(error.message).toBe(
      `O arquivo "${fileName}" não pode ser anexado porque é um programa ou script. Compacte-o em .zip ou envie outro formato.`,
    );
  });

  it('blocked file writes nothing', () => {
    const { db, blobDir } = tempStore();
    stageError(() => stageBlob(db, blobDir, { fileName: 'virus.exe', contentType: '', data: Buffer.from('MZ') }, LIMIT));

    expect(existsSync(blobDir)).toBe(false);
    expect(countRows(db, 'blobs')).toBe(0);
  });

  it('rejects an oversize file', () => {
    const { db, blobDir } = tempStore();
    const file = { fileName: 'Planilha de custos.xlsx', contentType: 'application/vnd.ms-excel', data: Buffer.alloc(2_560) };
    const error = stageError(() => stageBlob(db, blobDir, file, LIMIT));

    expect(error.code).toBe('attachment_too_large');
    expect(error.message).toBe(
      'O arquivo "Planilha de custos.xlsx" tem 2,5 KB, acima do limite de 1 KB. Reduza o arquivo ou envie-o em partes.',
    );
  });

  it('oversize file writes nothing', () => {
    const { db, blobDir } = tempStore();
    stageError(() => stageBlob(db, blobDir, { fileName: 'grande.pdf', contentType: '', data: Buffer.alloc(LIMIT + 1) }, LIMIT));

    expect(existsSync(blobDir)).toBe(false);
    expect(countRows(db, 'blobs')).toBe(0);
  });

  it('accepts a file at the limit', () => {
    const { db, blobDir } = tempStore();
    const info = stageBlob(db, blobDir, { fileName: 'exato.bin', contentType: '', data: Buffer.alloc(LIMIT, 7) }, LIMIT);

    expect(info.size).toBe(LIMIT);
  });

  it('stores bytes under their SHA-256', () => {
    const { db, blobDir } = tempStore();
    const data = Buffer.from('%PDF-1.4 ata da reunião');
    const info = stageBlob(db, blobDir, { fileName: 'ata.pdf', contentType: 'application/pdf', data }, LIMIT);

    expect(info.sha256).toBe(createHash('sha256').update(data).digest('hex'));
    expect(readFileSync(blobPath(blobDir, info.sha256)).equals(data)).toBe(true);
    expect(readdirSync(blobDir)).toEqual([info.sha256.slice(0, 2)]);
  });

  it('keeps an NFD file name byte-exact', () => {
    const { db, blobDir } = tempStore();
    const fileName = 'Relato\u0301rio de implantac\u0327a\u0303o – sessa\u0303o 1.pdf';
    const info = stageBlob(db, blobDir, { fileName, contentType: 'application/pdf', data: Buffer.from('%PDF') }, LIMIT);

    expect(Buffer.from(info.fileName).equals(Buffer.from(fileName))).toBe(true);
    expect(Buffer.from(findBlob(db, info.sha256)!.fileName).equals(Buffer.from(fileName))).toBe(true);
    expect(findBlob(db, info.sha256)!.fileName).not.toBe(fileName.normalize('NFC'));
  });

  it('defaults the content type', () => {
    const { db, blobDir } = tempStore();
    const info = stageBlob(db, blobDir, { fileName: 'dados', contentType: '', data: Buffer.from('x') }, LIMIT);

    expect(info.contentType).toBe('application/octet-stream');
    expect(findBlob(db, info.sha256)?.contentType).toBe('application/octet-stream');
  });

  it('restaging takes the new name', () => {
    const { db, blobDir } = tempStore();
    const data = Buffer.from('mesmo conteúdo');
    stageBlob(db, blobDir, { fileName: 'primeiro.txt', contentType: 'text/plain', data }, LIMIT);
    const info = stageBlob(db, blobDir, { fileName: 'segundo.txt', contentType: 'text/markdown', data }, LIMIT);

    expect(findBlob(db, info.sha256)).toEqual(info);
  });

  it('restaging a downloaded file fixes its type', () => {
    const { db, blobDir } = tempStore();
    const data = Buffer.from('%PDF baixado do servidor');
    const sha256 = createHash('sha256').update(data).digest('hex');
    // A downloaded attachment is recorded without a content type.
    recordDownloadedBlob(db, { sha256, size: data.length, contentType: '', fileName: 'ata.pdf' });
    stageBlob(db, blobDir, { fileName: 'ata.pdf', contentType: 'application/pdf', data }, LIMIT);

    expect(findBlob(db, sha256)?.contentType).toBe('application/pdf');
  });

  it('restaging keeps the upload flag', () => {
    const { db, blobDir } = tempStore();
    const data = Buffer.from('já enviado');
    const sha256 = createHash('sha256').update(data).digest('hex');
    recordDownloadedBlob(db, { sha256, size: data.length, contentType: 'text/plain', fileName: 'a.txt' });
    stageBlob(db, blobDir, { fileName: 'b.txt', contentType: 'text/plain', data }, LIMIT);

    expect(db.prepare('SELECT uploaded FROM blobs WHERE sha256 = ?').get(sha256)).toEqual({ uploaded: 1 });
  });
});
