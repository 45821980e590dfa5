import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isTrustedSender,
  mimeTypeOf,
  originOf,
  rendererOrigin,
  resolveAppFile,
  secureWebPreferences,
  type KnownLinks,
} from './security';

describe('secureWebPreferences', () => {
  const preferences = secureWebPreferences('/app/out/preload/index.js');

  it('isolates and sandboxes the renderer', () => {
    expect(preferences.contextIsolation).toBe(true);
    expect(preferences.sandbox).toBe(true);
  });

  it('keeps Node out of every frame and worker', () => {
    expect(preferences.nodeIntegration).toBe(false);
    expect(preferences.nodeIntegrationInWorker).toBe(false);
    expect(preferences.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on', () => {
    expect(preferences.webSecurity).toBe(true);
    expect(preferences.allowRunningInsecureContent).toBe(false);
  });

  it('disables webviews and drop navigation', () => {
    expect(preferences.webviewTag).toBe(false);
    expect(preferences.navigateOnDragDrop).toBe(false);
  });

  it('names the preload', () => {
    expect(preferences.preload).toBe('/app/out/preload/index.js');
  });

  it('sets no risky option', () => {
    const keys = Object.keys(preferences);
    for (const risky of ['experimentalFeatures', 'enableBlinkFeatures', 'allowpopups', 'enableRemoteModule']) {
      expect(keys).not.toContain(risky);
    }
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );

  it('denies by default', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
  });

  it('runs only the app scripts', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('names no remote host', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });

  it('forbids objects, frames and forms', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });
});

describe('originOf', () => {
  it('names the app scheme and host', () => {
    // URL.origin is "null" for app:// under Node and Electron's main process.
    expect(new URL('app://sac/index.html').origin).toBe('null');
    expect(originOf('app://sac/index.html')).toBe('app://sac');
  });

  it('keeps the port', () => {
    expect(originOf('http://localhost:5173/x')).toBe('http://localhost:5173');
  });

  it('returns null without a host', () => {
    expect(originOf('data:text/html,x')).toBeNull();
    expect(originOf('file:///etc/passwd')).toBeNull();
  });
});

describe('isAllowedNavigation', () => {
  it('allows the app origin', () => {
    expect(isAllowedNavigation('app://sac/index.html#/solicitacoes', APP_ORIGIN)).toBe(true);
  });

  it('blocks other origins and schemes', () => {
    for (const url of [
      'https://sac.exemplo.com.br/',
      'file:///etc/passwd',
      'app://outro/index.html',
      'http://127.0.0.1:5173/',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'não é URL',
    ]) {
      expect(isAllowedNavigation(url, APP_ORIGIN), url).toBe(false);
    }
  });

  it('allows the dev server only while developing', () => {
    const origin = rendererOrigin('http://localhost:5173/');
    expect(isAllowedNavigation('http://localhost:5173/index.html', origin)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173/index.html', rendererOrigin(undefined))).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts the app main frame', () => {
    expect(isTrustedSender({ url: 'app://sac/index.html', isMainFrame: true }, APP_ORIGIN)).toBe(true);
  });

  it('rejects sub-frames, other origins and unknown senders', () => {
    expect(isTrustedSender({ url: 'app://sac/index.html', isMainFrame: false }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(null, APP_ORIGIN)).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  const known: KnownLinks = {
    serverUrl: 'https://sac.backsite.exemplo',
    referenceTexts: ['{"como":"suporte@backsite.exemplo ou https://ajuda.backsite.exemplo/manual"}'],
  };

  it('opens e-mail addresses from the contacts', () => {
    expect(isAllowedExternalUrl('mailto:suporte@backsite.exemplo', known)).toBe(true);
    expect(isAllowedExternalUrl('mailto:Suporte@Backsite.exemplo?subject=Ajuda', known)).toBe(true);
  });

  it('opens pages of the SAC server and of the contacts', () => {
    expect(isAllowedExternalUrl('https://sac.backsite.exemplo/solicitacoes/9661', known)).toBe(true);
    expect(isAllowedExternalUrl('https://ajuda.backsite.exemplo/manual', known)).toBe(true);
  });

  it('refuses links the app did not make', () => {
    for (const url of [
      'mailto:outro@exemplo.com',
      'mailto:suporte@backsite.exemplo,outro@exemplo.com',
      'https://evil.example/',
      'https://ajuda.backsite.exemplo/outra-pagina',
      'https://user:pass@sac.backsite.exemplo/',
      'http://sac.backsite.exemplo/',
      'file:///C:/Windows/System32/calc.exe',
      'smb://servidor/compartilhamento',
      'ms-msdt:/id PCWDiagnostic',
      'javascript:alert(1)',
      'não é URL',
    ]) {
      expect(isAllowedExternalUrl(url, known), url).toBe(false);
    }
  });

  it('refuses everything when nobody is signed in', () => {
    expect(isAllowedExternalUrl('https://sac.backsite.exemplo/', { serverUrl: null, referenceTexts: [] })).toBe(false);
  });

  it('refuses pages of a plain-http server', () => {
    expect(isAllowedExternalUrl('https://127.0.0.1:8787/', { serverUrl: 'http://127.0.0.1:8787', referenceTexts: [] })).toBe(false);
  });
});

describe('resolveAppFile', () => {
  const root = resolve('/app/out/renderer');

  it('serves files inside the renderer folder', () => {
    expect(resolveAppFile('app://sac/index.html', root)).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://sac/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://sac/assets/index-abc.js', root)).toBe(join(root, 'assets', 'index-abc.js'));
  });

  it('never resolves outside the folder', () => {
    for (const url of [
      'app://sac/%2e%2e%2f%2e%2e%2fmain%2findex.js',
      'app://sac/assets/..%2f..%2f..%2fetc%2fpasswd',
      'app://sac/%2fetc%2fpasswd',
      'app://sac//etc/passwd',
    ]) {
      const file = resolveAppFile(url, root);
      expect(file === null || file.startsWith(`${root}${sep}`), `${url} -> ${file}`).toBe(true);
    }
  });

  it('refuses backslashes, NUL and bad encoding', () => {
    for (const url of ['app://sac/..%5c..%5cmain%5cindex.js', 'app://sac/%00index.html', 'app://sac/%E0%A4%A']) {
      expect(resolveAppFile(url, root), url).toBeNull();
    }
  });

  it('keeps a literal ../ inside the folder', () => {
    // URL parsing removes the dot segments before the path check sees them.
    expect(resolveAppFile('app://sac/../main/index.js', root)).toBe(join(root, 'main', 'index.js'));
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppFile('app://outro/index.html', root)).toBeNull();
    expect(resolveAppFile('file:///app/out/renderer/index.html', root)).toBeNull();
  });
});

describe('mimeTypeOf', () => {
  it('names the types the renderer uses', () => {
    expect(mimeTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeOf('a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeOf('x.unknown')).toBe('application/octet-stream');
  });
});
