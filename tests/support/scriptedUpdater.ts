// An application updater whose releases a test plays step by step: it offers a version, reports
// download progress when the test says so, and records the install. The update machine and the
// UI run unchanged on top of it.
import type { UpdateProgress, Updater } from '../../src/main/core/platform';

export class ScriptedUpdater implements Updater {
  readonly feeds: string[] = [];
  installs = 0;
  private offered: string | null = null;
  private onProgress: ((progress: UpdateProgress) => void) | null = null;
  private finishDownload: (() => void) | null = null;

  constructor(readonly currentVersion: string) {}

  /** Makes the next check find `version`. */
  offer(version: string): void {
    this.offered = version;
  }

  setFeedUrl(url: string): void {
    this.feeds.push(url);
  }

  async check(): Promise<{ version: string } | null> {
    return this.offered ? { version: this.offered } : null;
  }

  download(onProgress: (progress: UpdateProgress) => void): Promise<void> {
    this.onProgress = onProgress;
    return new Promise((resolve) => (this.finishDownload = resolve));
  }

  /** Reports download progress; valid once the machine started the download. */
  progress(percent: number): void {
    if (!this.onProgress) throw new Error('no download in progress');
    this.onProgress({ percent, transferredBytes: percent * 1_000_000, totalBytes: 100_000_000 });
  }

  /** Completes the download, as electron-updater does after checking the file's SHA-512. */
  finish(): void {
    this.progress(100);
    this.finishDownload?.();
  }

  install(): void {
    this.installs++;
  }
}
