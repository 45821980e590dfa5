// The main window: secure web preferences, the size and position of the last run, shown once
// ready. Its bounds are saved when it closes and, in case of a crash, a second after each move.
import { join } from 'node:path';
import { BrowserWindow, screen } from 'electron';
import { APP_ORIGIN, secureWebPreferences } from './security';
import { readWindowState, restoreWindowPlacement, WINDOW_DEFAULTS, writeWindowState } from './windowState';

export function createMainWindow(options: { userDataDir: string; devServerUrl: string | undefined }): BrowserWindow {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id);
  const placement = restoreWindowPlacement(readWindowState(options.userDataDir), [primary, ...others].map((display) => display.workArea));

  const window = new BrowserWindow({
    ...(placement.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
    width: placement.width,
    height: placement.height,
    minWidth: WINDOW_DEFAULTS.minWidth,
    minHeight: WINDOW_DEFAULTS.minHeight,
    show: false,
    title: 'SAC Desktop',
    backgroundColor: '#f5f7fa',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js')),
  });
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize();
    window.show();
  });

  const save = () => {
    if (window.isDestroyed() || window.isMinimized()) return;
    writeWindowState(options.userDataDir, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  };
  let timer: NodeJS.Timeout | null = null;
  const saveSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 1_000);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('close', () => {
    if (timer) clearTimeout(timer);
    save();
  });

  void window.loadURL(options.devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}
