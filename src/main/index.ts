// Electron entry point: the thin shell that wires the plain-Node core to a secure window, IPC,
// logging and the operating system. Every decision it takes lives in a testable module.
import { dirname, join } from 'node:path';
import { app, BrowserWindow, net, powerMonitor } from 'electron';
import electronLog from 'electron-log/main';
import { AppCore } from './core/appCore';
import { createLogger, describeError, setLoggerFactory } from './core/log';
import { hardenWebContents } from './shell/hardening';
import { forwardEvents, registerIpcHandlers } from './shell/ipc';
import { installMenu } from './shell/menu';
import { electronClipboard, electronDialogs, electronLinks, electronPrinter, electronSecrets } from './shell/platform';
import { registerAppScheme, serveRenderer } from './shell/protocol';
import { APP_ORIGIN, rendererOrigin, secureWebPreferences } from './shell/security';

electronLog.transports.file.maxSize = 5 * 1024 * 1024;
setLoggerFactory((scope) => electronLog.scope(scope));
const log = createLogger('shell');

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const origin = rendererOrigin(devServerUrl);
let mainWindow: BrowserWindow | null = null;

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  void app.whenReady().then(start, (error: unknown) => log.error('app failed to become ready', describeError(error)));
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'SAC Desktop',
    backgroundColor: '#f5f7fa',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js')),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

async function start(): Promise<void> {
  serveRenderer(join(__dirname, '../renderer'));
  hardenWebContents(origin);
  installMenu(dirname(electronLog.transports.file.getFile().path));

  const core = new AppCore({
    userDataDir: app.getPath('userData'),
    secrets: electronSecrets,
    printer: electronPrinter,
    dialogs: electronDialogs(() => mainWindow),
    links: electronLinks,
    clipboard: electronClipboard,
    ...(process.env.SAC_SERVER_URL ? { defaultServerUrl: process.env.SAC_SERVER_URL } : {}),
  });
  registerIpcHandlers(core, origin);
  forwardEvents(core, () => mainWindow?.webContents ?? null);
  await core.start();

  // Sync when the network or the machine comes back.
  let online = net.isOnline();
  setInterval(() => {
    const now = net.isOnline();
    if (now !== online) core.currentAccount?.engine.networkChanged(now);
    online = now;
  }, 5_000).unref();
  powerMonitor.on('resume', () => core.currentAccount?.engine.networkChanged(true));

  mainWindow = createMainWindow();
  mainWindow.on('closed', () => (mainWindow = null));
  app.on('activate', () => {
    if (!mainWindow) mainWindow = createMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Quit only after the core has stopped: a sync in progress ends at a transaction boundary.
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    void core.stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });
  log.info('app started', { version: app.getVersion() });
}
