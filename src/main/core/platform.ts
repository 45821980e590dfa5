// What the core needs from the desktop platform. The Electron shell implements these with
// safeStorage, dialogs and hidden print windows; the e2e harness with files and Chromium.

export interface SecretStore {
  /** Whether secrets can be encrypted with an operating-system key (not a plain-text fallback). */
  isEncryptionAvailable(): boolean;
  encrypt(plainText: string): Buffer;
  decrypt(cipherText: Buffer): string;
}

export interface Printer {
  /** Opens the system print dialog for an HTML document; resolves false when the user cancels. */
  print(html: string): Promise<boolean>;
  /** Renders an HTML document to an A4 PDF. */
  toPdf(html: string): Promise<Buffer>;
}

export interface SaveDialogOptions {
  title: string;
  defaultName: string;
  filters?: Array<{ name: string; extensions: string[] }>;
}

export interface Dialogs {
  /** Asks where to save a file; resolves null when the user cancels. */
  chooseSavePath(options: SaveDialogOptions): Promise<string | null>;
}

export interface DesktopNotification {
  title: string;
  body: string;
  /** The ticket the notification is about; clicking it opens that ticket. */
  ticketId: string | null;
}

export interface Desktop {
  /**
   * Opens a file with the operating system's default application. Resolves to an empty string
   * on success or to the system's error message, as Electron's shell.openPath does.
   */
  openPath(file: string): Promise<string>;
  /** Shows a desktop notification; `onClick` runs when the user clicks it. */
  notify(notification: DesktopNotification, onClick: () => void): void;
}
