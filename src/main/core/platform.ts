// What the core needs from the desktop platform. The Electron shell implements these with
// safeStorage, dialogs, hidden print windows, shell.openExternal and the clipboard; the e2e
// harness with files, Chromium and recording stand-ins.

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

export interface ExternalLinks {
  /** Hands a mailto: link to the operating system, which opens the user's e-mail program. */
  openMailTo(url: string): Promise<void>;
}

export interface Clipboard {
  writeText(text: string): void;
}
