#!/usr/bin/env node
// A static check of the Electron shell's source that complements electronegativity, which only
// sees BrowserWindow options written as object literals and so cannot follow
// secureWebPreferences(). Each rule names where an Electron API may appear and what it must
// never be given; a violation prints the file and line and fails:
//   node scripts/shell-lint.mjs        (npm run lint:electron runs it)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const RULES = [
  { pattern: /nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/, message: 'Node integration must stay off in every renderer' },
  { pattern: /contextIsolation\s*:\s*false/, message: 'context isolation must stay on' },
  { pattern: /sandbox\s*:\s*false/, message: 'the renderer sandbox must stay on' },
  { pattern: /webSecurity\s*:\s*false/, message: 'web security must stay on' },
  { pattern: /allowRunningInsecureContent\s*:\s*true/, message: 'insecure content must stay blocked' },
  { pattern: /webviewTag\s*:\s*true/, message: 'webviews must stay disabled' },
  { pattern: /\b(experimentalFeatures|enableBlinkFeatures|enableRemoteModule)\b/, message: 'experimental or remote features are not used' },
  { pattern: /@electron\/remote|require\(['"]electron['"]\)\.remote/, message: 'the remote module is not used' },
  { pattern: /\bloadFile\(|loadURL\(\s*[`'"]file:/, message: 'the app loads from app://, never file://' },
  { pattern: /\.(executeJavaScript|insertCSS)\(/, message: 'main never injects code into a page' },
  { pattern: /ipcMain\.on\(|ipcMain\.handleOnce\(/, message: 'IPC goes through ipcMain.handle in shell/ipc.ts, which checks the sender' },
  { pattern: /\bshell\.openExternal\(/, allowedIn: ['src/main/shell/hardening.ts'], message: 'openExternal only behind the link guard' },
  { pattern: /\bipcMain\.handle\(/, allowedIn: ['src/main/shell/ipc.ts'], message: 'IPC handlers only in shell/ipc.ts' },
  {
    pattern: /new BrowserWindow\(/,
    allowedIn: ['src/main/shell/mainWindow.ts', 'src/main/shell/platform.ts'],
    message: 'windows are created only by mainWindow.ts (secure preferences) and the print window',
  },
  { pattern: /setPermissionRequestHandler\(\s*null/, message: 'permission requests stay denied' },
  { pattern: /\beval\(|new Function\(/, message: 'no dynamic code' },
];

/** Rules that must hold somewhere: the guards the checklist asks for. */
const REQUIRED = [
  { file: 'src/main/shell/hardening.ts', pattern: /setPermissionRequestHandler\(/, message: 'permission requests are denied' },
  { file: 'src/main/shell/hardening.ts', pattern: /setPermissionCheckHandler\(/, message: 'permission checks are denied' },
  { file: 'src/main/shell/navigationGuards.ts', pattern: /'will-navigate'/, message: 'navigation is guarded' },
  { file: 'src/main/shell/navigationGuards.ts', pattern: /'will-attach-webview'/, message: 'webviews are blocked' },
  { file: 'src/main/shell/navigationGuards.ts', pattern: /setWindowOpenHandler\(/, message: 'new windows are denied' },
  { file: 'src/main/shell/ipc.ts', pattern: /isTrustedSender\(/, message: 'IPC senders are checked' },
  { file: 'src/main/shell/mainWindow.ts', pattern: /webPreferences:\s*secureWebPreferences\(/, message: 'the main window uses secureWebPreferences' },
  { file: 'src/main/shell/protocol.ts', pattern: /resolveAppFile\(/, message: 'app:// requests pass the path check' },
  { file: 'src/main/shell/protocol.ts', pattern: /content-security-policy/, message: 'app:// responses carry the CSP' },
];

const problems = [];
const files = [...sourceFiles(join(root, 'src/main')), ...sourceFiles(join(root, 'src/preload'))];
for (const file of files) {
  const path = relative(root, file).replaceAll('\\', '/');
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, index) => {
    if (/^\s*(\/\/|\*)/.test(line)) return;
    for (const rule of RULES) {
      if (rule.pattern.test(line) && !(rule.allowedIn ?? []).includes(path)) problems.push(`${path}:${index + 1}: ${rule.message}`);
    }
  });
}
for (const rule of REQUIRED) {
  const text = readFileSync(join(root, rule.file), 'utf8');
  if (!rule.pattern.test(text)) problems.push(`${rule.file}: missing: ${rule.message}`);
}

for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`[shell-lint] ${problems.length} problem(s) in the Electron shell's source.`);
  process.exit(1);
}
console.log(`[shell-lint] ${files.length} files checked, ${RULES.length} rules and ${REQUIRED.length} required guards hold.`);
