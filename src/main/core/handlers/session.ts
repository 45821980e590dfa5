// Handlers of sign-in, sign-out, the active organization and the sync status.
import { AppError } from '../../../shared/errors';
import type { TokenStorage } from '../../../shared/ipc';
import type { AuthResponse } from '../../../shared/wire';
import { signInError, type AppCore } from '../appCore';
import { eraseAccountFolder } from '../localData';
import { createLogger, describeError } from '../log';
import { normalizeServerUrl, SacApi } from '../sync/sacApi';
import type { HandlerGroup } from './types';

const log = createLogger('handlers');

function parseServerUrl(input: string): string {
  try {
    return normalizeServerUrl(input);
  } catch {
    throw new AppError('invalid_input', 'Endereço do servidor inválido. Use o formato https://sac.exemplo.com.br.', [
      { path: 'serverUrl', message: 'Endereço inválido.' },
    ]);
  }
}

/**
 * Decides where the token of a new session goes. Without an OS-protected store the sign-in is
 * refused before the server is contacted, unless the user chose the plain-text fallback or a
 * session kept only in memory.
 */
function chooseTokenStorage(core: AppCore, requested: 'plain-text' | 'memory' | undefined): TokenStorage {
  if (core.options.secrets.isEncryptionAvailable()) return 'protected';
  if (!requested) throw AppError.of('secret_storage_unavailable');
  log.warn('session token kept without OS protection, as the user chose', { storage: requested });
  return requested;
}

async function signIn(
  core: AppCore,
  serverUrl: string,
  requestedStorage: 'plain-text' | 'memory' | undefined,
  request: (api: SacApi) => Promise<AuthResponse>,
) {
  const url = parseServerUrl(serverUrl);
  const storage = chooseTokenStorage(core, requestedStorage);
  const api = new SacApi({ serverUrl: url });
  let response;
  try {
    response = await request(api);
  } catch (error) {
    throw signInError(error, url);
  }
  const serverId = await identifyServer(core, url, response.token);
  await core.closeAccount();
  const stored = core.sessions.save({ serverUrl: url, serverId, user: response.user, token: response.token }, storage);
  core.openAccount(url, response.user, response.token, stored, serverId);
  const info = core.sessionInfo();
  core.emit('session.changed', info);
  return info;
}

/** Attempts at GET /server-info after a successful sign-in, and the pause between them. */
const IDENTIFY_ATTEMPTS = 3;
const IDENTIFY_PAUSE_MS = 500;

/**
 * Returns the server's permanent id, which names the user's local folder. An older server
 * without one gives undefined, and the folder is named after the address. When the request
 * fails, the id last seen at this address serves. With none, the sign-in is refused, because
 * a folder named after the address would hide the actions queued under the id.
 */
async function identifyServer(core: AppCore, url: string, token: string): Promise<string | undefined> {
  const api = new SacApi({ serverUrl: url });
  let failure: unknown;
  for (let attempt = 1; attempt <= IDENTIFY_ATTEMPTS; attempt++) {
    try {
      return (await api.serverInfo()).serverId;
    } catch (error) {
      failure = error;
      if (attempt < IDENTIFY_ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, IDENTIFY_PAUSE_MS * attempt));
    }
  }
  const known = core.sessions.knownServerId(url);
  log.warn('server-info failed after sign-in', { ...describeError(failure), knownId: Boolean(known) });
  if (known) return known;
  // The new session is of no use without its folder; the server may forget it now.
  await new SacApi({ serverUrl: url, token }).logout().catch(() => undefined);
  throw AppError.of('server_identity_unavailable');
}

type SessionChannel =
  | 'session.get'
  | 'auth.login'
  | 'auth.register'
  | 'auth.logout'
  | 'organization.select'
  | 'sync.status'
  | 'sync.now'
  | 'network.changed'
  | 'auth.logoutAndErase';

export const sessionHandlers: HandlerGroup<SessionChannel> = {
  'session.get': (core) => core.sessionInfo(),

  'auth.login': (core, input) =>
    signIn(core, input.serverUrl, input.tokenStorage, (api) => api.login({ email: input.email, password: input.password })),

  'auth.register': (core, input) =>
    signIn(core, input.serverUrl, input.tokenStorage, (api) =>
      api.register({ name: input.name, email: input.email, password: input.password, inviteCode: input.inviteCode }),
    ),

  'auth.logout': async (core) => {
    const account = core.currentAccount;
    if (account) {
      // Best effort: offline, the token is still forgotten on this computer.
      await account.api.logout().catch((error: unknown) => log.info('logout not sent to server', describeError(error)));
    }
    await core.closeAccount();
    core.sessions.clear();
    const info = core.sessionInfo();
    core.emit('session.changed', info);
    return info;
  },

  // "Sair e apagar dados deste computador": the renderer showed the actions not yet sent
  // (localData.summary) and the user confirmed. Those actions are lost with the folder.
  'auth.logoutAndErase': async (core) => {
    const account = core.currentAccount;
    const damaged = core.damagedAccount;
    const dir = account ? account.dir : (damaged?.dir ?? null);
    if (account) {
      log.warn('erasing local data with actions not yet sent', { pending: account.engine.status().pendingCount, userId: account.user.id });
      await account.api.logout().catch((error: unknown) => log.info('logout not sent to server', describeError(error)));
    }
    await core.closeAccount();
    core.sessions.clear({ forgetEmail: true });
    if (dir) eraseAccountFolder(dir);
    const info = core.sessionInfo();
    core.emit('session.changed', info);
    return info;
  },

  'organization.select': (core, input) => {
    const account = core.requireAccount();
    if (!account.organizations().some((organization) => organization.id === input.organizationId)) {
      throw AppError.of('forbidden');
    }
    account.selectOrganization(input.organizationId);
    core.emit('data.changed', { entities: ['ticket', 'organization'] });
    return core.sessionInfo();
  },

  'sync.status': (core) => core.syncStatus(),

  'sync.now': (core) => core.requireAccount().engine.syncNow(),

  'network.changed': (core, input) => {
    core.currentAccount?.engine.networkChanged(input.online);
    return core.syncStatus();
  },
};
