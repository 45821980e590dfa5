// The application core: sessions, the signed-in account and the IPC handlers, with no Electron
// in sight. The shell creates one with Electron's platform services; the e2e harness creates
// one with test services, so both run the same handlers over the same kind of local store.
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import {
  CHANNELS,
  IPC_INPUTS,
  type Channel,
  type ChannelOutput,
  type EventName,
  type IpcEvents,
  type IpcResult,
  type SessionInfo,
  type SyncStatus,
} from '../../shared/ipc';
import type { User } from '../../shared/wire';
import { Account } from './account';
import { HANDLERS } from './handlers/index';
import { createLogger, describeError } from './log';
import type { Clipboard, Dialogs, ExternalLinks, Printer, SecretStore } from './platform';
import { SessionStore } from './session';
import type { BackoffPolicy } from './sync/engine';
import { SyncFailure } from './sync/errors';

z.config(z.locales.ptBR());

const log = createLogger('core');

export interface AppCoreOptions {
  userDataDir: string;
  secrets: SecretStore;
  printer: Printer;
  dialogs: Dialogs;
  /** Optional so that tests which never open e-mail or copy text need not supply them. */
  links?: ExternalLinks;
  clipboard?: Clipboard;
  /** Server address offered on the sign-in screen when none was used before. */
  defaultServerUrl?: string;
  syncIntervalMs?: number;
  backoff?: BackoffPolicy;
  requestTimeoutMs?: number;
  now?: () => Date;
}

type EventListener = <E extends EventName>(event: E, payload: IpcEvents[E]) => void;

export class AppCore {
  readonly sessions: SessionStore;
  private account: Account | null = null;
  private readonly listeners = new Set<EventListener>();

  constructor(readonly options: AppCoreOptions) {
    this.sessions = new SessionStore(options.userDataDir, options.secrets);
  }

  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Restores the saved session, if any, and starts syncing; works with the server unreachable. */
  async start(): Promise<void> {
    const saved = this.sessions.load();
    if (saved) this.openAccount(saved.serverUrl, saved.user, saved.token);
  }

  async stop(): Promise<void> {
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

  openAccount(serverUrl: string, user: User, token: string): Account {
    const account = new Account({
      dir: this.sessions.accountDir(serverUrl, user.id),
      serverUrl,
      user,
      token,
      ...(this.options.syncIntervalMs ? { syncIntervalMs: this.options.syncIntervalMs } : {}),
      ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
      ...(this.options.requestTimeoutMs ? { requestTimeoutMs: this.options.requestTimeoutMs } : {}),
      onSyncStatus: (status) => this.emit('sync.status', status),
      onDataChanged: (entities) => this.emit('data.changed', { entities }),
    });
    this.account = account;
    account.start();
    log.info('account opened', { userId: user.id, role: user.role });
    return account;
  }

  async closeAccount(): Promise<void> {
    const account = this.account;
    this.account = null;
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
    };
  }

  syncStatus(): SyncStatus {
    const account = this.account;
    if (!account) {
      return { connection: 'offline', pendingCount: 0, lastSuccessAt: null, lastError: null, nextRetryAt: null, progress: null };
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
