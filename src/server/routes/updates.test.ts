import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorEnvelope, startTestServer, type TestServer } from '../testing/serverHarness';
import { parseRange, resolveUpdateFile } from './updates';

const LATEST = 'version: 1.2.0\nfiles:\n  - url: SAC Desktop-1.2.0-setup.exe\n    sha512: abc\n    size: 4096\npath: SAC Desktop-1.2.0-setup.exe\n';
const INSTALLER = Buffer.from(Array.from({ length: 4096 }, (_, index) => index % 251));

let server: TestServer;
let plain: TestServer;
let baseDir: string;
let feedDir: string;

beforeAll(async () => {
  baseDir = mkdtempSync(join(tmpdir(), 'sac-updates-'));
  feedDir = join(baseDir, 'feed');
  mkdirSync(feedDir);
  writeFileSync(join(feedDir, 'latest.yml'), LATEST);
  writeFileSync(join(feedDir, 'latest-linux.yml'), LATEST.replaceAll('-setup.exe', '.AppImage'));
  writeFileSync(join(feedDir, 'SAC Desktop-1.2.0-setup.exe'), INSTALLER);
  writeFileSync(join(feedDir, '.secret'), 'CONTEUDO-OCULTO');
  mkdirSync(join(feedDir, 'old'));
  writeFileSync(join(feedDir, 'old', 'latest.yml'), 'old');
  // A file beside the feed folder that no request may reach.
  writeFileSync(join(feedDir, '..', 'outside-feed.txt'), 'CONTEUDO-FORA-DO-FEED');
  server = await startTestServer({ updatesDir: feedDir });
  plain = await startTestServer();
});

afterAll(async () => {
  await server.dispose();
  await plain.dispose();
  rmSync(baseDir, { recursive: true, force: true });
});

describe('GET /updates', () => {
  it('serves the Windows feed as YAML', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/updates/latest.yml' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/yaml; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toBe(LATEST);
  });

  it('serves the Linux feed', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/updates/latest-linux.yml' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('.AppImage');
  });

  it('serves an installer named with spaces', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/updates/SAC%20Desktop-1.2.0-setup.exe' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect(response.headers['content-length']).toBe('4096');
    expect(response.rawPayload.equals(INSTALLER)).toBe(true);
  });

  it('answers HEAD with the size', async () => {
    const response = await server.app.inject({ method: 'HEAD', url: '/updates/SAC%20Desktop-1.2.0-setup.exe' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-length']).toBe('4096');
    expect(response.body).toBe('');
  });

  it('serves a byte range', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/updates/SAC%20Desktop-1.2.0-setup.exe',
      headers: { range: 'bytes=100-199' },
    });
    expect(response.statusCode).toBe(206);
    expect(response.headers['content-range']).toBe('bytes 100-199/4096');
    expect(response.rawPayload.equals(INSTALLER.subarray(100, 200))).toBe(true);
  });

  it('rejects a range past the end', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/updates/latest.yml', headers: { range: 'bytes=999999-' } });
    expectErrorEnvelope(response, 416, 'range_not_satisfiable');
    expect(response.headers['content-range']).toBe(`bytes */${Buffer.byteLength(LATEST)}`);
  });

  it('answers 404 for a missing file', async () => {
    expectErrorEnvelope(await server.app.inject({ method: 'GET', url: '/updates/latest-mac.yml' }), 404, 'not_found');
  });

  it('refuses paths that leave the folder', async () => {
    for (const url of [
      '/updates/..%2Foutside-feed.txt',
      '/updates/../outside-feed.txt',
      '/updates/%2e%2e%2foutside-feed.txt',
      '/updates/..%5Coutside-feed.txt',
      '/updates/old/latest.yml',
      '/updates/old%2Flatest.yml',
      '/updates/.secret',
      '/updates/latest.yml%00.exe',
      '/updates/',
    ]) {
      const response = await server.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain('CONTEUDO-FORA-DO-FEED');
      expect(response.body, url).not.toContain('CONTEUDO-OCULTO');
    }
  });

  it('needs no session', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/updates/latest.yml', headers: { authorization: 'Bearer invalido' } });
    expect(response.statusCode).toBe(200);
  });

  it('is absent without an updates folder', async () => {
    expectErrorEnvelope(await plain.app.inject({ method: 'GET', url: '/updates/latest.yml' }), 404, 'not_found');
  });
});

describe('resolveUpdateFile', () => {
  it('accepts plain file names', () => {
    expect(resolveUpdateFile('/srv/feed', 'latest.yml')).toBe(join('/srv/feed', 'latest.yml'));
    expect(resolveUpdateFile('/srv/feed', 'sac-desktop_1.2.0_amd64.deb')).toBe(join('/srv/feed', 'sac-desktop_1.2.0_amd64.deb'));
  });

  it('rejects anything else', () => {
    for (const name of ['', '..', '../x', 'a/b', 'a\\b', '.hidden', 'a..b', 'x\u0000y', '/etc/passwd']) {
      expect(resolveUpdateFile('/srv/feed', name), JSON.stringify(name)).toBeNull();
    }
  });
});

describe('parseRange', () => {
  it('parses the range forms', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=95-200', 100)).toEqual({ start: 95, end: 99 });
  });

  it('serves whole files for other forms', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('items=0-1', 100)).toBeNull();
  });

  it('rejects unsatisfiable ranges', () => {
    expect(parseRange('bytes=100-', 100)).toBe('invalid');
    expect(parseRange('bytes=9-3', 100)).toBe('invalid');
    expect(parseRange('bytes=-', 100)).toBe('invalid');
  });
});
