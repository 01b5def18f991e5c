// The hospital's 領収証 and 診療明細書 as ONE PDF (kiosk-domain.md §3.6): page 1 the 領収証 — the points
// per 部 with 総点, 保険 / 公費 / 保険外, 患者負担額, 領収額, how it was paid and the change, the hospital's
// 領収印 —, then the 明細書's pages (medical-statement.ts). Every page carries a QR with the hospital's
// signature over the page's facts (common/documents/hospital-attestation.ts), so `madoguchi verify`
// checks these like certificates. A reprint is marked 【再発行】 on every page and in the signed facts.
// Bound to its checkout (kind 'hospital-receipt') for the kiosk printer's pre-send check.
// The figures are checked before anything is drawn (checkHospitalReceipt): a mismatch is
// 'input.invalid' naming the field.
import { encodeHospitalAttestation, hospitalAttestationMessage, type HospitalPageAttestation } from '../common/documents/hospital-attestation';
import { checkHospitalReceipt, type HospitalReceiptData, type HospitalReceiptInput } from '../common/documents/hospital-receipt';
import { formatWareki, japanDateOf } from '../common/domain/wareki';
import { bindingInfo } from './binding';
import type { DocumentSigner } from './certificate-pdf';
import { drawFooter, drawHeader, localWord, newHospitalDocument } from './hospital-receipt-layout';
import { drawReceiptBody, receiptListsOutOfInsurance } from './hospital-receipt-page';
import { WORDS } from './hospital-receipt-text';
import { drawStatementBody, planStatementPages } from './medical-statement';

/** The checkout the documents belong to: the printer compares these with the job before sending. */
export interface HospitalReceiptBinding { documentId: string; requestId: string; subjectHash: string }

export async function renderHospitalReceiptPdf(input: HospitalReceiptInput, binding: HospitalReceiptBinding, signer: DocumentSigner): Promise<Uint8Array> {
  const r = checkHospitalReceipt(input);
  return composeHospitalReceipt(r, binding, async (pages) => {
    const encoder = new TextEncoder();
    return Promise.all(pages.map(async (a) => encodeHospitalAttestation(a, await signer.sign(encoder.encode(hospitalAttestationMessage(a))))));
  }, signer.keyId);
}

/** 令和8年12月6日 10:15 (Japan time) from the instant. */
function issuedText(issuedAt: string): string {
  const time = new Date(Date.parse(issuedAt) + 9 * 3600_000).toISOString().slice(11, 16);
  return `${formatWareki(japanDateOf(issuedAt))}\u3000${time}`;
}

/**
 * Lays out, asks `qrTexts` for each page's QR text (given the pages' attestations), and draws.
 * Exposed for verification tests, which need a document whose QR does not belong to it; production
 * code calls renderHospitalReceiptPdf.
 */
export async function composeHospitalReceipt(r: HospitalReceiptData, binding: HospitalReceiptBinding,
  qrTexts: (pages: HospitalPageAttestation[]) => Promise<string[]>, keyId: string): Promise<Uint8Array> {
  const issuedAt = new Date(r.issuedAt);
  const { doc, finish } = newHospitalDocument({
    Title: `領収証・診療明細書 ${r.invoiceNumber}`, Author: r.hospital.name, Subject: '領収証',
    ...bindingInfo({ issuanceId: binding.documentId, requestId: binding.requestId, subjectHash: binding.subjectHash, kind: 'hospital-receipt' }),
  }, issuedAt, r.language);
  // 保険外 lines the 領収証 has no room for are listed on the 明細書 (a page of its own if there are no items).
  const statement = planStatementPages(doc, r, !receiptListsOutOfInsurance(doc, r));
  const pages = 1 + statement.length;
  const base = {
    keyId, documentId: binding.documentId, invoiceNumber: r.invoiceNumber, patientId: r.patientId, performedOn: r.performedOn,
    issuedOn: japanDateOf(r.issuedAt), received: r.payment.received, totalPoints: r.totalPoints, pages, reprint: r.reprint,
  };
  const attestations: HospitalPageAttestation[] = [{ ...base, part: 'receipt', page: 1 }, ...statement.map((_, i) => ({ ...base, part: 'statement' as const, page: i + 2 }))];
  const qr = await qrTexts(attestations);
  const issued = issuedText(r.issuedAt);
  const header = { hospital: r.hospital.name, pages, reprint: r.reprint, reprintLocal: localWord(r.language, WORDS.reprint) };
  const footer = { documentId: binding.documentId, kioskId: r.kioskId, hospital: r.hospital };
  drawHeader(doc, { ...header, titleJa: WORDS.receipt.ja, titleLocal: localWord(r.language, WORDS.receipt), page: 1 });
  drawReceiptBody(doc, r, issued);
  drawFooter(doc, { ...footer, qrText: qr[0] ?? '', note: { ja: WORDS.keep.ja, local: localWord(r.language, WORDS.keep) } });
  statement.forEach((rows, i) => {
    drawHeader(doc, { ...header, titleJa: WORDS.statement.ja, titleLocal: localWord(r.language, WORDS.statement), page: i + 2 });
    drawStatementBody(doc, r, rows, { page: i + 2, pages, last: i === statement.length - 1 }, issued);
    drawFooter(doc, { ...footer, qrText: qr[i + 1] ?? '' });
  });
  return finish();
}

/** Start-up preparation: one throwaway render so the first patient's documents render warm. */
export async function prepareHospitalReceiptRenderer(signer: DocumentSigner, language: HospitalReceiptData['language'] = 'ja'): Promise<void> {
  await renderHospitalReceiptPdf({
    hospital: { name: '病院', address: '住所', phone: '000-000-0000' }, patientId: '0', invoiceNumber: '0', performedOn: '2026-01-01',
    issuedAt: '2026-01-01T00:00:00+09:00', categories: [{ code: 'A00', points: 75 }], totalPoints: 75,
    insurance: { medicalCost: 750, patientShare: 230 }, outOfInsurance: [], patientTotal: 230,
    payment: { method: 'cash', received: 230, change: 0 }, kioskId: 'warm-up', language,
    items: [{ part: 'A00', code: '0', name: '再診料', points: 75, count: 1 }],
  }, { documentId: 'warm-up', requestId: 'warm-up', subjectHash: '0'.repeat(64) }, signer);
}
