// test-lane: free
// The printed documents' layout, measured the way the paper would show it: every word's box from
// pdftotext -bbox against the ruled cells drawn in the page (the `re` rectangles of the content
// streams) and the 公印's square. A word that runs out of its cell, off the printable area or under
// the seal is a finding. Then the wording the issue found wrong: 職務代理者 once, the 振り仮名 note,
// the receipt's payment method whole, one closing per municipality, each municipality's own key.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import PDFDocument from 'pdfkit';
import type { IssuanceDocument, Municipality, ReceiptData } from '../../common/documents/types';
import { demoCertificateRenderer } from '../../backoffice/certificates/demo-seed';
import { defaultCertificatesConfig } from '../../backoffice/certificates/config';
import { municipalityOf } from '../../backoffice/certificates/document';
import { renderCertificatePdf, renderReceiptPdf } from '../../templates/index';
import { verifyCertificatePdf } from '../../templates/verify-certificate';
import { A4 } from '../../templates/geometry';
import { MARGIN, SEAL_BOX } from '../../templates/page-frame';
import { demoMunicipality } from '../../simulators/municipality/index';
import { sampleResidentDocument, sampleSealDocument } from '../../simulators/municipality/samples';

const dir = mkdtempSync(join(tmpdir(), 'documents-layout-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const save = (pdf: Uint8Array) => {
  const path = join(dir, `doc-${n++}.pdf`);
  writeFileSync(path, pdf);
  return path;
};

interface Box { x0: number; y0: number; x1: number; y1: number }
interface Word extends Box { page: number; text: string }

/** Every word with its box (points, top-left origin), per page. */
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
    if (!/ BT\b|\bBT\n/.test(body) && !/ re\n/.test(body)) continue;
    const boxes: Box[] = [];
    for (const r of body.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re\n/g)) {
      const [x, y, w, h] = [+r[1]!, +r[2]!, +r[3]!, +r[4]!];
      if (w >= 20 && h >= 10 && x >= 0 && y >= 0 && x + w <= A4.width && y + h <= A4.height) boxes.push({ x0: x, y0: y, x1: x + w, y1: y + h });
    }
    if (/ BT\b|\bBT\n/.test(body)) pages.push(boxes);
  }
  return pages;
}

const inside = (b: Box, px: number, py: number) => px >= b.x0 && px <= b.x1 && py >= b.y0 && py <= b.y1;
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Words outside their cell, off the printable area, or under the 公印 (last page of a certificate). */
function layoutFindings(pdf: Uint8Array, opts: { seal: boolean }): string[] {
  const path = save(pdf);
  const ws = words(path);
  const boxes = cells(pdf);
  const lastPage = Math.max(...ws.map((w) => w.page));
  const seal: Box = { x0: SEAL_BOX.x, y0: SEAL_BOX.y, x1: SEAL_BOX.x + SEAL_BOX.size, y1: SEAL_BOX.y + SEAL_BOX.size };
  const out: string[] = [];
  for (const w of ws) {
    const where = `p${w.page} 「${w.text}」 (${w.x0.toFixed(1)},${w.y0.toFixed(1)}–${w.x1.toFixed(1)},${w.y1.toFixed(1)})`;
    if (w.x0 < MARGIN - 1.5 || w.x1 > A4.width - MARGIN + 1.5 || w.y1 > A4.height - 8) out.push(`${where} is outside the printable area`);
    // Its cell: the smallest ruled box around the word's first glyph.
    const cell = (boxes[w.page - 1] ?? []).filter((b) => inside(b, w.x0 + 0.5, (w.y0 + w.y1) / 2)).sort((a, b) => (a.x1 - a.x0) * (a.y1 - a.y0) - (b.x1 - b.x0) * (b.y1 - b.y0))[0];
    if (cell && (w.x1 > cell.x1 + 0.5 || w.y1 > cell.y1 + 1)) out.push(`${where} runs out of its cell (${cell.x0.toFixed(1)}–${cell.x1.toFixed(1)})`);
    if (opts.seal && w.page === lastPage && overlaps(w, seal)) out.push(`${where} is under the 公印`);
  }
  return out;
}

const base = sampleResidentDocument({ members: 4 });
const config = defaultCertificatesConfig();
const city = (code: string): Municipality => municipalityOf(config.municipalities.find((m) => m.code === code)!);
const withMunicipality = (doc: IssuanceDocument, municipality: Municipality): IssuanceDocument => ({ ...doc, municipality });
const text = (pdf: Uint8Array) => execFileSync('pdftotext', ['-raw', save(pdf), '-'], { encoding: 'utf8' }).replace(/[\s\u3000]/g, '');
const { signer } = demoMunicipality();

describe('document layout', () => {
  it('the check itself: text wider than its cell, or under the seal, is found', async () => {
    const doc = new PDFDocument({ size: 'A4', margin: 0 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((r) => doc.on('end', r));
    doc.rect(MARGIN, 100, 60, 20).stroke();
    doc.fontSize(10).text('a value far too long for this cell', MARGIN + 4, 105, { lineBreak: false });
    doc.fontSize(12).text('under the seal', SEAL_BOX.x - 20, SEAL_BOX.y + 20, { lineBreak: false });
    doc.end();
    await done;
    const findings = layoutFindings(new Uint8Array(Buffer.concat(chunks)), { seal: true });
    assert.ok(findings.some((f) => f.includes('runs out of its cell')), findings.join('\n'));
    assert.ok(findings.some((f) => f.includes('under the 公印')), findings.join('\n'));
  });

  it('住民票 of every demo municipality, household and individual, with and without a 職務代理者: nothing out of place', async () => {
    for (const code of ['132217', '141330', '111074', '271276']) {
      for (const layout of ['household', 'individual'] as const) {
        const doc = withMunicipality(sampleResidentDocument({ members: 5, layout }), city(code));
        assert.deepEqual(layoutFindings(await renderCertificatePdf(doc, signer), { seal: true }), [], `${code} ${layout}`);
      }
    }
    assert.deepEqual(layoutFindings(await renderCertificatePdf(withMunicipality(sampleSealDocument(), city('111074')), signer), { seal: true }), [], '印鑑 with a deputy');
  });

  it('a long mayor name and a long deputy post still end before the seal', async () => {
    const long: Municipality = { ...city('111074'), deputy: { title: '職務代理者 副市長', name: '長谷川\u3000左衛門之助太郎' } };
    const pdf = await renderCertificatePdf(withMunicipality(base, long), signer);
    assert.deepEqual(layoutFindings(pdf, { seal: true }), []);
    const t = text(pdf);
    assert.ok(t.includes('埼玉県さいたま市長職務代理者副市長長谷川左衛門之助太郎'), t.slice(-200));
    assert.equal(t.split('職務代理者').length - 1, 1, '職務代理者 said once');
  });

  it('an unconfirmed 振り仮名 prints as ****** with its note, on the 住民票 and the 印鑑 certificate', async () => {
    const doc = structuredClone(base);
    if (doc.data.type === 'inkan') throw new Error('sample is a 住民票');
    doc.data.members[1]!.nameKana = null;
    const t = text(await renderCertificatePdf(doc, signer));
    assert.ok(t.includes('******') && t.includes('※氏名の振り仮名欄の「******」は、振り仮名がまだ確認されていないことを示します。'), t);
    const seal = structuredClone(sampleSealDocument());
    if (seal.data.type === 'inkan') seal.data.nameKana = null;
    const ts = text(await renderCertificatePdf(seal, signer));
    assert.ok(ts.includes('振り仮名がまだ確認されていない'), ts);
    const clean = text(await renderCertificatePdf(sampleResidentDocument({ members: 2 }), signer));
    assert.ok(!clean.includes('振り仮名がまだ確認されていない'), 'no note where every reading is confirmed');
  });

  it('each municipality ends all its certificates alike (証明する / 証明します)', async () => {
    for (const [code, closing] of [['132217', '証明する。'], ['141330', '証明します。']] as const) {
      for (const sample of [base, sampleSealDocument()]) {
        const t = text(await renderCertificatePdf(withMunicipality(sample, city(code)), signer));
        assert.ok(t.includes(closing), `${code} ${sample.data.type}: ${closing}`);
      }
    }
  });

  it('the receipt: every value in its cell, the payment method whole, the sheet used', async () => {
    const receipt = (paidBy: 'cash' | 'ic'): ReceiptData => ({
      issuanceId: 'iss-layout-1', issuanceNumber: '0001207-01', municipality: city('132217'), kioskId: 'kiosk-dev-01',
      items: [{ label: '住民票記載事項証明書', copies: 10, unitFee: 1000 }], total: 10_000, paidBy, change: paidBy === 'cash' ? 500 : 0,
      issuedAt: '2026-03-10T03:00:00Z',
    });
    for (const paidBy of ['cash', 'ic'] as const) {
      const pdf = await renderReceiptPdf(receipt(paidBy));
      assert.deepEqual(layoutFindings(pdf, { seal: false }), [], paidBy);
      const ws = words(save(pdf));
      assert.ok(Math.max(...ws.map((w) => w.y1)) > A4.height * 0.55, 'the receipt is not two-thirds blank');
      if (paidBy === 'ic') assert.ok(text(pdf).includes('交通系ICカード等電子マネー'));
    }
  });

  it('a 大阪市 certificate is signed with 大阪市’s key, and verifies', async () => {
    const render = await demoCertificateRenderer();
    const path = save(await render(withMunicipality(base, city('271276'))));
    const r = await verifyCertificatePdf(path, demoMunicipality().publicKeys);
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.deepEqual(r.pages.map((p) => p.attestation?.keyId), r.pages.map(() => 'osaka-demo-2025'));
  });
});
