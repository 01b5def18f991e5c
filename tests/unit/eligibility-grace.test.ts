// The eligibility-only grace: 3 calendar months after the auth certificate's notAfter, computed the
// same way for the kiosk's login and the eligibility side; validateCertificate checks the
// certificate's own validity at certificateValidAt while the anchor is still checked at now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eligibilityGraceEnd, inEligibilityGrace } from '../../common/jpki/eligibility-grace';
import { validateCertificate } from '../../common/jpki/index';
import { loadTestPki } from '../../simulators/testpki/index';

test('the grace ends 3 calendar months after notAfter, the day clamped to the month', () => {
  const end = (iso: string) => eligibilityGraceEnd(new Date(iso)).toISOString();
  assert.equal(end('2026-11-20T14:59:59.000Z'), '2027-02-20T14:59:59.000Z');
  assert.equal(end('2026-11-30T14:59:59.000Z'), '2027-02-28T14:59:59.000Z', 'never 2 or 3 March');
  assert.equal(end('2027-11-30T14:59:59.000Z'), '2028-02-29T14:59:59.000Z', 'leap year');
  assert.equal(end('2026-05-31T00:00:00.000Z'), '2026-08-31T00:00:00.000Z');
});

test('in the grace: expired, and less than 3 months ago; never before expiry', () => {
  const notAfter = new Date('2026-11-20T14:59:59Z');
  assert.equal(inEligibilityGrace(notAfter, new Date('2026-11-20T14:59:58Z')), false, 'still valid');
  assert.equal(inEligibilityGrace(notAfter, new Date('2026-11-21T00:00:00Z')), true);
  assert.equal(inEligibilityGrace(notAfter, new Date('2027-02-20T14:59:58Z')), true);
  assert.equal(inEligibilityGrace(notAfter, new Date('2027-02-20T15:00:00Z')), false, '3 months have passed');
});

test('validateCertificate: certificateValidAt moves only the certificate\'s own validity check', async () => {
  const pki = await loadTestPki();
  const holder = await pki.issueHolder({
    id: 'grace-unit', name: '石川 恒夫', sex: '1', dob: '19521103', address: '東京都清瀬市梅園三丁目7番2号',
    prefectureRomaji: 'Tokyo-to', cityRomaji: 'Kiyose-shi', issuedAt: '2021-11-03', notAfter: '2026-11-20', withSignCert: false,
  });
  const now = new Date('2026-12-06T03:00:00Z');
  const base = { anchors: [pki.roots.auth], now, revocation: null, revocationFailure: 'fail-closed' as const };
  await assert.rejects(validateCertificate(holder.authCertDer, base), { kind: 'auth.expired' });
  const v = await validateCertificate(holder.authCertDer, { ...base, certificateValidAt: new Date('2026-11-20T00:00:00+09:00') });
  assert.equal(v.kind, 'auth');
  await assert.rejects(validateCertificate(holder.authCertDer, { ...base, certificateValidAt: new Date('invalid') }), { kind: 'input.invalid' });
});
