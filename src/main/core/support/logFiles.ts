// Rotation of the app's log file. electron-log calls the archive function when main.log passes
// its size limit and then starts an empty file; this keeps the last few archives as
// main.1.log (newest) … main.N.log (oldest) and deletes older ones, so logs never fill a disk.
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/** Size at which the log file is archived: 5 MiB. */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;
/** Archives kept beside the live log file; with LOG_MAX_BYTES, at most 30 MiB of logs. */
export const LOG_ARCHIVES_KEPT = 5;

function archivePath(file: string, index: number): string {
  const extension = extname(file);
  return join(dirname(file), `${basename(file, extension)}.${index}${extension}`);
}

/** Renames `file` to its first archive, shifting older archives up and deleting those past `keep`. */
export function rotateLogFile(file: string, keep: number = LOG_ARCHIVES_KEPT): void {
  const extension = extname(file);
  const stem = basename(file, extension);
  const pattern = new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)${extension.replace('.', '\\.')}$`);
  const folder = dirname(file);
  // Archives past the limit, including ones left by an older setting with a larger limit.
  for (const name of readdirSync(folder)) {
    const match = pattern.exec(name);
    if (match && Number(match[1]) >= keep) rmSync(join(folder, name), { force: true });
  }
  for (let index = keep - 1; index >= 1; index--) {
    const from = archivePath(file, index);
    if (existsSync(from)) renameSync(from, archivePath(file, index + 1));
  }
  if (keep >= 1 && existsSync(file)) renameSync(file, archivePath(file, 1));
}

/** Returns the log file and its archives that exist, newest first. */
export function logFiles(file: string, keep: number = LOG_ARCHIVES_KEPT): string[] {
  const files = [file];
  for (let index = 1; index <= keep; index++) files.push(archivePath(file, index));
  return files.filter((path) => existsSync(path));
}
