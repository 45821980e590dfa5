// Applies the security rules to the session and to every web contents the app creates: no
// permissions, no navigation away from the app, no new windows, no webviews. Links the app made
// itself open in the system browser or e-mail program. The rules live in navigationGuards.ts.
import { app, Menu, session, shell, type WebContents } from 'electron';
import { toMenuItems } from './menu';
import { contextMenuEntries } from './menuTemplate';
import { attachNavigationGuards, denyAllPermissions } from './navigationGuards';
import type { KnownLinks } from './security';

export function hardenWebContents(origin: string, knownLinks: () => KnownLinks): void {
  session.defaultSession.setPermissionRequestHandler(denyAllPermissions.request);
  session.defaultSession.setPermissionCheckHandler(denyAllPermissions.check);
  session.defaultSession.setDevicePermissionHandler(denyAllPermissions.device);

  app.on('web-contents-created', (_event, contents: WebContents) => {
    attachNavigationGuards(contents, { origin, knownLinks, openExternal: (url) => void shell.openExternal(url) });
    // The pt-BR right-click menu of fields and selected text; it only uses editing roles.
    contents.on('context-menu', (_menuEvent, params) => {
      const entries = contextMenuEntries(params);
      if (entries.length > 0) Menu.buildFromTemplate(toMenuItems(entries)).popup();
    });
  });
}
