// Electron implementations of the core's platform services: safeStorage for the session token,
// native save dialogs, hidden sandboxed windows for printing and PDF output, the desktop
// (opening files with their application, notifications), the system's e-mail program and the
// clipboard.
import { join } from 'node:path';
import { app, BrowserWindow, clipboard, dialog, Notification, safeStorage, shell } from 'electron';
import type { Clipboard, Desktop, Dialogs, ExternalLinks, Printer, SecretStore } from '../core/platform';
import { openMailToLink } from './hardening';

export const electronSecrets: SecretStore = {
  isEncryptionAvailable: () =>
    safeStorage.isEncryptionAvailable() &&
    // On Linux without a keyring Electron falls back to a hard-coded key, which is no protection.
    (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
  encrypt: (plainText) => safeStorage.encryptString(plainText),
  decrypt: (cipherText) => safeStorage.decryptString(cipherText),
};

export function electronDialogs(owner: () => BrowserWindow | null): Dialogs {
  return {
    async chooseSavePath({ title, defaultName, filters }) {
      const options = { title, defaultPath: join(app.getPath('documents'), defaultName), ...(filters ? { filters } : {}) };
      const window = owner();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}

/** Loads an HTML document into a hidden window with JavaScript off, for printing only. */
async function withPrintWindow<T>(html: string, use: (window: BrowserWindow) => Promise<T>): Promise<T> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  });
  try {
    await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await use(window);
  } finally {
    window.destroy();
  }
}

export const electronPrinter: Printer = {
  print: (html) =>
    withPrintWindow(
      html,
      (window) =>
        new Promise<boolean>((resolve) => {
          window.webContents.print({ silent: false, printBackground: true }, (success) => resolve(success));
        }),
    ),
  toPdf: (html) =>
    withPrintWindow(html, async (window) =>
      Buffer.from(await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true })),
    ),
};

/** Notifications shown and not yet closed; Electron drops the click handler of a collected one. */
const liveNotifications = new Set<Notification>();

export function electronDesktop(owner: () => BrowserWindow | null): Desktop {
  return {
    openPath: (file) => shell.openPath(file),
    notify({ title, body }, onClick) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body, silent: false });
      liveNotifications.add(notification);
      const forget = () => liveNotifications.delete(notification);
      notification.on('click', () => {
        forget();
        const window = owner();
        if (window) {
          if (window.isMinimized()) window.restore();
          window.show();
          window.focus();
        }
        onClick();
      });
      notification.on('close', forget);
      notification.show();
    },
  };
}

export const electronLinks: ExternalLinks = {
  openMailTo: openMailToLink,
};

export const electronClipboard: Clipboard = {
  writeText: (text) => clipboard.writeText(text),
};
