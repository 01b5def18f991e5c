// test-lane: free
// The kiosk reads the cashier's answers (incomev3) as ORCA sends them: ORCA's published bodies
// (tests/fixtures/orca/incomev3-res-*.json) parsed unchanged — money right-aligned and negative on 返金
// lines, {} padding, the 5-character Api_Result — and each refusal becomes the kind the checkout acts
// on: E1038 / E9999 the patient is held elsewhere, E0113 the bill changed, anything else rejected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isKioskError } from '../../common/errors';
import { answerOf, ensureIncomeOk, readAfterChange, readBill, readLock, readUnpaidBills, yenOf } from '../../electron/services/billing/income-answers';

const sample = (name: string) => answerOf(JSON.parse(readFileSync(new URL(`../fixtures/orca/incomev3-res-${name}.json`, import.meta.url), 'utf8')));
const kindOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    assert.ok(isKioskError(err), String(err));
    return { kind: err.kind, details: err.details };
  }
  assert.fail('expected a KioskError');
};

test("ORCA's money: right-aligned digits, negative on 返金 lines; anything else is refused, never read as 0", () => {
  assert.equal(yenOf('      6030', 'Ac_Money'), 6030);
  assert.equal(yenOf('         0', 'Ac_Money'), 0);
  assert.equal(yenOf('      -970', 'Ic_Money'), -970);
  assert.equal(kindOf(() => yenOf('6,030', 'Ac_Money')).kind, 'accounting.rejected');
  assert.equal(kindOf(() => yenOf('', 'Ac_Money')).kind, 'accounting.rejected');
  assert.equal(kindOf(() => yenOf(undefined, 'Ac_Money')).kind, 'accounting.rejected');
});

test("請求確認 (ORCA's sample): the bill's amounts, 負担割合, points per 部 and the patient's insured share", () => {
  const b = ensureIncomeOk(sample('get-detail'));
  assert.equal(readLock(b), 'c585dc3e-fa42-4f45-b02f-5a4166d0721d');
  const bill = readBill(b, '00001');
  assert.deepEqual(bill, {
    patientId: '00001', invoiceNumber: '0000013', performedOn: '2012-01-10', inOut: 'I', department: '10',
    total: 6030, alreadyPaid: 6030, due: 0, ratioPercent: 30,
    // Without Copay_Detail (a real ORCA): 医療費 from 1点 = ¥10, the share from Ai_Money.
    insurance: { points: 1750, medicalCost: 17500, patientShare: 5250 },
    outOfInsurance: 0, outOfInsuranceLines: [], limitApplied: false,
    categories: [{ code: 'A10', points: 1750 }], reissueCount: 0,
  });
});

test('a real ORCA names several 保険外 lines without amounts: shown as one line with the total, no amount guessed', () => {
  const b = sample('get-detail') as Record<string, unknown>;
  const detail = structuredClone(b.Income_Detail) as { Cd_Information: Record<string, string> };
  detail.Cd_Information.Oe_Money = '      3300';
  const bill = readBill({ ...b, Api_Result: '00000', Api_Result_Message: '', Income_Detail: detail }, '00001');
  assert.deepEqual(bill.outOfInsuranceLines, [{ name: '予防接種・分娩介助料', yen: 3300 }]);
  assert.equal(bill.outOfInsurance, 3300);
});

test("請求一覧 (ORCA's sample): only outpatient bills with something unpaid, oldest first", () => {
  const bills = readUnpaidBills(ensureIncomeOk(sample('list-class1')));
  assert.deepEqual(bills, [
    { invoiceNumber: '0000749', performedOn: '2014-06-18', due: 1050 },
    { invoiceNumber: '0000750', performedOn: '2014-06-18', due: 40 },
  ]);
});

test("入金 (ORCA's sample): what is still unpaid after it", () => {
  assert.deepEqual(readAfterChange(ensureIncomeOk(sample('payment'))), { unpaid: 5030 });
});

test('E1038 (another terminal) and E9999 (ORCA\'s own screen) are patient_locked; E0107 is rejected with its code', () => {
  assert.deepEqual(kindOf(() => ensureIncomeOk(sample('E1038-same-karte-uid'))), {
    kind: 'accounting.patient_locked', details: { apiResult: 'E1038', apiResultMessage: '他の端末より同じカルテＵＩＤでの接続があります。' },
  });
  assert.equal(kindOf(() => ensureIncomeOk(sample('E9999-locked'))).kind, 'accounting.patient_locked');
  assert.deepEqual(kindOf(() => ensureIncomeOk(sample('E0107-overpayment'))), {
    kind: 'accounting.rejected', details: { apiResult: 'E0107', apiResultMessage: '過入金になります。入金できません。' },
  });
});

test('E0113 is bill_changed, with the new total when the answer carries it', () => {
  const base = { Api_Result: 'E0113', Api_Result_Message: '請求額が変更されています。再度請求確認を行ってください。' };
  assert.deepEqual(kindOf(() => ensureIncomeOk(base)).details, { apiResult: 'E0113', apiResultMessage: base.Api_Result_Message });
  assert.equal(kindOf(() => ensureIncomeOk({ ...base, Ac_Money: '      2100' })).details.total, 2100);
});

test("an answer without Api_Result is not ORCA's: unavailable; a 01 answer without Orca_Uid is rejected", () => {
  assert.equal(kindOf(() => answerOf({ incomev3res: { Information_Date: '2026-12-07' } })).kind, 'accounting.unavailable');
  assert.equal(kindOf(() => readLock({ Api_Result: '00000', Api_Result_Message: '' })).kind, 'accounting.rejected');
});
