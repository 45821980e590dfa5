// electron-builder.yml checked offline with app-builder-lib's own configuration loader and
// schema validation, since electron-builder itself cannot download Electron here.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

async function loadConfig(dir = ROOT) {
  return getConfig(dir, join(dir, 'electron-builder.yml'), null);
}

describe('electron-builder.yml', () => {
  it('passes the schema validation', async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds NSIS for Windows and AppImage and deb for Linux', async () => {
    const config = await loadConfig();
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
  });

  it('unpacks better-sqlite3 native file from the asar', async () => {
    const config = await loadConfig();
    const patterns = config.asarUnpack as string[];
    expect(patterns.some((pattern) => minimatch('node_modules/better-sqlite3/build/Release/better_sqlite3.node', pattern))).toBe(true);
    expect(patterns.some((pattern) => minimatch('node_modules/react/index.js', pattern))).toBe(false);
  });

  it('packs the app build and the tray icons', async () => {
    const config = await loadConfig();
    // The loader wraps the file list into one filter set.
    const files = config.files as Array<{ filter: string[] }>;
    expect(files[0]!.filter).toEqual(expect.arrayContaining(['out/**', 'resources/tray/**', 'package.json', '!**/*.map']));
  });

  it('publishes a generic https feed', async () => {
    const config = await loadConfig();
    expect(config.publish).toMatchObject({ provider: 'generic' });
    expect((config.publish as { url: string }).url).toMatch(/^https:\/\/.+\/updates$/);
  });

  it('rejects an unknown option', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sac-builder-'));
    try {
      copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
      writeFileSync(join(dir, 'electron-builder.yml'), 'appId: br.com.exemplo\nwin:\n  target: [nsis]\n  notAnOption: true\n');
      const config = await loadConfig(dir);
      await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(/configuration\.win/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
