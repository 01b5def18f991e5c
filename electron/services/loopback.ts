// The one rule for plain HTTP: the kiosk talks https to anything off this machine; plain http only
// to a server on loopback (the embedded reference back office, the test PKI's OCSP/CRL responder).
// Used by the configuration schemas (a clear error naming the field) and by the back-office client
// itself (a refusal even when a caller skipped the configuration).

const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/** 127.x.x.x, localhost or [::1] — a URL's `hostname` as WHATWG URL spells it. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOST.test(hostname);
}

/** https anywhere, http only to a loopback host; anything unparsable or another scheme is false. */
export function isHttpsOrLoopback(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname));
}
