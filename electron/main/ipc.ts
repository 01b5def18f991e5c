// Electron IPC transport, main side: one `handle` per contract command under a private prefix.
// Each call is checked for WHO sent it (main frame of app://kiosk only) and WHAT it says (the
// contract's zod schema, inside `dispatch`), and always answers with an envelope.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { KioskError } from '../../common/errors';
import { COMMAND_CHANNELS, IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX } from '../../common/api/channels';
import type { Envelope, KioskApi, KioskEvents } from '../../common/api/contract';
import { dispatch, forwardEvents } from '../../common/api/dispatch';
import { isTrustedSender } from './security';

type Sender = { senderFrame: { url: string; isMainFrame: boolean } | null };

/** The validated handler, free of Electron objects so tests can call it with plain data. */
export async function handleIpcInvoke(api: KioskApi, event: Sender, channel: string, input: unknown, log?: (m: string) => void): Promise<Envelope> {
  if (!isTrustedSender(event.senderFrame)) {
    log?.(`ipc: refused ${channel} from ${event.senderFrame?.url ?? '(no frame)'}`);
    const refused = new KioskError('api.unauthorized', 'untrusted sender');
    return { ok: false, error: { kind: refused.kind, message: refused.message } };
  }
  return dispatch(api, channel, input);
}

export function registerIpc(ipcMain: IpcMain, api: KioskApi, log?: (m: string) => void): () => void {
  for (const name of COMMAND_CHANNELS) {
    ipcMain.handle(IPC_INVOKE_PREFIX + name, (event: IpcMainInvokeEvent, input: unknown) =>
      handleIpcInvoke(api, { senderFrame: event.senderFrame ? { url: event.senderFrame.url, isMainFrame: event.senderFrame === event.sender.mainFrame } : null }, name, input, log),
    );
  }
  return () => COMMAND_CHANNELS.forEach((name) => ipcMain.removeHandler(IPC_INVOKE_PREFIX + name));
}

/** Pushes contract events to one window's renderer while it lives. */
export function forwardEventsTo(events: KioskEvents, contents: () => WebContents | null): () => void {
  return forwardEvents(events as Parameters<typeof forwardEvents>[0], (name, payload) => {
    const wc = contents();
    if (wc && !wc.isDestroyed()) wc.send(IPC_EVENT_CHANNEL, { name, payload });
  });
}
