// One signed-in user's local world: their database, attachment folder, server client and sync
// engine. Users of a shared workstation each get their own folder and never see another's cache.
import { join } from 'node:path';
import { serverInfoSchema, type ServerInfo, type User } from '../../shared/wire';
import type { SyncStatus } from '../../shared/ipc';
import { createLogger, describeError } from './log';
import { listOrganizations, readPolicy } from './queries';
import { openDatabase, type SqliteDatabase } from './store/database';
import { getMeta, setMeta } from './store/meta';
import { SyncEngine, type BackoffPolicy } from './sync/engine';
import type { LocalContext } from './sync/optimistic';
import { SacApi } from './sync/sacApi';

const log = createLogger('account');

export const DEFAULT_ATTACHMENT_LIMIT = 25 * 1024 * 1024;

export interface AccountOptions {
  dir: string;
  serverUrl: string;
  user: User;
  token: string;
  syncIntervalMs?: number;
  backoff?: BackoffPolicy;
  requestTimeoutMs?: number;
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

  constructor(options: AccountOptions) {
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
    });
    this.engine = new SyncEngine({
      db: this.db,
      api: this.api,
      blobDir: this.blobDir,
      context: () => this.context(),
      ...(options.syncIntervalMs ? { intervalMs: options.syncIntervalMs } : {}),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      onChange: options.onDataChanged,
    });
    this.engine.onStatus(options.onSyncStatus);
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
    };
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
