import { describe, expect, it } from 'vitest';
import { attachNavigationGuards, denyAllPermissions, type GuardedContents, type PreventableEvent } from './navigationGuards';
import { APP_ORIGIN, type KnownLinks } from './security';

/** A stand-in for WebContents that records listeners and the window-open handler. */
class FakeContents implements GuardedContents {
  listeners = new Map<string, (event: PreventableEvent, url: string) => void>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;

  on(event: string, listener: (event: PreventableEvent, url: string) => void) {
    this.listeners.set(event, listener);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
    this.openHandler = handler;
  }
  /** Fires an event; returns whether a guard prevented it. */
  fire(event: string, url = ''): boolean {
    let prevented = false;
    this.listeners.get(event)!({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

const known: KnownLinks = { serverUrl: 'https://sac.backsite.exemplo', referenceTexts: ['suporte@backsite.exemplo'] };

function guarded() {
  const contents = new FakeContents();
  const opened: string[] = [];
  attachNavigationGuards(contents, { origin: APP_ORIGIN, knownLinks: () => known, openExternal: (url) => opened.push(url) });
  return { contents, opened };
}

describe('attachNavigationGuards', () => {
  it('lets the app navigate within itself', () => {
    const { contents } = guarded();
    expect(contents.fire('will-navigate', 'app://sac/index.html#/checklist')).toBe(false);
  });

  it('blocks navigation, redirects and frame navigation elsewhere', () => {
    const { contents } = guarded();
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-frame-navigate', 'https://evil.example/frame')).toBe(true);
  });

  it('blocks every webview', () => {
    const { contents } = guarded();
    expect(contents.fire('will-attach-webview')).toBe(true);
  });

  it('denies new windows and opens known links outside', () => {
    const { contents, opened } = guarded();
    expect(contents.openHandler!({ url: 'mailto:suporte@backsite.exemplo' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'app://sac/index.html' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['mailto:suporte@backsite.exemplo']);
  });
});

describe('denyAllPermissions', () => {
  it('denies every request', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | null = null;
      denyAllPermissions.request(null, permission, (answer) => (granted = answer));
      expect(granted, permission).toBe(false);
    }
  });

  it('denies every check and device', () => {
    expect(denyAllPermissions.check()).toBe(false);
    expect(denyAllPermissions.device()).toBe(false);
  });
});
