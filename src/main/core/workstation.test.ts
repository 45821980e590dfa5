// Shared workstations: each user's own local data, the session token's storage when the OS has
// no protected store, "Sair" and "Sair e apagar dados deste computador". Runs the real app core
// against the real server on 127.0.0.1.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, ChannelInput, ChannelOutput, IpcResult } from '../../shared/ipc';
import { AppCore } from './appCore';
import type { Dialogs, Printer, SecretStore } from './platform';
import { startSacServer, type RunningSacServer } from './testSupport/sacServer';
import { tempDir } from './testSupport/tempStore';

/** A store whose "encryption" is reversible and marked, like the OS store, or the plain-text fallback. */
function secretStore(protectedByOs: boolean): SecretStore & { encrypted: string[] } {
  const encrypted: string[] = [];
  return {
    encrypted,
    isEncryptionAvailable: () => protectedByOs,
    encrypt: (plainText) => {
      encrypted.push(plainText);
      return Buffer.from(`sealed:${Buffer.from(plainText).toString('hex')}`);
    },
    decrypt: (cipherText) => Buffer.from(cipherText.toString().replace(/^sealed:/, ''), 'hex').toString(),
  };
}

const printer: Printer = {
  print: () => Promise.reject(new Error('no printer in this test')),
  toPdf: () => Promise.reject(new Error('no PDF renderer in this test')),
};
const dialogs: Dialogs = { chooseSavePath: () => Promise.resolve(null) };

let server: RunningSacServer;
const cores: AppCore[] = [];

beforeAll(async () => {
  server = await startSacServer();
});

afterAll(async () => {
  for (const core of cores) await core.stop();
  await server.close();
});

function newCore(userDataDir: string, secrets: SecretStore = secretStore(true)): AppCore {
  const core = new AppCore({ userDataDir, secrets, printer, dialogs, requestTimeoutMs: 5_000, syncIntervalMs: 3_600_000 });
  cores.push(core);
  return core;
}

async function call<C extends Channel>(core: AppCore, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await core.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

function errorOf(result: IpcResult<unknown>) {
  if (result.ok) throw new Error('expected the IPC call to fail');
  return result.error;
}

let userCounter = 0;
function newUser(invite = 'DEMO-CLIENTE') {
  userCounter++;
  return {
    serverUrl: server.url,
    name: `Servidor ${userCounter}`,
    email: `servidor${userCounter}-${Date.now()}@camara.exemplo`,
    password: 'senha-segura-123',
    inviteCode: invite,
  };
}

async function createOfflineTicket(core: AppCore, subject: string) {
  // The ticket stays in the outbox because the sync engine is told the network is gone.
  core.currentAccount!.engine.networkChanged(false);
  await core.currentAccount!.engine.stop();
  return call(core, 'tickets.create', { type: 'solicitacao', severity: 'media', subject, description: 'Texto.', attachmentIds: [] });
}

describe('per-user local data', () => {
  it('gives each user their own folder and cache', async () => {
    const userData = tempDir();
    const core = newCore(userData);
    const ana = newUser();
    await call(core, 'auth.register', ana);
    await createOfflineTicket(core, 'Rascunho da Ana');
    const anaDir = core.currentAccount!.dir;
    await call(core, 'auth.logout', {});

    const bruno = newUser();
    await call(core, 'auth.register', bruno);
    const brunoDir = core.currentAccount!.dir;
    expect(brunoDir).not.toBe(anaDir);
    const list = await call(core, 'tickets.list', {});
    expect(list.items.map((item) => item.subject)).not.toContain('Rascunho da Ana');
    expect(readdirSync(join(userData, 'accounts')).sort()).toHaveLength(2);
  });

  it('keeps the folder owner-only on Linux', async () => {
    if (process.platform === 'win32') return;
    const core = newCore(tempDir());
    await call(core, 'auth.register', newUser());
    const dir = core.currentAccount!.dir;
    const { statSync } = await import('node:fs');
    expect(statSync(dir).mode & 0o077).toBe(0);
  });
});

describe('session token storage', () => {
  it('stores the token only encrypted', async () => {
    const userData = tempDir();
    const secrets = secretStore(true);
    const core = newCore(userData, secrets);
    const session = await call(core, 'auth.register', newUser());
    expect(session.signedIn && session.tokenStorage).toBe('protected');
    const file = readFileSync(join(userData, 'session.json'), 'utf8');
    expect(secrets.encrypted).toHaveLength(1);
    expect(file).not.toContain(secrets.encrypted[0]);
  });

  it('refuses the plain-text fallback without consent', async () => {
    const userData = tempDir();
    const core = newCore(userData, secretStore(false));
    const error = errorOf(await core.invoke('auth.register', newUser()));
    expect(error.code).toBe('secret_storage_unavailable');
    expect(error.message).toContain('cofre de senhas');
    expect(core.sessionInfo().signedIn).toBe(false);
    expect(existsSync(join(userData, 'accounts'))).toBe(false);
  });

  it('stores with the fallback after consent', async () => {
    const userData = tempDir();
    const core = newCore(userData, secretStore(false));
    const session = await call(core, 'auth.register', { ...newUser(), tokenStorage: 'plain-text' });
    expect(session.signedIn && session.tokenStorage).toBe('plain-text');
    await core.stop();

    const again = newCore(userData, secretStore(false));
    await again.start();
    expect(again.sessionInfo()).toMatchObject({ signedIn: true, tokenStorage: 'plain-text' });
  });

  it('keeps a memory-only session until the app closes', async () => {
    const userData = tempDir();
    const secrets = secretStore(false);
    const core = newCore(userData, secrets);
    const user = newUser();
    const session = await call(core, 'auth.register', { ...user, tokenStorage: 'memory' });
    expect(session.signedIn && session.tokenStorage).toBe('memory');
    expect(secrets.encrypted).toEqual([]);
    await core.stop();

    const again = newCore(userData, secretStore(false));
    await again.start();
    expect(again.sessionInfo()).toEqual({ signedIn: false, lastServerUrl: server.url, lastEmail: user.email });
  });
});

describe('sign-out', () => {
  it('Sair removes the token and keeps the data', async () => {
    const userData = tempDir();
    const core = newCore(userData);
    const user = newUser();
    await call(core, 'auth.register', user);
    const dir = core.currentAccount!.dir;
    await call(core, 'auth.logout', {});
    const saved = JSON.parse(readFileSync(join(userData, 'session.json'), 'utf8'));
    expect(saved.active).toBeNull();
    expect(saved.lastEmail).toBe(user.email);
    expect(existsSync(join(dir, 'sac.db'))).toBe(true);
  });

  it('lists unsent actions before erasing', async () => {
    const core = newCore(tempDir());
    await call(core, 'auth.register', newUser());
    await createOfflineTicket(core, 'Trocar o toner da impressora');
    await call(core, 'checklist.set', { itemId: '02', done: true });
    const summary = await call(core, 'localData.summary', {});
    expect(summary.pendingActions.map((action) => action.label)).toEqual([
      'Nova solicitação: Trocar o toner da impressora',
      'Checklist: item 02 marcado como feito',
    ]);
    expect(summary.rejectedCount).toBe(0);
  });

  it('erase needs the confirmation', async () => {
    const core = newCore(tempDir());
    await call(core, 'auth.register', newUser());
    const error = errorOf(await core.invoke('auth.logoutAndErase', {} as never));
    expect(error.code).toBe('invalid_input');
    expect(core.sessionInfo().signedIn).toBe(true);
  });

  it('erase removes only this user data', async () => {
    const userData = tempDir();
    const core = newCore(userData);
    await call(core, 'auth.register', newUser());
    const otherDir = core.currentAccount!.dir;
    await call(core, 'auth.logout', {});

    await call(core, 'auth.register', newUser());
    await createOfflineTicket(core, 'Ação que será perdida');
    const dir = core.currentAccount!.dir;
    expect(existsSync(join(dir, 'sac.db'))).toBe(true);

    const info = await call(core, 'auth.logoutAndErase', { confirmed: true });
    expect(info).toEqual({ signedIn: false, lastServerUrl: server.url, lastEmail: null });
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(join(otherDir, 'sac.db'))).toBe(true);
    const saved = JSON.parse(readFileSync(join(userData, 'session.json'), 'utf8'));
    expect(saved).toMatchObject({ active: null, lastEmail: null });
  });
});
