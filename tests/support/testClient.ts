// An app core for tests under Node: the same handlers the UI calls, over a real local store in
// a temporary folder, talking to whatever server address the test gives it (often a fault proxy).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AppCore, type AppCoreOptions } from '../../src/main/core/appCore';
import type { Channel, ChannelInput, ChannelOutput } from '../../src/shared/ipc';
import { folderDialogs, noPrinter, testSecrets } from './testPlatform';

export function newCore(options: Partial<AppCoreOptions> = {}): AppCore {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'sac-client-'));
  return new AppCore({
    userDataDir,
    secrets: testSecrets,
    printer: noPrinter,
    dialogs: folderDialogs(join(userDataDir, 'saved')),
    backoff: { baseMs: 100, maxMs: 1_000 },
    requestTimeoutMs: 3_000,
    ...options,
  });
}

/** Calls an IPC channel and returns its value, failing the test with the pt-BR message otherwise. */
export async function call<C extends Channel>(core: AppCore, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await core.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

let userNumber = 0;

export async function registerCore(
  core: AppCore,
  serverUrl: string,
  inviteCode: 'DEMO-CLIENTE' | 'DEMO-CONSULTOR' | 'DEMO-OUTRA',
  name = 'Pessoa de Teste',
): Promise<{ email: string; password: string }> {
  userNumber += 1;
  const email = `pessoa${userNumber}-${process.pid}-${Date.now()}@exemplo.com.br`;
  const password = 'senha-de-teste-1';
  await call(core, 'auth.register', { serverUrl, name, email, password, inviteCode });
  return { email, password };
}

/** Opens the server's database read-only, to count what the server really holds. */
export function openServerDatabase(dataDir: string): Database.Database {
  return new Database(join(dataDir, 'sac-server.db'), { readonly: true, fileMustExist: true });
}
