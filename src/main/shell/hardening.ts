// Rules applied to every web contents the app creates: no navigation away from the app, no new
// windows, no webviews, no permissions. Links the app made itself open in the system browser.
import { app, session, shell, type WebContents } from 'electron';
import { createLogger } from '../core/log';
import { isAllowedExternalUrl, isAllowedNavigation } from './security';

const log = createLogger('security');

export function hardenWebContents(origin: string): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn('permission request denied', { permission });
    callback(false);
  });
  session.defaultSession.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url, origin)) {
        event.preventDefault();
        log.warn('navigation blocked', { url: new URL(url).origin });
      }
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url, origin)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log.warn('webview blocked');
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      else log.warn('window open blocked', { url });
      return { action: 'deny' };
    });
  });
}
