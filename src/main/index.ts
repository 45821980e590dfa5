// Electron entry point: the thin shell that wires the plain-Node core to a secure window, IPC,
// the tray, updates, logging and the operating system. Every decision it takes lives in a
// testable module.
import { join } from 'node:path';
import { app, BrowserWindow, net, powerMonitor } from 'electron';
import { AppCore } from './core/appCore';
import { knownExternalLinks } from './core/externalLinks';
import { createLogger, describeError } from './core/log';
import { createCommandHandlers } from './shell/commands';
import { hardenWebContents } from './shell/hardening';
import { forwardEvents, registerIpcHandlers } from './shell/ipc';
import { setUpLogging } from './shell/logging';
import { createMainWindow } from './shell/mainWindow';
import { installMenu } from './shell/menu';
import { electronClipboard, electronDesktop, electronDialogs, electronLinks, electronPrinter, electronSecrets } from './shell/platform';
import { registerAppScheme, serveRenderer } from './shell/protocol';
import { rendererOrigin } from './shell/security';
import { createTray, type AppTray } from './shell/tray';
import { electronUpdater } from './shell/updater';

// SAC_USER_DATA_DIR points the app at another data folder: the _electron smoke test uses a
// temporary one, and support can open a copy of a user's folder without touching theirs.
if (process.env.SAC_USER_DATA_DIR) app.setPath('userData', process.env.SAC_USER_DATA_DIR);
const userDataDir = app.getPath('userData');
const logsFolder = setUpLogging(userDataDir);
const log = createLogger('shell');

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const origin = rendererOrigin(devServerUrl);
let mainWindow: BrowserWindow | null = null;
let tray: AppTray | null = null;

registerAppScheme();

/** Shows the main window, creating it again if it was closed (macOS keeps the app running). */
function showWindow(): void {
  if (!mainWindow) {
    openWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function openWindow(): void {
  mainWindow = createMainWindow({ userDataDir, devServerUrl });
  mainWindow.on('closed', () => (mainWindow = null));
}

// One instance per user: a second launch focuses the running window and exits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    log.info('second launch; focusing the running window');
    if (app.isReady()) showWindow();
  });
  void app.whenReady().then(start, (error: unknown) => log.error('app failed to become ready', describeError(error)));
}

async function start(): Promise<void> {
  serveRenderer(join(__dirname, '../renderer'));

  const updater = electronUpdater();
  const core = new AppCore({
    userDataDir,
    secrets: electronSecrets,
    printer: electronPrinter,
    dialogs: electronDialogs(() => mainWindow),
    desktop: electronDesktop(() => mainWindow),
    appVersion: app.getVersion(),
    ...(updater ? { updater } : {}),
    links: electronLinks,
    clipboard: electronClipboard,
    ...(process.env.SAC_SERVER_URL ? { defaultServerUrl: process.env.SAC_SERVER_URL } : {}),
  });
  hardenWebContents(origin, () => knownExternalLinks(core));
  registerIpcHandlers(core, origin);
  forwardEvents(core, () => mainWindow?.webContents ?? null);

  const commands = createCommandHandlers({ core, logsFolder, window: () => mainWindow, showWindow });
  installMenu(commands);
  try {
    tray = createTray(commands, showWindow);
  } catch (error) {
    // Some Linux desktops (GNOME without the AppIndicator extension) have no tray area.
    log.warn('tray icon unavailable', describeError(error));
  }
  const refreshTray = () => tray?.update(core.currentAccount ? core.syncStatus() : null, core.updates.status());
  core.onEvent((event) => {
    if (event === 'sync.status' || event === 'update.status' || event === 'session.changed') refreshTray();
  });

  await core.start();
  refreshTray();

  // Sync when the network or the machine comes back.
  let online = net.isOnline();
  setInterval(() => {
    const now = net.isOnline();
    if (now !== online) core.currentAccount?.engine.networkChanged(now);
    online = now;
  }, 5_000).unref();
  powerMonitor.on('resume', () => core.currentAccount?.engine.networkChanged(true));

  openWindow();
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Quit only after the core has stopped: a sync in progress ends at a transaction boundary,
  // and an update installed on quit starts only after that.
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    void core.stop().finally(() => {
      stopped = true;
      tray?.destroy();
      app.quit();
    });
  });
  log.info('app started', { version: app.getVersion() });
}
