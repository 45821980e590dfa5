#!/usr/bin/env node
// Starts SAC Desktop from a checkout.
//   npm start        the app, with a demonstration SAC server beside it on 127.0.0.1:8787
//   npm run app      the app alone; the user types their own SAC server's address at sign-in
// Both build the app first and make sure better-sqlite3 is built for Electron. The demo server
// runs on Electron's own Node (ELECTRON_RUN_AS_NODE), so it shares the app's native build.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electronBinary.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const withDemo = !process.argv.includes('--no-demo');
const demoPort = Number(process.env.SAC_DEMO_PORT ?? 8787);
const demoDataDir = resolve(process.env.SAC_DEMO_DATA ?? join(root, '.demo-server'));

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(process.execPath, [join(root, 'scripts/native.mjs'), 'electron']);
run(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'build']);

const electron = electronBinary();
let server = null;

function startDemoServer() {
  mkdirSync(demoDataDir, { recursive: true });
  return new Promise((resolvePromise, reject) => {
    const child = spawn(electron, [join(root, 'out/main/server.js'), '--port', String(demoPort), '--data', demoDataDir, '--demo'], {
      cwd: root,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (chunk) => {
      const text = chunk.toString();
      process.stdout.write(`[servidor demo] ${text}`);
      const match = /listening on (http:\/\/\S+)/.exec(text);
      if (match) resolvePromise({ child, url: match[1] });
    });
    child.on('exit', (code) => reject(new Error(`the demo server stopped (exit code ${code}); is port ${demoPort} in use? Set SAC_DEMO_PORT to another port.`)));
  });
}

const env = { ...process.env };
if (withDemo) {
  try {
    server = await startDemoServer();
  } catch (error) {
    console.error(`[start] ${error.message}`);
    process.exit(1);
  }
  env.SAC_SERVER_URL = server.url;
  console.log(`[start] demo server at ${server.url}; sign up with the invite code DEMO-CLIENTE or DEMO-CONSULTOR`);
}

const app = spawn(electron, ['.'], { cwd: root, env, stdio: 'inherit' });
const stopServer = () => server?.child.kill('SIGTERM');
app.on('exit', (code) => {
  stopServer();
  process.exit(code ?? 0);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    app.kill(signal);
    stopServer();
  });
}
