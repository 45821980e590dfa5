#!/usr/bin/env node
// Runs Doyensec's electronegativity on the built app (out/, as electron-vite writes it) and
// fails on any finding that scripts/electronegativity.allowlist.json does not explain, and on
// any explanation whose finding is gone:
//   npm run lint:electron        (after `npx electron-vite build`; npm test runs both)
// The tool fetches translations and Electron's release list from the internet at every run;
// scripts/offline-guard.cjs blocks that, and the release-list check (which needs it) is
// skipped. The Electron version comes from package.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const outDir = join(root, 'out');
const allowlistFile = join(root, 'scripts', 'electronegativity.allowlist.json');

if (!existsSync(join(outDir, 'main', 'index.js'))) {
  console.error('[electronegativity] out/ is missing: run `npx electron-vite build` first.');
  process.exit(2);
}

const electronVersion = require('electron/package.json').version;
const cli = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
const scratch = mkdtempSync(join(tmpdir(), 'sac-electronegativity-'));
const report = join(scratch, 'report.sarif');

let results;
try {
  const run = spawnSync(
    process.execPath,
    ['--require', join(root, 'scripts', 'offline-guard.cjs'), cli, '-i', outDir, '-r', '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck', '-v', 'false', '-o', report],
    { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'en-US' } },
  );
  if (run.status !== 0 || !existsSync(report)) {
    console.error(`[electronegativity] the scan failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    process.exit(1);
  }
  results = JSON.parse(readFileSync(report, 'utf8')).runs[0].results;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/** The whole source lines a finding points at, read from the scanned file. */
function sampleOf(result) {
  const location = result.locations[0].physicalLocation;
  const lines = readFileSync(join(outDir, location.artifactLocation.uri), 'utf8').split('\n');
  const text = lines.slice(location.region.startLine - 1).join('\n');
  const end = text.indexOf('\n', location.region.startColumn - 1 + location.region.charLength);
  return end === -1 ? text : text.slice(0, end);
}

const findings = results.map((result) => ({
  check: result.ruleId,
  file: result.locations[0].physicalLocation.artifactLocation.uri.replaceAll('\\', '/'),
  line: result.locations[0].physicalLocation.region.startLine,
  message: result.message.text,
  sample: sampleOf(result),
}));
const allowlist = JSON.parse(readFileSync(allowlistFile, 'utf8')).findings;

const unexplained = findings.filter(
  (finding) => !allowlist.some((entry) => entry.check === finding.check && entry.file === finding.file && finding.sample.includes(entry.contains)),
);
const stale = allowlist.filter(
  (entry) => !findings.some((finding) => entry.check === finding.check && entry.file === finding.file && finding.sample.includes(entry.contains)),
);

for (const finding of findings) {
  const explained = !unexplained.includes(finding);
  console.log(`${explained ? 'explained  ' : 'UNEXPLAINED'} ${finding.check} ${finding.file}:${finding.line} ${finding.message}`);
}
for (const entry of stale) console.log(`STALE       ${entry.check} ${entry.file}: no finding contains "${entry.contains}"`);

if (unexplained.length > 0 || stale.length > 0) {
  console.error(
    `[electronegativity] ${unexplained.length} unexplained finding(s), ${stale.length} stale explanation(s). ` +
      'Fix the code, or explain the finding in scripts/electronegativity.allowlist.json and docs/ELECTRON_SECURITY.md.',
  );
  process.exit(1);
}
console.log(`[electronegativity] ${findings.length} finding(s), all explained (Electron ${electronVersion}).`);
