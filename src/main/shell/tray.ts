// The tray icon: online, offline or syncing, with the number of actions waiting to be sent in
// its tooltip and menu. What it shows comes from trayState.ts.
import { join } from 'node:path';
import { app, Menu, nativeImage, Tray, type NativeImage } from 'electron';
import type { SyncStatus, UpdateStatus } from '../../shared/ipc';
import { toMenuItems, type CommandHandlers } from './menu';
import { trayMenu } from './menuTemplate';
import { trayPresentation, type TrayIconName } from './trayState';

export interface AppTray {
  update(sync: SyncStatus | null, updateStatus: UpdateStatus | null): void;
  destroy(): void;
}

export function createTray(handlers: CommandHandlers, onClick: () => void): AppTray {
  const icons = new Map<TrayIconName, NativeImage>();
  const icon = (name: TrayIconName) => {
    let image = icons.get(name);
    if (!image) {
      // nativeImage picks name@2x.png beside it on high-DPI screens.
      image = nativeImage.createFromPath(join(app.getAppPath(), 'resources', 'tray', `${name}.png`));
      icons.set(name, image);
    }
    return image;
  };
  const tray = new Tray(icon('offline'));
  tray.on('click', onClick);
  let last = '';

  const update = (sync: SyncStatus | null, updateStatus: UpdateStatus | null) => {
    const view = trayPresentation(sync, updateStatus);
    // Progress events arrive often; the menu is rebuilt only when something shown changed.
    const key = JSON.stringify([view, sync !== null]);
    if (key === last) return;
    last = key;
    tray.setImage(icon(view.icon));
    tray.setToolTip(view.tooltip);
    tray.setContextMenu(Menu.buildFromTemplate(toMenuItems(trayMenu(view.statusLine, view.pendingLine, sync !== null), handlers)));
    // The taskbar badge on Linux desktops that support it (Unity, KDE); elsewhere a no-op.
    app.setBadgeCount(sync?.pendingCount ?? 0);
  };
  update(null, null);
  return { update, destroy: () => tray.destroy() };
}
