// The sync engine: push the outbox in order, then pull until hasMore is false. It runs at start,
// on a timer, when the network returns and on "Sincronizar agora"; after a failure it retries
// with exponential backoff and jitter, honouring Retry-After. A manual sync skips the wait.
import type { SyncStatus } from '../../../shared/ipc';
import { PUSH_MAX_BATCH, type PullResponse } from '../../../shared/wire';
import { createLogger, describeError } from '../log';
import type { SqliteDatabase } from '../store/database';
import { getMeta, setMeta } from '../store/meta';
import { outboxCount, requeueAcknowledged, unsyncedCount, unsyncedIds } from '../store/outbox';
import { applyPullPage, finishRestorePull, startRestorePull } from './applyPull';
import { failure, SyncFailure } from './errors';
import type { LocalContext } from './optimistic';
import { retryRejectedForResentActions } from '../unsynced';
import { pushOutbox } from './push';
import type { SacApi } from './sacApi';

const log = createLogger('sync');

/**
 * Changes per pull page. Each page is one transaction that holds the main process for its
 * duration; 2,000 changes take about 100 ms on a 2-core test machine, short enough for the UI
 * to stay responsive, and large enough that a first sync is not dominated by round trips.
 */
export const PULL_PAGE_SIZE = 2_000;

/** WAL pages between checkpoints: SQLite's default, and 64 MiB of 4 KiB pages while pulling. */
const DEFAULT_CHECKPOINT_PAGES = 1_000;
const PULL_CHECKPOINT_PAGES = 16_384;

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 5 * 60_000 };

/** Largest delay Node's setTimeout accepts: 2^31 - 1 ms, about 24.8 days. Node runs a larger delay after 1 ms. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** Returns the wait before retry number `attempt` (1-based), exponential with equal jitter. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  // Half fixed, half random: spreads clients that failed together without ever retrying at once.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface SyncEngineOptions {
  db: SqliteDatabase;
  api: SacApi;
  context: () => LocalContext;
  blobDir: string;
  /** Interval of the regular sync while all is well. */
  intervalMs?: number;
  /**
   * When false, the engine syncs only when asked (syncNow, a network change): no sync at start,
   * after an action or on a timer. Tests use it to decide exactly when a request leaves.
   */
  automatic?: boolean;
  backoff?: BackoffPolicy;
  pullLimit?: number;
  /** Actions per push request; a function lets it follow the server's stated maximum. */
  pushBatch?: number | (() => number);
  now?: () => Date;
  random?: () => number;
  onChange?: (entities: string[]) => void;
}

export class SyncEngine {
  private running: Promise<void> | null = null;
  /** Why another cycle was asked for while one was running, or null when none was. */
  private rerun: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Timers run only between start() and stop(), but a manual sync works either way. */
  private started = false;
  /** Set by stop(), so that a pull in progress ends at the next page boundary. */
  private stopping = false;
  private failures = 0;
  private lastError: SyncStatus['lastError'] = null;
  private offline = false;
  private nextRetryAt: Date | null = null;
  private progress: SyncStatus['progress'] = null;
  /**
   * Actions pushes moved to the unsynced list since the last complete pull: if a pull then finds
   * a restore, they were judged on lost data. A push that fails partway keeps them for the next.
   */
  private rejectedSincePull = new Set<string>();
  private readonly listeners = new Set<(status: SyncStatus) => void>();

  constructor(private readonly options: SyncEngineOptions) {}

  private get now(): Date {
    return this.options.now?.() ?? new Date();
  }

  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): SyncStatus {
    return {
      connection: this.running ? 'syncing' : this.offline ? 'offline' : 'online',
      pendingCount: outboxCount(this.options.db),
      unsyncedCount: unsyncedCount(this.options.db),
      clockOffsetMs: this.options.api.clockOffsetMs,
      lastSuccessAt: getMeta(this.options.db, 'lastSyncAt'),
      lastError: this.lastError,
      nextRetryAt: this.nextRetryAt?.toISOString() ?? null,
      progress: this.progress,
    };
  }

  start(): void {
    this.started = true;
    this.stopping = false;
    if (this.automatic) void this.sync('start');
  }

  private get automatic(): boolean {
    return this.options.automatic ?? true;
  }

  /** Stops timers and waits for a sync in progress, which always ends at a transaction boundary. */
  async stop(): Promise<void> {
    this.started = false;
    this.stopping = true;
    this.clearTimer();
    await this.running?.catch(() => undefined);
  }

  /** "Sincronizar agora": runs at once, whatever backoff was pending. */
  syncNow(): Promise<SyncStatus> {
    return this.sync('manual');
  }

  /** Called when the operating system reports a network change. */
  networkChanged(online: boolean): void {
    if (online) void this.sync('network');
    else {
      this.offline = true;
      this.emit();
    }
  }

  /** Called after a local action so that it leaves soon when the network is up. */
  actionQueued(): void {
    this.emit();
    if (this.automatic && (!this.offline || this.failures === 0)) void this.sync('action');
  }

  private sync(reason: string): Promise<SyncStatus> {
    if (this.running) {
      // A sync is under way; run once more after it so that new actions and data are not missed.
      // A manual or network-triggered request outranks an automatic one already waiting.
      if (this.rerun === null || reason === 'manual' || reason === 'network') this.rerun = reason;
      return this.running.then(() => this.status());
    }
    this.clearTimer();
    // The cycle starts on a microtask, after this.running is set, so that every status it emits
    // (progress included) reports "syncing".
    this.running = Promise.resolve()
      .then(() => this.runCycles(reason))
      .finally(() => {
        this.running = null;
        this.progress = null;
        this.emit();
        this.scheduleNext();
      });
    this.emit();
    return this.running.then(() => this.status());
  }

  private async runCycles(reason: string): Promise<void> {
    let current = reason;
    for (;;) {
      this.rerun = null;
      await this.runOnce(current);
      const next: string | null = this.rerun;
      if (next === null || this.stopping) return;
      // After a failure only the user's "Sincronizar agora" or a network change retries at once;
      // anything else waits for the backoff.
      if (this.lastError !== null && next !== 'manual' && next !== 'network') return;
      current = next;
    }
  }

  private async runOnce(reason: string): Promise<void> {
    const started = Date.now();
    log.info('sync started', { reason, pending: outboxCount(this.options.db) });
    try {
      await this.push();
      await this.pull();
      // On the server's clock, so a wrong computer clock does not show a wrong "last sync".
      setMeta(this.options.db, 'lastSyncAt', new Date(this.now.getTime() + (this.options.api.clockOffsetMs ?? 0)).toISOString());
      this.failures = 0;
      this.lastError = null;
      this.offline = false;
      this.nextRetryAt = null;
      log.info('sync finished', { reason, ms: Date.now() - started });
    } catch (error) {
      this.recordFailure(error);
    }
  }

  private async push(): Promise<void> {
    const total = outboxCount(this.options.db);
    if (total === 0) return;
    const before = new Set(unsyncedIds(this.options.db));
    this.progress = { phase: 'push', done: 0, total };
    this.emit();
    await pushOutbox({
      db: this.options.db,
      api: this.options.api,
      blobDir: this.options.blobDir,
      context: this.options.context,
      batchSize: this.pushBatchSize(),
      now: () => this.now,
      onBatch: (done, changed) => {
        this.progress = { phase: 'push', done, total };
        if (changed.length) this.options.onChange?.(changed);
        this.emit();
      },
    }).finally(() => {
      for (const id of unsyncedIds(this.options.db)) if (!before.has(id)) this.rejectedSincePull.add(id);
    });
  }

  private pushBatchSize(): number {
    const batch = this.options.pushBatch;
    return typeof batch === 'function' ? batch() : (batch ?? PUSH_MAX_BATCH);
  }

  private async pull(): Promise<void> {
    const limit = this.options.pullLimit ?? PULL_PAGE_SIZE;
    let received = 0;
    let total: number | null = null;
    this.progress = { phase: 'pull', done: 0, total: null };
    // The next page is requested before the current one is applied, so the server prepares it
    // while this process writes; a prefetched page is dropped unused if anything goes wrong.
    let prefetched: Promise<PullResponse> | null = null;
    // Copying the log into the database file after every page cost a fifth of a large first
    // sync; during a pull it happens every 64 MiB instead. Durability does not depend on it.
    this.options.db.pragma(`wal_autocheckpoint = ${PULL_CHECKPOINT_PAGES}`);
    try {
      for (;;) {
        if (this.stopping) throw failure('offline');
        const cursor = getMeta(this.options.db, 'cursor');
        let page: PullResponse;
        try {
          // The first page of a cycle also asks how much is coming, for the progress bar.
          page = await (prefetched ?? this.options.api.pull(cursor, limit, { count: total === null }));
          prefetched = null;
        } catch (error) {
          prefetched = null;
          if (!cursor || !(error instanceof SyncFailure) || error.options.serverCode !== 'invalid_cursor') throw error;
          // The server rejects a cursor it no longer accepts (after a server upgrade, say) and its
          // message requests a pull without one. That is safe because applyPullPage skips changes
          // that are not newer than the local rows.
          log.warn('saved cursor rejected by the server; pulling everything again');
          setMeta(this.options.db, 'cursor', null);
          continue;
        }
        if (page.reset) this.serverWentBack();
        if (page.hasMore && page.changes.length > 0) {
          prefetched = this.options.api.pull(page.cursor, limit);
          // The HTTP client sends a request only after a few promise steps, which would otherwise
          // wait for the page below to be written. One turn of the event loop sends it first, so
          // the server prepares the next page in the meantime.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        const applied = applyPullPage(this.options.db, page, this.options.context());
        if (total === null) total = page.remaining ?? 0;
        received += page.changes.length;
        this.progress = { phase: 'pull', done: received, total: total >= received ? total : null };
        if (applied.entities.size > 0) this.options.onChange?.([...applied.entities]);
        this.emit();
        if (!page.hasMore) {
          this.rejectedSincePull.clear();
          if (getMeta(this.options.db, 'restorePullPending')) {
            const deleted = finishRestorePull(this.options.db);
            log.info('pull after a server restore finished', { rowsNoLongerOnServer: deleted });
          }
          return;
        }
        if (page.changes.length === 0) throw failure('invalid_response', { cause: new Error('hasMore with an empty page') });
      }
    } finally {
      // An abandoned prefetch must not surface later as an unhandled rejection.
      (prefetched as Promise<PullResponse> | null)?.catch(() => undefined);
      this.options.db.pragma(`wal_autocheckpoint = ${DEFAULT_CHECKPOINT_PAGES}`);
    }
  }

  /**
   * The server's data went back in time (restored from a backup): this pull starts over, and the
   * actions it acknowledged recently are queued again, to be sent right after the pull.
   */
  private serverWentBack(): void {
    const { db } = this.options;
    const { requeued, retried } = db.transaction(() => {
      startRestorePull(db);
      const requeued = requeueAcknowledged(db);
      return { requeued, retried: retryRejectedForResentActions(db, this.options.context(), this.now, this.rejectedSincePull) };
    })();
    log.warn('server data went back in time; pulling everything and resending recent actions', { requeued, retried });
    if (requeued > 0) this.rerun ??= 'network';
  }

  private recordFailure(error: unknown): void {
    const syncFailure =
      error instanceof SyncFailure ? error : failure('invalid_response', { cause: error instanceof Error ? error : undefined });
    if (!(error instanceof SyncFailure)) log.error('sync failed unexpectedly', describeError(error));
    this.failures++;
    this.offline = syncFailure.kind === 'offline' || syncFailure.kind === 'timeout' || syncFailure.kind === 'captive_portal';
    this.lastError = { code: syncFailure.kind, message: syncFailure.message };
    if (syncFailure.kind === 'unauthorized') {
      // No automatic retry: only signing in again helps.
      this.nextRetryAt = null;
    } else {
      const delay = Math.max(
        syncFailure.options.retryAfterMs ?? 0,
        backoffDelay(this.failures, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random),
      );
      this.nextRetryAt = new Date(this.now.getTime() + delay);
    }
    // The first failure of a streak is a warning; the retries that follow are logged quietly.
    const details = { kind: syncFailure.kind, status: syncFailure.options.status, attempt: this.failures, retryAt: this.nextRetryAt?.toISOString() };
    if (this.failures === 1) log.warn('sync failed', details);
    else log.info('sync failed again', details);
  }

  private scheduleNext(): void {
    if (!this.started || !this.automatic) return;
    this.clearTimer();
    let delay: number;
    if (this.lastError) {
      if (!this.nextRetryAt) return;
      delay = Math.max(0, this.nextRetryAt.getTime() - this.now.getTime());
    } else {
      delay = this.options.intervalMs ?? 60_000;
    }
    if (delay > MAX_TIMER_DELAY_MS) {
      // A Retry-After this long would overflow the timer, so wait in steps until it is due.
      this.timer = setTimeout(() => this.scheduleNext(), MAX_TIMER_DELAY_MS);
    } else {
      this.timer = setTimeout(() => void this.sync('timer'), delay);
    }
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private emit(): void {
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }
}
