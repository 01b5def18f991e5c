// The kiosk window: applies the security policy of security.ts to the window, its session and
// its web contents. Deny by default: navigation, new windows, webviews, permissions.
import { BrowserWindow, Menu, type Session } from 'electron';
import { APP_ENTRY, isAllowedNavigation, isBlockedInput, permissionAllowed, windowOptions, type ShellMode } from './security';

export function hardenSession(ses: Session, log: (m: string) => void): void {
  ses.setPermissionRequestHandler((wc, permission, callback) => {
    const ok = permissionAllowed(permission, wc.getURL());
    if (!ok) log(`permission denied: ${permission}`);
    callback(ok);
  });
  ses.setPermissionCheckHandler((_wc, permission, origin) => permissionAllowed(permission, origin));
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event) => event.preventDefault());
}

export function createKioskWindow(opts: { preloadPath: string; mode: ShellMode; log: (m: string) => void }): BrowserWindow {
  // No menu: removes the reload / dev-tools accelerators along with the menu bar.
  Menu.setApplicationMenu(null);
  const win = new BrowserWindow(windowOptions(opts.preloadPath, opts.mode));
  const wc = win.webContents;
  const refuse = (what: string) => (event: { preventDefault(): void }, url: string) => {
    if (!isAllowedNavigation(url)) {
      event.preventDefault();
      opts.log(`${what} blocked: ${url}`);
    }
  };
  wc.on('will-navigate', refuse('navigation'));
  wc.on('will-redirect', refuse('redirect'));
  wc.on('will-frame-navigate', (details) => {
    if (!isAllowedNavigation(details.url)) details.preventDefault();
  });
  wc.setWindowOpenHandler(({ url }) => {
    opts.log(`window.open blocked: ${url}`);
    return { action: 'deny' };
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.on('before-input-event', (event, input) => {
    if (isBlockedInput(input, opts.mode)) event.preventDefault();
  });
  if (opts.mode.production) wc.on('devtools-opened', () => wc.closeDevTools());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY);
  return win;
}
