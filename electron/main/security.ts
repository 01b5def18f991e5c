// The kiosk window's security policy as data and pure functions, so every rule is unit-tested
// without the Electron binary (tests/unit/electron-security.test.ts). window.ts applies it.
// Checklist: electron/electron docs/tutorial/security.md; deny by default everywhere.
import type { BrowserWindowConstructorOptions, Input, WebPreferences } from 'electron';
import { kioskCsp } from './csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;
export const KIOSK_CSP = kioskCsp();

export interface ShellMode {
  /** Production: kiosk lock, no dev tools, no reload. Development relaxes only the dev-tool rules. */
  production: boolean;
}

export function webPreferences(preloadPath: string, mode: ShellMode): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: !mode.production,
    safeDialogs: true,
    autoplayPolicy: 'user-gesture-required',
  };
}

export function windowOptions(preloadPath: string, mode: ShellMode): BrowserWindowConstructorOptions {
  return {
    show: false, // shown on ready-to-show: no white flash on the kiosk
    kiosk: mode.production,
    fullscreen: mode.production,
    frame: !mode.production,
    autoHideMenuBar: true,
    backgroundColor: '#fbfaf6',
    width: 1080,
    height: 1920,
    title: '窓口',
    webPreferences: webPreferences(preloadPath, mode),
  };
}

/** Only the app's own origin, compared as parsed origins (never string prefixes). */
export function isAppUrl(raw: string): boolean {
  try {
    const u = new URL(raw);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** will-navigate / will-redirect: the single-page UI never navigates; only a reload of itself. */
export function isAllowedNavigation(target: string): boolean {
  return isAppUrl(target);
}

/** IPC is accepted only from the main frame of our own origin. */
export function isTrustedSender(frame: { url: string; isMainFrame: boolean } | null): boolean {
  return frame !== null && frame.isMainFrame && isAppUrl(frame.url);
}

/**
 * Permissions the kiosk UI may use. Speech synthesis needs none; the card and printer are reached
 * through main. Everything else (camera, geolocation, notifications, HID, serial, USB …) is denied.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['fullscreen', 'clipboard-sanitized-write']);

export function permissionAllowed(permission: string, requestingUrl: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

/** Keys that would reload, open dev tools, zoom, print or leave the kiosk; swallowed in production. */
export function isBlockedInput(input: Pick<Input, 'key' | 'control' | 'meta' | 'alt' | 'shift' | 'type'>, mode: ShellMode): boolean {
  if (!mode.production || input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  const mod = input.control || input.meta;
  if (['f5', 'f11', 'f12', 'browserback', 'browserforward', 'browserrefresh', 'browserhome'].includes(key)) return true;
  if (mod && ['r', 'w', 'q', 'n', 't', 'p', 's', 'o', 'l', 'f', 'g', 'h', 'j', 'u', '+', '-', '=', '0'].includes(key)) return true;
  if (mod && input.shift && ['i', 'j', 'c', 'delete'].includes(key)) return true;
  if (input.alt && ['f4', 'arrowleft', 'arrowright', 'home'].includes(key)) return true;
  return false;
}

/** Response headers for every app:// file. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': KIOSK_CSP,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  };
}
