// Start-up preparation for a process that renders certificates (the back office, the kiosk): parses
// the font, builds the background streams and runs one throwaway render with an ephemeral key, so
// the first resident's document is a warm render (≈5 ms/page) instead of a cold one (see README).
import { generateKeyPairSync, sign } from 'node:crypto';
import { renderCertificatePdf } from './certificate-pdf';

export async function prepareDocumentRenderer(): Promise<{ ms: number }> {
  const t0 = performance.now();
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signer = { keyId: 'warm-up', sign: async (p: Uint8Array) => new Uint8Array(sign('sha256', p, { key: privateKey, dsaEncoding: 'ieee-p1363' })) };
  const person = { residentId: 'warm-up', name: '準備　用', nameKana: null, dob: '2000-01-01', sex: '男' as const, becameResidentOn: '2000-01-01', addressSince: '2000-01-01' };
  await renderCertificatePdf({
    issuanceId: 'warm-up', requestId: 'warm-up', kioskId: 'warm-up', issuanceNumber: '0', issuedAt: new Date().toISOString(), copies: 1,
    municipality: { code: '000000', prefecture: '東京都', name: '準備市', mayorTitle: '市長', mayorName: '準備' },
    requesterResidentId: 'warm-up', subjectHash: '0'.repeat(64),
    data: { type: 'juminhyo', layout: 'household', address: '準備', householdHead: '準備　用', wholeHousehold: true, members: [person], remarks: [] },
  }, signer);
  return { ms: performance.now() - t0 };
}
