// The application menu, in pt-BR, built from menuTemplate.ts.
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import { applicationMenu, type MenuCommand, type MenuEntry } from './menuTemplate';

export type CommandHandlers = Record<MenuCommand, () => void>;

/** Turns plain menu entries into Electron's menu items; without handlers, command entries are disabled. */
export function toMenuItems(entries: MenuEntry[], handlers?: CommandHandlers): MenuItemConstructorOptions[] {
  return entries.map((entry): MenuItemConstructorOptions => {
    switch (entry.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'role':
        return { role: entry.role, label: entry.label };
      case 'text':
        return { label: entry.label, enabled: false };
      case 'command':
        if (!handlers) return { label: entry.label, enabled: false };
        return { label: entry.label, enabled: entry.enabled ?? true, click: () => handlers[entry.command]() };
    }
  });
}

export function installMenu(handlers: CommandHandlers): void {
  const template = applicationMenu(app.getVersion()).map((section) => ({
    label: section.label,
    submenu: toMenuItems(section.entries, handlers),
  }));
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
