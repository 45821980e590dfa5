// The local copy, the start-up integrity check and the diagnostics export, through the real app
// core against the real server on 127.0.0.1 and real SQLite files.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/ipc';
import { AppCore } from '../appCore';
import { createLogger } from '../log';
import type { Dialogs, Printer, SecretStore } from '../platform';
import { startSacServer, type RunningSacServer } from '../testSupport/sacServer';
import { tempDir } from '../testSupport/tempStore';

const secrets: SecretStore = {
  isEncryptionAvailable: () => true,
  encrypt: (plainText) => Buffer.from(plainText, 'utf8').reverse(),
  decrypt: (cipherText) => Buffer.from(cipherText).reverse().toString('utf8'),
};
const printer: Printer = {
  print: () => Promise.reject(new Error('no printer in this test')),
  toPdf: () => Promise.reject(new Error('no PDF renderer in this test')),
};

/** A save dialog that answers with a file in `folder`, or cancels when `folder` is null. */
function saveInto(folder: string | null): Dialogs {
  return { chooseSavePath: async ({ defaultName }) => (folder ? join(folder, defaultName) : null) };
}

let server: RunningSacServer;
const cores: AppCore[] = [];

beforeAll(async () => {
  server = await startSacServer();
});

afterAll(async () => {
  for (const core of cores) await core.stop();
  await server.close();
});

function newCore(userDataDir: string, saveFolder: string | null = null): AppCore {
  const core = new AppCore({
    userDataDir,
    secrets,
    printer,
    dialogs: saveInto(saveFolder),
    requestTimeoutMs: 5_000,
    appVersion: '1.4.2',
  });
  cores.push(core);
  return core;
}

async function call<C extends Channel>(core: AppCore, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await core.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

const PERSON = { name: 'Joana Damasceno', email: `joana.damasceno-${Date.now()}@camara.exemplo`, password: 'senha-muito-secreta-9' };

async function signedInCore(userData: string, saveFolder: string | null = null) {
  const core = newCore(userData, saveFolder);
  await call(core, 'auth.register', { serverUrl: server.url, ...PERSON, email: `${Date.now()}-${PERSON.email}`, inviteCode: 'DEMO-CLIENTE' });
  await core.currentAccount!.engine.syncNow();
  return core;
}

/** Overwrites 4 KiB of a closed database file at `offset`. */
function damage(file: string, offset: number) {
  const handle = openSync(file, 'r+');
  writeSync(handle, Buffer.alloc(4096, 0x5a), 0, 4096, offset);
  closeSync(handle);
}

describe('localData.exportBackup', () => {
  it('writes a consistent copy of the user database', async () => {
    const saved = tempDir();
    const core = await signedInCore(tempDir(), saved);
    const result = await call(core, 'localData.exportBackup', {});
    expect(result.savedTo).toMatch(/copia-sac-desktop-\d{4}-\d{2}-\d{2}-\d{4}\.db$/);
    const copy = new Database(result.savedTo!, { readonly: true });
    const tickets = (copy.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
    copy.close();
    const live = (core.currentAccount!.db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
    expect(tickets).toBe(live);
    expect(tickets).toBeGreaterThan(0);
  });

  it('does nothing when the dialog is cancelled', async () => {
    const core = await signedInCore(tempDir(), null);
    expect(await call(core, 'localData.exportBackup', {})).toEqual({ savedTo: null });
  });
});

describe('start-up integrity check', () => {
  it('reports ok for a healthy store', async () => {
    const core = await signedInCore(tempDir());
    expect((await call(core, 'localData.integrity', {})).status).toBe('ok');
  });

  it('reports a damaged store and keeps it', async () => {
    const userData = tempDir();
    const first = await signedInCore(userData);
    const account = first.currentAccount!;
    const dir = account.dir;
    // The tickets table's root page: damaging it leaves the header and schema readable, so the
    // file opens and only the check finds the problem.
    const { rootpage } = account.db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'tickets'").get() as { rootpage: number };
    await first.stop();
    const file = join(dir, 'sac.db');
    damage(file, 4096 * (rootpage - 1));
    const bytes = readFileSync(file);

    const core = newCore(userData);
    await core.start();
    const integrity = await call(core, 'localData.integrity', {});
    expect(integrity.status).toBe('damaged');
    expect(core.sessionInfo().signedIn).toBe(false);
    expect(core.currentAccount).toBeNull();
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('reports an unreadable store and copies its bytes', async () => {
    const userData = tempDir();
    const saved = tempDir();
    const first = await signedInCore(userData);
    const dir = first.currentAccount!.dir;
    await first.stop();
    const file = join(dir, 'sac.db');
    damage(file, 0);
    const bytes = readFileSync(file);

    const core = newCore(userData, saved);
    await core.start();
    expect(core.sessionInfo().signedIn).toBe(false);
    expect((await call(core, 'localData.integrity', {})).status).toBe('unreadable');
    const copy = await call(core, 'localData.exportBackup', {});
    expect(readFileSync(copy.savedTo!).equals(bytes)).toBe(true);
    // Nothing in the folder was deleted or rewritten.
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(dir)).toContain('blobs');

    // The way out once support has the copy: erase this computer's data and sign in again.
    await call(core, 'auth.logoutAndErase', { confirmed: true });
    expect(existsSync(dir)).toBe(false);
    expect((await call(core, 'localData.integrity', {})).status).toBe('notChecked');
  });
});

describe('support.exportDiagnostics', () => {
  it('holds versions and state but no personal data', async () => {
    const saved = tempDir();
    const core = await signedInCore(tempDir(), saved);
    const user = core.currentAccount!.user;
    await call(core, 'tickets.create', {
      type: 'reclamacao',
      severity: 'media',
      subject: 'Assunto confidencial do gabinete',
      description: 'Descrição com dados do contribuinte.',
      attachmentIds: [],
    });
    // A problem logged with personal data in it, as an unexpected error message might carry.
    createLogger('test').warn(`request for ${user.email} failed`, { token: 'segredo', subject: 'Assunto confidencial' });

    const result = await call(core, 'support.exportDiagnostics', {});
    expect(result.savedTo).toMatch(/diagnostico-sac-desktop-.*\.json$/);
    const text = readFileSync(result.savedTo!, 'utf8');
    const diagnostics = JSON.parse(text);
    expect(diagnostics.versions.app).toBe('1.4.2');
    expect(diagnostics.versions.node).toBe(process.versions.node);
    expect(diagnostics.session).toEqual({ signedIn: true, role: 'cliente', server: server.url, tokenStorage: 'protected' });
    expect(diagnostics.sync.pendingCount).toBeGreaterThanOrEqual(0);
    expect(diagnostics.localStore.integrity.status).toBe('ok');
    expect(diagnostics.localStore.schemaVersion).toBeGreaterThan(0);
    expect(diagnostics.recentProblems.some((problem: { message: string }) => problem.message === 'request for [e-mail] failed')).toBe(true);

    for (const personal of [user.email, user.name, PERSON.password, 'Assunto confidencial', 'contribuinte', 'segredo']) {
      expect(text, `diagnostics contain "${personal}"`).not.toContain(personal);
    }
    expect(existsSync(result.savedTo!)).toBe(true);
  });

  it('works signed out', async () => {
    const core = newCore(tempDir(), tempDir());
    await core.start();
    const result = await call(core, 'support.exportDiagnostics', {});
    const diagnostics = JSON.parse(readFileSync(result.savedTo!, 'utf8'));
    expect(diagnostics.session.signedIn).toBe(false);
    expect(diagnostics.sync).toBeNull();
    expect(diagnostics.updates.phase).toBe('unavailable');
  });
});
