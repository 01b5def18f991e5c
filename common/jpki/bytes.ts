// Small byte helpers for the verifier. Pure: WebCrypto and node-forge only, no Node built-ins.
import forge from 'node-forge';
import * as pkijs from 'pkijs';

export function toHex(bytes: Uint8Array | ArrayBuffer): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = '';
  for (const b of view) out += b.toString(16).padStart(2, '0');
  return out.toUpperCase();
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** A standalone ArrayBuffer holding exactly these bytes (a Uint8Array may view a larger pool). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Synchronous SHA-256. parseCertificate is synchronous (callers use it in render paths and
 * zod transforms), and WebCrypto's digest is async only, so the fingerprint uses node-forge.
 */
export function sha256Sync(bytes: Uint8Array): Uint8Array {
  const md = forge.md.sha256.create();
  md.update(forge.util.binary.raw.encode(bytes), 'raw');
  return forge.util.binary.raw.decode(md.digest().getBytes());
}

export async function digest(algorithm: 'SHA-1' | 'SHA-256', bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest(algorithm, toArrayBuffer(bytes)));
}

/** Serial numbers as upper-case hex without the DER sign byte, e.g. '06D18006'. */
export function serialToHex(valueHex: ArrayBuffer): string {
  const bytes = new Uint8Array(valueHex);
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return toHex(bytes.subarray(start));
}

/** pkijs' WebCrypto engine; pkijs installs it from globalThis.crypto when it loads. */
export function cryptoEngine(): pkijs.ICryptoEngine {
  const engine = pkijs.getEngine().crypto;
  if (!engine) throw new Error('no WebCrypto engine available');
  return engine;
}
