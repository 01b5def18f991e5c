// 診療明細書: the bill itemised (部, 項目名, 点数, 回数), after the 領収証 in the same PDF. The same facts
// as the 領収証 head every page (patient ID, 伝票番号, 診療日, 発行日, 総点, 領収額: what its QR signs).
// Items are grouped by 部 in the 点数表's order, the 部 named on its first line and again at the top
// of a page; a long name shrinks, then wraps onto more lines, never cut. Pages break where the next
// line would reach the QR; the 保険外 lines and the total close the last page.
import { grouped } from '../common/documents/hospital-attestation';
import { PART_NAMES, partName, type HospitalReceiptData } from '../common/documents/hospital-receipt';
import { formatWareki } from '../common/domain/wareki';
import { WORDS } from './hospital-receipt-text';
import { BODY_BOTTOM, drawAmountLine, drawCells, localWord, MARGIN, WIDTH, type Doc } from './hospital-receipt-layout';

export const STATEMENT_COLUMNS = { part: 92, name: 299, points: 60, count: 60 } as const;
const TABLE_TOP = 192;
const HEAD_HEIGHT = 18;
const ROW = 17;
const NAME_SIZE = 9;
const NAME_MIN = 7;
const LINE_TAIL = 22;

export interface StatementRow { part: string; showPart: boolean; lines: string[]; size: number; points: number; count: number; h: number }

const PART_ORDER = Object.keys(PART_NAMES);
const orderOf = (part: string) => {
  const i = PART_ORDER.indexOf(part);
  return i < 0 ? PART_ORDER.length : i;
};

/** Splits a name into lines of at most `width` at `size` (by characters: Japanese has no spaces). */
function wrapName(doc: Doc, name: string, width: number): { lines: string[]; size: number } {
  doc.font('ja');
  for (let size = NAME_SIZE; size >= NAME_MIN; size -= 0.5) {
    if (doc.fontSize(size).widthOfString(name) <= width) return { lines: [name], size };
  }
  doc.fontSize(NAME_MIN);
  const lines: string[] = [];
  let line = '';
  for (const ch of name) {
    if (line !== '' && doc.widthOfString(line + ch) > width) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  lines.push(line);
  return { lines, size: NAME_MIN };
}

/**
 * The statement's rows cut into pages: none when the bill has no items, unless the 保険外 lines must
 * be listed here (the 領収証 had no room for them).
 */
export function planStatementPages(doc: Doc, r: HospitalReceiptData, listOutOfInsurance: boolean): StatementRow[][] {
  if (r.items.length === 0 && !listOutOfInsurance) return [];
  const items = r.items.map((item, i) => ({ item, i })).sort((a, b) => orderOf(a.item.part) - orderOf(b.item.part) || a.i - b.i).map((x) => x.item);
  const tail = (r.outOfInsurance.length > 0 ? ROW * (r.outOfInsurance.length + 1) : 0) + LINE_TAIL + 6;
  const pages: StatementRow[][] = [[]];
  let y = TABLE_TOP + HEAD_HEIGHT;
  let previousPart = '';
  for (const item of items) {
    const { lines, size } = wrapName(doc, item.name, STATEMENT_COLUMNS.name - 8);
    const h = lines.length === 1 ? ROW : 6 + lines.length * (size + 1.5);
    if (y + h > BODY_BOTTOM) {
      pages.push([]);
      y = TABLE_TOP + HEAD_HEIGHT;
      previousPart = '';
    }
    pages.at(-1)!.push({ part: item.part, showPart: item.part !== previousPart, lines, size, points: item.points, count: item.count, h });
    previousPart = item.part;
    y += h;
  }
  if (y + tail > BODY_BOTTOM) pages.push([]);
  return pages;
}

export interface StatementPageInfo { page: number; pages: number; last: boolean }

/** The facts every statement page repeats, the table of its rows, and on the last page 保険外 and the total. */
export function drawStatementBody(doc: Doc, r: HospitalReceiptData, rows: StatementRow[], p: StatementPageInfo, issued: string): void {
  const lang = r.language;
  const q = WIDTH / 4;
  drawCells(doc, MARGIN, 112, 34, [
    { ja: WORDS.patientId.ja, local: localWord(lang, WORDS.patientId), value: r.patientId, w: q },
    { ja: WORDS.invoice.ja, local: localWord(lang, WORDS.invoice), value: r.invoiceNumber, w: q },
    { ja: WORDS.performedOn.ja, local: localWord(lang, WORDS.performedOn), value: formatWareki(r.performedOn), w: q },
    { ja: WORDS.issuedOn.ja, local: localWord(lang, WORDS.issuedOn), value: issued, w: q },
  ]);
  drawCells(doc, MARGIN, 146, 34, [
    { ja: WORDS.totalPoints.ja, local: localWord(lang, WORDS.totalPoints), value: `${grouped(r.totalPoints)}点`, w: q },
    { ja: WORDS.received.ja, local: localWord(lang, WORDS.received), value: `${grouped(r.payment.received)}円`, w: q },
    { ja: WORDS.insurance.ja, local: localWord(lang, WORDS.insurance), value: r.insuranceName ?? '', w: q },
    { ja: WORDS.ratio.ja, local: localWord(lang, WORDS.ratio), value: r.ratioPercent === undefined ? '' : `${r.ratioPercent / 10}割`, w: q },
  ]);
  const c = STATEMENT_COLUMNS;
  const xs = { part: MARGIN, name: MARGIN + c.part, points: MARGIN + c.part + c.name, count: MARGIN + c.part + c.name + c.points };
  // Header: the Japanese words of the columns with the patient's under them.
  doc.lineWidth(0.6).strokeColor('black').fillColor('#eeeeee').rect(MARGIN, TABLE_TOP, WIDTH, HEAD_HEIGHT).fillAndStroke();
  for (const [key, words] of [['part', WORDS.part], ['name', WORDS.item], ['points', WORDS.itemPoints], ['count', WORDS.count]] as const) {
    doc.font('ja').fillColor('black').fontSize(8).text(words.ja, xs[key] + 4, TABLE_TOP + 5, { lineBreak: false });
    const local = localWord(lang, words);
    if (local) {
      const x = xs[key] + 8 + doc.widthOfString(words.ja);
      doc.font('local').fillColor('#555555').fontSize(fitLocal(doc, local, xs[key] + c[key] - x - 2)).text(local, x, TABLE_TOP + 6, { lineBreak: false });
    }
  }
  let y = TABLE_TOP + HEAD_HEIGHT;
  doc.font('ja').fillColor('black');
  for (const row of rows) {
    doc.lineWidth(0.3).strokeColor('#999999').moveTo(MARGIN, y + row.h).lineTo(MARGIN + WIDTH, y + row.h).stroke();
    if (row.showPart) doc.fontSize(fitLocal(doc.font('ja'), partName(row.part), c.part - 8, 8.5)).text(partName(row.part), xs.part + 4, y + 4, { lineBreak: false });
    doc.fontSize(row.size);
    row.lines.forEach((line, i) => doc.text(line, xs.name + 4, y + 4 + i * (row.size + 1.5) + (row.lines.length === 1 ? (NAME_SIZE - row.size) / 2 : 0), { lineBreak: false }));
    doc.fontSize(9).text(grouped(row.points), xs.points + 4, y + 4, { width: c.points - 8, align: 'right', lineBreak: false });
    doc.text(`${row.count}`, xs.count + 4, y + 4, { width: c.count - 8, align: 'right', lineBreak: false });
    y += row.h;
  }
  // Column rules over the whole table.
  doc.lineWidth(0.6).strokeColor('black').rect(MARGIN, TABLE_TOP, WIDTH, y - TABLE_TOP).stroke();
  for (const x of [xs.name, xs.points, xs.count]) doc.moveTo(x, TABLE_TOP).lineTo(x, y).stroke();
  if (!p.last) return;
  y += 6;
  if (r.outOfInsurance.length > 0) {
    doc.font('ja').fontSize(9).text(WORDS.outOfInsurance.ja, MARGIN + 4, y + 4, { lineBreak: false });
    y += ROW;
    for (const o of r.outOfInsurance) {
      drawAmountLine(doc, MARGIN + 12, y, WIDTH - 12, o.name, '', `${grouped(o.yen)}円`, { size: 9, rule: false });
      y += ROW;
    }
  }
  drawAmountLine(doc, MARGIN, y, WIDTH, `${WORDS.totalPoints.ja}（保険）`, localWord(lang, WORDS.totalPoints), `${grouped(r.totalPoints)}点`, { size: 10 });
}

function fitLocal(doc: Doc, text: string, width: number, max = 7): number {
  doc.fontSize(max);
  const w = doc.widthOfString(text);
  return w <= width ? max : Math.max(4.5, (max * width) / w);
}
