import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcResult } from '../../shared/ipc';
import { AppCore } from './appCore';
import type { Dialogs, Printer, SecretStore } from './platform';
import { unusedPort } from './testSupport/faultServer';
import { startSacServer, type RunningSacServer } from './testSupport/sacServer';
import { tempDir } from './testSupport/tempStore';

// Platform stand-ins: sign-in never prints or opens a dialog, and the token is only stored.
const secrets: SecretStore = {
  isEncryptionAvailable: () => true,
  encrypt: (plainText) => Buffer.from(plainText, 'utf8'),
  decrypt: (cipherText) => cipherText.toString('utf8'),
};
const printer: Printer = {
  print: () => Promise.reject(new Error('no printer in this test')),
  toPdf: () => Promise.reject(new Error('no PDF renderer in this test')),
};
const dialogs: Dialogs = { chooseSavePath: () => Promise.resolve(null) };

function errorOf(result: IpcResult<unknown>) {
  if (result.ok) throw new Error('expected the IPC call to fail');
  return result.error;
}

function newCore(): AppCore {
  return new AppCore({ userDataDir: tempDir(), secrets, printer, dialogs, requestTimeoutMs: 5_000 });
}

describe('AppCore sign-in errors', () => {
  let server: RunningSacServer;

  beforeAll(async () => {
    server = await startSacServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('wrong password names the credentials', async () => {
    const login = { serverUrl: server.url, email: 'ninguem@exemplo.com.br', password: 'errada' };
    const result = await newCore().invoke('auth.login', login);

    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_credentials', message: 'E-mail ou senha incorretos. Confira os dados e tente de novo.' },
    });
  });

  it('too many attempts says how long to wait', async () => {
    // A server of its own, because the failures also count against 127.0.0.1 for every test.
    const limited = await startSacServer();
    const core = newCore();
    const login = { serverUrl: limited.url, email: `bloqueio-${randomUUID()}@exemplo.com.br`, password: 'errada' };
    let result = await core.invoke('auth.login', login);
    // The server allows 10 failed attempts in 15 minutes for one e-mail or one address.
    for (let attempt = 2; attempt <= 11; attempt++) result = await core.invoke('auth.login', login);
    await limited.close();

    expect(errorOf(result).code).toBe('too_many_attempts');
    expect(errorOf(result).message).toMatch(/^Muitas tentativas sem sucesso\. Aguarde \d+ minutos? e tente/);
  });

  it('invalid invite keeps the server message', async () => {
    const result = await newCore().invoke('auth.register', {
      serverUrl: server.url,
      name: 'Rafael',
      email: `convite-${randomUUID()}@exemplo.com.br`,
      password: 'senha-de-teste-1',
      inviteCode: 'NAO-EXISTE',
    });

    expect(errorOf(result).code).toBe('invalid_invite');
    expect(errorOf(result).message).toContain('Código de convite inválido');
  });

  it('unreachable server names the address', async () => {
    const url = `http://127.0.0.1:${await unusedPort()}`;
    const result = await newCore().invoke('auth.login', { serverUrl: url, email: 'a@exemplo.com.br', password: 'x' });

    expect(errorOf(result).code).toBe('offline');
    expect(errorOf(result).message).toBe(
      `Não foi possível conectar ao servidor SAC em ${url}. Confira o endereço e a conexão com a internet.`,
    );
  });

  it('successful login opens the account', async () => {
    const email = `entrada-${randomUUID()}@exemplo.com.br`;
    const core = newCore();
    const account = { serverUrl: server.url, name: 'Rafael', email, password: 'senha-de-teste-1', inviteCode: 'DEMO-CLIENTE' };
    await core.invoke('auth.register', account);
    await core.invoke('auth.logout', {});
    const result = await core.invoke('auth.login', { serverUrl: server.url, email, password: 'senha-de-teste-1' });
    await core.stop();

    expect(result).toMatchObject({ ok: true, value: { signedIn: true } });
  });
});
