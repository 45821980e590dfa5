// GET /updates/<file>: the application-update feed, served from a folder given with --updates.
// electron-updater's generic provider reads latest.yml (Windows) or latest-linux.yml (Linux)
// there and then downloads the installer it names, so publishing a release means copying
// electron-builder's output into that folder. Only plain file names directly inside the folder
// are served; the feed needs no session, as it holds nothing but public installers.
import { createReadStream, statSync, type Stats } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { HttpError, notFound } from '../httpErrors';

export const UPDATES_PREFIX = '/updates';

/** A file name electron-builder produces: letters, digits, spaces, dots, dashes, plus, underscores. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._+-]{0,200}$/;

const CONTENT_TYPES: Record<string, string> = {
  yml: 'text/yaml; charset=utf-8',
  yaml: 'text/yaml; charset=utf-8',
  json: 'application/json',
};

/**
 * Maps a request's file name to a file directly inside `dir`, or null when the name is not a
 * plain file name (separators, "..", a hidden file, control characters).
 */
export function resolveUpdateFile(dir: string, name: string): string | null {
  if (!FILE_NAME.test(name) || name.includes('..')) return null;
  const root = resolve(dir);
  const file = resolve(root, name);
  return file.startsWith(`${root}${sep}`) && !file.slice(root.length + 1).includes(sep) ? file : null;
}

/** Parses a single "bytes=start-end" range; null for no range, 'invalid' for one outside the file. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'invalid' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges, or another unit: serve the whole file, which clients accept.
  if (!match) return null;
  const [, from, to] = match;
  let start: number;
  let end: number;
  if (from === '') {
    if (to === '') return 'invalid';
    start = Math.max(0, size - Number(to));
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  }
  if (start > end || start >= size) return 'invalid';
  return { start, end };
}

export function registerUpdateRoutes(app: FastifyInstance, deps: { dir: string }): void {
  app.get<{ Params: { '*': string } }>(`${UPDATES_PREFIX}/*`, async (request, reply) => {
    const name = request.params['*'];
    const file = resolveUpdateFile(deps.dir, name);
    let stats: Stats | null = null;
    if (file) {
      try {
        stats = statSync(file);
      } catch {
        stats = null;
      }
    }
    if (!file || !stats?.isFile()) throw notFound(`Arquivo de atualização não encontrado: ${name.slice(0, 100)}.`);

    const extension = name.split('.').pop()?.toLowerCase() ?? '';
    const feed = extension === 'yml' || extension === 'yaml';
    void reply
      .header('content-type', CONTENT_TYPES[extension] ?? 'application/octet-stream')
      .header('accept-ranges', 'bytes')
      // The feed changes with each release; installers never change under the same name.
      .header('cache-control', feed ? 'no-cache' : 'public, max-age=86400')
      .header('x-content-type-options', 'nosniff');

    const range = parseRange(request.headers.range, stats.size);
    if (range === 'invalid') {
      throw new HttpError(416, 'range_not_satisfiable', 'O intervalo pedido está fora do arquivo.', undefined, {
        'content-range': `bytes */${stats.size}`,
      });
    }
    if (range) {
      void reply
        .status(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${stats.size}`)
        .header('content-length', String(range.end - range.start + 1));
      return reply.send(createReadStream(file, { start: range.start, end: range.end }));
    }
    void reply.header('content-length', String(stats.size));
    return reply.send(createReadStream(file));
  });
}

