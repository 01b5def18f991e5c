// Trust anchors are configuration, never code: production kiosks trust the J-LIS
// user-authentication roots (obtained from J-LIS, pinned here by fingerprint), demo and test
// kiosks trust the private test hierarchy. The two are never mixed: a production configuration
// refuses any anchor that is not a known J-LIS root.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { KioskError } from '../../../common/errors';

/**
 * SHA-256 fingerprints of the J-LIS 利用者証明用 (user-authentication) root CA certificates
 * (authca01 2015-10-20…2025-10-19, authca03 2023-07-16…2033-07-15). All generations share one DN,
 * so the issuer is chosen by signature, never by name.
 */
export const JLIS_AUTH_ROOT_FINGERPRINTS: Readonly<Record<string, string>> = {
  '4dcfc4ca0aaf9fb2a3081b3f0c991c320b3acc008667a341eeaec5af1d58ca7d': 'J-LIS authca01 (2015)',
  '64114f29620c24ed2631d46476a040e7ee740d956089c00b036a6a8118c322b5': 'J-LIS authca03 (2023)',
};

export type TrustMode = 'production' | 'test';

/** Reads a certificate file in DER or PEM form. */
export function readCertificateFile(path: string): Uint8Array {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new KioskError('input.invalid', `cannot read trust anchor ${path}: ${(err as Error).message}`, { field: 'trust.anchorFiles' });
  }
  const text = bytes.toString('latin1');
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(text);
  return pem ? new Uint8Array(Buffer.from(pem[1]!.replace(/\s+/g, ''), 'base64')) : new Uint8Array(bytes);
}

export function sha256Hex(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

/**
 * Checks a set of anchors against the trust mode. Production: every anchor must be a pinned
 * J-LIS root. Test: no anchor may be a J-LIS root (so a test configuration can never accept a real
 * card's identity as if it were verified against test data, and vice versa).
 */
export function checkAnchors(anchors: Uint8Array[], mode: TrustMode): Uint8Array[] {
  if (anchors.length === 0) {
    throw new KioskError('input.invalid', 'no trust anchors configured', { field: 'trust.anchorFiles' });
  }
  for (const der of anchors) {
    const fp = sha256Hex(der);
    const isJlis = fp in JLIS_AUTH_ROOT_FINGERPRINTS;
    if (mode === 'production' && !isJlis) {
      throw new KioskError('input.invalid', `trust anchor ${fp} is not a J-LIS user-authentication root`, { field: 'trust.anchorFiles' });
    }
    if (mode === 'test' && isJlis) {
      throw new KioskError('input.invalid', `test configuration must not include the production J-LIS root ${fp}`, { field: 'trust.anchorFiles' });
    }
  }
  return anchors;
}
