// test-lane: free
// The 領収証 and 明細書 laid out as the paper shows them, measured: every word's box (pdftotext -bbox)
// against the ruled cells drawn on the page (the `re` rectangles of the content streams), the
// printable area, the QR with its quiet zone, and on the 明細書 the table's columns (a word must lie
// inside one column). Cases at the limits the data allows: the longest names and address, ten 保険外
// lines with a 公費 and an earlier payment, each language, a reprint, a long statement with long item names.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import PDFDocument from 'pdfkit';
import type { HospitalReceiptInput } from '../../common/documents/hospital-receipt';
import { renderHospitalReceiptPdf } from '../../templates/hospital-receipt';
import { MARGIN, QR_BOX, RIGHT } from '../../templates/hospital-receipt-layout';
import { METHOD_NAMES, WORDS } from '../../templates/hospital-receipt-text';
import { STATEMENT_COLUMNS } from '../../templates/medical-statement';
import { A4 } from '../../templates/geometry';
import { demoHospitalSigner } from '../../simulators/hospital/index';
import { sampleHospitalReceipt } from '../../simulators/hospital/samples';

const dir = mkdtempSync(join(tmpdir(), 'hospital-layout-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const save = (pdf: Uint8Array) => {
  const path = join(dir, `doc-${n++}.pdf`);
  writeFileSync(path, pdf);
  return path;
};
const BINDING = { documentId: 'chk-layout-1', requestId: 'chk-layout', subjectHash: '01'.repeat(32) };

interface Box { x0: number; y0: number; x1: number; y1: number }
interface Word extends Box { page: number; text: string }

function words(path: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8' });
  const out: Word[] = [];
  let page = 0;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) out.push({ page, x0: +m[1]!, y0: +m[2]!, x1: +m[3]!, y1: +m[4]!, text: m[5]! });
  }
  return out;
}

/** The ruled boxes of each page: `x y w h re` in the page content (pdfkit draws top-down). */
function cells(pdf: Uint8Array): Box[][] {
  const text = Buffer.from(pdf).toString('latin1');
  const pages: Box[][] = [];
  for (const m of text.matchAll(/\/Length (\d+)[^>]*\/Filter \/FlateDecode[^>]*>>\s*stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    let body: string;
    try {
      body = inflateSync(Buffer.from(text.slice(start, start + Number(m[1])), 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    if (!/ BT\b|\bBT\n/.test(body)) continue;
    const boxes: Box[] = [];
    for (const r of body.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re\n/g)) {
      const [x, y, w, h] = [+r[1]!, +r[2]!, +r[3]!, +r[4]!];
      if (w >= 20 && h >= 10 && x >= 0 && y >= 0 && x + w <= A4.width && y + h <= A4.height) boxes.push({ x0: x, y0: y, x1: x + w, y1: y + h });
    }
    pages.push(boxes);
  }
  return pages;
}

const inside = (b: Box, px: number, py: number) => px >= b.x0 && px <= b.x1 && py >= b.y0 && py <= b.y1;
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const QR_AREA: Box = { x0: QR_BOX.x - 8, y0: QR_BOX.y - 8, x1: QR_BOX.x + QR_BOX.size + 8, y1: QR_BOX.y + QR_BOX.size + 8 };
const c = STATEMENT_COLUMNS;
const COLUMNS = [MARGIN, MARGIN + c.part, MARGIN + c.part + c.name, MARGIN + c.part + c.name + c.points, MARGIN + c.part + c.name + c.points + c.count];

/**
 * Words outside the printable area, out of their cell, on the QR, or across a 明細書 column rule (in
 * the table: the tallest ruled box starting at the table's top on pages after the first).
 */
function layoutFindings(pdf: Uint8Array, tableTop?: number): string[] {
  const ws = words(save(pdf));
  const boxes = cells(pdf);
  const out: string[] = [];
  const tables = boxes.map((page) => page.filter((b) => Math.abs(b.y0 - (tableTop ?? -99)) < 0.5 && Math.abs(b.x0 - MARGIN) < 0.5).sort((a, b) => b.y1 - a.y1)[0]);
  for (const w of ws) {
    const statementTable = w.page > 1 && tableTop !== undefined ? { top: tableTop, bottom: tables[w.page - 1]?.y1 ?? A4.height } : undefined;
    const where = `p${w.page} 「${w.text}」 (${w.x0.toFixed(1)},${w.y0.toFixed(1)}–${w.x1.toFixed(1)},${w.y1.toFixed(1)})`;
    if (w.x0 < MARGIN - 1.5 || w.x1 > RIGHT + 1.5 || w.y0 < 20 || w.y1 > A4.height - 8) out.push(`${where} is outside the printable area`);
    const cell = (boxes[w.page - 1] ?? []).filter((b) => inside(b, w.x0 + 0.5, (w.y0 + w.y1) / 2)).sort((a, b) => (a.x1 - a.x0) * (a.y1 - a.y0) - (b.x1 - b.x0) * (b.y1 - b.y0))[0];
    if (cell && (w.x1 > cell.x1 + 0.5 || w.y1 > cell.y1 + 1)) out.push(`${where} runs out of its cell (${cell.x0.toFixed(1)}–${cell.x1.toFixed(1)})`);
    if (overlaps(w, QR_AREA)) out.push(`${where} is on the QR code`);
    // Printed over another word (glyph boxes may touch: 0.5 pt of slack each way).
    const shrunk = { x0: w.x0 + 0.5, y0: w.y0 + 0.5, x1: w.x1 - 0.5, y1: w.y1 - 0.5 };
    const under = ws.find((o) => o !== w && o.page === w.page && overlaps(shrunk, o) && ws.indexOf(o) > ws.indexOf(w));
    if (under) out.push(`${where} overlaps 「${under.text}」`);
    if (statementTable && w.y0 > statementTable.top && w.y1 < statementTable.bottom) {
      const column = COLUMNS.findIndex((x, i) => i < COLUMNS.length - 1 && w.x0 >= x - 0.5 && w.x0 < COLUMNS[i + 1]!);
      if (column < 0 || w.x1 > COLUMNS[column + 1]! + 0.5) out.push(`${where} crosses a column of the 明細書`);
    }
  }
  return out;
}

const signer = demoHospitalSigner();
const TABLE_TOP = 192;

const pad = (text: string, length: number) => text.repeat(Math.ceil(length / text.length)).slice(0, length);

/** The longest texts the data allows, 部 in every row the 領収証 can show, ten long 保険外 lines. */
function atTheLimits(language: HospitalReceiptInput['language'], items = true): HospitalReceiptInput {
  const base = sampleHospitalReceipt({ language, extraItems: items ? 40 : 0, publicAid: 300, reprint: true,
    outOfInsurance: Array.from({ length: 10 }, (_, i) => ({ name: pad(`診断書・証明書等文書料（様式指定）その${i + 1}`, 60), yen: 1100 * (i + 1) })) });
  // Rarely used 部 billed too (and one ORCA may add): they join the always-shown ten.
  const rare = ['A01', 'I00', 'L00', 'M00', 'N00', 'P00'].map((part, i) => ({ part, code: `99${i}`, name: `${part}の項目`, points: 100 + i, count: 1 }));
  const all = [...(base.items ?? []), ...(items ? rare : [])];
  const categories = items ? [...base.categories, ...rare.map((x) => ({ code: x.part, points: x.points }))] : base.categories;
  const totalPoints = categories.reduce((t, x) => t + x.points, 0);
  const share = Math.floor((totalPoints * 3 + 5) / 10) * 10 - 300;
  const outside = base.outOfInsurance.reduce((t, o) => t + o.yen, 0);
  const patientTotal = share + outside;
  return {
    ...base, items: items ? all : [], categories, totalPoints,
    hospital: { name: pad('独立行政法人国立病院機構東京病院附属清瀬リハビリテーション医療センター', 100), address: pad('東京都清瀬市竹丘三丁目一番地一号東京病院附属医療センター本館棟一階会計窓口', 200), phone: '+81 (42) 491-2111' },
    department: pad('リハビリテーション科（運動器）', 60), insuranceName: pad('全国健康保険協会管掌健康保険', 40),
    insurance: { medicalCost: totalPoints * 10, patientShare: share },
    publicAid: { name: pad('小児慢性特定疾病医療費助成', 40), paid: 300 },
    patientTotal, alreadyPaid: 1000, payment: { method: 'cash', received: patientTotal - 1000, change: 8_880 },
  };
}

describe('hospital receipt layout', () => {
  it('the check itself: text wider than its cell, on the QR, or across a column is found', async () => {
    const doc = new PDFDocument({ size: 'A4', margin: 0 });
    const chunks: Buffer[] = [];
    doc.on('data', (b: Buffer) => chunks.push(b));
    const done = new Promise((r) => doc.on('end', r));
    doc.rect(MARGIN, 100, 60, 20).stroke();
    doc.fontSize(10).text('a value far too long for this cell', MARGIN + 4, 105, { lineBreak: false });
    doc.fontSize(12).text('on the code', QR_BOX.x + 10, QR_BOX.y + 20, { lineBreak: false });
    doc.fontSize(10).text('支払方法', MARGIN + 300, 200, { lineBreak: false }).text('クレジットカード', MARGIN + 310, 200, { lineBreak: false });
    doc.addPage({ size: 'A4', margin: 0 });
    doc.rect(MARGIN, 100, RIGHT - MARGIN, 400).stroke();
    doc.fontSize(9).text('a long item name that runs past its column', COLUMNS[1]! + 200, 300, { lineBreak: false });
    doc.end();
    await done;
    const findings = layoutFindings(new Uint8Array(Buffer.concat(chunks)), 100);
    for (const kind of ['runs out of its cell', 'is on the QR code', 'crosses a column', 'overlaps']) assert.ok(findings.some((f) => f.includes(kind)), `${kind}:\n${findings.join('\n')}`);
  });

  it('every word in the patient\'s language is printed whole (a Chinese or Korean word set in the Japanese face loses its glyphs)', async () => {
    for (const language of ['en', 'zh', 'ko'] as const) {
      const pdf = await renderHospitalReceiptPdf(sampleHospitalReceipt({ language, reprint: true, publicAid: 100 }), BINDING, signer);
      const text = execFileSync('pdftotext', ['-raw', save(pdf), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      const drawn = Object.entries(WORDS).filter(([key]) => key !== 'alreadyPaid' && key !== 'method').map(([, words]) => words[language]);
      drawn.push(`${WORDS.method[language]}: ${METHOD_NAMES.cash[language]}`);
      for (const word of drawn) assert.ok(text.includes(word.replace(/\s+/g, '')), `${language}: ${word}`);
    }
  });

  it('a plain receipt in each language and with each payment method: nothing out of place', async () => {
    for (const [language, method] of [['ja', 'cash'], ['en', 'linked'], ['zh', 'card'], ['ko', 'linked'], ['ja', 'ic'], ['ja', 'linked']] as const) {
      const pdf = await renderHospitalReceiptPdf(sampleHospitalReceipt({ language, method }), BINDING, signer);
      assert.deepEqual(layoutFindings(pdf, TABLE_TOP), [], `${language} ${method}`);
    }
  });

  it('at the limits (longest names, sixteen 部, ten long 保険外 lines, 公費, an earlier payment, reprint, long statement) in ja, en and ko: nothing cut or out of place', async () => {
    for (const [language, items] of [['ja', true], ['en', true], ['ko', true], ['ja', false]] as const) {
      const data = atTheLimits(language, items);
      const pdf = await renderHospitalReceiptPdf(data, BINDING, signer);
      assert.deepEqual(layoutFindings(pdf, TABLE_TOP), [], `${language} items=${items}`);
      // Shrunk or wrapped, never cut: the long texts are all there, on every page that prints them.
      const pages = execFileSync('pdftotext', ['-raw', save(pdf), '-'], { encoding: 'utf8' }).split('\f').slice(0, -1).map((p) => p.replace(/\s+/g, ''));
      for (const p of pages) for (const s of [data.hospital.name, data.hospital.address]) assert.ok(p.includes(s), `${language}: ${s}`);
      for (const s of [data.insuranceName!, data.department!, ...(items ? ['P00105点', '麻酔102点'] : [])]) assert.ok(pages[0]!.includes(s), `${language}: ${s} in ${pages[0]}`);
      // Ten long 保険外 lines do not fit beside the rest: the 明細書's last page lists them (a page of its own without items).
      assert.ok(pages[0]!.includes('内訳は診療明細書に記載しています。'), pages[0]);
      assert.equal(pages.length, items ? 4 : 2);
      for (const o of data.outOfInsurance) assert.ok(pages.at(-1)!.includes(`${o.name}${o.yen.toLocaleString('en-US')}円`), `${language}: ${o.name}`);
    }
  });

  it('a few 保険外 lines are listed on the 領収証 itself', async () => {
    const data = sampleHospitalReceipt({ outOfInsurance: [{ name: pad('文書料（診断書・様式指定）', 60), yen: 3300 }, { name: '予防接種', yen: 4000 }] });
    const pdf = await renderHospitalReceiptPdf(data, BINDING, signer);
    assert.deepEqual(layoutFindings(pdf, TABLE_TOP), []);
    const receipt = execFileSync('pdftotext', ['-raw', '-l', '1', save(pdf), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const o of data.outOfInsurance) assert.ok(receipt.includes(`${o.name}${o.yen.toLocaleString('en-US')}円`), receipt);
    assert.ok(!receipt.includes('内訳は診療明細書'));
  });
});
