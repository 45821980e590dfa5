import { describe, expect, it } from 'vitest';
import { backupFileName, buildDiagnostics, diagnosticsFileName, type DiagnosticsInput } from './diagnostics';

function input(overrides: Partial<DiagnosticsInput> = {}): DiagnosticsInput {
  return {
    now: new Date('2026-05-04T20:38:00Z'),
    versions: { app: '1.2.0', electron: '45.6.1', chrome: '140.0.0.0', node: '22.0.0', os: 'win32 10.0.19045 x64' },
    session: { signedIn: true, role: 'cliente', serverUrl: 'https://user:senha@sac.exemplo.com.br/base?x=1', tokenStorage: 'protected' },
    sync: {
      connection: 'offline',
      pendingCount: 3,
      unsyncedCount: 0,
      clockOffsetMs: null,
      lastSuccessAt: '2026-05-04T18:00:00.000Z',
      lastError: { code: 'rejected', message: 'Conta de ana@camara.sp.gov.br bloqueada.' },
      nextRetryAt: '2026-05-04T20:40:00.000Z',
      progress: null,
    },
    rejectedCount: 1,
    oldestPendingAt: '2026-05-04T17:59:00.000Z',
    store: { schemaVersion: 3, sizeBytes: 1_048_576, integrity: { status: 'ok', checkedAt: '2026-05-04T20:00:00.000Z', problems: [] } },
    updates: { phase: 'upToDate', currentVersion: '1.2.0', availableVersion: null, percent: null, lastCheckedAt: null, message: null },
    problems: [{ at: '2026-05-04T19:00:00.000Z', level: 'error', scope: 'sync', message: 'push failed', meta: { token: 'abc', status: 500 } }],
    ...overrides,
  };
}

describe('buildDiagnostics', () => {
  it('keeps only the server origin', () => {
    expect(buildDiagnostics(input()).session.server).toBe('https://sac.exemplo.com.br');
  });

  it('reports the sync state with the oldest pending action', () => {
    expect(buildDiagnostics(input()).sync).toEqual({
      connection: 'offline',
      pendingCount: 3,
      rejectedCount: 1,
      oldestPendingAt: '2026-05-04T17:59:00.000Z',
      lastSuccessAt: '2026-05-04T18:00:00.000Z',
      lastError: { code: 'rejected', message: 'Conta de [e-mail] bloqueada.' },
      nextRetryAt: '2026-05-04T20:40:00.000Z',
    });
  });

  it('redacts logged problems again', () => {
    expect(buildDiagnostics(input()).recentProblems).toEqual([
      { at: '2026-05-04T19:00:00.000Z', level: 'error', scope: 'sync', message: 'push failed', meta: { token: '[removido]', status: 500 } },
    ]);
  });

  it('has no sync section signed out', () => {
    const diagnostics = buildDiagnostics(input({ sync: null, session: { signedIn: false, role: null, serverUrl: null, tokenStorage: null } }));
    expect(diagnostics.sync).toBeNull();
    expect(diagnostics.session.server).toBeNull();
  });
});

describe('file names', () => {
  it('use São Paulo time', () => {
    // 20:38 UTC is 17:38 in São Paulo.
    expect(diagnosticsFileName(new Date('2026-05-04T20:38:00Z'))).toBe('diagnostico-sac-desktop-2026-05-04-1738.json');
    expect(backupFileName(new Date('2026-05-04T20:38:00Z'))).toBe('copia-sac-desktop-2026-05-04-1738.db');
  });

  it('roll the date at local midnight', () => {
    expect(diagnosticsFileName(new Date('2026-05-05T02:30:00Z'))).toBe('diagnostico-sac-desktop-2026-05-04-2330.json');
  });
});
