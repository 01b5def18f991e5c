// Junk, truncated and corrupted DER: always a typed error (or a valid parse), never a crash or hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTestPki } from '../../simulators/testpki/index';
import { parseCertificate, validateCertificate } from '../../common/jpki/index';
import { isKioskError } from '../../common/errors';

const pki = await loadTestPki();
const holder = await pki.issueHolder({
  id: 'junk-shiro', name: '伊藤 四郎', sex: '1', dob: '19700707', address: '東京都清瀬市竹丘一丁目1番1号',
  prefectureRomaji: 'Tokyo-to', cityRomaji: 'Kiyose-shi', issuedAt: '2025-10-27', withSignCert: true,
});
const NOW = new Date('2026-06-01T00:00:00Z');
const ALLOWED = new Set(['auth.bad_certificate', 'auth.untrusted_issuer']);

/** Small deterministic PRNG so a failure is reproducible. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s; };
}

function expectTypedOrOk(fn: () => unknown, label: string): void {
  try {
    fn();
  } catch (err) {
    assert.ok(isKioskError(err, 'auth.bad_certificate'), `${label}: ${String(err)}`);
  }
}

test('obvious junk is auth.bad_certificate', async () => {
  const junk = [new Uint8Array(0), new Uint8Array([0x30]), new Uint8Array([0x30, 0x82, 0xff, 0xff]),
    new TextEncoder().encode('-----BEGIN CERTIFICATE-----'), new Uint8Array(2000).fill(0xff), new Uint8Array(64)];
  for (const bytes of junk) {
    assert.throws(() => parseCertificate(bytes), { kind: 'auth.bad_certificate' });
    await assert.rejects(validateCertificate(bytes, { anchors: [pki.roots.auth], now: NOW, revocation: null, revocationFailure: 'fail-closed' }), { kind: 'auth.bad_certificate' });
  }
  assert.throws(() => parseCertificate('not bytes' as unknown as Uint8Array), { kind: 'auth.bad_certificate' });
});

test('every truncation of a real certificate is auth.bad_certificate', () => {
  for (const der of [holder.authCertDer, holder.signCertDer!]) {
    for (let len = 0; len < der.length; len++) {
      assert.throws(() => parseCertificate(der.subarray(0, len)), { kind: 'auth.bad_certificate' }, `length ${len}`);
    }
  }
});

test('random byte corruption never escapes as anything but a typed error', async () => {
  const next = prng(20261123);
  const der = holder.signCertDer!;
  for (let i = 0; i < 400; i++) {
    const bad = der.slice();
    const flips = 1 + (next() % 3);
    for (let f = 0; f < flips; f++) bad[next() % bad.length]! ^= 1 + (next() % 255); // always a real change
    expectTypedOrOk(() => parseCertificate(bad), `case ${i}`);
    if (i % 4 === 0) {
      try {
        await validateCertificate(bad, { anchors: [pki.roots.sign], now: NOW, revocation: null, revocationFailure: 'fail-closed' });
        assert.fail(`case ${i}: a corrupted certificate validated`);
      } catch (err) {
        assert.ok(isKioskError(err) && ALLOWED.has(err.kind), `case ${i}: ${String(err)}`);
      }
    }
  }
});
