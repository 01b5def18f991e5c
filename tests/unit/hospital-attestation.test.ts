// test-lane: free
// The hospital receipt's QR line format: round trip, malformed content reported (not parsed), a
// certificate's QR and a receipt's never taken for each other, and the facts looked up in page text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeAttestation, encodeAttestation } from '../../common/documents/attestation';
import { decodeHospitalAttestation, encodeHospitalAttestation, hospitalMissingFacts, type HospitalPageAttestation } from '../../common/documents/hospital-attestation';

const att: HospitalPageAttestation = {
  keyId: 'hospital-demo-2026', part: 'receipt', documentId: 'chk-1-1', invoiceNumber: '0000123', patientId: '00002',
  performedOn: '2026-12-07', issuedOn: '2026-12-07', received: 12340, totalPoints: 4113, page: 1, pages: 3, reprint: false,
};
const sig = Uint8Array.from({ length: 64 }, (_, i) => (i * 29) & 0xff);

test('the QR text round-trips the page facts and the signature', () => {
  const decoded = decodeHospitalAttestation(encodeHospitalAttestation(att, sig));
  assert.ok(!('error' in decoded));
  assert.deepEqual(decoded.attestation, att);
  assert.deepEqual([...decoded.signature], [...sig]);
  const reprint = decodeHospitalAttestation(encodeHospitalAttestation({ ...att, reprint: true, part: 'statement', page: 3 }, sig));
  assert.ok(!('error' in reprint) && reprint.attestation.reprint && reprint.attestation.part === 'statement');
});

test('malformed content is reported, and a certificate\'s QR is not a receipt\'s (nor the reverse)', () => {
  const text = encodeHospitalAttestation(att, sig);
  for (const [from, to] of [['2026-12-07', '2026-02-30'], ['\nreceipt\n', '\ninvoice\n'], ['\nR:0', '\nR:yes'], ['\n1/3\n', '\n1-3\n'], ['\n12340\n', '\n-5\n']] as const) {
    assert.deepEqual(decodeHospitalAttestation(text.replace(from, to)), { error: 'malformed' }, to);
  }
  assert.deepEqual(decodeHospitalAttestation(text.split('\nS:')[0]!), { error: 'malformed' });
  assert.deepEqual(decodeAttestation(text), { error: 'not_attestation' });
  const certificate = encodeAttestation({ keyId: 'k', issuanceId: 'i', issuanceNumber: '1', type: 'juminhyo', issuedOn: '2026-12-07', page: 1, pages: 1, address: 'a', persons: [{ name: 'n', dob: '1980-01-01', sex: '男' }] }, sig);
  assert.deepEqual(decodeHospitalAttestation(certificate), { error: 'not_attestation' });
});

test('facts are found label then value regardless of spacing and full-width digits; a changed amount and an added 【再発行】 are named', () => {
  const page = '領 収 証 1/3頁\n患者ID\n００００２\n伝票番号 0000123\n診療日 令和8年12月7日\n発行日 令和8年12月7日 10:42\n総点 4,113点\n領収額\n12,340円\n文書ID chk-1-1';
  assert.deepEqual(hospitalMissingFacts(att, page), []);
  assert.deepEqual(hospitalMissingFacts(att, page.replace('12,340円', '13,340円')), ['received']);
  assert.deepEqual(hospitalMissingFacts(att, `【再発行】\n${page}`), ['reprint']);
  assert.deepEqual(hospitalMissingFacts({ ...att, reprint: true }, page), ['reprint']);
  // The value under another label does not count: 総点 is not 領収額.
  assert.deepEqual(hospitalMissingFacts({ ...att, received: 4113 }, page), ['received']);
});
