// Loads the built main bundle (out/main/index.js) under Node with a recording stand-in for the
// 'electron' module, because Electron itself cannot start on the build machines. It checks the
// decisions the shell takes at start: every IPC channel has a handler, the window is secure and
// its preload exists and requires nothing but 'electron'.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, IPC_PREFIX } from '../../src/shared/ipcChannels';

const ROOT = resolve(__dirname, '../..');
const MAIN_BUNDLE = join(ROOT, 'out/main/index.js');

interface Recording {
  handledChannels: string[];
  windows: Array<Record<string, unknown>>;
  loadedUrls: string[];
  privilegedSchemes: unknown[];
  protocolHandlers: string[];
  permissionHandlerSet: boolean;
  appEvents: string[];
  menus: unknown[];
  trayTooltips: string[];
}

const recording: Recording = {
  handledChannels: [],
  windows: [],
  loadedUrls: [],
  privilegedSchemes: [],
  protocolHandlers: [],
  permissionHandlerSet: false,
  appEvents: [],
  menus: [],
  trayTooltips: [],
};

/** A value that accepts any property access, call or construction, for APIs the test does not inspect. */
function anything(): any {
  const target = function () {};
  return new Proxy(target, {
    get: (_target, property) => (property === 'then' ? undefined : property === Symbol.toPrimitive ? () => '' : anything()),
    apply: () => anything(),
    construct: () => anything(),
  });
}

/** Wraps an object so that members it does not define behave like anything(). */
function lenient<T extends object>(known: T): T {
  return new Proxy(known, {
    get: (target, property) => (property in target ? (target as any)[property] : property === 'then' ? undefined : anything()),
  });
}

const userData = mkdtempSync(join(tmpdir(), 'sac-smoke-'));

class FakeBrowserWindow {
  webContents = lenient({ send: () => undefined, isDestroyed: () => false, mainFrame: {} });
  constructor(options: Record<string, unknown>) {
    recording.windows.push(options);
  }
  loadURL(url: string) {
    recording.loadedUrls.push(url);
    return Promise.resolve();
  }
  once() {}
  on() {}
  show() {}
  destroy() {}
  maximize() {}
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  getNormalBounds() {
    return { x: 0, y: 0, width: 1366, height: 728 };
  }
  static getAllWindows() {
    return [];
  }
}

const DISPLAY = { id: 1, workArea: { x: 0, y: 0, width: 1366, height: 728 } };

class FakeTray {
  setToolTip(text: string) {
    recording.trayTooltips.push(text);
  }
  setImage() {}
  setContextMenu() {}
  on() {}
  destroy() {}
}

const fakeElectron = lenient({
  app: lenient({
    whenReady: () => Promise.resolve(),
    isReady: () => true,
    getAppPath: () => ROOT,
    setBadgeCount: () => true,
    requestSingleInstanceLock: () => true,
    getPath: () => userData,
    getVersion: () => '0.0.0-smoke',
    getName: () => 'sac-desktop',
    isPackaged: false,
    on: (event: string) => {
      recording.appEvents.push(event);
    },
    once: () => undefined,
    quit: () => undefined,
  }),
  BrowserWindow: FakeBrowserWindow,
  Tray: FakeTray,
  screen: lenient({ getPrimaryDisplay: () => DISPLAY, getAllDisplays: () => [DISPLAY] }),
  Menu: lenient({
    buildFromTemplate: (template: unknown) => template,
    setApplicationMenu: (menu: unknown) => {
      recording.menus.push(menu);
    },
  }),
  ipcMain: lenient({
    handle: (channel: string) => {
      recording.handledChannels.push(channel);
    },
    on: () => undefined,
  }),
  protocol: lenient({
    registerSchemesAsPrivileged: (schemes: unknown[]) => {
      recording.privilegedSchemes.push(...schemes);
    },
    handle: (scheme: string) => {
      recording.protocolHandlers.push(scheme);
    },
  }),
  session: lenient({
    defaultSession: lenient({
      setPermissionRequestHandler: () => {
        recording.permissionHandlerSet = true;
      },
      setPermissionCheckHandler: () => undefined,
    }),
  }),
  net: lenient({ isOnline: () => true }),
  // Libraries probe for ipcRenderer to tell a preload from the main process.
  ipcRenderer: undefined,
  safeStorage: lenient({
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (text: string) => Buffer.from(text),
    decryptString: (data: Buffer) => data.toString(),
  }),
});

beforeAll(async () => {
  if (!existsSync(MAIN_BUNDLE)) throw new Error('out/main/index.js is missing: run `npx electron-vite build` first (npm test does).');
  const moduleApi = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const originalLoad = moduleApi._load;
  moduleApi._load = function (request: string, ...rest: unknown[]) {
    if (request === 'electron') return fakeElectron;
    return originalLoad.call(this, request, ...rest);
  };
  try {
    Module.createRequire(MAIN_BUNDLE)(MAIN_BUNDLE);
    // start() runs after whenReady(); give its promise chain a moment.
    for (let tries = 0; tries < 50 && recording.windows.length === 0; tries++) await new Promise((done) => setTimeout(done, 20));
  } finally {
    moduleApi._load = originalLoad;
  }
});

describe('built main bundle', () => {
  it('handles every IPC channel', () => {
    const ours = recording.handledChannels.filter((channel) => channel.startsWith(IPC_PREFIX));
    expect(ours.sort()).toEqual(CHANNELS.map((channel) => `${IPC_PREFIX}${channel}`).sort());
  });

  it('handles no unexpected channel', () => {
    // electron-log/main registers its own channel for renderer logs; the sandboxed renderer
    // cannot reach it because the preload exposes only window.sac.
    const others = recording.handledChannels.filter((channel) => !channel.startsWith(IPC_PREFIX));
    expect(others).toEqual(['__ELECTRON_LOG__']);
  });

  it('creates the window with secure options', () => {
    expect(recording.windows).toHaveLength(1);
    const preferences = recording.windows[0]!.webPreferences as Record<string, unknown>;
    expect(preferences.contextIsolation).toBe(true);
    expect(preferences.sandbox).toBe(true);
    expect(preferences.nodeIntegration).toBe(false);
    expect(preferences.webSecurity).toBe(true);
    expect(preferences.webviewTag).toBe(false);
    expect(preferences.allowRunningInsecureContent).toBe(false);
  });

  it('loads the app from the app:// protocol', () => {
    expect(recording.privilegedSchemes).toContainEqual(expect.objectContaining({ scheme: 'app' }));
    expect(recording.protocolHandlers).toContain('app');
    expect(recording.loadedUrls).toEqual(['app://sac/index.html']);
  });

  it('denies permission requests', () => {
    expect(recording.permissionHandlerSet).toBe(true);
  });

  it('opens the window at the default size on a laptop screen', () => {
    expect(recording.windows[0]).toMatchObject({ width: 1366, height: 728, minWidth: 1024, minHeight: 640, show: false });
  });

  it('installs the pt-BR menu', () => {
    const menu = recording.menus[0] as Array<{ label: string; submenu: Array<{ label?: string }> }>;
    expect(menu.map((section) => section.label)).toEqual(['Arquivo', 'Editar', 'Exibir', 'Ajuda']);
    const help = menu.find((section) => section.label === 'Ajuda')!;
    expect(help.submenu.map((item) => item.label)).toContain('Exportar diagnóstico…');
  });

  it('shows the tray with nobody signed in', () => {
    expect(recording.trayTooltips.at(-1)).toBe('SAC Desktop · Ninguém conectado · Entre para sincronizar');
  });

  it('keeps single-instance and quit handlers', () => {
    expect(recording.appEvents).toEqual(expect.arrayContaining(['second-instance', 'before-quit', 'window-all-closed']));
  });

  it('names a preload that requires only electron', () => {
    const preferences = recording.windows[0]!.webPreferences as Record<string, unknown>;
    const preload = String(preferences.preload);
    expect(existsSync(preload)).toBe(true);
    const source = readFileSync(preload, 'utf8');
    const required = [...source.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
    expect(required).toEqual(['electron']);
    expect(source).not.toMatch(/\bimport\s*\(|^\s*import\s/m);
  });
});
