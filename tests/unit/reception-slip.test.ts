// The 受付票: what the patient and the desk read on it (pdftotext), the binding the printer checks,
// and that nothing about the patient beyond the number is printed; bad input is a typed error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isKioskError } from '../../common/errors';
import { readDocumentBinding, renderReceptionSlipPdf, type ReceptionSlipInput } from '../../templates/index';

const dir = mkdtempSync(join(tmpdir(), 'madoguchi-slip-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const SLIP: ReceptionSlipInput = {
  receptionNumber: '00012',
  department: { code: '01', name: { ja: '内科', en: 'Internal medicine', zh: '内科', ko: '내과' } },
  date: '2026-12-06', time: '09:41:07', next: 'wait', hospital: '清瀬市民病院', kioskId: 'KIOSK-H01',
};
const BINDING = { documentId: 'visit-7f3a', requestId: 'visit-7f3a', subjectHash: 'ab'.repeat(32) };

let n = 0;
function textOf(pdf: Uint8Array): string {
  const path = join(dir, `slip-${n++}.pdf`);
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/[ \u3000]+/g, ' ');
}

test('a Japanese slip: the number, department, time, next step and hospital; bound as a reception-slip', async () => {
  const pdf = await renderReceptionSlipPdf(SLIP, BINDING);
  const text = textOf(pdf);
  for (const s of ['受付票', '00012', '内科', '2026年12月6日 09:41', '待合室でお待ちください。番号でお呼びします。', '清瀬市民病院']) assert.ok(text.includes(s), `${s} in:\n${text}`);
  assert.ok(!text.includes('Internal medicine'), 'a Japanese slip is Japanese only');
  // Whatever else a caller hands over (a name, an insurance number) is not the slip's to print.
  const extra = textOf(await renderReceptionSlipPdf({ ...SLIP, name: '山田　太郎', insurerNumber: '06132013' } as ReceptionSlipInput, BINDING));
  assert.ok(!extra.includes('山田') && !extra.includes('06132013'), extra);
  const b = readDocumentBinding(pdf);
  assert.deepEqual([b.issuanceId, b.requestId, b.subjectHash, b.kind, b.pages], ['visit-7f3a', 'visit-7f3a', 'ab'.repeat(32), 'reception-slip', 1]);
});

test('in the patient\'s language with the Japanese beside it for staff (en, ko); the desk step when eligibility is unconfirmed', async () => {
  const en = textOf(await renderReceptionSlipPdf({ ...SLIP, language: 'en', next: 'show_document_at_desk' }, BINDING));
  for (const s of ['Reception slip', '受付番号 / Reception number', 'Internal medicine', 'eligibility screen of', '資格情報のお知らせ', 'マイナポータル', '00012']) {
    assert.ok(en.includes(s), `${s} in:\n${en}`);
  }
  const ko = textOf(await renderReceptionSlipPdf({ ...SLIP, language: 'ko', receptionNumber: null, next: 'desk' }, BINDING));
  for (const s of ['접수표', '내과', '접수 창구로 와 주십시오.', '受付窓口へお越しください。', '受付窓口で番号をお渡しします']) assert.ok(ko.includes(s), `${s} in:\n${ko}`);
});

test('bad input is input.invalid naming the field, and nothing is rendered', async () => {
  const bad: Array<[Partial<ReceptionSlipInput>, string]> = [
    [{ receptionNumber: '12 34' }, 'receptionNumber'],
    [{ time: '9:41' }, 'time'],
    [{ next: 'pay' as never }, 'next'],
    [{ language: 'fr' as never }, 'language'],
  ];
  for (const [change, field] of bad) {
    await assert.rejects(renderReceptionSlipPdf({ ...SLIP, ...change }, BINDING), (e) => isKioskError(e, 'input.invalid') && e.details.field === field);
  }
});
