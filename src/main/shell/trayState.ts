// What the tray icon shows: an icon for online, offline or syncing, and a tooltip and menu lines
// with the number of actions waiting to be sent. Plain functions, so tests check every state.
import type { SyncStatus, UpdateStatus } from '../../shared/ipc';

export type TrayIconName = 'online' | 'offline' | 'syncing';

export interface TrayPresentation {
  icon: TrayIconName;
  /** Hover text; Windows cuts tooltips at 127 characters, so it is kept within that. */
  tooltip: string;
  /** First, disabled line of the tray menu: the connection state. */
  statusLine: string;
  /** Second line: the actions waiting to be sent. */
  pendingLine: string;
}

/** Longest tooltip Windows shows (NOTIFYICONDATA.szTip holds 128 characters with the terminator). */
export const TRAY_TOOLTIP_MAX = 127;

export function pendingActionsText(count: number): string {
  if (count === 0) return 'Nada a enviar';
  return count === 1 ? '1 ação a enviar' : `${count} ações a enviar`;
}

function syncingText(status: SyncStatus): string {
  const progress = status.progress;
  if (!progress) return 'Sincronizando';
  const verb = progress.phase === 'push' ? 'enviando' : 'recebendo';
  return `Sincronizando (${verb} ${progress.done}${progress.total ? ` de ${progress.total}` : ''})`;
}

/** Maps the sync state (null when nobody is signed in) and the update state to the tray. */
export function trayPresentation(sync: SyncStatus | null, update: UpdateStatus | null = null): TrayPresentation {
  let icon: TrayIconName;
  let statusLine: string;
  let pendingLine: string;
  if (!sync) {
    icon = 'offline';
    statusLine = 'Ninguém conectado';
    pendingLine = 'Entre para sincronizar';
  } else {
    icon = sync.connection;
    statusLine = sync.connection === 'syncing' ? syncingText(sync) : sync.connection === 'offline' ? 'Sem conexão' : 'Conectado';
    pendingLine = pendingActionsText(sync.pendingCount);
  }
  const parts = ['SAC Desktop', statusLine, pendingLine];
  if (update?.phase === 'ready' || update?.phase === 'waitingForSync') parts.push('atualização pronta para instalar');
  let tooltip = parts.join(' · ');
  if (tooltip.length > TRAY_TOOLTIP_MAX) tooltip = `${tooltip.slice(0, TRAY_TOOLTIP_MAX - 1)}…`;
  return { icon, tooltip, statusLine, pendingLine };
}
