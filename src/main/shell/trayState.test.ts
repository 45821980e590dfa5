import { describe, expect, it } from 'vitest';
import type { SyncStatus, UpdateStatus } from '../../shared/ipc';
import { pendingActionsText, TRAY_TOOLTIP_MAX, trayPresentation } from './trayState';

function status(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return { connection: 'online', pendingCount: 0, unsyncedCount: 0, clockOffsetMs: null, lastSuccessAt: null, lastError: null, nextRetryAt: null, progress: null, ...overrides };
}

const READY: UpdateStatus = {
  phase: 'ready',
  currentVersion: '1.0.0',
  availableVersion: '1.1.0',
  percent: 100,
  lastCheckedAt: null,
  message: null,
};

describe('trayPresentation', () => {
  it('shows online with nothing to send', () => {
    expect(trayPresentation(status())).toEqual({
      icon: 'online',
      tooltip: 'SAC Desktop · Conectado · Nada a enviar',
      statusLine: 'Conectado',
      pendingLine: 'Nada a enviar',
    });
  });

  it('shows offline with pending actions', () => {
    const tray = trayPresentation(status({ connection: 'offline', pendingCount: 3 }));
    expect(tray.icon).toBe('offline');
    expect(tray.tooltip).toBe('SAC Desktop · Sem conexão · 3 ações a enviar');
  });

  it('shows sync progress', () => {
    const tray = trayPresentation(status({ connection: 'syncing', pendingCount: 5, progress: { phase: 'push', done: 2, total: 5 } }));
    expect(tray.icon).toBe('syncing');
    expect(tray.statusLine).toBe('Sincronizando (enviando 2 de 5)');
  });

  it('shows a pull without a total', () => {
    const tray = trayPresentation(status({ connection: 'syncing', progress: { phase: 'pull', done: 120, total: null } }));
    expect(tray.statusLine).toBe('Sincronizando (recebendo 120)');
  });

  it('shows nobody signed in', () => {
    expect(trayPresentation(null)).toMatchObject({ icon: 'offline', statusLine: 'Ninguém conectado' });
  });

  it('mentions a downloaded update', () => {
    expect(trayPresentation(status(), READY).tooltip).toContain('atualização pronta para instalar');
  });

  it('keeps the tooltip within the Windows limit', () => {
    const tray = trayPresentation(
      status({ connection: 'syncing', pendingCount: 123456789012, progress: { phase: 'push', done: 123456789, total: 987654321 } }),
      READY,
    );
    expect(tray.tooltip.length).toBeLessThanOrEqual(TRAY_TOOLTIP_MAX);
    expect(tray.tooltip.startsWith('SAC Desktop · Sincronizando (enviando 123456789 de 987654321)')).toBe(true);
  });
});

describe('pendingActionsText', () => {
  it('uses singular and plural', () => {
    expect(pendingActionsText(0)).toBe('Nada a enviar');
    expect(pendingActionsText(1)).toBe('1 ação a enviar');
    expect(pendingActionsText(2)).toBe('2 ações a enviar');
  });
});
