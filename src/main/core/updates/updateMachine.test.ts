import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from '../../../shared/ipc';
import type { UpdateProgress, Updater } from '../platform';
import { UPDATE_MESSAGES, UpdateMachine, updateFeedUrl, type SyncActivity } from './updateMachine';

/** An updater whose answers the test decides, recording what the machine asked of it. */
class ScriptedUpdater implements Updater {
  readonly currentVersion = '1.0.0';
  feeds: string[] = [];
  checks = 0;
  installs = 0;
  offer: string | null = null;
  checkError: Error | null = null;
  downloadError: Error | null = null;
  installError: Error | null = null;
  progressSteps = [25, 50, 100];
  private releaseCheck: (() => void) | null = null;
  holdCheck = false;

  setFeedUrl(url: string) {
    this.feeds.push(url);
  }
  async check() {
    this.checks++;
    if (this.holdCheck) await new Promise<void>((resolve) => (this.releaseCheck = resolve));
    if (this.checkError) throw this.checkError;
    return this.offer ? { version: this.offer } : null;
  }
  release() {
    this.releaseCheck?.();
  }
  holdDownload = false;
  private releaseDownloadHold: (() => void) | null = null;
  releaseDownload() {
    this.releaseDownloadHold?.();
  }
  async download(onProgress: (progress: UpdateProgress) => void) {
    if (this.holdDownload) await new Promise<void>((resolve) => (this.releaseDownloadHold = resolve));
    for (const percent of this.progressSteps) onProgress({ percent, transferredBytes: percent * 10, totalBytes: 1000 });
    if (this.downloadError) throw this.downloadError;
  }
  install() {
    if (this.installError) throw this.installError;
    this.installs++;
  }
}

class FakeSync implements SyncActivity {
  syncing = false;
  private listeners = new Set<() => void>();
  isSyncing() {
    return this.syncing;
  }
  onChange(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(syncing: boolean) {
    this.syncing = syncing;
    for (const listener of [...this.listeners]) listener();
  }
  get listenerCount() {
    return this.listeners.size;
  }
}

function setup(options: { updater?: ScriptedUpdater | null; feed?: string | null } = {}) {
  const updater = options.updater === undefined ? new ScriptedUpdater() : options.updater;
  const sync = new FakeSync();
  const statuses: UpdateStatus[] = [];
  const machine = new UpdateMachine({
    updater,
    feedUrl: () => (options.feed === undefined ? 'https://sac.exemplo.com.br/updates/' : options.feed),
    sync,
    onStatus: (status) => statuses.push(status),
    now: () => new Date('2026-05-04T12:00:00Z'),
    firstCheckDelayMs: 1_000,
    intervalMs: 60_000,
  });
  return { updater: updater as ScriptedUpdater, sync, statuses, machine };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('updateFeedUrl', () => {
  it('uses the server updates folder over https', () => {
    expect(updateFeedUrl('https://sac.exemplo.com.br')).toBe('https://sac.exemplo.com.br/updates/');
  });

  it('keeps a server path', () => {
    expect(updateFeedUrl('https://exemplo.com.br/sac/')).toBe('https://exemplo.com.br/sac/updates/');
  });

  it('rejects plain http on the network', () => {
    expect(updateFeedUrl('http://sac.exemplo.com.br')).toBeNull();
  });

  it('accepts http on this machine', () => {
    expect(updateFeedUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787/updates/');
  });

  it('returns null without a server', () => {
    expect(updateFeedUrl(null)).toBeNull();
    expect(updateFeedUrl('não é endereço')).toBeNull();
  });
});

describe('UpdateMachine checks', () => {
  it('is unavailable without an updater', async () => {
    const { machine } = setup({ updater: null });
    const status = await machine.check('manual');
    expect(status.phase).toBe('unavailable');
    expect(status.message).toBe(UPDATE_MESSAGES.noUpdater);
  });

  it('shows the app version without an updater', () => {
    const machine = new UpdateMachine({
      updater: null,
      appVersion: '2.0.1',
      feedUrl: () => null,
      sync: new FakeSync(),
      onStatus: () => undefined,
    });
    expect(machine.status().currentVersion).toBe('2.0.1');
  });

  it('is unavailable without a feed', async () => {
    const { machine, updater } = setup({ feed: null });
    const status = await machine.check('manual');
    expect(status.phase).toBe('unavailable');
    expect(status.message).toBe(UPDATE_MESSAGES.noFeed);
    expect(updater.checks).toBe(0);
  });

  it('reports up to date', async () => {
    const { machine, updater } = setup();
    const status = await machine.check('manual');
    expect(status.phase).toBe('upToDate');
    expect(status.lastCheckedAt).toBe('2026-05-04T12:00:00.000Z');
    expect(updater.feeds).toEqual(['https://sac.exemplo.com.br/updates/']);
  });

  it('downloads an offered version with progress', async () => {
    const { machine, updater, statuses } = setup();
    updater.offer = '1.1.0';
    expect((await machine.check('start')).phase).toBe('downloading');
    const status = await machine.settled();
    expect(status).toMatchObject({ phase: 'ready', availableVersion: '1.1.0', percent: 100 });
    expect(statuses.map((item) => `${item.phase}:${item.percent ?? '-'}`)).toEqual([
      'checking:-',
      'downloading:0',
      'downloading:25',
      'downloading:50',
      'downloading:100',
      'ready:100',
    ]);
  });

  it('joins a check already running', async () => {
    const { machine, updater } = setup();
    updater.holdCheck = true;
    const first = machine.check('timer');
    const second = machine.check('manual');
    await vi.waitFor(() => expect(updater.checks).toBe(1));
    updater.release();
    await Promise.all([first, second]);
    expect(updater.checks).toBe(1);
  });

  it('does not check again once downloaded', async () => {
    const { machine, updater } = setup();
    updater.offer = '1.1.0';
    await machine.check('start');
    await machine.settled();
    await machine.check('timer');
    expect(updater.checks).toBe(1);
    expect(machine.status().phase).toBe('ready');
  });

  it('reports a failed check and recovers', async () => {
    const { machine, updater } = setup();
    updater.checkError = new Error('ENOTFOUND');
    expect(await machine.check('timer')).toMatchObject({ phase: 'error', message: UPDATE_MESSAGES.checkFailed });
    updater.checkError = null;
    expect((await machine.check('manual')).phase).toBe('upToDate');
  });

  it('reports a failed download', async () => {
    const { machine, updater } = setup();
    updater.offer = '1.1.0';
    updater.downloadError = new Error('sha512 checksum mismatch');
    await machine.check('start');
    expect(await machine.settled()).toMatchObject({ phase: 'error', message: UPDATE_MESSAGES.downloadFailed, percent: null });
  });
});

describe('UpdateMachine install', () => {
  it('refuses before a download', () => {
    const { machine } = setup();
    expect(() => machine.install()).toThrow(expect.objectContaining({ code: 'update_not_ready' }));
  });

  it('refuses while downloading', async () => {
    const { machine, updater } = setup();
    updater.offer = '1.1.0';
    updater.holdDownload = true;
    expect((await machine.check('manual')).phase).toBe('downloading');
    expect(() => machine.install()).toThrow(expect.objectContaining({ code: 'update_not_ready' }));
    updater.releaseDownload();
    expect((await machine.settled()).phase).toBe('ready');
  });

  it('installs at once when no sync runs', async () => {
    const { machine, updater } = setup();
    updater.offer = '1.1.0';
    await machine.check('start');
    await machine.settled();
    expect(machine.install().phase).toBe('installing');
    expect(updater.installs).toBe(1);
  });

  it('waits for a sync in progress', async () => {
    const { machine, updater, sync } = setup();
    updater.offer = '1.1.0';
    await machine.check('start');
    await machine.settled();
    sync.set(true);
    expect(machine.install().phase).toBe('waitingForSync');
    expect(updater.installs).toBe(0);
    // A status change that keeps the sync running does not install.
    sync.set(true);
    expect(updater.installs).toBe(0);
    sync.set(false);
    expect(updater.installs).toBe(1);
    expect(machine.status().phase).toBe('installing');
    expect(sync.listenerCount).toBe(0);
  });

  it('installs once for repeated clicks', async () => {
    const { machine, updater, sync } = setup();
    updater.offer = '1.1.0';
    await machine.check('start');
    await machine.settled();
    sync.set(true);
    machine.install();
    machine.install();
    sync.set(false);
    sync.set(false);
    expect(updater.installs).toBe(1);
  });

  it('returns to ready when the installer fails to start', async () => {
    const { machine, updater } = setup();
    updater.offer = '1.1.0';
    await machine.check('start');
    await machine.settled();
    updater.installError = new Error('spawn failed');
    expect(machine.install()).toMatchObject({ phase: 'ready', message: UPDATE_MESSAGES.installFailed });
  });
});

describe('UpdateMachine schedule', () => {
  it('checks after start and then at every interval', async () => {
    vi.useFakeTimers();
    const { machine, updater } = setup();
    machine.start();
    expect(updater.checks).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(updater.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(updater.checks).toBe(2);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(updater.checks).toBe(4);
    machine.stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(updater.checks).toBe(4);
  });

  it('never schedules without an updater', async () => {
    vi.useFakeTimers();
    const { machine } = setup({ updater: null });
    machine.start();
    expect(vi.getTimerCount()).toBe(0);
  });
});
