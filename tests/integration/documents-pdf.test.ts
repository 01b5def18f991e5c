// test-lane: free
// The rendered certificates, read back the way a person or a printer would: text extraction
// (pdftotext), fonts (pdffonts), images (pdfimages) and the PDF's request binding.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeForComparison as norm } from '../../common/documents/attestation';
import { formatWareki } from '../../common/domain/wareki';
import { isKioskError } from '../../common/errors';
import { readDocumentBinding, renderCertificatePdf, renderReceiptPdf } from '../../templates/index';
import { demoMunicipality } from '../../simulators/municipality/index';
import { SAMPLE_HOUSEHOLD, sampleResidentDocument, sampleSealDocument } from '../../simulators/municipality/samples';

const dir = mkdtempSync(join(tmpdir(), 'documents-pdf-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const { signer, municipality } = demoMunicipality();
let n = 0;

function save(pdf: Uint8Array): string {
  const path = join(dir, `doc-${n++}.pdf`);
  writeFileSync(path, pdf);
  return path;
}
const pageText = (path: string, page: number) => norm(execFileSync('pdftotext', ['-raw', '-f', `${page}`, '-l', `${page}`, path, '-'], { encoding: 'utf8' }));
const allText = (path: string) => norm(execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }));

test('household of 5: two sheets (4 + 1), page x/y on each, the certification on the last only', async () => {
  const doc = sampleResidentDocument({ members: 5 });
  const path = save(await renderCertificatePdf(doc, signer));
  const binding = readDocumentBinding(await import('node:fs').then((fs) => fs.readFileSync(path)));
  assert.deepEqual(binding, { issuanceId: doc.issuanceId, requestId: doc.requestId, subjectHash: doc.subjectHash, pages: 2 });
  const [p1, p2] = [pageText(path, 1), pageText(path, 2)];
  assert.ok(p1.includes('1/2頁') && p2.includes('2/2頁'));
  for (const m of SAMPLE_HOUSEHOLD.slice(0, 4)) assert.ok(p1.includes(norm(m.name)), m.name);
  assert.ok(p2.includes(norm('山田　キヨ')) && !p1.includes(norm('山田　キヨ')));
  assert.ok(p1.includes('住民票の写し'.split('').join('')) || p1.includes('住民票の写し'));
  assert.ok(p1.includes('交付番号第0001207-01号') && p2.includes('交付番号第0001207-01号'));
  // Fields, 和暦 with 元年, and 世帯主・続柄 / 本籍・筆頭者 (options on in this sample).
  for (const field of ['氏名の振り仮名', 'ヤマダタロウ', '昭和55年2月17日', '住民となった年月日', '住所を定めた年月日', '転入前住所', '届出日', '世帯主', '続柄', '妻', '本籍', '筆頭者', '旧氏', '佐藤', '令和元年5月1日']) {
    assert.ok(p1.includes(norm(field)), field);
  }
  assert.ok(p2.includes('昭和元年12月25日'));
  assert.ok(p2.includes('この写しは、世帯全員の住民票の原本と相違ないことを証明する。'));
  assert.ok(p2.includes('令和7年(2025年)12月1日'));
  assert.ok(p2.includes('東京都清瀬市長清瀬一郎') && p2.includes('この印は黒色です'));
  assert.ok(!p1.includes('相違ないことを証明する'));
});

test('an unconfirmed furigana prints as ******; never a 住民票コード; 個人番号 only when the data has it', async () => {
  const path = save(await renderCertificatePdf(sampleResidentDocument({ members: 3 }), signer));
  const text = allText(path);
  // The one unconfirmed reading (山田翔太), and the note under the persons that explains it.
  assert.equal(text.split('******').length - 1, 2, 'exactly the one unconfirmed reading (山田翔太) and its note');
  assert.ok(text.includes(norm('振り仮名がまだ確認されていないことを示します')));
  assert.ok(!text.includes('住民票コード'));
  assert.ok(!text.includes('個人番号'));
  const withNumber = sampleResidentDocument({ members: 1 });
  if (withNumber.data.type === 'inkan') throw new Error('unexpected');
  withNumber.data.members[0] = { ...withNumber.data.members[0]!, myNumber: '402819365173' };
  const numbered = allText(save(await renderCertificatePdf(withNumber, signer)));
  assert.ok(numbered.includes('個人番号') && numbered.includes('402819365173'));
  assert.ok(!numbered.includes('住民票コード'));
});

test('options off: no 世帯主, 続柄, 本籍 or 筆頭者; chosen members use the sentence without 世帯全員の', async () => {
  const text = allText(save(await renderCertificatePdf(sampleResidentDocument({ members: 2, options: false }), signer)));
  assert.ok(!text.includes('世帯主') && !text.includes('妻') && !text.includes('本籍') && !text.includes('筆頭者'));
  assert.ok(text.includes('この写しは、住民票の原本と相違ないことを証明する。'));
  assert.ok(!text.includes('世帯全員'));
});

test('individual layout: one person per A4 sheet', async () => {
  const path = save(await renderCertificatePdf(sampleResidentDocument({ members: 3, layout: 'individual' }), signer));
  for (let p = 1; p <= 3; p++) {
    const t = pageText(path, p);
    assert.ok(t.includes(`${p}/3頁`));
    // Each person's date of birth identifies them (世帯主 and 筆頭者 repeat 山田太郎 on every sheet).
    const names = SAMPLE_HOUSEHOLD.slice(0, 3).filter((m) => t.includes(norm(formatWareki(m.dob))));
    assert.deepEqual(names.map((m) => m.residentId), [SAMPLE_HOUSEHOLD[p - 1]!.residentId]);
  }
});

test('住民票記載事項証明書 has its own title and certifying sentence', async () => {
  const text = allText(save(await renderCertificatePdf(sampleResidentDocument({ members: 1, type: 'kisai', layout: 'individual' }), signer)));
  assert.ok(text.includes('住民票記載事項証明書'));
  assert.ok(text.includes('上記のとおり住民票に記載されていることを証明する。'));
});

test('印鑑登録証明書: the registered impression as an image, registration number, fields and sentence', async () => {
  const path = save(await renderCertificatePdf(sampleSealDocument(), signer));
  const text = allText(path);
  for (const field of ['印鑑登録証明書', '印影', '登録番号', '1322170042', '山田太郎', 'ヤマダタロウ', '昭和55年2月17日', '男', '東京都清瀬市中里一丁目2番3号', 'この写しは、登録された印影と相違ないことを証明する。', '1/1頁']) {
    assert.ok(text.includes(norm(field)), field);
  }
  const images = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).trim().split('\n').slice(2);
  // One picture (the seal impression) and one stencil mask (the QR code).
  const types = images.map((row) => row.trim().split(/\s+/)[2]).sort();
  assert.deepEqual(types, ['image', 'stencil'], images.join('\n'));
});

test('the font is IPAex Mincho, embedded, subset, with a Unicode map, and nothing else', async () => {
  const path = save(await renderCertificatePdf(sampleResidentDocument({ members: 2 }), signer));
  const rows = execFileSync('pdffonts', [path], { encoding: 'utf8' }).trim().split('\n').slice(2);
  assert.equal(rows.length, 1, rows.join('\n'));
  assert.match(rows[0]!, /^[A-Z]{6}\+IPAexMincho\s+CID TrueType\s+Identity-H\s+yes yes yes/);
});

test('a deputy signs as 職務代理者', async () => {
  const doc = sampleSealDocument();
  doc.municipality = { ...municipality, deputy: { title: '副市長', name: '瀬戸　次郎' } };
  const text = allText(save(await renderCertificatePdf(doc, signer)));
  assert.ok(text.includes(norm('東京都清瀬市長職務代理者副市長瀬戸次郎')));
  assert.ok(!text.includes('清瀬一郎'));
});

test('bad data is refused with input.invalid naming the field, before anything is drawn', async () => {
  const doc = sampleResidentDocument({ members: 1 });
  if (doc.data.type === 'inkan') throw new Error('unexpected');
  doc.data.members[0] = { ...doc.data.members[0]!, dob: '1980-02-30' };
  await assert.rejects(renderCertificatePdf(doc, signer), (e) => isKioskError(e, 'input.invalid') && e.details.field === 'data.members.0.dob');
  const bad = sampleSealDocument();
  bad.subjectHash = 'not-a-hash';
  await assert.rejects(renderCertificatePdf(bad, signer), (e) => isKioskError(e, 'input.invalid') && e.details.field === 'subjectHash');
});

test('receipt: items, total, payment and change; a reprint says so; a wrong total is refused', async () => {
  const base = { issuanceId: 'iss-r1', issuanceNumber: '000117-01', municipality, kioskId: 'kiosk-kiyose-01', items: [{ label: '住民票の写し', copies: 2, unitFee: 200 }], total: 400, paidBy: 'cash' as const, change: 600, issuedAt: '2025-12-01T13:05:00Z' };
  const text = allText(save(await renderReceiptPdf(base)));
  for (const field of ['領収書', '住民票の写し', '2通', '200円', '400円', '現金', '1,000円', '600円', '令和7年(2025年)12月1日', '22:05', '第000117-01号', '東京都清瀬市']) {
    assert.ok(text.includes(norm(field)), field);
  }
  assert.ok(!text.includes('再発行'));
  const reprint = allText(save(await renderReceiptPdf({ ...base, reprintOf: 'iss-r0' })));
  assert.ok(reprint.includes('【再発行】') && reprint.includes('iss-r0'));
  await assert.rejects(renderReceiptPdf({ ...base, total: 300 }), (e) => isKioskError(e, 'input.invalid') && e.details.field === 'total');
});

test('readDocumentBinding refuses files without a binding (a receipt, not a PDF)', async () => {
  const receipt = await renderReceiptPdf({ issuanceId: 'iss-r2', issuanceNumber: '1', municipality, kioskId: 'k', items: [{ label: '印鑑登録証明書', copies: 1, unitFee: 200 }], total: 200, paidBy: 'ic', change: 0, issuedAt: '2025-12-01T01:00:00Z' });
  assert.throws(() => readDocumentBinding(receipt), (e) => isKioskError(e, 'input.invalid'));
  assert.throws(() => readDocumentBinding(new TextEncoder().encode('hello')), (e) => isKioskError(e, 'input.invalid'));
});
