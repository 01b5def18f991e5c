// The hospital's 領収証 and 診療明細書 as ONE PDF (kiosk-domain.md §3.6): page 1 the 領収証 — the points
// per 部 with 総点, 保険 / 公費 / 保険外, 患者負担額, 領収額, how it was paid and the change, the hospital's
// 領収印 —, then the 明細書's pages (medical-statement.ts). Every page carries a QR with the hospital's
// signature over the page's facts (common/documents/hospital-attestation.ts), so `madoguchi verify`
// checks these like certificates. A reprint is marked 【再発行】 on every page and in the signed facts.
// Bound to its checkout (kind 'hospital-receipt') for the kiosk printer's pre-send check.
// The figures are checked before anything is drawn (checkHospitalReceipt): a mismatch is
// 'input.invalid' naming the field.
import { encodeHospitalAttestation, grouped, hospitalAttestationMessage, type HospitalPageAttestation } from '../common/documents/hospital-attestation';
import { ALWAYS_SHOWN_PARTS, checkHospitalReceipt, partName, PART_NAMES, type HospitalReceiptData, type HospitalReceiptInput } from '../common/documents/hospital-receipt';
import { formatWareki, japanDateOf } from '../common/domain/wareki';
import { bindingInfo } from './binding';
import type { DocumentSigner } from './certificate-pdf';
import { BODY_BOTTOM, drawAmountLine, drawCells, drawFooter, drawHeader, fitSize, localWord, MARGIN, newHospitalDocument, RIGHT, WIDTH, type Doc } from './hospital-receipt-layout';
import { METHOD_NAMES, WORDS } from './hospital-receipt-text';
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
  const statement = planStatementPages(doc, r);
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

/** The 部 printed: the usual ones always (0 点 included), the rarely used ones only when billed. */
export function shownCategories(r: HospitalReceiptData): { code: string; points: number }[] {
  const billed = new Map(r.categories.map((c) => [c.code, c.points]));
  const codes = [...Object.keys(PART_NAMES), ...r.categories.map((c) => c.code).filter((c) => !(c in PART_NAMES))];
  return codes
    .filter((code) => (ALWAYS_SHOWN_PARTS as readonly string[]).includes(code) || (billed.get(code) ?? 0) > 0)
    .map((code) => ({ code, points: billed.get(code) ?? 0 }));
}

const yen = (n: number) => `${grouped(n)}円`;

function drawReceiptBody(doc: Doc, r: HospitalReceiptData, issued: string): void {
  const lang = r.language;
  const w = (words: Record<typeof lang, string>) => localWord(lang, words);
  const q = WIDTH / 4;
  drawCells(doc, MARGIN, 112, 34, [
    { ja: WORDS.patientId.ja, local: w(WORDS.patientId), value: r.patientId, w: q },
    { ja: WORDS.invoice.ja, local: w(WORDS.invoice), value: r.invoiceNumber, w: q },
    { ja: WORDS.performedOn.ja, local: w(WORDS.performedOn), value: formatWareki(r.performedOn), w: q },
    { ja: WORDS.issuedOn.ja, local: w(WORDS.issuedOn), value: issued, w: q },
  ]);
  drawCells(doc, MARGIN, 146, 34, [
    { ja: WORDS.department.ja, local: w(WORDS.department), value: r.department ?? '', w: q },
    { ja: WORDS.insurance.ja, local: w(WORDS.insurance), value: r.insuranceName ?? '', w: 2 * q },
    { ja: WORDS.ratio.ja, local: w(WORDS.ratio), value: r.ratioPercent === undefined ? '' : `${r.ratioPercent / 10}割`, w: q },
  ]);

  // Points per 部, five to a row, then 総点.
  let y = 192;
  doc.font('ja').fontSize(9).text(WORDS.points.ja, MARGIN, y, { lineBreak: false });
  // Positions are measured before switching to the patient's face: text drawn in the Japanese face
  // after a measurement would lose every Chinese or Korean glyph.
  const pointsEnd = MARGIN + doc.font('ja').fontSize(9).widthOfString(WORDS.points.ja) + 8;
  if (lang !== 'ja') doc.font('local').fillColor('#555555').fontSize(7.5).text(w(WORDS.points), pointsEnd, y + 1.5, { lineBreak: false });
  y += 14;
  const cats = shownCategories(r);
  const perRow = 5;
  for (let i = 0; i < cats.length; i += perRow) {
    const row = cats.slice(i, i + perRow);
    drawCells(doc, MARGIN, y, 30, row.map((c) => ({ ja: partName(c.code), local: '', value: `${grouped(c.points)}点`, w: WIDTH / perRow, align: 'right' as const })));
    y += 30;
  }
  drawCells(doc, MARGIN, y, 30, [{ ja: WORDS.totalPoints.ja, local: w(WORDS.totalPoints), value: `${grouped(r.totalPoints)}点`, w: WIDTH, size: 12, align: 'right' }]);
  y += 44;

  // Left: what the bill is made of. Right: what was paid.
  const leftW = 300;
  const top = y;
  const line = (ja: string, local: string, value: string, size = 10) => {
    drawAmountLine(doc, MARGIN, y, leftW, ja, local, value, { size });
    y += size + 12;
  };
  line(WORDS.medicalCost.ja, w(WORDS.medicalCost), yen(r.insurance.medicalCost));
  line(r.ratioPercent === undefined ? WORDS.insuredShare.ja : `${WORDS.insuredShare.ja}（${r.ratioPercent / 10}割）`, w(WORDS.insuredShare), yen(r.insurance.patientShare));
  if (r.publicAid) line(r.publicAid.name ? `${WORDS.publicAid.ja}（${r.publicAid.name}）` : WORDS.publicAid.ja, w(WORDS.publicAid), yen(r.publicAid.paid));
  const outside = r.outOfInsurance.reduce((s, o) => s + o.yen, 0);
  line(WORDS.outOfInsurance.ja, w(WORDS.outOfInsurance), yen(outside));
  for (const o of r.outOfInsurance) {
    drawAmountLine(doc, MARGIN + 14, y, leftW - 14, o.name, '', yen(o.yen), { size: 9, rule: false });
    y += 17;
  }
  line(WORDS.patientTotal.ja, w(WORDS.patientTotal), yen(r.patientTotal), 12);
  if (r.alreadyPaid > 0) line(WORDS.alreadyPaid.ja, w(WORDS.alreadyPaid), `−${yen(r.alreadyPaid)}`);

  drawPayment(doc, r, MARGIN + leftW + 16, top, RIGHT - (MARGIN + leftW + 16));
  if (y > BODY_BOTTOM) throw new RangeError(`receipt body ran to ${y}`);
}

/** 領収額 boxed and large, the method, お預り / お釣り for cash, the words of receipt and the 領収印. */
function drawPayment(doc: Doc, r: HospitalReceiptData, x: number, y: number, w: number): void {
  const lang = r.language;
  doc.lineWidth(1.4).strokeColor('black').rect(x, y, w, 58).stroke();
  doc.font('ja').fillColor('black').fontSize(10).text(WORDS.received.ja, x + 6, y + 6, { lineBreak: false });
  const amount = yen(r.payment.received);
  const size = fitSize(doc, amount, 24, w - 16);
  doc.fontSize(size).text(amount, x + 8, y + 24 + (24 - size) / 2, { width: w - 16, align: 'right', lineBreak: false });
  const local = localWord(lang, WORDS.received);
  const labelEnd = x + 8 + doc.font('ja').fontSize(10).widthOfString(WORDS.received.ja);
  if (local) doc.font('local').fillColor('#555555').fontSize(fitSize(doc.font('local'), local, 8, x + w - 4 - labelEnd, 5)).text(local, labelEnd, y + 7.5, { lineBreak: false });
  let ly = y + 66;
  const method = METHOD_NAMES[r.payment.method];
  drawAmountLine(doc, x, ly, w, WORDS.method.ja, '', method.ja, { size: 9 });
  ly += 21;
  if (lang !== 'ja') {
    doc.font('local').fillColor('#555555').fontSize(fitSize(doc.font('local'), `${WORDS.method[lang]}: ${method[lang]}`, 7.5, w - 8, 5)).text(`${WORDS.method[lang]}: ${method[lang]}`, x + 4, ly - 2, { lineBreak: false });
    ly += 10;
  }
  if (r.payment.method === 'cash') {
    drawAmountLine(doc, x, ly, w, WORDS.tendered.ja, localWord(lang, WORDS.tendered), yen(r.payment.received + r.payment.change), { size: 9 });
    ly += 21;
    drawAmountLine(doc, x, ly, w, WORDS.change.ja, localWord(lang, WORDS.change), yen(r.payment.change), { size: 9 });
    ly += 21;
  }
  ly += 8;
  doc.font('ja').fillColor('black').fontSize(9).text(WORDS.thanks.ja, x, ly, { width: w, lineBreak: false });
  if (lang !== 'ja') doc.font('local').fillColor('#555555').fontSize(fitSize(doc.font('local'), WORDS.thanks[lang], 7.5, w, 5)).text(WORDS.thanks[lang], x, ly + 12, { lineBreak: false });
  drawReceivedStamp(doc, r, x + w - 76, ly + 30);
}

/** The 領収印: a framed stamp with the hospital's name, 領収済 and the date (the kiosk's own stamp). */
function drawReceivedStamp(doc: Doc, r: HospitalReceiptData, x: number, y: number): void {
  const size = 72;
  doc.font('ja').fillColor('#333333').fontSize(7).text('領収印', x, y - 10, { width: size, align: 'center', lineBreak: false });
  doc.lineWidth(1.2).strokeColor('black').roundedRect(x, y, size, size, 6).stroke();
  doc.lineWidth(0.5).roundedRect(x + 3, y + 3, size - 6, size - 6, 4).stroke();
  // The name in the stamp when it fits at a legible size (one or two lines); the footer prints it anyway.
  const inner = size - 10;
  doc.fillColor('black').fontSize(5);
  const chars = [...r.hospital.name];
  const half = Math.ceil(chars.length / 2);
  if (doc.widthOfString(r.hospital.name) <= inner) {
    doc.fontSize(fitSize(doc, r.hospital.name, 8, inner, 5)).text(r.hospital.name, x + 5, y + 10, { width: inner, align: 'center', lineBreak: false });
  } else if (doc.widthOfString(chars.slice(0, half).join('')) <= inner) {
    doc.text(chars.slice(0, half).join(''), x + 5, y + 7, { width: inner, align: 'center', lineBreak: false });
    doc.text(chars.slice(half).join(''), x + 5, y + 14, { width: inner, align: 'center', lineBreak: false });
  }
  doc.fontSize(15).text('領収済', x, y + 28, { width: size, align: 'center', lineBreak: false });
  const [yy, mm, dd] = japanDateOf(r.issuedAt).split('-');
  doc.fontSize(7).text(`${yy}.${mm}.${dd}`, x, y + 54, { width: size, align: 'center', lineBreak: false });
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
