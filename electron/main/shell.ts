// The Electron shell around the kiosk services: single instance, app:// protocol, the hardened
// window, IPC, display-sleep blocker, renderer-loss recovery and a clean shutdown that unpowers
// the card. The services come in ready-made (production: index.ts; development: start-dev.ts).
import { app, ipcMain, powerSaveBlocker, protocol, session, type BrowserWindow } from 'electron';
import type { KioskApi, KioskEvents } from '../../common/api/contract';
import { serveAppFile } from './app-protocol';
import { forwardEventsTo, registerIpc } from './ipc';
import { createDisplaySleepBlocker } from './power';
import { recoveryFor } from './relaunch';
import { APP_SCHEME, type ShellMode } from './security';
import { createKioskWindow, hardenSession } from './window';

// Must run before `ready`: app:// behaves like a secure standard origin (fetch, CSP, storage).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

export interface ShellOptions {
  api: KioskApi;
  events: KioskEvents;
  /** Ends the card session and stops services; awaited before the process exits. */
  shutdown(): Promise<void>;
  rendererDir: string;
  preloadPath: string;
  mode: ShellMode;
  log: (m: string) => void;
}

/** Returns false when another instance already runs (this one then quits). */
export function acquireSingleInstance(userDataDir?: string): boolean {
  // The lock lives in userData, so it must be set before asking for the lock.
  if (userDataDir) app.setPath('userData', userDataDir);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  return true;
}

export async function runKioskShell(opts: ShellOptions): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession, opts.log);
  protocol.handle(APP_SCHEME, (req) => serveAppFile(opts.rendererDir, req.url));
  const offIpc = registerIpc(ipcMain, opts.api, opts.log);
  const sleep = createDisplaySleepBlocker(powerSaveBlocker);
  sleep.start();

  let win: BrowserWindow | null = null;
  const losses: number[] = [];
  const offEvents = forwardEventsTo(opts.events, () => win?.webContents ?? null);

  const open = () => {
    win = createKioskWindow({ preloadPath: opts.preloadPath, mode: opts.mode, log: opts.log });
    win.webContents.on('render-process-gone', (_e, details) => {
      // Whatever the UI showed about the holder died with it; end the card session too.
      void opts.api['session.end']({ reason: 'shutdown' }).catch(() => undefined);
      const action = recoveryFor(details.reason, losses, Date.now());
      opts.log(`renderer gone (${details.reason}): ${action.kind}`);
      losses.push(Date.now());
      if (action.kind === 'reload') setTimeout(() => win?.webContents.reload(), action.delayMs);
      if (action.kind === 'relaunch') {
        // The new instance would exit at once while we still hold the lock.
        app.releaseSingleInstanceLock();
        app.relaunch(process.env.APPIMAGE ? { execPath: process.env.APPIMAGE } : {});
        app.exit(0);
      }
    });
    win.on('unresponsive', () => opts.log('renderer unresponsive'));
    win.on('closed', () => {
      win = null;
    });
  };
  open();

  app.on('second-instance', () => {
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });
  app.on('child-process-gone', (_e, details) => opts.log(`child process gone: ${details.type} (${details.reason})`));

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    quitting = true;
    offEvents();
    offIpc();
    sleep.stop();
    opts
      .shutdown()
      .catch((err: unknown) => opts.log(`shutdown: ${(err as Error).message}`))
      .finally(() => app.exit(0));
  });
  app.on('window-all-closed', () => app.quit());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
}
