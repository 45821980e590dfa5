// Registers one ipcMain handler per channel of the contract. Each checks that the call comes
// from the app's own page in its main frame before the core validates the arguments.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { AppCore } from '../core/appCore';
import { createLogger } from '../core/log';
import { CHANNELS, IPC_PREFIX, type EventName, type IpcEvents } from '../../shared/ipc';
import { isTrustedSender } from './security';

const log = createLogger('ipc');

export function registerIpcHandlers(core: AppCore, origin: string): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(`${IPC_PREFIX}${channel}`, async (event: IpcMainInvokeEvent, input: unknown) => {
      const frame = event.senderFrame;
      const sender = frame ? { url: frame.url, isMainFrame: frame === event.sender.mainFrame } : null;
      if (!isTrustedSender(sender, origin)) {
        log.warn('IPC call from an untrusted sender rejected', { channel });
        return { ok: false, error: { code: 'forbidden', message: 'Chamada recusada: origem não confiável.' } };
      }
      return core.invoke(channel, input);
    });
  }
}

/** Forwards the core's events to a window's renderer. */
export function forwardEvents(core: AppCore, contents: () => WebContents | null): () => void {
  return core.onEvent(<E extends EventName>(event: E, payload: IpcEvents[E]) => {
    const target = contents();
    if (target && !target.isDestroyed()) target.send(`${IPC_PREFIX}${event}`, payload);
  });
}
