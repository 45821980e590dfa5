#!/usr/bin/env node
// Makes sure better-sqlite3's native addon loads under the runtime about to use it:
//   node scripts/native.mjs node       before the tests (plain Node)
//   node scripts/native.mjs electron   before the app starts (Electron's Node ABI)
// Node and Electron need different builds of the same file. Each build is kept in
// node_modules/.cache/sac-native by ABI, so switching back and forth is a file copy; a
// missing build is compiled in a scratch copy of the package, so a failed build (no
// internet for Electron's headers, say) never deletes the one that works.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electronBinary.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const packageDir = dirname(require.resolve('better-sqlite3/package.json'));
const addon = join(packageDir, 'build', 'Release', 'better_sqlite3.node');
const cacheDir = join(root, 'node_modules', '.cache', 'sac-native');
const PROBE = "const D=require('better-sqlite3');new D(':memory:').prepare('select 1').get();console.log(process.versions.modules)";

function runtimeCommand(runtime) {
  if (runtime === 'node') return { command: process.execPath, env: process.env };
  return { command: electronBinary(), env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } };
}

/** Returns the runtime's ABI when better-sqlite3 loads under it, or null. */
function probe(runtime) {
  const { command, env } = runtimeCommand(runtime);
  const result = spawnSync(command, ['-e', PROBE], { cwd: root, env, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

function abiOf(runtime) {
  const { command, env } = runtimeCommand(runtime);
  const result = spawnSync(command, ['-p', 'process.versions.modules + " " + process.versions.node'], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cannot start ${runtime}: ${result.stderr || result.error}`);
  const [abi] = result.stdout.trim().split(' ');
  return abi;
}

function electronVersion() {
  return require('electron/package.json').version;
}

/** Compiles the addon in a scratch copy and returns the built file. */
function compile(runtime) {
  const scratch = mkdtempSync(join(tmpdir(), 'sac-native-'));
  const copy = join(scratch, 'better-sqlite3');
  cpSync(packageDir, copy, { recursive: true, filter: (source) => !source.includes(`${packageDir}/build`) });
  const nodeGyp = join(dirname(require.resolve('node-gyp/package.json')), 'bin', 'node-gyp.js');
  const args = [nodeGyp, 'rebuild', '--release'];
  const env = { ...process.env };
  if (runtime === 'electron') {
    // Electron's headers come from its own server; a nodedir set for Node would win over them.
    delete env.npm_config_nodedir;
    delete env.NPM_CONFIG_NODEDIR;
    args.push(`--target=${electronVersion()}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers');
  }
  console.log(`[native] compiling better-sqlite3 for ${runtime} (about a minute)…`);
  execFileSync(process.execPath, args, { cwd: copy, env, stdio: 'inherit' });
  return { file: join(copy, 'build', 'Release', 'better_sqlite3.node'), scratch };
}

function ensure(runtime) {
  if (probe(runtime)) return;
  const abi = abiOf(runtime);
  const cached = join(cacheDir, `better_sqlite3-${runtime}-abi${abi}.node`);
  mkdirSync(dirname(addon), { recursive: true });
  if (existsSync(cached)) {
    copyFileSync(cached, addon);
    if (probe(runtime)) return console.log(`[native] better-sqlite3 switched to the cached ${runtime} build (ABI ${abi})`);
  }
  // Keep the build that works for the other runtime before replacing it.
  const other = runtime === 'node' ? 'electron' : 'node';
  if (existsSync(addon)) {
    try {
      const otherAbi = abiOf(other);
      if (probe(other)) {
        mkdirSync(cacheDir, { recursive: true });
        copyFileSync(addon, join(cacheDir, `better_sqlite3-${other}-abi${otherAbi}.node`));
      }
    } catch {
      // The other runtime is not available (no Electron binary); nothing to keep.
    }
  }
  const { file, scratch } = compile(runtime);
  try {
    mkdirSync(cacheDir, { recursive: true });
    copyFileSync(file, cached);
    copyFileSync(file, addon);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (!probe(runtime)) throw new Error(`better-sqlite3 still does not load under ${runtime} after compiling it`);
  console.log(`[native] better-sqlite3 built for ${runtime} (ABI ${abi})`);
}

const runtime = process.argv[2];
if (runtime !== 'node' && runtime !== 'electron') {
  console.error('Usage: node scripts/native.mjs node|electron');
  process.exit(2);
}
try {
  ensure(runtime);
} catch (error) {
  console.error(`[native] ${error.message}`);
  process.exit(1);
}
