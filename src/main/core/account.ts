// One signed-in user's local world: their database, attachment folder, server client and sync
// engine. Users of a shared workstation each get their own folder and never see another's cache.
import { join } from 'node:path';
import { PUSH_MAX_BATCH, serverInfoSchema, type ServerInfo, type User } from '../../shared/wire';
import type { SyncStatus } from '../../shared/ipc';
import { createLogger, describeError } from './log';
import { listOrganizations, readPolicy } from './queries';
import { openDatabase, type SqliteDatabase } from './store/database';
import { getMeta, setMeta } from './store/meta';
import { flushSearchIndex } from './store/searchIndex';
import { replayKeptChanges } from './sync/applyPull';
import { SyncEngine, type BackoffPolicy } from './sync/engine';
import type { LocalContext } from './sync/optimistic';
import { ClockWatch } from './sync/clockWatch';
import { SacApi } from './sync/sacApi';

const log = createLogger('account');

export const DEFAULT_ATTACHMENT_LIMIT = 25 * 1024 * 1024;

export interface AccountOptions {
  dir: string;
  serverUrl: string;
  user: User;
  token: string;
  syncIntervalMs?: number;
  /** False: sync only when asked (see SyncEngineOptions.automatic). */
  automaticSync?: boolean;
  /** Changes per pull page; tests and benchmarks set it. */
  pullLimit?: number;
  /** Upper bound of actions per push, below the server's own maximum; tests set it. */
  pushBatch?: number;
  backoff?: BackoffPolicy;
  requestTimeoutMs?: number;
  /** This computer's clock; tests move it to check clock skew. */
  clock?: () => Date;
  onSyncStatus: (status: SyncStatus) => void;
  onDataChanged: (entities: string[]) => void;
}

export class Account {
  readonly db: SqliteDatabase;
  readonly blobDir: string;
  readonly api: SacApi;
  readonly engine: SyncEngine;
  readonly user: User;
  readonly serverUrl: string;
  /** The folder of this user's database and attachments. */
  readonly dir: string;

  constructor(options: AccountOptions) {
    this.dir = options.dir;
    this.user = options.user;
    this.serverUrl = options.serverUrl;
    this.db = openDatabase(join(options.dir, 'sac.db'));
    // The notification trigger compares history entries with the signed-in user.
    setMeta(this.db, 'userId', options.user.id);
    setMeta(this.db, 'userRole', options.user.role);
    this.blobDir = join(options.dir, 'blobs');
    this.api = new SacApi({
      serverUrl: options.serverUrl,
      token: options.token,
      ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    this.engine = new SyncEngine({
      db: this.db,
      api: this.api,
      blobDir: this.blobDir,
      context: () => this.context(),
      pushBatch: () => Math.min(options.pushBatch ?? PUSH_MAX_BATCH, this.limits()?.pushMaxBatch ?? PUSH_MAX_BATCH),
      ...(options.pullLimit ? { pullLimit: options.pullLimit } : {}),
      ...(options.clock ? { now: options.clock } : {}),
      ...(options.syncIntervalMs ? { intervalMs: options.syncIntervalMs } : {}),
      ...(options.automaticSync === false ? { automatic: false } : {}),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      onChange: options.onDataChanged,
    });
    this.engine.onStatus((status) => {
      this.rememberClockOffset();
      options.onSyncStatus(status);
    });
    this.clock = options.clock ?? (() => new Date());
    this.clockWatch = new ClockWatch(() => this.clock().getTime());
    // Changes an older version kept aside may be understood now.
    const replayed = replayKeptChanges(this.db, this.context());
    if (replayed.entities.size > 0) log.info('kept changes applied after an update', { entities: [...replayed.entities] });
    // After an upgrade the search index may have rows to renumber; doing it now keeps the
    // first search as fast as the later ones.
    const reindexed = flushSearchIndex(this.db);
    if (reindexed > 0) log.info('search index brought up to date', { tickets: reindexed });
  }

  private readonly clock: () => Date;
  /** Tells whether the offset saved in the database still applies to this computer's clock. */
  private readonly clockWatch: ClockWatch;

  /**
   * The time on the server's clock, as well as this computer can tell: its own clock moved by
   * the offset measured on the last answer (kept for offline use). Dates that the server checks,
   * such as "today" for the checklist and deadlines, use it, so a wrong computer clock does not
   * make the server reject an action later.
   */
  serverNow(): Date {
    return new Date(this.clock().getTime() + (this.clockOffsetMs() ?? 0));
  }

  private rememberClockOffset(): void {
    const measured = this.api.clockOffsetMs;
    if (measured === null) return;
    const saved = Number(getMeta(this.db, 'clockOffsetMs') ?? Number.NaN);
    const startedAt = Number(getMeta(this.db, 'clockOffsetStartedAt') ?? Number.NaN);
    if (Number.isNaN(saved) || Math.abs(saved - measured) > 1_000 || Number.isNaN(startedAt) || !this.clockWatch.agreesWith(startedAt)) {
      this.db.transaction(() => {
        setMeta(this.db, 'clockOffsetMs', String(measured));
        setMeta(this.db, 'clockOffsetStartedAt', String(this.clockWatch.startedAt()));
      })();
    }
  }

  /** The organization whose tickets the user is looking at: a consultant may switch it. */
  get activeOrganizationId(): string {
    const chosen = getMeta(this.db, 'activeOrganizationId');
    if (chosen && (this.user.role === 'consultor' || chosen === this.user.organizationId)) return chosen;
    return this.user.organizationId;
  }

  selectOrganization(organizationId: string): void {
    setMeta(this.db, 'activeOrganizationId', organizationId);
  }

  organizations() {
    const known = listOrganizations(this.db);
    if (this.user.role === 'consultor') return known;
    return known.filter((organization) => organization.id === this.user.organizationId);
  }

  context(): LocalContext {
    return {
      actor: { id: this.user.id, name: this.user.name, role: this.user.role },
      organizationId: this.activeOrganizationId,
      policy: readPolicy(this.db),
      clockOffsetMs: this.clockOffsetMs(),
    };
  }

  /**
   * Returns the offset measured on the last answer, or the one kept from an earlier session
   * while the computer has not been restarted nor its clock set since; null if never measured or
   * no longer valid. A clock set while the app was closed (a computer that starts hours off)
   * must not date offline actions with the old offset: with null, the server measures the offset
   * when they arrive.
   */
  clockOffsetMs(): number | null {
    const measured = this.api.clockOffsetMs;
    if (measured !== null) return measured;
    if (this.api.clockSetSinceMeasured) return null;
    const saved = getMeta(this.db, 'clockOffsetMs');
    const startedAt = Number(getMeta(this.db, 'clockOffsetStartedAt') ?? Number.NaN);
    if (saved === null || Number.isNaN(startedAt) || !this.clockWatch.agreesWith(startedAt)) return null;
    return Number(saved);
  }

  /** The server's limits as last fetched, so they apply offline too. */
  limits(): ServerInfo['limits'] | null {
    const saved = getMeta(this.db, 'serverLimits');
    if (!saved) return null;
    const parsed = serverInfoSchema.shape.limits.safeParse(JSON.parse(saved));
    return parsed.success ? parsed.data : null;
  }

  attachmentLimit(): number {
    return this.limits()?.attachmentMaxBytes ?? DEFAULT_ATTACHMENT_LIMIT;
  }

  /** Fetches and keeps the server's limits; failures are harmless, the last known ones stay. */
  async refreshServerInfo(): Promise<void> {
    try {
      const info = await this.api.serverInfo();
      setMeta(this.db, 'serverLimits', JSON.stringify(info.limits));
    } catch (error) {
      log.info('server info not refreshed', describeError(error));
    }
  }

  start(): void {
    void this.refreshServerInfo();
    this.engine.start();
  }

  async close(): Promise<void> {
    await this.engine.stop();
    this.db.close();
  }
}
