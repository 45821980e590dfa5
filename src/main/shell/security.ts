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
  return devServerUrl ? (originOf(devServerUrl) ?? APP_ORIGIN) : APP_ORIGIN;
}

/**
 * Returns a URL's scheme, host and port. URL.origin cannot serve here: for a scheme outside
 * WHATWG's special list, app:// included, Node's URL reports the origin as "null", which would
 * make every app:// page untrusted.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.host) return null;
  return `${parsed.protocol}//${parsed.host}`;
}

/** Whether the app window may navigate to a URL: only within the renderer's own origin. */
export function isAllowedNavigation(url: string, origin: string): boolean {
  const target = originOf(url);
  return target !== null && target === originOf(origin);
}

/** Whether an IPC message comes from the app's own page in its main frame. */
export function isTrustedSender(sender: { url: string; isMainFrame: boolean } | null, origin: string): boolean {
  if (!sender || !sender.isMainFrame) return false;
  return isAllowedNavigation(sender.url, origin);
}

/** Where the links the app shows come from: the SAC server's own pages and its reference data. */
export interface KnownLinks {
  /** The signed-in SAC server; its https pages are the app's own. */
  serverUrl: string | null;
  /** Texts the server sent (contacts, say) that may hold e-mail addresses and https links. */
  referenceTexts: string[];
}

/**
 * Whether a link may be handed to the operating system: only mailto: and https:, and only a link
 * the app made itself, that is a page of the SAC server or an address or link that appears in
 * the server's reference data. Anything else a page asks to open (http:, file:, a custom
 * protocol, a URL injected into the renderer) is refused.
 */
export function isAllowedExternalUrl(url: string, known: KnownLinks): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const texts = known.referenceTexts.map((text) => text.toLowerCase());
  if (parsed.protocol === 'mailto:') {
    let address: string;
    try {
      address = decodeURIComponent(parsed.pathname).trim().toLowerCase();
    } catch {
      return false;
    }
    // One plain address: no list of recipients, no spaces or quotes that could smuggle options.
    if (!/^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$/.test(address)) return false;
    return texts.some((text) => text.includes(address));
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  if (known.serverUrl) {
    try {
      const server = new URL(known.serverUrl);
      if (server.protocol === 'https:' && server.origin === parsed.origin) return true;
    } catch {
      // An unparsable server address makes no page the server's own.
    }
  }
  const href = parsed.href.toLowerCase();
  return texts.some((text) => text.includes(href) || (href.endsWith('/') && text.includes(href.slice(0, -1))));
}

/**
 * Returns whether a URL is a mailto: link to exactly one address. A subject, body, copy
 * recipient or second address is rejected, because a compromised renderer could use it to send
 * data away.
 */
export function isPlainMailToUrl(url: string): boolean {
  return /^mailto:[^?#&,;\s@]+@[^?#&,;\s@]+\.[^?#&,;\s@]+$/i.test(url);
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
