// validateCertificate: every failure kind a kiosk user or operator would see, as a typed error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTestPki } from '../../simulators/testpki/index';
import type { HolderSpec } from '../../simulators/testpki/index';
import { parseCertificate, validateCertificate } from '../../common/jpki/index';
import type { RevocationChecker, ValidationPolicy } from '../../common/jpki/index';
import { isKioskError } from '../../common/errors';

const pki = await loadTestPki();
const SPEC: HolderSpec = {
  id: 'validate-saburo', name: '田中 三郎', sex: '1', dob: '19850410', address: '東京都清瀬市梅園二丁目3番4号',
  prefectureRomaji: 'Tokyo-to', cityRomaji: 'Kiyose-shi', issuedAt: '2025-10-27', withSignCert: true,
};
const holder = await pki.issueHolder(SPEC);
const lookAlike = await pki.issueHolder({ ...SPEC, hierarchy: 'untrusted' });
const NOW = new Date('2026-06-01T03:00:00Z');

function policy(overrides: Partial<ValidationPolicy> = {}): ValidationPolicy {
  return { anchors: [pki.roots.auth, pki.roots.sign], now: NOW, revocation: null, revocationFailure: 'fail-closed', ...overrides };
}

const staticChecker = (outcome: Awaited<ReturnType<RevocationChecker['check']>>): RevocationChecker => ({ check: async () => outcome });

test('a genuine auth certificate validates against the test anchors', async () => {
  const v = await validateCertificate(holder.authCertDer, policy());
  assert.equal(v.kind, 'auth');
  assert.equal(v.revocation, 'unchecked');
  assert.equal(v.anchorFingerprintHex, parseCertificate(pki.roots.auth).sha256FingerprintHex);
  const s = await validateCertificate(holder.signCertDer!, policy({ expectKind: 'sign' }));
  assert.equal(s.basic4?.name, '田中 三郎');
  assert.equal(s.anchorFingerprintHex, parseCertificate(pki.roots.sign).sha256FingerprintHex);
});

test('the issuer is chosen by signature: same-DN look-alike anchors never validate', async () => {
  assert.equal(parseCertificate(lookAlike.authCertDer).issuer, parseCertificate(holder.authCertDer).issuer);
  await assert.rejects(validateCertificate(lookAlike.authCertDer, policy()), { kind: 'auth.untrusted_issuer' });
  await assert.rejects(validateCertificate(lookAlike.signCertDer!, policy()), { kind: 'auth.untrusted_issuer' });
  await assert.rejects(
    validateCertificate(holder.authCertDer, policy({ anchors: [pki.untrustedRoots.auth, pki.untrustedRoots.sign] })),
    { kind: 'auth.untrusted_issuer' },
  );
  // With both generations-alike configured, each certificate still finds its own root.
  const mixed = policy({ anchors: [pki.untrustedRoots.auth, pki.roots.sign, pki.roots.auth] });
  assert.equal((await validateCertificate(holder.authCertDer, mixed)).anchorFingerprintHex, parseCertificate(pki.roots.auth).sha256FingerprintHex);
  // A sign certificate does not chain to the auth root.
  await assert.rejects(validateCertificate(holder.signCertDer!, policy({ anchors: [pki.roots.auth] })), { kind: 'auth.untrusted_issuer' });
});

test('expired and not-yet-valid certificates carry their dates', async () => {
  const facts = parseCertificate(holder.authCertDer);
  await assert.rejects(validateCertificate(holder.authCertDer, policy({ now: new Date(facts.notAfter.getTime() + 1000) })), (err) => {
    assert.ok(isKioskError(err, 'auth.expired'));
    assert.equal(err.details.notAfter, facts.notAfter.toISOString());
    return true;
  });
  await assert.rejects(validateCertificate(holder.authCertDer, policy({ now: new Date(facts.notBefore.getTime() - 1000) })), (err) => {
    assert.ok(isKioskError(err, 'auth.not_yet_valid'));
    assert.equal(err.details.notBefore, facts.notBefore.toISOString());
    return true;
  });
  // The last second of validity is still valid.
  assert.equal((await validateCertificate(holder.authCertDer, policy({ now: facts.notAfter }))).kind, 'auth');
});

test('a tampered certificate (one subject byte changed) does not chain', async () => {
  const tampered = holder.authCertDer.slice();
  const cn = parseCertificate(holder.authCertDer).subject.split('CN=')[1]!;
  const at = Buffer.from(tampered).indexOf(Buffer.from(cn, 'ascii'));
  assert.ok(at > 0);
  tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41;
  await assert.rejects(validateCertificate(tampered, policy()), { kind: 'auth.untrusted_issuer' });
});

test('a CA certificate or the wrong kind is not a holder certificate', async () => {
  await assert.rejects(validateCertificate(pki.roots.auth, policy()), { kind: 'auth.bad_certificate' });
  await assert.rejects(validateCertificate(holder.signCertDer!, policy({ expectKind: 'auth' })), { kind: 'auth.bad_certificate' });
});

test('revocation outcomes map to typed errors and the fail-open/closed policy', async () => {
  const revokedAt = new Date('2026-05-01T00:00:00Z');
  await assert.rejects(
    validateCertificate(holder.signCertDer!, policy({ revocation: staticChecker({ status: 'revoked', reason: 'affiliationChanged', revokedAt, source: 'crl' }) })),
    (err) => {
      assert.ok(isKioskError(err, 'auth.revoked'));
      assert.deepEqual(err.details, { reason: 'affiliationChanged', revokedAt: revokedAt.toISOString(), source: 'crl' });
      return true;
    },
  );
  const down = staticChecker({ status: 'unreachable', detail: 'OCSP: timed out' });
  await assert.rejects(validateCertificate(holder.authCertDer, policy({ revocation: down })), { kind: 'auth.revocation_unreachable' });
  assert.equal((await validateCertificate(holder.authCertDer, policy({ revocation: down, revocationFailure: 'fail-open' }))).revocation, 'unchecked');
  const throwing: RevocationChecker = { check: async () => { throw new Error('socket hang up'); } };
  await assert.rejects(validateCertificate(holder.authCertDer, policy({ revocation: throwing })), { kind: 'auth.revocation_unreachable' });
  const good = staticChecker({ status: 'good', source: 'ocsp' });
  assert.equal((await validateCertificate(holder.authCertDer, policy({ revocation: good }))).revocation, 'good');
  // Revocation is consulted only after the path holds: a look-alike is untrusted, not "good".
  await assert.rejects(validateCertificate(lookAlike.authCertDer, policy({ revocation: good })), { kind: 'auth.untrusted_issuer' });
});

test('a bad policy is an input error', async () => {
  await assert.rejects(validateCertificate(holder.authCertDer, policy({ anchors: [] })), { kind: 'input.invalid' });
  await assert.rejects(validateCertificate(holder.authCertDer, policy({ anchors: [new Uint8Array([1, 2, 3])] })), { kind: 'input.invalid' });
  await assert.rejects(validateCertificate(holder.authCertDer, policy({ now: new Date('nope') })), { kind: 'input.invalid' });
});

test('FF filler after the certificate (as read from the card EF) is tolerated', async () => {
  const padded = new Uint8Array(holder.authCertDer.length + 300).fill(0xff);
  padded.set(holder.authCertDer);
  assert.equal(parseCertificate(padded).sha256FingerprintHex, parseCertificate(holder.authCertDer).sha256FingerprintHex);
  assert.equal((await validateCertificate(padded, policy())).kind, 'auth');
  const trailingJunk = padded.slice();
  trailingJunk[trailingJunk.length - 1] = 0x00;
  assert.throws(() => parseCertificate(trailingJunk), { kind: 'auth.bad_certificate' });
});
