// The 領収証's page body: the facts of the bill in labelled cells, the points per 部 with 総点, then in
// two columns what the bill is made of (医療費, 保険 share, 公費, 保険外 with its lines, 患者負担額) and
// what was paid (領収額 boxed, method, お預り / お釣り, the 領収印). Heights are planned before drawing:
// when the 保険外 lines do not all fit above the QR they are listed on the 明細書's last page instead
// (the receipt says so), never squeezed off the page.
import { grouped } from '../common/documents/hospital-attestation';
import { ALWAYS_SHOWN_PARTS, partName, PART_NAMES, type HospitalReceiptData } from '../common/documents/hospital-receipt';
import { formatWareki, japanDateOf } from '../common/domain/wareki';
import { BODY_BOTTOM, drawAmountLine, drawCells, fitSize, localWord, MARGIN, RIGHT, WIDTH, wrapChars, type Doc } from './hospital-receipt-layout';
import { METHOD_NAMES, WORDS } from './hospital-receipt-text';

const yen = (n: number) => `${grouped(n)}円`;
const CATEGORY_TOP = 206;
const CATEGORY_ROW = 30;
const LEFT_WIDTH = 300;
const DETAIL_SIZE = 8;
const DETAIL_INDENT = 14;

/** The 部 printed: the usual ones always (0 点 included), the rarely used ones only when billed. */
export function shownCategories(r: HospitalReceiptData): { code: string; points: number }[] {
  const billed = new Map(r.categories.map((c) => [c.code, c.points]));
  const codes = [...Object.keys(PART_NAMES), ...r.categories.map((c) => c.code).filter((c) => !(c in PART_NAMES))];
  return codes
    .filter((code) => (ALWAYS_SHOWN_PARTS as readonly string[]).includes(code) || (billed.get(code) ?? 0) > 0)
    .map((code) => ({ code, points: billed.get(code) ?? 0 }));
}

/** Five 部 to a row, more when many are billed: never more than three rows. */
function categoriesPerRow(count: number): number {
  return Math.max(5, Math.ceil(count / 3));
}

interface Detail { lines: string[]; yen: number; h: number }

/** The 保険外 lines as the receipt would list them (names wrapped beside their amounts). */
function details(doc: Doc, r: HospitalReceiptData): Detail[] {
  doc.font('ja').fontSize(DETAIL_SIZE);
  return r.outOfInsurance.map((o) => {
    const lines = wrapChars(doc, o.name, LEFT_WIDTH - DETAIL_INDENT - doc.widthOfString(yen(o.yen)) - 20);
    return { lines, yen: o.yen, h: 5 + lines.length * (DETAIL_SIZE + 2) };
  });
}

/** Where the two columns start, and how far the left one runs with and without the 保険外 lines. */
function plan(doc: Doc, r: HospitalReceiptData): { top: number; fixed: number; details: Detail[] } {
  const rows = Math.ceil(shownCategories(r).length / categoriesPerRow(shownCategories(r).length));
  const top = CATEGORY_TOP + rows * CATEGORY_ROW + CATEGORY_ROW + 14;
  const fixed = 22 * 3 + (r.publicAid ? 22 : 0) + 24 + (r.alreadyPaid > 0 ? 22 : 0);
  return { top, fixed, details: details(doc, r) };
}

/** True when the receipt has room for each 保険外 line; otherwise the 明細書 lists them. */
export function receiptListsOutOfInsurance(doc: Doc, r: HospitalReceiptData): boolean {
  const p = plan(doc, r);
  return p.top + p.fixed + p.details.reduce((s, d) => s + d.h, 0) <= BODY_BOTTOM;
}

export function drawReceiptBody(doc: Doc, r: HospitalReceiptData, issued: string): void {
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

  // Points per 部, then 総点.
  doc.font('ja').fontSize(9).text(WORDS.points.ja, MARGIN, 192, { lineBreak: false });
  // Positions are measured before switching to the patient's face: text drawn in the Japanese face
  // after a measurement would lose every Chinese or Korean glyph.
  const pointsEnd = MARGIN + doc.font('ja').fontSize(9).widthOfString(WORDS.points.ja) + 8;
  if (lang !== 'ja') doc.font('local').fillColor('#555555').fontSize(7.5).text(w(WORDS.points), pointsEnd, 193.5, { lineBreak: false });
  const cats = shownCategories(r);
  const perRow = categoriesPerRow(cats.length);
  let y = CATEGORY_TOP;
  for (let i = 0; i < cats.length; i += perRow) {
    drawCells(doc, MARGIN, y, CATEGORY_ROW, cats.slice(i, i + perRow).map((c) => ({ ja: partName(c.code), local: '', value: `${grouped(c.points)}点`, w: WIDTH / perRow, align: 'right' as const })));
    y += CATEGORY_ROW;
  }
  drawCells(doc, MARGIN, y, CATEGORY_ROW, [{ ja: WORDS.totalPoints.ja, local: w(WORDS.totalPoints), value: `${grouped(r.totalPoints)}点`, w: WIDTH, size: 12, align: 'right' }]);

  // Left: what the bill is made of. Right: what was paid.
  const p = plan(doc, r);
  const listed = receiptListsOutOfInsurance(doc, r);
  y = p.top;
  const line = (ja: string, local: string, value: string, size = 10) => {
    drawAmountLine(doc, MARGIN, y, LEFT_WIDTH, ja, local, value, { size });
    y += size + 12;
  };
  line(WORDS.medicalCost.ja, w(WORDS.medicalCost), yen(r.insurance.medicalCost));
  line(r.ratioPercent === undefined ? WORDS.insuredShare.ja : `${WORDS.insuredShare.ja}（${r.ratioPercent / 10}割）`, w(WORDS.insuredShare), yen(r.insurance.patientShare));
  if (r.publicAid) line(r.publicAid.name ? `${WORDS.publicAid.ja}（${r.publicAid.name}）` : WORDS.publicAid.ja, w(WORDS.publicAid), yen(r.publicAid.paid));
  const outside = r.outOfInsurance.reduce((s, o) => s + o.yen, 0);
  line(WORDS.outOfInsurance.ja, w(WORDS.outOfInsurance), yen(outside));
  if (listed) {
    doc.font('ja').fillColor('black');
    for (const d of p.details) {
      doc.fontSize(DETAIL_SIZE);
      d.lines.forEach((text, i) => doc.text(text, MARGIN + DETAIL_INDENT + 4, y + 2 + i * (DETAIL_SIZE + 2), { lineBreak: false }));
      doc.text(yen(d.yen), MARGIN, y + 2, { width: LEFT_WIDTH - 4, align: 'right', lineBreak: false });
      y += d.h;
    }
  } else {
    doc.font('ja').fillColor('#333333').fontSize(DETAIL_SIZE).text('内訳は診療明細書に記載しています。', MARGIN + DETAIL_INDENT + 4, y, { lineBreak: false });
    y += DETAIL_SIZE + 6;
  }
  line(WORDS.patientTotal.ja, w(WORDS.patientTotal), yen(r.patientTotal), 12);
  if (r.alreadyPaid > 0) line(WORDS.alreadyPaid.ja, w(WORDS.alreadyPaid), `−${yen(r.alreadyPaid)}`);
  drawPayment(doc, r, MARGIN + LEFT_WIDTH + 16, p.top, RIGHT - (MARGIN + LEFT_WIDTH + 16));
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
    const said = `${WORDS.method[lang]}: ${method[lang]}`;
    doc.font('local').fillColor('#555555').fontSize(fitSize(doc.font('local'), said, 7.5, w - 8, 5)).text(said, x + 4, ly - 2, { lineBreak: false });
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
