// Security decisions of the Electron shell as plain functions, so that tests can check them
// without Electron: the window's web preferences, the Content-Security-Policy, which URLs the
// app window may show, which IPC senders are trusted and which files the app:// protocol serves.
import { isAbsolute, normalize, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'sac';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The renderer's Content-Security-Policy: only the app's own scripts, no remote content of any
 * kind. 'unsafe-inline' for styles because Mantine sets style attributes on its components.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Web preferences of every app window, as Electron's security checklist asks. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  } as const;
}

/** Returns the origin the renderer is served from: the dev server while developing, app:// otherwise. */
export function rendererOrigin(devServerUrl: string | undefined): string {
  return devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN;
}

/** Whether the app window may navigate to a URL: only within the renderer's own origin. */
export function isAllowedNavigation(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/** Whether an IPC message comes from the app's own page in its main frame. */
export function isTrustedSender(sender: { url: string; isMainFrame: boolean } | null, origin: string): boolean {
  if (!sender || !sender.isMainFrame) return false;
  return isAllowedNavigation(sender.url, origin);
}

/** Links the app may hand to the operating system: e-mail and https pages, nothing else. */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'mailto:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Returns whether a URL is a mailto: link to exactly one address. A subject, body, copy
 * recipient or second address is rejected, because a compromised renderer could use it to send
 * data away.
 */
export function isPlainMailToUrl(url: string): boolean {
  return /^mailto:[^?#&,;\s@]+@[^?#&,;\s@]+\.[^?#&,;\s@]+$/i.test(url) && isAllowedExternalUrl(url);
}

/**
 * Maps an app:// request to a file inside the renderer folder, or null when the path would
 * leave it (../, encoded separators, absolute paths) or names another host.
 */
export function resolveAppFile(requestUrl: string, rendererRoot: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relativePath = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^[/\\]+/, '');
  const root = resolve(rendererRoot);
  const file = resolve(root, relativePath);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) return null;
  return file;
}

const MIME_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
};

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[file.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}
