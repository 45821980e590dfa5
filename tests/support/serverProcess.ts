// Starts the real SAC server as a child process on 127.0.0.1, the way `npm run server` does,
// and stops or restarts it on the same port and data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
  /** Starts the server again on the same port and data folder after stop(), with extra options for this start only. */
  start(extraArgs?: string[]): Promise<void>;
}

function launch(args: string[]): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/cli.ts'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'test' },
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolvePromise({ child, port: Number(match[1]) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before listening:\n${output}`));
    });
  });
}

export async function startServerProcess(
  options: { demo?: boolean; dataDir?: string; updatesDir?: string } = {},
): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sac-server-'));
  const baseArgs = [
    '--data',
    dataDir,
    '--log-level',
    'warn',
    ...(options.demo ? ['--demo'] : []),
    ...(options.updatesDir ? ['--updates', options.updatesDir] : []),
  ];
  let { child, port } = await launch(['--port', '0', ...baseArgs]);
  const server: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    async stop() {
      if (child.exitCode !== null) return;
      await new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      });
    },
    async start(extraArgs: string[] = []) {
      ({ child } = await launch(['--port', String(port), ...baseArgs, ...extraArgs]));
    },
  };
  return server;
}
