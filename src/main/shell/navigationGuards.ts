// The rules every web contents of the app gets, written against the few members of Electron's
// WebContents they use, so tests can drive them with a stand-in: no navigation away from the
// app's origin, no new windows, no webviews; known mailto: and https: links go to the system.
import { createLogger } from '../core/log';
import { isAllowedExternalUrl, isAllowedNavigation, type KnownLinks } from './security';

const log = createLogger('security');

/** An event whose default action a guard may cancel. */
export interface PreventableEvent {
  preventDefault(): void;
}

/** The part of Electron's WebContents the guards use. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface GuardOptions {
  origin: string;
  knownLinks: () => KnownLinks;
  openExternal: (url: string) => void;
}

/** Logs only a URL's scheme and host: a path or query may carry personal data. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : parsed.protocol;
  } catch {
    return 'invalid URL';
  }
}

export function attachNavigationGuards(contents: GuardedContents, options: GuardOptions): void {
  const guard = (kind: string) => (event: PreventableEvent, url: string) => {
    if (isAllowedNavigation(url, options.origin)) return;
    event.preventDefault();
    log.warn(`${kind} blocked`, { url: describeUrl(url) });
  };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-redirect', guard('redirect'));
  // Sub-frames too: the CSP forbids frames, and this holds even if a frame appeared.
  contents.on('will-frame-navigate', guard('frame navigation'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview blocked');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url, options.knownLinks())) options.openExternal(url);
    else log.warn('window open blocked', { url: describeUrl(url) });
    return { action: 'deny' };
  });
}

/** The permission decisions: every request and check is denied, because the app needs none. */
export const denyAllPermissions = {
  request: (_contents: unknown, permission: string, callback: (granted: boolean) => void) => {
    log.warn('permission request denied', { permission });
    callback(false);
  },
  check: () => false,
  device: () => false,
};
