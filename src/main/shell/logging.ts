// electron-log as the core's logger backend: one file per process type in <userData>/logs,
// rotated at LOG_MAX_BYTES with LOG_ARCHIVES_KEPT archives, and every line redacted, including
// the lines of libraries that log through electron-log directly (electron-updater).
import { join } from 'node:path';
import electronLog from 'electron-log/main';
import { setLoggerFactory } from '../core/log';
import { LOG_ARCHIVES_KEPT, LOG_MAX_BYTES, rotateLogFile } from '../core/support/logFiles';
import { redactText } from '../core/support/redact';

export function setUpLogging(userDataDir: string): string {
  const folder = join(userDataDir, 'logs');
  electronLog.transports.file.resolvePathFn = (variables) => join(folder, variables.fileName ?? 'main.log');
  electronLog.transports.file.maxSize = LOG_MAX_BYTES;
  electronLog.transports.file.archiveLogFn = (file) => rotateLogFile(file.path, LOG_ARCHIVES_KEPT);
  electronLog.hooks.push((message) => ({
    ...message,
    data: message.data.map((item: unknown) => (typeof item === 'string' ? redactText(item) : item)),
  }));
  setLoggerFactory((scope) => electronLog.scope(scope));
  return folder;
}
