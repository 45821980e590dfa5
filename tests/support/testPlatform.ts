// Platform services for running the app core under Node: a secret store that marks its
// "encryption" as test-only, a save dialog that answers with a chosen folder, a printer
// supplied by the caller (Chromium in the e2e tests), a desktop that records what it was asked,
// and recording e-mail links and clipboard.
import { join } from 'node:path';
import type { Clipboard, Desktop, DesktopNotification, Dialogs, ExternalLinks, Printer, SecretStore } from '../../src/main/core/platform';

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

/** Records the mailto: links the app hands to the system instead of opening an e-mail program. */
export function recordingLinks(): ExternalLinks & { opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    openMailTo: async (url) => {
      opened.push(url);
    },
  };
}

/** A clipboard that keeps every text written to it. */
export function recordingClipboard(): Clipboard & { texts: string[] } {
  const texts: string[] = [];
  return { texts, writeText: (text) => texts.push(text) };
}
