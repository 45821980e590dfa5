// Platform services for running the app core under Node: a secret store that marks its
// "encryption" as test-only, a save dialog that answers with a chosen folder, a printer
// supplied by the caller (Chromium in the e2e tests) and a desktop that records what it was asked.
import { join } from 'node:path';
import type { Desktop, DesktopNotification, Dialogs, Printer, SecretStore } from '../../src/main/core/platform';

export const testSecrets: SecretStore = {
  isEncryptionAvailable: () => true,
  encrypt: (plainText) => Buffer.from(`test-only:${plainText}`, 'utf8'),
  decrypt: (cipherText) => {
    const text = cipherText.toString('utf8');
    if (!text.startsWith('test-only:')) throw new Error('not a test secret');
    return text.slice('test-only:'.length);
  },
};

/** A save dialog that saves every file into `folder` under the suggested name. */
export function folderDialogs(folder: string): Dialogs & { saved: string[] } {
  const saved: string[] = [];
  return {
    saved,
    chooseSavePath: async ({ defaultName }) => {
      const path = join(folder, defaultName);
      saved.push(path);
      return path;
    },
  };
}

export const noPrinter: Printer = {
  print: async () => {
    throw new Error('no printer in this test');
  },
  toPdf: async () => {
    throw new Error('no PDF renderer in this test');
  },
};

export interface RecordedNotification extends DesktopNotification {
  /** Does what a click on the desktop notification does. */
  click(): void;
}

/** A desktop that records the files it was asked to open and the notifications it showed. */
export function recordingDesktop(): Desktop & { opened: string[]; notifications: RecordedNotification[] } {
  const opened: string[] = [];
  const notifications: RecordedNotification[] = [];
  return {
    opened,
    notifications,
    openPath: async (file) => {
      opened.push(file);
      return '';
    },
    notify: (notification, onClick) => {
      notifications.push({ ...notification, click: onClick });
    },
  };
}
