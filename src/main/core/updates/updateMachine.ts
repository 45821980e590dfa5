// The application-update state machine. It checks the feed at start and every few hours,
// downloads a newer version in the background, and installs it only when the user chooses
// "Reiniciar e atualizar" and no sync is in progress: the install waits for the sync to end,
// so an update never interrupts a push or a pull.
//
//   unavailable                      no updater (development build) or no usable feed
//   idle → checking → upToDate       nothing newer
//                   → downloading → ready → (waitingForSync) → installing
//   any check or download failure → error; the next check starts over
import type { UpdatePhase, UpdateStatus } from '../../../shared/ipc';
import { AppError } from '../../../shared/errors';
import { createLogger, describeError } from '../log';
import type { Updater } from '../platform';

const log = createLogger('updates');

/** Interval between automatic checks: 4 hours. */
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;
/** Delay of the first check after start, so that it does not compete with the first sync. */
export const UPDATE_FIRST_CHECK_DELAY_MS = 15_000;

export const UPDATE_MESSAGES = {
  noUpdater: 'As atualizações automáticas só funcionam no SAC Desktop instalado pelo instalador oficial.',
  noFeed:
    'Para procurar atualizações, entre no SAC Desktop com um servidor SAC que use https (o mesmo endereço informado pelo seu consultor).',
  checkFailed: 'Não foi possível procurar atualizações agora. O SAC Desktop tentará de novo mais tarde.',
  downloadFailed: 'O download da atualização não foi concluído. Uma nova tentativa será feita na próxima verificação.',
  installFailed: 'Não foi possível iniciar a instalação da atualização. Feche e abra o SAC Desktop para tentar de novo.',
} as const;

/** What the machine needs to know about sync: whether one is running, and when that changes. */
export interface SyncActivity {
  isSyncing(): boolean;
  /** Calls the listener whenever the sync state may have changed; returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
}

export interface UpdateMachineOptions {
  updater: Updater | null;
  /** The running version, shown also where there is no updater. */
  appVersion?: string;
  /** Returns the feed URL for the current server, or null when none may be used. */
  feedUrl: () => string | null;
  sync: SyncActivity;
  onStatus: (status: UpdateStatus) => void;
  intervalMs?: number;
  firstCheckDelayMs?: number;
  now?: () => Date;
}

/**
 * Returns the update feed of a SAC server: its /updates/ folder. Only https feeds are used,
 * because the feed names the installer the app will run; plain http is accepted for a server
 * on this machine (development and tests).
 */
export function updateFeedUrl(serverUrl: string | null): string | null {
  if (!serverUrl) return null;
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return null;
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}/updates/`;
}

export class UpdateMachine {
  private phase: UpdatePhase;
  private availableVersion: string | null = null;
  private percent: number | null = null;
  private lastCheckedAt: string | null = null;
  private message: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Resolves when the running check has its answer, before any download ends. */
  private checked: Promise<void> = Promise.resolve();
  private stopSyncWatch: (() => void) | null = null;

  constructor(private readonly options: UpdateMachineOptions) {
    this.phase = options.updater ? 'idle' : 'unavailable';
    if (!options.updater) this.message = UPDATE_MESSAGES.noUpdater;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  status(): UpdateStatus {
    return {
      phase: this.phase,
      currentVersion: this.options.updater?.currentVersion ?? this.options.appVersion ?? null,
      availableVersion: this.availableVersion,
      percent: this.percent,
      lastCheckedAt: this.lastCheckedAt,
      message: this.message,
    };
  }

  /** Schedules the first check shortly after start and then one every few hours. */
  start(): void {
    if (!this.options.updater) return;
    this.stop();
    const every = this.options.intervalMs ?? UPDATE_CHECK_INTERVAL_MS;
    const first = setTimeout(() => {
      void this.check('start');
      this.timer = setInterval(() => void this.check('timer'), every);
      this.timer.unref?.();
    }, this.options.firstCheckDelayMs ?? UPDATE_FIRST_CHECK_DELAY_MS);
    first.unref?.();
    this.timer = first;
  }

  stop(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      clearInterval(this.timer);
    }
    this.timer = null;
    this.stopSyncWatch?.();
    this.stopSyncWatch = null;
  }

  /**
   * Checks the feed and starts downloading a newer version in the background; resolves once the
   * check has an answer, not when the download ends (see settled()). A check while one runs
   * joins it; once a version is downloaded, checks do nothing until it is installed.
   */
  async check(reason: 'start' | 'timer' | 'manual'): Promise<UpdateStatus> {
    const updater = this.options.updater;
    if (!updater) return this.status();
    if (this.running) {
      await this.checked;
      return this.status();
    }
    if (this.phase === 'ready' || this.phase === 'waitingForSync' || this.phase === 'installing') return this.status();
    let markChecked: () => void = () => undefined;
    this.checked = new Promise<void>((resolve) => (markChecked = resolve));
    this.running = this.runCheck(updater, reason, markChecked).finally(() => {
      this.running = null;
      markChecked();
    });
    await this.checked;
    return this.status();
  }

  /** Resolves when the check or download under way, if any, has ended. */
  async settled(): Promise<UpdateStatus> {
    await this.running;
    return this.status();
  }

  private async runCheck(updater: Updater, reason: string, markChecked: () => void): Promise<void> {
    const feed = this.options.feedUrl();
    if (!feed) {
      this.set('unavailable', { message: UPDATE_MESSAGES.noFeed });
      return;
    }
    updater.setFeedUrl(feed);
    this.set('checking', { message: null });
    let offered: { version: string } | null;
    try {
      offered = await updater.check();
    } catch (error) {
      log.warn('update check failed', { reason, ...describeError(error) });
      this.lastCheckedAt = this.now().toISOString();
      this.set('error', { message: UPDATE_MESSAGES.checkFailed });
      return;
    }
    this.lastCheckedAt = this.now().toISOString();
    if (!offered) {
      log.info('no update available', { reason, version: updater.currentVersion });
      this.set('upToDate', { availableVersion: null });
      return;
    }
    log.info('update available; downloading', { reason, version: offered.version });
    this.set('downloading', { availableVersion: offered.version, percent: 0 });
    markChecked();
    try {
      await updater.download((progress) => {
        const percent = Math.max(0, Math.min(100, Math.floor(progress.percent)));
        if (percent !== this.percent) this.set('downloading', { percent });
      });
    } catch (error) {
      log.warn('update download failed', { version: offered.version, ...describeError(error) });
      this.set('error', { message: UPDATE_MESSAGES.downloadFailed, percent: null });
      return;
    }
    log.info('update downloaded', { version: offered.version });
    this.set('ready', { percent: 100 });
  }

  /**
   * "Reiniciar e atualizar": installs the downloaded version now, or as soon as the sync in
   * progress ends. Fails when no version is downloaded.
   */
  install(): UpdateStatus {
    if (this.phase === 'waitingForSync' || this.phase === 'installing') return this.status();
    if (this.phase !== 'ready') throw AppError.of('update_not_ready');
    if (this.options.sync.isSyncing()) {
      log.info('update install waits for the sync in progress', { version: this.availableVersion });
      this.set('waitingForSync', {});
      this.stopSyncWatch = this.options.sync.onChange(() => this.installWhenIdle());
      return this.status();
    }
    this.installNow();
    return this.status();
  }

  private installWhenIdle(): void {
    if (this.phase !== 'waitingForSync' || this.options.sync.isSyncing()) return;
    this.stopSyncWatch?.();
    this.stopSyncWatch = null;
    this.installNow();
  }

  private installNow(): void {
    this.set('installing', {});
    log.info('installing update', { version: this.availableVersion });
    try {
      this.options.updater?.install();
    } catch (error) {
      log.error('update install failed to start', describeError(error));
      this.set('ready', { message: UPDATE_MESSAGES.installFailed });
    }
  }

  private set(phase: UpdatePhase, changes: Partial<Pick<UpdateStatus, 'availableVersion' | 'percent' | 'message'>>): void {
    this.phase = phase;
    if (changes.availableVersion !== undefined) this.availableVersion = changes.availableVersion;
    if (changes.percent !== undefined) this.percent = changes.percent;
    this.message = changes.message !== undefined ? changes.message : phase === 'error' || phase === 'unavailable' ? this.message : null;
    this.options.onStatus(this.status());
  }
}
