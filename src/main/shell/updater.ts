// electron-updater behind the core's Updater interface. The core's update machine decides when
// to check, download and install; this file only translates. The feed is the signed-in SAC
// server's /updates/ folder (latest.yml for Windows, latest-linux.yml for Linux), which
// electron-builder's generic provider reads; the downloaded file's SHA-512 from that YAML is
// verified before install.
import { app } from 'electron';
import electronLog from 'electron-log/main';
import { autoUpdater, type ProgressInfo } from 'electron-updater';
import type { Updater } from '../core/platform';

/** Returns the updater of a packaged app, or null in development, where electron-updater has no feed of its own. */
export function electronUpdater(): Updater | null {
  if (!app.isPackaged) return null;
  autoUpdater.logger = electronLog.scope('updater');
  // The update machine starts downloads itself, after telling the UI.
  autoUpdater.autoDownload = false;
  // A version the user downloaded but did not install is installed when the app closes
  // normally; the app's before-quit handler has stopped sync by then.
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.allowDowngrade = false;

  return {
    currentVersion: app.getVersion(),
    setFeedUrl: (url) => autoUpdater.setFeedURL({ provider: 'generic', url }),
    check: async () => {
      const result = await autoUpdater.checkForUpdates();
      return result?.isUpdateAvailable ? { version: result.updateInfo.version } : null;
    },
    download: async (onProgress) => {
      const listener = (progress: ProgressInfo) =>
        onProgress({ percent: progress.percent, transferredBytes: progress.transferred, totalBytes: progress.total });
      autoUpdater.on('download-progress', listener);
      try {
        await autoUpdater.downloadUpdate();
      } finally {
        autoUpdater.off('download-progress', listener);
      }
    },
    // Not silent on Windows, so the NSIS installer shows its progress; the app restarts after.
    install: () => autoUpdater.quitAndInstall(false, true),
  };
}
