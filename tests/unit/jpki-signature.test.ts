// Card signatures: the DigestInfo the card is given, and checking what it returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPrivateKey, privateEncrypt, constants, sign } from 'node:crypto';
import { loadTestPki } from '../../simulators/testpki/index';
import { sha256DigestInfo, verifyCardSignature } from '../../common/jpki/index';

const pki = await loadTestPki();
const holder = await pki.issueHolder({
  id: 'signature-ichiro', name: '鈴木 一郎', sex: '1', dob: '19600815', address: '東京都清瀬市野塩一丁目1番地',
  prefectureRomaji: 'Tokyo-to', cityRomaji: 'Kiyose-shi', issuedAt: '2025-06-01', withSignCert: true,
});
const other = await pki.issueHolder({
  id: 'signature-jiro', name: '鈴木 次郎', sex: '1', dob: '19620101', address: '東京都清瀬市野塩一丁目1番地',
  prefectureRomaji: 'Tokyo-to', cityRomaji: 'Kiyose-shi', issuedAt: '2025-06-01', withSignCert: false,
});

/** What the card does for COMPUTE DIGITAL SIGNATURE P1=00: PKCS#1 v1.5 type-1 over the given DigestInfo. */
function cardSign(pkcs8: Uint8Array, data: Uint8Array): Uint8Array {
  const key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  const digestInfo = sha256DigestInfo(new Uint8Array(createHash('sha256').update(data).digest()));
  return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, digestInfo));
}

test('sha256DigestInfo is the RFC 8017 prefix + hash (51 bytes)', () => {
  const hash = new Uint8Array(createHash('sha256').update('challenge').digest());
  const info = sha256DigestInfo(hash);
  assert.equal(info.length, 51);
  assert.equal(Buffer.from(info.subarray(0, 19)).toString('hex'), '3031300d060960864801650304020105000420');
  assert.deepEqual(info.subarray(19), hash);
  assert.throws(() => sha256DigestInfo(new Uint8Array(20)), { kind: 'input.invalid' });
});

test('a card signature over the DigestInfo verifies with the auth certificate', async () => {
  const challenge = new TextEncoder().encode('kiosk-challenge-0001');
  const sig = cardSign(holder.authKeyPkcs8, challenge);
  assert.equal(sig.length, 256);
  assert.equal(await verifyCardSignature(holder.authCertDer, challenge, sig), true);
  // Same as a standard sha256WithRSA signature: the card only adds the padding.
  const std = sign('sha256', challenge, createPrivateKey({ key: Buffer.from(holder.authKeyPkcs8), format: 'der', type: 'pkcs8' }));
  assert.deepEqual(new Uint8Array(std), sig);
});

test('wrong data, a flipped bit, a short signature, or another card key: false', async () => {
  const challenge = new TextEncoder().encode('kiosk-challenge-0002');
  const sig = cardSign(holder.authKeyPkcs8, challenge);
  assert.equal(await verifyCardSignature(holder.authCertDer, new TextEncoder().encode('kiosk-challenge-0003'), sig), false);
  const flipped = sig.slice();
  flipped[100]! ^= 0x01;
  assert.equal(await verifyCardSignature(holder.authCertDer, challenge, flipped), false);
  assert.equal(await verifyCardSignature(holder.authCertDer, challenge, sig.subarray(0, 128)), false);
  assert.equal(await verifyCardSignature(holder.authCertDer, challenge, new Uint8Array(0)), false);
  assert.equal(await verifyCardSignature(other.authCertDer, challenge, sig), false);
  assert.equal(await verifyCardSignature(holder.signCertDer!, challenge, sig), false, 'auth signature does not verify with the sign cert');
});

test('a junk certificate is a typed error, not a crash', async () => {
  await assert.rejects(verifyCardSignature(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]), new Uint8Array(1), new Uint8Array(256)), { kind: 'auth.bad_certificate' });
});
