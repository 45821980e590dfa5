// What the menu and tray commands do. Exports go through the same IPC handlers the UI calls, so
// they work even when the window shows an error; the result is told in a native message box.
import { app, BrowserWindow, dialog, shell } from 'electron';
import type { AppCore } from '../core/appCore';
import { createLogger, describeError } from '../core/log';
import type { IpcResult } from '../../shared/ipc';
import type { CommandHandlers } from './menu';
import { MENU_MESSAGES } from './menuTemplate';

const log = createLogger('commands');

export interface CommandDeps {
  core: AppCore;
  logsFolder: string;
  window: () => BrowserWindow | null;
  showWindow: () => void;
}

export function createCommandHandlers({ core, logsFolder, window, showWindow }: CommandDeps): CommandHandlers {
  const tell = async (type: 'info' | 'error', message: string) => {
    const owner = window();
    const options = { type, title: 'SAC Desktop', message, buttons: ['OK'] };
    await (owner ? dialog.showMessageBox(owner, options) : dialog.showMessageBox(options));
  };
  const report = (result: IpcResult<{ savedTo: string | null }>, saved: (path: string) => string) => {
    if (!result.ok) return tell('error', result.error.message);
    if (result.value.savedTo) return tell('info', saved(result.value.savedTo));
    return undefined;
  };
  const run = (name: string, action: () => Promise<unknown>) => () => {
    action().catch((error: unknown) => log.error('menu command failed', { command: name, ...describeError(error) }));
  };

  return {
    exportBackup: run('exportBackup', async () =>
      report(await core.invoke('localData.exportBackup', {}), MENU_MESSAGES.backupSaved),
    ),
    exportDiagnostics: run('exportDiagnostics', async () =>
      report(await core.invoke('support.exportDiagnostics', {}), MENU_MESSAGES.diagnosticsSaved),
    ),
    openLogsFolder: run('openLogsFolder', async () => {
      const problem = await shell.openPath(logsFolder);
      if (problem) await tell('error', `Não foi possível abrir a pasta de logs (${logsFolder}).`);
    }),
    checkForUpdates: run('checkForUpdates', async () => {
      const status = await core.updates.check('manual');
      const message =
        status.phase === 'upToDate'
          ? MENU_MESSAGES.updateStatus.upToDate
          : status.phase === 'downloading'
            ? MENU_MESSAGES.updateStatus.downloading
            : status.phase === 'ready' || status.phase === 'waitingForSync'
              ? MENU_MESSAGES.updateStatus.ready
              : (status.message ?? MENU_MESSAGES.updateStatus.upToDate);
      await tell(status.phase === 'error' ? 'error' : 'info', message);
    }),
    showWindow,
    syncNow: run('syncNow', async () => core.currentAccount?.engine.syncNow()),
    quit: () => app.quit(),
  };
}
