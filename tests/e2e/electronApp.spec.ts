// Smoke test of the real Electron app with Playwright's _electron: the window opens from
// app://, the renderer has window.sac and no Node, IPC answers, navigation and new windows are
// blocked, and a second launch exits. It needs the Electron binary, which is downloaded from
// the internet at install time; where it is missing (machines with no internet, CI here) the
// test skips itself and says so. It is not excluded from the run in any other way.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';

const ROOT = resolve(__dirname, '../..');

/**
 * Returns the Electron binary's path, or null when it was never downloaded. The path is read
 * from the package's path.txt instead of require('electron'), which would try to download
 * the binary from the internet.
 */
function electronBinary(): string | null {
  const packageDir = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const SKIP_REASON =
  'SKIPPED: the Electron binary is not installed (node_modules/electron/path.txt or dist/ is missing), so the real app ' +
  'cannot start here. Run `npx install-electron` (or `npm start`) with internet access to download it, then `npx playwright test tests/e2e/electronApp.spec.ts`.';

let app: ElectronApplication;
let userDataDir: string;

function launchEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  delete env.ELECTRON_RUN_AS_NODE;
  return { ...env, SAC_USER_DATA_DIR: userDataDir, SAC_SERVER_URL: 'http://127.0.0.1:9' };
}

test.beforeAll(async () => {
  if (binary === null) {
    // The list reporter does not show skip reasons, so the reason is printed too.
    console.log(`[electronApp.spec] ${SKIP_REASON}`);
    test.skip(true, SKIP_REASON);
    return;
  }
  // better-sqlite3 must be built for Electron's ABI; afterAll switches it back for Node.
  const native = spawnSync(process.execPath, [join(ROOT, 'scripts/native.mjs'), 'electron'], { cwd: ROOT, encoding: 'utf8' });
  expect(native.status, `better-sqlite3 could not be prepared for Electron:\n${native.stdout}\n${native.stderr}`).toBe(0);
  userDataDir = mkdtempSync(join(tmpdir(), 'sac-electron-'));
  app = await electron.launch({ executablePath: binary!, args: [ROOT], cwd: ROOT, env: launchEnv() });
});

test.afterAll(async () => {
  if (binary === null) return;
  await app?.close();
  spawnSync(process.execPath, [join(ROOT, 'scripts/native.mjs'), 'node'], { cwd: ROOT, stdio: 'inherit' });
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

test('the app window opens securely', async () => {
  const window = await app.firstWindow();
  await expect(window).toHaveTitle('SAC Desktop');
  expect(window.url()).toBe('app://sac/index.html');
  await expect(window.getByLabel('Endereço do servidor SAC')).toHaveValue('http://127.0.0.1:9');

  // The renderer sees window.sac and nothing of Node.
  const globals = await window.evaluate(() => {
    const page = globalThis as unknown as Record<string, unknown> & { sac: { invoke: unknown; on: unknown } };
    return { sac: Object.keys(page.sac).sort(), require: typeof page.require, process: typeof page.process };
  });
  expect(globals).toEqual({ sac: ['invoke', 'on'], require: 'undefined', process: 'undefined' });

  // IPC from the app's own page is trusted and validated.
  const session = await window.evaluate(() =>
    (globalThis as unknown as { sac: { invoke: (channel: string, input: unknown) => Promise<unknown> } }).sac.invoke('session.get', {}),
  );
  expect(session).toMatchObject({ ok: true, value: { signedIn: false } });
});

test('navigation and new windows are blocked', async () => {
  const window = await app.firstWindow();
  // Targets on this machine only; the guards stop them before any request is made.
  await window.evaluate(() => {
    const page = globalThis as unknown as { location: { href: string }; open: (url: string) => unknown };
    page.open('http://127.0.0.1:9/nova-janela');
    page.location.href = 'http://127.0.0.1:9/fora-do-app';
  });
  await window.waitForTimeout(1_000);
  expect(window.url()).toBe('app://sac/index.html');
  expect(app.windows()).toHaveLength(1);
});

test('a second launch exits and leaves one window', async () => {
  const second = spawn(binary!, [ROOT], { cwd: ROOT, env: launchEnv(), stdio: 'ignore' });
  const code = await new Promise<number | null>((done) => second.on('exit', done));
  expect(code).toBe(0);
  expect(app.windows()).toHaveLength(1);
});
