// The kiosk UI's Content-Security-Policy, one definition for both shells (Electron's app://
// protocol handler and the loopback browser bridge). Nothing inline, nothing remote: scripts,
// styles and fonts come only from the app's own origin; the bridge adds its own WebSocket.
export function kioskCsp(extraConnectSrc: string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...extraConnectSrc].join(' ')}`,
    "media-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
