// Finds Electron's binary for the start-up scripts, downloading it first when it is missing.
// The electron package would do that download itself on first use, but without internet it
// prints a long stack and advice that does not apply; this runs the same installer quietly and
// says in one paragraph what is missing and what still works.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

export function electronBinary() {
  const packageDir = dirname(require.resolve('electron/package.json'));
  const install = spawnSync(process.execPath, [join(packageDir, 'install.js')], { encoding: 'utf8' });
  if (install.status === 0) return require('electron');
  const version = require('electron/package.json').version;
  const reason = `${install.stderr ?? ''}${install.stdout ?? ''}`.trim().split('\n').find((line) => /error|failed/i.test(line));
  console.error(
    [
      `[electron] Electron ${version}'s binary is not installed and could not be downloaded`,
      '  from https://github.com/electron/electron/releases (about 100 MB, once).',
      ...(reason ? [`  The download reported: ${reason.trim()}`] : []),
      '  Check the internet connection or proxy settings, or point ELECTRON_MIRROR at a mirror,',
      '  then run the command again. `npm test` and `npm run server` work without Electron.',
    ].join('\n'),
  );
  process.exit(1);
}
