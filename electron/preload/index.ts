// The preload: one exposed object, allow-listed channels, no logic (the main process validates
// everything). Bundled at packaging time because a sandboxed preload cannot load modules.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { COMMAND_CHANNELS, IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX } from '../../common/api/channels';

const allowed: ReadonlySet<string> = new Set(COMMAND_CHANNELS);

const kiosk = {
  invoke(channel: string, input: unknown): Promise<unknown> {
    if (!allowed.has(channel)) return Promise.resolve({ ok: false, error: { kind: 'input.invalid', message: 'unknown command' } });
    return ipcRenderer.invoke(IPC_INVOKE_PREFIX + channel, input);
  },
  subscribe(listener: (name: string, payload: unknown) => void): () => void {
    const handler = (_e: IpcRendererEvent, msg: { name?: unknown; payload?: unknown }) => {
      if (typeof msg?.name === 'string') listener(msg.name, msg.payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
} satisfies { invoke(c: string, i: unknown): Promise<unknown>; subscribe(l: (n: string, p: unknown) => void): () => void };

contextBridge.exposeInMainWorld('kiosk', kiosk);
