// Handlers of the user's local data as a whole: what is not yet sent, the start-up integrity
// check, the local copy ("Exportar cópia local") and the diagnostics file for support.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { AppCore } from '../appCore';
import { backupDatabase, copyDatabaseFiles } from '../backup';
import { backupFileName, buildDiagnostics, diagnosticsFileName, runtimeVersions } from '../diagnostics';
import { summarizeLocalData } from '../localData';
import { createLogger, describeError, recentProblems } from '../log';
import { peekOutbox, unsyncedCount } from '../store/outbox';
import type { HandlerGroup } from './types';

const log = createLogger('handlers');

function databaseFile(dir: string): string {
  return join(dir, 'sac.db');
}

/** Builds the diagnostics of the app as it is now. */
function collectDiagnostics(core: AppCore) {
  const account = core.currentAccount;
  const session = core.sessionInfo();
  const dir = account ? account.dir : (core.damagedAccount?.dir ?? null);
  const file = dir ? databaseFile(dir) : null;
  return buildDiagnostics({
    now: core.now(),
    versions: runtimeVersions(core.options.appVersion ?? core.options.updater?.currentVersion ?? null),
    session: {
      signedIn: session.signedIn,
      role: session.signedIn ? session.user.role : null,
      serverUrl: session.signedIn ? session.serverUrl : (core.damagedAccount?.serverUrl ?? session.lastServerUrl),
      tokenStorage: session.signedIn ? (session.tokenStorage ?? null) : null,
    },
    sync: account ? core.syncStatus() : null,
    rejectedCount: account ? unsyncedCount(account.db) : null,
    oldestPendingAt: account ? (peekOutbox(account.db, 1)[0]?.mutation.createdAt ?? null) : null,
    store: {
      schemaVersion: account ? (account.db.pragma('user_version', { simple: true }) as number) : null,
      sizeBytes: file && existsSync(file) ? statSync(file).size : null,
      integrity: core.integrityReport(),
    },
    updates: core.updates.status(),
    problems: recentProblems(),
  });
}

type LocalDataChannel =
  | 'localData.summary'
  | 'localData.integrity'
  | 'localData.exportBackup'
  | 'support.exportDiagnostics';

export const localDataHandlers: HandlerGroup<LocalDataChannel> = {
  'localData.summary': (core) => summarizeLocalData(core.requireAccount().db),

  'localData.integrity': (core) => core.localIntegrity(),

  'localData.exportBackup': async (core) => {
    const account = core.currentAccount;
    const damaged = core.damagedAccount;
    if (!account && !damaged) throw AppError.of('not_signed_in');
    const target = await core.options.dialogs.chooseSavePath({
      title: 'Exportar cópia local',
      defaultName: backupFileName(core.now()),
      filters: [{ name: 'Banco de dados SQLite', extensions: ['db'] }],
    });
    if (!target) return { savedTo: null };
    try {
      if (account) await backupDatabase(account.db, target);
      // A file SQLite cannot open cannot be backed up page by page; its bytes are copied instead.
      else if (damaged) copyDatabaseFiles(databaseFile(damaged.dir), target);
    } catch (error) {
      log.error('local copy failed', describeError(error));
      throw AppError.of('backup_failed');
    }
    return { savedTo: target };
  },

  'support.exportDiagnostics': async (core) => {
    const now = core.now();
    const target = await core.options.dialogs.chooseSavePath({
      title: 'Exportar diagnóstico',
      defaultName: diagnosticsFileName(now),
      filters: [{ name: 'JSON', extensions: ['json'] }],
    });
    if (!target) return { savedTo: null };
    writeFileSync(target, `${JSON.stringify(collectDiagnostics(core), null, 2)}\n`, 'utf8');
    log.info('diagnostics exported');
    return { savedTo: target };
  },
};
