// test-lane: free
// Revocation over real HTTP on loopback: the test PKI's OCSP responder and CRLs, and the verifier's
// OCSP-first / CRL-fallback checker with its timeouts, signature and freshness checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTestPki, startRevocationServer } from '../../simulators/testpki/index';
import type { HolderSpec, RevocationServer } from '../../simulators/testpki/index';
import { createHttpRevocationChecker, validateCertificate } from '../../common/jpki/index';
import type { ValidationPolicy } from '../../common/jpki/index';
import { isKioskError } from '../../common/errors';
import * as pkijs from 'pkijs';

const NOW = new Date('2026-06-01T03:00:00Z');
const pki = await loadTestPki();
const SPEC: HolderSpec = {
  id: 'revocation-goro', name: '渡辺 五郎', sex: '1', dob: '19881111', address: '東京都清瀬市旭が丘一丁目2番3号',
  prefectureRomaji: 'Tokyo-to', cityRomaji: 'Kiyose-shi', issuedAt: '2025-10-27', withSignCert: true,
};
const moved = await pki.issueHolder(SPEC); // sign cert revoked by 異動 below
const fine = await pki.issueHolder({ ...SPEC, id: 'revocation-rokuro', name: '渡辺 六郎' });
const revokedAt = new Date('2026-05-20T01:00:00Z');
pki.revoke(moved.signCertDer!, 'affiliationChanged', revokedAt);

// Two servers so OCSP can fail while the CRL still answers (separate hosts in production too).
const ocspServer = await startRevocationServer(pki, { clock: () => NOW, slowMs: 5_000 });
const crlServer = await startRevocationServer(pki, { clock: () => NOW, slowMs: 5_000 });
test.after(async () => { await ocspServer.close(); await crlServer.close(); });
test.beforeEach(() => { ocspServer.setMode('ok'); crlServer.setMode('ok'); });

function checker(fetchImpl: typeof fetch = fetch, timeoutMs = 1_500) {
  return createHttpRevocationChecker({
    ocspUrl: ocspServer.ocspUrl,
    crlUrls: { auth: crlServer.crlUrl('auth'), sign: crlServer.crlUrl('sign') },
    fetch: fetchImpl, timeoutMs, crlCacheMs: 0,
  });
}

function policy(overrides: Partial<ValidationPolicy> = {}): ValidationPolicy {
  return { anchors: [pki.roots.auth, pki.roots.sign], now: NOW, revocation: checker(), revocationFailure: 'fail-closed', ...overrides };
}

function hitsOf(s: RevocationServer): { ocsp: number; crl: number } { return { ...s.hits }; }

test('a good certificate is confirmed by OCSP without touching the CRL', async () => {
  const crlBefore = hitsOf(crlServer).crl;
  const outcome = await checker().check(fine.signCertDer!, pki.roots.sign, NOW);
  assert.deepEqual(outcome, { status: 'good', source: 'ocsp' });
  assert.equal(hitsOf(crlServer).crl, crlBefore);
  assert.equal((await validateCertificate(fine.authCertDer, policy())).revocation, 'good');
});

test('異動: the sign certificate is revoked with affiliationChanged via OCSP; its auth cert is not', async () => {
  await assert.rejects(validateCertificate(moved.signCertDer!, policy()), (err) => {
    assert.ok(isKioskError(err, 'auth.revoked'));
    assert.equal(err.details.reason, 'affiliationChanged');
    assert.equal(err.details.revokedAt, revokedAt.toISOString());
    assert.equal(err.details.source, 'ocsp');
    return true;
  });
  assert.equal((await validateCertificate(moved.authCertDer, policy())).revocation, 'good');
});

test('OCSP down (connection dropped) or HTTP 500: the CRL answers, with the reason', async () => {
  for (const mode of ['down', 'error500'] as const) {
    ocspServer.setMode(mode);
    const outcome = await checker().check(moved.signCertDer!, pki.roots.sign, NOW);
    assert.deepEqual(outcome, { status: 'revoked', reason: 'affiliationChanged', revokedAt, source: 'crl' }, mode);
    assert.deepEqual(await checker().check(fine.signCertDer!, pki.roots.sign, NOW), { status: 'good', source: 'crl' }, mode);
    await assert.rejects(validateCertificate(moved.signCertDer!, policy()), { kind: 'auth.revoked', details: { reason: 'affiliationChanged', revokedAt: revokedAt.toISOString(), source: 'crl' } });
  }
});

test('everything unreachable: fail-closed is a typed error, fail-open is "unchecked"', async () => {
  ocspServer.setMode('down');
  crlServer.setMode('error500');
  await assert.rejects(validateCertificate(fine.authCertDer, policy()), (err) => {
    assert.ok(isKioskError(err, 'auth.revocation_unreachable'));
    assert.match(String(err.details.detail), /OCSP: .*; CRL: .*HTTP 500/);
    return true;
  });
  const open = await validateCertificate(fine.authCertDer, policy({ revocationFailure: 'fail-open' }));
  assert.equal(open.revocation, 'unchecked');
});

test('a slow responder times out instead of hanging the kiosk', async () => {
  ocspServer.setMode('slow');
  crlServer.setMode('slow');
  const t0 = Date.now();
  const outcome = await checker(fetch, 300).check(fine.authCertDer, pki.roots.auth, NOW);
  const elapsed = Date.now() - t0;
  assert.equal(outcome.status, 'unreachable');
  assert.match((outcome as { detail: string }).detail, /timed out after 300 ms/);
  assert.ok(elapsed < 2_000, `took ${elapsed} ms`);
});

test('a replayed OCSP response (nonce of another request) is not trusted', async () => {
  // Capture one genuine response, then serve it for every later request.
  let captured: Uint8Array | undefined;
  const replaying: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (!String(input).endsWith('/ocsp')) return res;
    captured ??= new Uint8Array(await res.arrayBuffer());
    return new Response(captured.slice(), { status: 200, headers: { 'content-type': 'application/ocsp-response' } });
  };
  const c = checker(replaying);
  assert.deepEqual(await c.check(moved.signCertDer!, pki.roots.sign, NOW), { status: 'revoked', reason: 'affiliationChanged', revokedAt, source: 'ocsp' });
  // Second check: the replayed answer is refused; the CRL decides.
  const second = await c.check(moved.signCertDer!, pki.roots.sign, NOW);
  assert.equal(second.status === 'revoked' && second.source, 'crl');
});

test('an OCSP response with a broken signature is refused; the CRL decides', async () => {
  const tampering: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (!String(input).endsWith('/ocsp')) return res;
    const body = new Uint8Array(await res.arrayBuffer());
    body[body.length - 1]! ^= 0x01; // last byte of the BasicOCSPResponse signature
    return new Response(body, { status: 200, headers: { 'content-type': 'application/ocsp-response' } });
  };
  const outcome = await checker(tampering).check(fine.signCertDer!, pki.roots.sign, NOW);
  assert.deepEqual(outcome, { status: 'good', source: 'crl' });
});

test('an OCSP answer or CRL signed by a look-alike CA is refused', async () => {
  const fake = await loadTestPki({ seed: 'look-alike-responder' });
  const fakeServer = await startRevocationServer(fake, { clock: () => NOW });
  try {
    // Responder and CRL from another CA with the same DN: neither may vouch for our certificate.
    const c = createHttpRevocationChecker({ ocspUrl: fakeServer.ocspUrl, crlUrls: { sign: fakeServer.crlUrl('sign') }, fetch, timeoutMs: 1_500 });
    const outcome = await c.check(moved.signCertDer!, pki.roots.sign, NOW);
    assert.equal(outcome.status, 'unreachable');
    assert.match((outcome as { detail: string }).detail, /OCSP: OCSP responder status 6; CRL: CRL is not signed by the certificate issuer/);
  } finally {
    await fakeServer.close();
  }
});

test('a stale CRL (past nextUpdate) is not used', async () => {
  ocspServer.setMode('down');
  const later = new Date(NOW.getTime() + 3 * 24 * 3600_000); // server still signs at NOW
  const outcome = await checker().check(fine.authCertDer, pki.roots.auth, later);
  assert.equal(outcome.status, 'unreachable');
  assert.match((outcome as { detail: string }).detail, /CRL is stale/);
});

test('the responder speaks RFC 6960: GET base64 form, malformed request, content type', async () => {
  const request = new pkijs.OCSPRequest();
  await request.createForCertificate(pkijs.Certificate.fromBER(fine.authCertDer.slice().buffer), {
    hashAlgorithm: 'SHA-256', issuerCertificate: pkijs.Certificate.fromBER(pki.roots.auth.slice().buffer),
  });
  const b64 = Buffer.from(request.toSchema(true).toBER(false)).toString('base64');
  const res = await fetch(`${ocspServer.ocspUrl}/${encodeURIComponent(b64)}`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/ocsp-response');
  const ocsp = pkijs.OCSPResponse.fromBER(await res.arrayBuffer());
  assert.equal(ocsp.responseStatus.valueBlock.valueDec, 0);
  const status = await ocsp.getCertificateStatus(
    pkijs.Certificate.fromBER(fine.authCertDer.slice().buffer), pkijs.Certificate.fromBER(pki.roots.auth.slice().buffer),
  );
  assert.equal(status.status, 0, 'good (SHA-256 CertID)');
  const junk = await fetch(ocspServer.ocspUrl, { method: 'POST', headers: { 'content-type': 'application/ocsp-request' }, body: 'junk' });
  assert.equal(pkijs.OCSPResponse.fromBER(await junk.arrayBuffer()).responseStatus.valueBlock.valueDec, 1, 'malformedRequest');
  const wrongType = await fetch(ocspServer.ocspUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
  assert.equal(wrongType.status, 415);
});

test('the CRL lists the revoked serial with reasonCode affiliationChanged, signed by the sign root', async () => {
  const der = new Uint8Array(await (await fetch(crlServer.crlUrl('sign'))).arrayBuffer());
  const crl = pkijs.CertificateRevocationList.fromBER(der.slice().buffer);
  assert.ok(await crl.verify({ issuerCertificate: pkijs.Certificate.fromBER(pki.roots.sign.slice().buffer) }));
  assert.equal(crl.revokedCertificates?.length, 1);
  const reason = crl.revokedCertificates![0]!.crlEntryExtensions!.extensions[0]!;
  assert.equal(reason.extnID, '2.5.29.21');
  assert.equal(Buffer.from(reason.extnValue.valueBlock.valueHexView).toString('hex'), '0a0103', 'ENUMERATED 3 = affiliationChanged');
  const authCrl = pkijs.CertificateRevocationList.fromBER(await (await fetch(crlServer.crlUrl('auth'))).arrayBuffer());
  assert.equal(authCrl.revokedCertificates, undefined, 'the auth CRL is empty');
});
