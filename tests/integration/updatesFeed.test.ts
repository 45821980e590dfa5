// The reference server's --updates option, as `npm run server` starts it: the feed folder is
// served under /updates/ over real HTTP on 127.0.0.1, and a wrong folder stops the start.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';

const ROOT = resolve(__dirname, '../..');
let server: ServerProcess;
let feedDir: string;

beforeAll(async () => {
  feedDir = mkdtempSync(join(tmpdir(), 'sac-feed-'));
  writeFileSync(join(feedDir, 'latest-linux.yml'), 'version: 9.9.9\npath: SAC-Desktop-9.9.9.AppImage\n');
  server = await startServerProcess({ updatesDir: feedDir });
});

afterAll(async () => {
  await server?.stop();
  rmSync(feedDir, { recursive: true, force: true });
});

describe('server --updates', () => {
  it('serves the feed folder over HTTP', async () => {
    const response = await fetch(`${server.url}/updates/latest-linux.yml`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/yaml; charset=utf-8');
    expect(await response.text()).toContain('version: 9.9.9');
  });

  it('rejects a folder that does not exist', () => {
    const missing = join(feedDir, 'nao-existe');
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/cli.ts'), '--port', '0', '--data', feedDir, '--updates', missing], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`--updates must name an existing folder; ${missing} is not one.`);
  });
});
