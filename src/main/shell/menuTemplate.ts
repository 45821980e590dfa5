// The application menu and the tray menu as plain data, in pt-BR. menu.ts and tray.ts turn them
// into Electron menus; commands name what a click does, so tests check the labels and wiring
// without Electron.
export type MenuCommand =
  | 'exportBackup'
  | 'exportDiagnostics'
  | 'openLogsFolder'
  | 'checkForUpdates'
  | 'showWindow'
  | 'syncNow'
  | 'quit';

export type MenuRole =
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen';

export type MenuEntry =
  | { kind: 'command'; label: string; command: MenuCommand; enabled?: boolean }
  | { kind: 'role'; label: string; role: MenuRole }
  | { kind: 'text'; label: string }
  | { kind: 'separator' };

export interface MenuSection {
  label: string;
  entries: MenuEntry[];
}

export function applicationMenu(version: string): MenuSection[] {
  return [
    {
      label: 'Arquivo',
      entries: [
        { kind: 'command', label: 'Exportar cópia local…', command: 'exportBackup' },
        { kind: 'separator' },
        { kind: 'role', label: 'Sair do SAC Desktop', role: 'quit' },
      ],
    },
    {
      label: 'Editar',
      entries: [
        { kind: 'role', label: 'Desfazer', role: 'undo' },
        { kind: 'role', label: 'Refazer', role: 'redo' },
        { kind: 'separator' },
        { kind: 'role', label: 'Recortar', role: 'cut' },
        { kind: 'role', label: 'Copiar', role: 'copy' },
        { kind: 'role', label: 'Colar', role: 'paste' },
        { kind: 'role', label: 'Selecionar tudo', role: 'selectAll' },
      ],
    },
    {
      label: 'Exibir',
      entries: [
        { kind: 'role', label: 'Tamanho normal', role: 'resetZoom' },
        { kind: 'role', label: 'Aumentar', role: 'zoomIn' },
        { kind: 'role', label: 'Diminuir', role: 'zoomOut' },
        { kind: 'separator' },
        { kind: 'role', label: 'Tela cheia', role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Ajuda',
      entries: [
        { kind: 'command', label: 'Procurar atualizações', command: 'checkForUpdates' },
        { kind: 'separator' },
        { kind: 'command', label: 'Abrir pasta de logs', command: 'openLogsFolder' },
        { kind: 'command', label: 'Exportar diagnóstico…', command: 'exportDiagnostics' },
        { kind: 'separator' },
        { kind: 'text', label: `Versão ${version}` },
      ],
    },
  ];
}

/** The tray's menu: the state lines from trayState.ts, then the actions. */
export function trayMenu(statusLine: string, pendingLine: string, signedIn: boolean): MenuEntry[] {
  return [
    { kind: 'text', label: statusLine },
    { kind: 'text', label: pendingLine },
    { kind: 'separator' },
    { kind: 'command', label: 'Abrir o SAC Desktop', command: 'showWindow' },
    { kind: 'command', label: 'Sincronizar agora', command: 'syncNow', enabled: signedIn },
    { kind: 'separator' },
    { kind: 'command', label: 'Sair do SAC Desktop', command: 'quit' },
  ];
}

/** What a right click on the page reports, as Electron's context-menu event does. */
export interface ContextMenuRequest {
  isEditable: boolean;
  selectionText: string;
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

/**
 * Returns the pt-BR context menu of a right click: editing entries in a field, "Copiar" on
 * selected text, nothing elsewhere. Electron shows no context menu of its own.
 */
export function contextMenuEntries(request: ContextMenuRequest): MenuEntry[] {
  if (request.isEditable) {
    const entries: MenuEntry[] = [];
    if (request.editFlags.canCut) entries.push({ kind: 'role', label: 'Recortar', role: 'cut' });
    if (request.editFlags.canCopy) entries.push({ kind: 'role', label: 'Copiar', role: 'copy' });
    if (request.editFlags.canPaste) entries.push({ kind: 'role', label: 'Colar', role: 'paste' });
    if (request.editFlags.canSelectAll) {
      if (entries.length > 0) entries.push({ kind: 'separator' });
      entries.push({ kind: 'role', label: 'Selecionar tudo', role: 'selectAll' });
    }
    return entries;
  }
  if (request.selectionText.trim() && request.editFlags.canCopy) return [{ kind: 'role', label: 'Copiar', role: 'copy' }];
  return [];
}

/** pt-BR sentences of the native message boxes the menu commands show. */
export const MENU_MESSAGES = {
  backupSaved: (path: string) => `Cópia local salva em ${path}.`,
  diagnosticsSaved: (path: string) => `Diagnóstico salvo em ${path}. Envie este arquivo ao suporte.`,
  updateStatus: {
    upToDate: 'O SAC Desktop está atualizado.',
    downloading: 'Uma nova versão está sendo baixada. Quando terminar, use “Reiniciar e atualizar” no aviso do aplicativo.',
    ready: 'Uma nova versão foi baixada. Use “Reiniciar e atualizar” no aviso do aplicativo.',
  },
} as const;
