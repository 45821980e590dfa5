// Handlers of sign-in, sign-out, the active organization and the sync status.
import { AppError } from '../../../shared/errors';
import type { AuthResponse } from '../../../shared/wire';
import { signInError, type AppCore } from '../appCore';
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

async function signIn(core: AppCore, serverUrl: string, request: (api: SacApi) => Promise<AuthResponse>) {
  const url = parseServerUrl(serverUrl);
  const api = new SacApi({ serverUrl: url });
  let response;
  try {
    response = await request(api);
  } catch (error) {
    throw signInError(error, url);
  }
  await core.closeAccount();
  core.sessions.save({ serverUrl: url, user: response.user, token: response.token });
  core.openAccount(url, response.user, response.token);
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
  | 'network.changed';

export const sessionHandlers: HandlerGroup<SessionChannel> = {
  'session.get': (core) => core.sessionInfo(),

  'auth.login': (core, input) =>
    signIn(core, input.serverUrl, (api) => api.login({ email: input.email, password: input.password })),

  'auth.register': (core, input) =>
    signIn(core, input.serverUrl, (api) =>
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
