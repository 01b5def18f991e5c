// test-lane: free
// The hospital's 領収証 and 診療明細書: what the patient, the desk and the tax office read on them
// (pdftotext), the binding the printer checks, the 【再発行】 mark, the patient's language beside the
// Japanese, a long statement over several pages with every line on it, and figures that do not add
// up refused as input.invalid naming the field (nothing rendered). Render time measured warm.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isKioskError } from '../../common/errors';
import type { HospitalReceiptInput } from '../../common/documents/hospital-receipt';
import { readDocumentBinding, renderHospitalReceiptPdf } from '../../templates/index';
import { demoHospitalSigner } from '../../simulators/hospital/index';
import { sampleHospitalReceipt } from '../../simulators/hospital/samples';

const dir = mkdtempSync(join(tmpdir(), 'hospital-receipt-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const BINDING = { documentId: 'chk-7f3a-1', requestId: 'chk-7f3a', subjectHash: 'cd'.repeat(32) };
const signer = demoHospitalSigner();

let n = 0;
function pagesOf(pdf: Uint8Array): string[] {
  const path = join(dir, `r-${n++}.pdf`);
  writeFileSync(path, pdf);
  // One string per page, spaces collapsed (the extractor's column spacing does not matter).
  return execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1).map((p) => p.replace(/[ \u3000]+/g, ' '));
}
const squeeze = (s: string) => s.replace(/\s+/g, '');

test('the 領収証: points per 部 with 総点, 保険 / 公費 / 保険外, 患者負担額, 領収額, cash and change; no name; bound as hospital-receipt', async () => {
  const data = sampleHospitalReceipt({ outOfInsurance: [{ name: '文書料（診断書）', yen: 3300 }], publicAid: 500 });
  const pdf = await renderHospitalReceiptPdf({ ...data, name: '山田　太郎' } as HospitalReceiptInput, BINDING, signer);
  const [receipt, statement] = pagesOf(pdf);
  const flat = squeeze(receipt!);
  // 598 点: 医療費 5,980円, 3割 = 1,790円 (rounded to ¥10), 500円 of it paid by the programme, + 3,300円 保険外.
  for (const s of ['領収証', '清瀬市民病院', '患者ID00002', '伝票番号0000123', '診療日令和8年12月7日', '発行日令和8年12月7日10:42', '内科', '協会けんぽ', '3割',
    '初・再診料127点', '医学管理等225点', '検査186点', '投薬60点', '画像診断0点', '総点598点',
    '医療費（10割）5,980円', '保険患者負担（3割）1,290円', '公費負担額（こども医療費助成）500円', '保険外（自費）3,300円', '文書料（診断書）3,300円',
    '患者負担額4,590円', '領収額4,590円', '支払方法現金', 'お預り5,000円', 'お釣り410円', '領収印', '領収済', 'TEL042-491-0011', '文書IDchk-7f3a-1']) {
    assert.ok(flat.includes(squeeze(s)), `${s} in:\n${receipt}`);
  }
  // Rarely used 部 are left off when nothing was billed in them (§3.6), and nobody's name is printed.
  for (const s of ['麻酔', '病理診断', '放射線治療', '山田', '【再発行】', 'Receipt']) assert.ok(!flat.includes(s), `${s} not in:\n${receipt}`);
  assert.ok(squeeze(statement!).includes('診療明細書'));
  const b = readDocumentBinding(pdf);
  assert.deepEqual([b.issuanceId, b.requestId, b.subjectHash, b.kind, b.pages], [BINDING.documentId, BINDING.requestId, BINDING.subjectHash, 'hospital-receipt', 2]);
});

test('the 明細書 itemises the bill by 部 (点数 × 回数), the same facts heading it; a card payment has no change lines', async () => {
  const pages = pagesOf(await renderHospitalReceiptPdf(sampleHospitalReceipt({ method: 'card' }), BINDING, signer));
  assert.equal(pages.length, 2);
  const flat = squeeze(pages[1]!);
  for (const s of ['診療明細書', '患者ID00002', '伝票番号0000123', '総点598点', '領収額1,790円', '2/2頁',
    '初・再診料再診料751', '外来管理加算521', '医学管理等特定疾患療養管理料（診療所）2251', '検査末梢血液一般検査211', 'Ｂ－Ｖ（静脈採血）401', '投薬処方箋料（その他）601']) {
    assert.ok(flat.includes(squeeze(s)), `${s} in:\n${pages[1]}`);
  }
  const receipt = squeeze(pages[0]!);
  assert.ok(receipt.includes('支払方法クレジットカード'), pages[0]);
  assert.ok(!receipt.includes('お釣り') && !receipt.includes('お預り'), pages[0]);
});

test('a long statement runs over pages: every line printed once, 部 named again on each page, x/y on every page', async () => {
  const data = sampleHospitalReceipt({ extraItems: 45, outOfInsurance: [{ name: '予防接種', yen: 4000 }] });
  const pages = pagesOf(await renderHospitalReceiptPdf(data, BINDING, signer));
  assert.ok(pages.length >= 3, `${pages.length} pages`);
  pages.forEach((p, i) => assert.ok(squeeze(p).includes(`${i + 1}/${pages.length}頁`), `page ${i + 1}:\n${p}`));
  const statement = squeeze(pages.slice(1).join('\n'));
  for (const item of data.items ?? []) {
    // The name followed by its 点数 and 回数, as the row prints them (再診料 is also inside 初・再診料).
    const occurrences = statement.split(squeeze(`${item.name}${item.points}${item.count}`)).length - 1;
    // 検査項目 1 is a prefix of 検査項目 10…: count only exact names (the long names are unique).
    if (!/検査項目 \d$/.test(item.name)) assert.equal(occurrences, 1, `${item.name} printed ${occurrences} times`);
    else assert.ok(occurrences >= 1, item.name);
  }
  for (const p of pages.slice(2)) assert.ok(/^(検査|注射)/m.test(p.split('回数')[1]!.trim()), `a continued page names its 部 first:\n${p}`);
  assert.ok(squeeze(pages.at(-1)!).includes(squeeze('予防接種4,000円')), pages.at(-1));
});

test('a reprint says 【再発行】 on every page; an original never does', async () => {
  const reprint = pagesOf(await renderHospitalReceiptPdf(sampleHospitalReceipt({ reprint: true, extraItems: 30 }), BINDING, signer));
  assert.ok(reprint.length >= 3);
  for (const p of reprint) assert.ok(p.includes('【再発行】'), p);
  const original = pagesOf(await renderHospitalReceiptPdf(sampleHospitalReceipt({}), BINDING, signer));
  for (const p of original) assert.ok(!p.includes('再発行'), p);
});

test('the patient\'s language beside the Japanese labels (en, zh, ko); figures and 部 stay Japanese', async () => {
  const expected: Record<'en' | 'zh' | 'ko', string[]> = {
    en: ['Receipt', 'Patient ID', 'Amount received', 'Itemised statement', 'Paid by: Cash', 'Reissued copy'],
    zh: ['收据', '患者编号', '实收金额', '诊疗明细', '补发'],
    ko: ['영수증', '환자 ID', '영수액', '진료 명세서', '재발행'],
  };
  for (const language of ['en', 'zh', 'ko'] as const) {
    const pages = pagesOf(await renderHospitalReceiptPdf(sampleHospitalReceipt({ language, reprint: true }), BINDING, signer));
    const all = pages.join('\n');
    for (const s of expected[language]) assert.ok(all.includes(s), `${language}: ${s} in:\n${all}`);
    for (const s of ['領収証', '領収額1,790円', '初・再診料127点', '【再発行】']) assert.ok(squeeze(all).includes(squeeze(s)), `${language}: ${s}`);
  }
});

test('figures that do not add up are input.invalid naming the field, and nothing is rendered', async () => {
  const good = sampleHospitalReceipt({ outOfInsurance: [{ name: '文書料', yen: 1100 }] });
  const cases: Array<[(d: HospitalReceiptInput) => void, string]> = [
    [(d) => { d.categories[0]!.points += 1; }, 'totalPoints'],
    [(d) => { d.insurance.medicalCost += 10; }, 'insurance.medicalCost'],
    [(d) => { d.patientTotal += 10; }, 'patientTotal'],
    [(d) => { d.payment.received -= 10; }, 'payment.received'],
    [(d) => { d.payment = { ...d.payment, method: 'card', change: 10 }; }, 'payment.change'],
    [(d) => { d.items![0]!.count = 2; }, 'items'],
    [(d) => { d.categories.push({ code: 'A00', points: 0 }); }, 'categories'],
    [(d) => { d.invoiceNumber = '12-34'; }, 'invoiceNumber'],
    [(d) => { d.hospital.name = '病院\n本院'; }, 'hospital.name'],
    [(d) => { d.language = 'fr' as never; }, 'language'],
  ];
  for (const [change, field] of cases) {
    const bad = structuredClone(good);
    change(bad);
    await assert.rejects(renderHospitalReceiptPdf(bad, BINDING, signer), (e) => isKioskError(e, 'input.invalid') && e.details.field === field, field);
  }
});

test('render time, warm: ≤ 150 ms for the 領収証 and a 明細書 page (the payment benchmark needs card → receipt ≤ 500 ms)', async () => {
  const data = sampleHospitalReceipt({});
  await renderHospitalReceiptPdf(data, BINDING, signer);
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await renderHospitalReceiptPdf(data, BINDING, signer);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = times[5]!;
  process.stdout.write(`# hospital receipt render warm: median ${median.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms\n`);
  assert.ok(median <= 150, `median ${median} ms`);
});
