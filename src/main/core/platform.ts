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

/** Download progress of an update, as the updater reports it. */
export interface UpdateProgress {
  percent: number;
  transferredBytes: number;
  totalBytes: number;
}

/**
 * The operating system's side of application updates. The shell implements it with
 * electron-updater over a generic feed (latest.yml, latest-linux.yml and the installers); the
 * e2e harness plays updates through a scripted implementation.
 */
export interface Updater {
  readonly currentVersion: string;
  /** Points the updater at a feed folder's URL before a check. */
  setFeedUrl(url: string): void;
  /** Resolves with the newer version the feed offers, or null when this version is the latest. */
  check(): Promise<{ version: string } | null>;
  /** Downloads the offered version, reporting progress; resolves once its checksum is verified. */
  download(onProgress: (progress: UpdateProgress) => void): Promise<void>;
  /** Quits the app and runs the downloaded installer. */
  install(): void;
}

export interface ExternalLinks {
  /** Hands a mailto: link to the operating system, which opens the user's e-mail program. */
  openMailTo(url: string): Promise<void>;
}

export interface Clipboard {
  writeText(text: string): void;
}
