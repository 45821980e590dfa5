// The application core: sessions, the signed-in account and the IPC handlers, with no Electron
// in sight. The shell creates one with Electron's platform services; the e2e harness creates
// one with test services, so both run the same handlers over the same kind of local store.
import { useBrazilianValidationMessages } from '../../shared/zodMessages';
import { AppError } from '../../shared/errors';
import {
  CHANNELS,
  IPC_INPUTS,
  type Channel,
  type ChannelOutput,
  type EventName,
  type IpcEvents,
  type IpcResult,
  type LocalDataIntegrity,
  type SessionInfo,
  type SyncStatus,
  type TokenStorage,
} from '../../shared/ipc';
import type { User } from '../../shared/wire';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Account } from './account';
import { checkDatabaseFile, isDatabaseDamage, quickCheck, unreadableReport, type IntegrityReport } from './backup';
import { HANDLERS } from './handlers/index';
import { createLogger, describeError } from './log';
import { takeUnannounced } from './notifications';
import type { Clipboard, Desktop, Dialogs, ExternalLinks, Printer, SecretStore, Updater } from './platform';
import { SessionStore } from './session';
import { UpdateMachine, updateFeedUrl } from './updates/updateMachine';
import type { BackoffPolicy } from './sync/engine';
import { SyncFailure } from './sync/errors';

useBrazilianValidationMessages();

const log = createLogger('core');

/** More new notifications than this at once are announced as one summary. */
const MAX_SEPARATE_ANNOUNCEMENTS = 3;

const headlessDesktop: Desktop = {
  openPath: async (file) => {
    log.warn('no desktop to open a file', { file });
    return 'Não há um aplicativo disponível para abrir arquivos.';
  },
  notify: () => undefined,
};

export interface AppCoreOptions {
  userDataDir: string;
  secrets: SecretStore;
  printer: Printer;
  dialogs: Dialogs;
  /** Opening files and desktop notifications; without it both are logged and skipped. */
  desktop?: Desktop;
  /** Optional so that tests which never open e-mail or copy text need not supply them. */
  links?: ExternalLinks;
  clipboard?: Clipboard;
  /** Server address offered on the sign-in screen when none was used before. */
  defaultServerUrl?: string;
  syncIntervalMs?: number;
  /** False: sync only when asked (see SyncEngineOptions.automatic). */
  automaticSync?: boolean;
  backoff?: BackoffPolicy;
  requestTimeoutMs?: number;
  now?: () => Date;
  /** The app's version, for the diagnostics export. */
  appVersion?: string;
  /** Application updates; absent in development builds and most tests. */
  updater?: Updater;
  /** Intervals of the update checks; the defaults are 15 s after start, then every 4 hours. */
  updateSchedule?: { firstCheckDelayMs: number; intervalMs: number };
}

/** A user's local data folder that did not open because its database file is damaged. */
export interface DamagedAccount {
  dir: string;
  serverUrl: string;
  userId: string;
  report: IntegrityReport;
}

type EventListener = <E extends EventName>(event: E, payload: IpcEvents[E]) => void;

export class AppCore {
  readonly sessions: SessionStore;
  readonly updates: UpdateMachine;
  private account: Account | null = null;
  private tokenStorage: TokenStorage = 'protected';
  private integrity: IntegrityReport | null = null;
  private damaged: DamagedAccount | null = null;
  private readonly listeners = new Set<EventListener>();

  constructor(readonly options: AppCoreOptions) {
    this.sessions = new SessionStore(options.userDataDir, options.secrets);
    this.updates = new UpdateMachine({
      updater: options.updater ?? null,
      ...(options.appVersion ? { appVersion: options.appVersion } : {}),
      feedUrl: () => updateFeedUrl(this.account?.serverUrl ?? this.sessions.lastUsed().serverUrl),
      sync: {
        isSyncing: () => this.account?.engine.status().connection === 'syncing',
        onChange: (listener) => this.onEvent((event) => event === 'sync.status' && listener()),
      },
      onStatus: (status) => this.emit('update.status', status),
      ...(options.updateSchedule ?? {}),
      ...(options.now ? { now: options.now } : {}),
    });
  }

  /** This computer's clock: the time of record for the user's own actions (createdAt). */
  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** The server's time as well as it can be told (see Account.serverNow); this computer's clock when signed out. */
  serverNow(): Date {
    return this.account?.serverNow() ?? this.now();
  }

  get desktop(): Desktop {
    return this.options.desktop ?? headlessDesktop;
  }

  /** Restores the saved session, if any, and starts syncing; works with the server unreachable. */
  async start(): Promise<void> {
    const saved = this.sessions.load();
    if (saved) this.openAccount(saved.serverUrl, saved.user, saved.token, saved.tokenStorage ?? 'protected', saved.serverId);
    this.updates.start();
  }

  async stop(): Promise<void> {
    this.updates.stop();
    await this.account?.close();
    this.account = null;
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: IpcEvents[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  /** Validates and runs one IPC call; never throws, every failure becomes { ok: false }. */
  async invoke<C extends Channel>(channel: C, input: unknown): Promise<IpcResult<ChannelOutput<C>>> {
    if (!CHANNELS.includes(channel)) {
      return { ok: false, error: { code: 'unknown_channel', message: 'Canal de comunicação desconhecido.' } };
    }
    const parsed = IPC_INPUTS[channel].safeParse(input ?? {});
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
      const message = fields[0]?.message && fields.length === 1 ? fields[0].message : AppError.of('invalid_input').message;
      return { ok: false, error: { code: 'invalid_input', message, fields } };
    }
    try {
      const handler = HANDLERS[channel] as (core: AppCore, input: unknown) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
      return { ok: true, value: await handler(this, parsed.data) };
    } catch (error) {
      if (error instanceof AppError) {
        return { ok: false, error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } };
      }
      log.error('IPC handler failed', { channel, ...describeError(error) });
      return { ok: false, error: { code: 'internal', message: AppError.of('internal').message } };
    }
  }

  requireAccount(): Account {
    if (!this.account) throw AppError.of('not_signed_in');
    return this.account;
  }

  get currentAccount(): Account | null {
    return this.account;
  }

  /** The user's local data folder: one per server and user, so users of a workstation never share a cache. */
  accountDir(server: { serverId?: string | undefined; serverUrl: string }, userId: string): string {
    return this.sessions.accountDir(server, userId);
  }

  get damagedAccount(): DamagedAccount | null {
    return this.damaged;
  }

  /** The start-up integrity check of the open account's database, or of the one that did not open. */
  localIntegrity(): LocalDataIntegrity {
    const report = this.damaged?.report ?? this.integrity;
    return report ? { status: report.status, checkedAt: report.checkedAt } : { status: 'notChecked', checkedAt: null };
  }

  /** The full report, with SQLite's own lines, for the diagnostics export. */
  integrityReport(): IntegrityReport | null {
    return this.damaged?.report ?? this.integrity;
  }

  /**
   * Opens a user's account and checks its database with quick_check. A database that does not
   * open, or fails the check, is closed and recorded as damaged with every file left as it
   * is: no sync runs on it, and the user is told to export a copy and call support. Returns
   * null in that case.
   */
  openAccount(
    serverUrl: string,
    user: User,
    token: string,
    tokenStorage: TokenStorage = 'protected',
    serverId?: string,
  ): Account | null {
    if (serverId) this.sessions.adoptAddressFolder({ serverId, serverUrl }, user.id);
    const dir = this.accountDir({ serverId, serverUrl }, user.id);
    // Owner-only on Linux: other accounts of a shared workstation cannot read this user's cache.
    // chmod also tightens a folder an older version created; Windows ignores the mode.
    mkdirSync(join(dir, 'blobs'), { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') chmodSync(dir, 0o700);
    const checked = checkDatabaseFile(join(dir, 'sac.db'), this.now());
    if (checked && checked.status !== 'ok') {
      log.error('local database failed its start-up check; nothing was changed', { userId: user.id, status: checked.status });
      this.damaged = { dir, serverUrl, userId: user.id, report: checked };
      return null;
    }
    let account: Account;
    try {
      account = new Account({
        dir,
        serverUrl,
        user,
        token,
        ...(this.options.syncIntervalMs ? { syncIntervalMs: this.options.syncIntervalMs } : {}),
        ...(this.options.automaticSync === false ? { automaticSync: false } : {}),
        ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
        ...(this.options.requestTimeoutMs ? { requestTimeoutMs: this.options.requestTimeoutMs } : {}),
        ...(this.options.now ? { clock: this.options.now } : {}),
        onSyncStatus: (status) => this.emit('sync.status', status),
        onDataChanged: (entities) => {
          this.emit('data.changed', { entities });
          if (entities.includes('ticketEvent')) this.announceNotifications(account);
        },
      });
    } catch (error) {
      if (!isDatabaseDamage(error)) throw error;
      log.error('local database could not be opened; nothing was changed', { userId: user.id, ...describeError(error) });
      this.damaged = { dir, serverUrl, userId: user.id, report: unreadableReport(error, this.now()) };
      return null;
    }
    // A new file was not checked above; checking it now costs nothing and records the time.
    const report = checked ?? quickCheck(account.db, this.now());
    this.account = account;
    this.tokenStorage = tokenStorage;
    this.damaged = null;
    this.integrity = report;
    account.start();
    log.info('account opened', { userId: user.id, role: user.role });
    return account;
  }

  /**
   * Shows the notifications that a pull brought on the desktop: each one when there are a few,
   * one summary when there are more, so a long absence does not fill the screen.
   */
  private announceNotifications(account: Account): void {
    if (this.account !== account) return;
    let fresh;
    try {
      fresh = takeUnannounced(account.db);
    } catch (error) {
      log.error('reading new notifications failed', describeError(error));
      return;
    }
    if (fresh.length === 0) return;
    if (fresh.length > MAX_SEPARATE_ANNOUNCEMENTS) {
      this.desktop.notify(
        { title: `${fresh.length} atualizações nas suas solicitações`, body: 'Abra Notificações para ver cada uma.', ticketId: null },
        () => this.emit('notification.open', { ticketId: null }),
      );
      return;
    }
    for (const notification of fresh) {
      const body = `${notification.subject}\n${notification.actorName}: ${notification.text}`.trim();
      this.desktop.notify({ title: notification.title, body, ticketId: notification.ticketId }, () =>
        this.emit('notification.open', { ticketId: notification.ticketId }),
      );
    }
    log.info('notifications announced', { count: fresh.length });
  }

  async closeAccount(): Promise<void> {
    const account = this.account;
    this.account = null;
    this.integrity = null;
    this.damaged = null;
    await account?.close();
  }

  sessionInfo(): SessionInfo {
    const account = this.account;
    if (!account) {
      const last = this.sessions.lastUsed();
      return { signedIn: false, lastServerUrl: last.serverUrl ?? this.options.defaultServerUrl ?? null, lastEmail: last.email };
    }
    return {
      signedIn: true,
      serverUrl: account.serverUrl,
      user: account.user,
      organizations: account.organizations().map(({ id, name }) => ({ id, name })),
      activeOrganizationId: account.activeOrganizationId,
      tokenStorage: this.tokenStorage,
    };
  }

  syncStatus(): SyncStatus {
    const account = this.account;
    if (!account) {
      return {
        connection: 'offline',
        pendingCount: 0,
        unsyncedCount: 0,
        clockOffsetMs: null,
        lastSuccessAt: null,
        lastError: null,
        nextRetryAt: null,
        progress: null,
      };
    }
    return account.engine.status();
  }

  /** Tells the UI that local data changed after a user action, and lets the engine send it. */
  actionDone(entities: string[]): void {
    this.emit('data.changed', { entities });
    this.account?.engine.actionQueued();
  }
}

/** Turns a failed sign-in request into a sentence for the sign-in form. */
export function signInError(error: unknown, serverUrl: string): AppError {
  if (error instanceof SyncFailure) {
    if (error.kind === 'rejected') return new AppError(error.options.serverCode ?? 'rejected', error.message);
    // The sync messages for these kinds speak of an expired session and of retrying later. At
    // sign-in the server's sentence fits, because it names the wrong credentials or the wait.
    if ((error.kind === 'unauthorized' || error.kind === 'rate_limited') && error.options.serverMessage) {
      return new AppError(error.options.serverCode ?? error.kind, error.options.serverMessage);
    }
    if (error.kind === 'offline' || error.kind === 'timeout') {
      return new AppError(
        error.kind,
        `Não foi possível conectar ao servidor SAC em ${serverUrl}. Confira o endereço e a conexão com a internet.`,
      );
    }
    return new AppError(error.kind, error.message);
  }
  return error instanceof AppError ? error : AppError.of('internal');
}
