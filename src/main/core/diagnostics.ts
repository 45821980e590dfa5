// The diagnostics file that "Exportar diagnóstico" writes for the support team: versions, the
// state of sync, updates and the local database, and the latest warnings and errors. It holds
// no personal data: no names, e-mail addresses, tokens, ticket text or file names. Log lines are
// redacted when logged, and the strings taken from elsewhere are redacted again here.
import { arch, platform, release } from 'node:os';
import type { SyncStatus, UpdateStatus } from '../../shared/ipc';
import type { Role } from '../../shared/domain';
import type { IntegrityReport } from './backup';
import type { LoggedProblem } from './log';
import { redactMeta, redactText } from './support/redact';

export const DIAGNOSTICS_FORMAT = 1;

export interface RuntimeVersions {
  app: string | null;
  electron: string | null;
  chrome: string | null;
  node: string;
  os: string;
}

/** The versions of the running process; Electron's fields are null under plain Node. */
export function runtimeVersions(appVersion: string | null): RuntimeVersions {
  return {
    app: appVersion,
    electron: process.versions.electron ?? null,
    chrome: process.versions.chrome ?? null,
    node: process.versions.node,
    os: `${platform()} ${release()} ${arch()}`,
  };
}

export interface DiagnosticsInput {
  now: Date;
  versions: RuntimeVersions;
  session: { signedIn: boolean; role: Role | null; serverUrl: string | null; tokenStorage: string | null };
  sync: SyncStatus | null;
  rejectedCount: number | null;
  /** When the oldest action still waiting in the outbox was taken. */
  oldestPendingAt: string | null;
  store: { schemaVersion: number | null; sizeBytes: number | null; integrity: IntegrityReport | null };
  updates: UpdateStatus;
  problems: LoggedProblem[];
}

/** The server's address without user info, path or query: which installation, not who. */
function serverOrigin(serverUrl: string | null): string | null {
  if (!serverUrl) return null;
  try {
    return new URL(serverUrl).origin;
  } catch {
    return null;
  }
}

export function buildDiagnostics(input: DiagnosticsInput) {
  const sync = input.sync;
  return {
    format: DIAGNOSTICS_FORMAT,
    generatedAt: input.now.toISOString(),
    versions: input.versions,
    session: {
      signedIn: input.session.signedIn,
      role: input.session.role,
      server: serverOrigin(input.session.serverUrl),
      tokenStorage: input.session.tokenStorage,
    },
    sync: sync
      ? {
          connection: sync.connection,
          pendingCount: sync.pendingCount,
          rejectedCount: input.rejectedCount,
          oldestPendingAt: input.oldestPendingAt,
          lastSuccessAt: sync.lastSuccessAt,
          // The code names the failure; the message may quote the server, so it is redacted.
          lastError: sync.lastError ? { code: sync.lastError.code, message: redactText(sync.lastError.message) } : null,
          nextRetryAt: sync.nextRetryAt,
        }
      : null,
    localStore: {
      schemaVersion: input.store.schemaVersion,
      sizeBytes: input.store.sizeBytes,
      integrity: input.store.integrity
        ? {
            status: input.store.integrity.status,
            checkedAt: input.store.integrity.checkedAt,
            problems: input.store.integrity.problems.map(redactText),
          }
        : null,
    },
    updates: {
      phase: input.updates.phase,
      currentVersion: input.updates.currentVersion,
      availableVersion: input.updates.availableVersion,
      lastCheckedAt: input.updates.lastCheckedAt,
    },
    recentProblems: input.problems.map((problem) => ({
      at: problem.at,
      level: problem.level,
      scope: problem.scope,
      message: redactText(problem.message),
      ...(problem.meta ? { meta: redactMeta(problem.meta) } : {}),
    })),
  };
}

export type Diagnostics = ReturnType<typeof buildDiagnostics>;

/** Suggested file name: diagnostico-sac-desktop-2026-05-04-1738.json, in São Paulo time. */
export function diagnosticsFileName(now: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Sao_Paulo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? '00';
  return `diagnostico-sac-desktop-${part('year')}-${part('month')}-${part('day')}-${part('hour')}${part('minute')}.json`;
}

/** Suggested file name of a local copy: copia-sac-desktop-2026-05-04-1738.db. */
export function backupFileName(now: Date): string {
  return diagnosticsFileName(now).replace('diagnostico-', 'copia-').replace(/\.json$/, '.db');
}
