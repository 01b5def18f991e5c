import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeAttestation, encodeAttestation, fromBase64Url, missingFacts, toBase64Url, type PageAttestation } from '../../common/documents/attestation';

const att: PageAttestation = {
  keyId: 'kiyose-demo-2025', issuanceId: 'iss-1', issuanceNumber: '000117-01', type: 'juminhyo', issuedOn: '2025-12-01',
  page: 1, pages: 2, address: '東京都清瀬市中里一丁目2番3号',
  persons: [{ name: '山田　太郎', dob: '1980-02-17', sex: '男' }, { name: '山田　花子', dob: '1982-06-05', sex: '女' }],
};
const sig = Uint8Array.from({ length: 64 }, (_, i) => (i * 37) & 0xff);

test('the QR text round-trips the attestation and the signature', () => {
  const decoded = decodeAttestation(encodeAttestation(att, sig));
  assert.ok(!('error' in decoded));
  assert.deepEqual(decoded.attestation, att);
  assert.deepEqual([...decoded.signature], [...sig]);
});

test('any other QR content is reported, not parsed', () => {
  assert.deepEqual(decodeAttestation('https://example.com/'), { error: 'not_attestation' });
  const text = encodeAttestation(att, sig);
  assert.deepEqual(decodeAttestation(text.replace('1980-02-17', '1980-02-30')), { error: 'malformed' });
  assert.deepEqual(decodeAttestation(text.replace('juminhyo', 'koseki')), { error: 'malformed' });
  assert.deepEqual(decodeAttestation(text.split('\nS:')[0]!), { error: 'malformed' });
});

test('signed facts are found in page text regardless of spacing, wrapping and full-width digits', () => {
  const page = '第000117-01号 令和7年(2025年)12月1日発行 1/2頁\n東京都清瀬市中里一丁目\n２番３号\n山田 太郎 昭和55年2月17日\n山田 花子 昭和57年6月5日';
  assert.deepEqual(missingFacts(att, page), []);
});

test('a changed name or date of birth is named as missing', () => {
  const page = '第000117-01号 令和7年(2025年)12月1日発行 1/2頁 東京都清瀬市中里一丁目2番3号 山田 太郎 昭和55年2月18日 山田 華子 昭和57年6月5日';
  assert.deepEqual(missingFacts(att, page), ['persons[0].dob', 'persons[1].name']);
});

test('base64url matches Node for every length', () => {
  for (let n = 0; n < 70; n++) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 91 + n) & 0xff);
    const text = toBase64Url(bytes);
    assert.equal(text, Buffer.from(bytes).toString('base64url'));
    assert.deepEqual([...fromBase64Url(text)!], [...bytes]);
  }
  assert.equal(fromBase64Url('ab+c'), null);
});
