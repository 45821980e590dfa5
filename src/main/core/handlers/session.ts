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
  // The server's permanent id names the local folder; an older server without one falls back to the address.
  const serverId = (await new SacApi({ serverUrl: url }).serverInfo().catch(() => null))?.serverId;
  await core.closeAccount();
  const stored = core.sessions.save({ serverUrl: url, serverId, user: response.user, token: response.token }, storage);
  core.openAccount(url, response.user, response.token, stored, serverId);
  const info = core.sessionInfo();
  core.emit('session.changed', info);
  return info;
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
