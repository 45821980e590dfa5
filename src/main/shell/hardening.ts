// Applies the security rules to the session and to every web contents the app creates: no
// permissions, no navigation away from the app, no new windows, no webviews. Links the app made
// itself open in the system browser or e-mail program. The rules live in navigationGuards.ts.
import { app, Menu, session, shell, type WebContents } from 'electron';
import { toMenuItems } from './menu';
import { contextMenuEntries } from './menuTemplate';
import { attachNavigationGuards, denyAllPermissions } from './navigationGuards';
import { isPlainMailToUrl, type KnownLinks } from './security';

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

/** Hands a mailto: link the core built to the e-mail program; any other URL is refused. */
export async function openMailToLink(url: string): Promise<void> {
  // The core builds these links itself; anything else is a bug, not a link to hand to the system.
  if (!isPlainMailToUrl(url)) throw new Error('only mailto: links to one address may be opened');
  await shell.openExternal(url);
}
