// The preload bridge: exposes the typed IPC contract as window.sac and nothing else. It runs
// sandboxed, so it may require only 'electron'; the channel list is bundled into it.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { SacBridge } from '../shared/ipc';
import { CHANNELS, EVENT_NAMES, IPC_PREFIX } from '../shared/ipcChannels';

const channels = new Set<string>(CHANNELS);
const events = new Set<string>(EVENT_NAMES);

const bridge = {
  invoke: (channel, input) => {
    if (!channels.has(channel)) return Promise.reject(new Error(`Unknown IPC channel: ${String(channel)}`));
    return ipcRenderer.invoke(`${IPC_PREFIX}${channel}`, input);
  },
  on: (event, listener) => {
    if (!events.has(event)) throw new Error(`Unknown IPC event: ${String(event)}`);
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(`${IPC_PREFIX}${event}`, wrapped);
    return () => {
      ipcRenderer.removeListener(`${IPC_PREFIX}${event}`, wrapped);
    };
  },
} satisfies SacBridge;

contextBridge.exposeInMainWorld('sac', bridge);
