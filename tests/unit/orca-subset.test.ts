// The back office's ORCA subset, answer by answer (its handlers on a real orca.db in a temp folder):
// each refusal carries ORCA's code and message and changes nothing; omitted fields are set by the
// system with ORCA's warnings. The wire (HTTP, Basic auth, /api) is tests/integration/orca-reception.test.ts.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedOrcaDemo } from '../../backoffice/orca/demo';
import { acceptList, acceptMod } from '../../backoffice/orca/orca-accept';
import { outpatientRate, patientMod } from '../../backoffice/orca/orca-patient';
import { openOrcaStore } from '../../backoffice/orca/orca-store';

const dir = mkdtempSync(join(tmpdir(), 'orca-subset-'));
const store = openOrcaStore(dir);
seedOrcaDemo(store);
after(() => { store.close(); rmSync(dir, { recursive: true, force: true }); });

// 2031-06-02 10:00 JST: a day of its own, whatever the demo seeds for the real today.
const NOW = Date.UTC(2031, 5, 2, 1, 0, 0);
const TODAY = '2031-06-02';
const result = (a: { acceptres?: object; patientmodres?: object; acceptlstres?: object }) =>
  Object.values(a)[0] as { Api_Result: string; Api_Result_Message: string; Api_Warning_Message_Information?: { Api_Warning_Message: string }[]; Acceptance_Id?: string; Acceptance_Date?: string; Acceptance_Time?: string; Medical_Information?: string };
const accept = (req: Record<string, string> | undefined) => result(acceptMod(store, {}, req, NOW));

test('acceptmodv2 01 refusals in ORCA\'s order, each with its message, and nothing registered', () => {
  const base = { Request_Number: '01', Patient_ID: '00001', Department_Code: '01', Physician_Code: '10001', Acceptance_Date: TODAY, Acceptance_Time: '09:00:00', Medical_Information: '01' };
  const cases: [Record<string, string> | undefined, string, string][] = [
    [undefined, '97', '送信内容に誤りがあります'],
    [{ ...base, Request_Number: '05' }, '91', '処理区分未設定'],
    [{ ...base, Patient_ID: '' }, '01', '患者番号が未設定です'],
    [{ ...base, Department_Code: '' }, '02', '診療科が未設定です'],
    [{ ...base, Physician_Code: '' }, '03', 'ドクターが未設定です'],
    [{ ...base, Patient_ID: '99999' }, '10', '患者番号に該当する患者が存在しません'],
    [{ ...base, Acceptance_Date: '2026-02-30' }, '11', '受付日が暦日ではありません'],
    [{ ...base, Department_Code: '98' }, '13', '診療科が存在しません'],
    [{ ...base, Physician_Code: '19999' }, '14', 'ドクターが存在しません'],
    [{ ...base, Medical_Information: '42' }, '15', '診療内容情報が存在しません'],
    [{ ...base, Acceptance_Time: '25:00:00' }, '12', '受付時間設定誤り'],
  ];
  for (const [req, code, message] of cases) {
    const a = accept(req);
    assert.deepEqual([a.Api_Result, a.Api_Result_Message], [code, message], JSON.stringify(req));
  }
  assert.deepEqual(store.receptionsOn(TODAY), []);
  });

test('acceptmodv2 01 with date, time and 診療内容 left to the system: registered with warnings K1–K3 (Api_Result K1)', () => {
  const a = accept({ Request_Number: '01', Patient_ID: '2', Department_Code: '09', Physician_Code: '10002' });
  assert.equal(a.Api_Result, 'K1');
  assert.equal(a.Api_Result_Message, '受付登録終了');
  assert.deepEqual(a.Api_Warning_Message_Information?.map((w) => w.Api_Warning_Message), ['受付日を自動設定しました', '受付時間を自動設定しました', '診療内容情報を自動設定しました']);
  assert.deepEqual([a.Acceptance_Date, a.Acceptance_Time, a.Medical_Information, a.Acceptance_Id], [TODAY, '10:00:00', '01', '00001']);
});

test('acceptmodv2 02 cancel: no 受付ID (19), another patient\'s reception (20), patient locked (90), then cancelled', () => {
  const id = accept({ Request_Number: '01', Patient_ID: '00003', Department_Code: '01', Physician_Code: '10001', Acceptance_Date: TODAY, Acceptance_Time: '09:30:00', Medical_Information: '01' }).Acceptance_Id!;
  const cancel = { Request_Number: '02', Patient_ID: '00003', Acceptance_Id: id, Acceptance_Date: TODAY };
  assert.equal(accept({ ...cancel, Acceptance_Id: '' }).Api_Result, '19');
  assert.equal(accept({ ...cancel, Patient_ID: '00001' }).Api_Result, '20');
  store.lockPatient('00003', 'window-1');
  assert.equal(accept(cancel).Api_Result, '90');
  assert.ok(store.reception(TODAY, id), 'a refused cancel keeps the reception');
  store.unlockPatient('00003');
  assert.deepEqual([accept(cancel).Api_Result, accept(cancel).Api_Result], ['00', '17']);
  assert.equal(store.reception(TODAY, id), undefined);
});

test('patientmodv2 class 01 refusals: each with ORCA\'s code, the request echoed, no patient added', () => {
  const base = { Patient_ID: '*', WholeName: '見本　太郎', WholeName_inKana: 'ミホン　タロウ', BirthDate: '1970-01-01', Sex: '1' };
  const before = store.samePerson({ wholeName: base.WholeName, sex: '1', birthDate: base.BirthDate }).length;
  const cases: [Record<string, string>, string][] = [
    [{ ...base, WholeName: '' }, '02'], [{ ...base, WholeName_inKana: '' }, '03'], [{ ...base, BirthDate: '' }, '04'], [{ ...base, Sex: '' }, '05'],
    [{ ...base, Patient_ID: 'A-1' }, '12'], [{ ...base, WholeName: '見本 太郎' }, '14'], [{ ...base, WholeName_inKana: 'ﾐﾎﾝ　ﾀﾛｳ' }, '15'],
    [{ ...base, Sex: '3' }, '16'], [{ ...base, BirthDate: '1970-02-30' }, '17'], [{ ...base, BirthDate: '2032-01-01' }, 'P1'],
    [{ ...base, Patient_ID: '00001' }, '13'],
  ];
  for (const [req, code] of cases) assert.equal(result(patientMod(store, { class: '01' }, req, NOW)).Api_Result, code, JSON.stringify(req));
  const echoed = patientMod(store, { class: '01' }, { ...base, WholeName: '見本 太郎' }, NOW).patientmodres as { Patient_Information?: { Patient_ID: string; WholeName: string } };
  assert.deepEqual(echoed.Patient_Information && [echoed.Patient_Information.Patient_ID, echoed.Patient_Information.WholeName], ['*', '見本 太郎']);
  assert.equal(result(patientMod(store, { class: '02' }, base, NOW)).Api_Result, '91', 'update is not part of the subset');
  assert.equal(store.samePerson({ wholeName: base.WholeName, sex: '1', birthDate: base.BirthDate }).length, before);
});

test('acceptlstv2 refusals and the empty day (21)', () => {
  assert.equal(result(acceptList(store, { class: '03' }, { Acceptance_Date: '2026-13-01' }, NOW)).Api_Result, '11');
  assert.equal(result(acceptList(store, { class: '03' }, { Department_Code: '98' }, NOW)).Api_Result, '12');
  assert.equal(result(acceptList(store, { class: '03' }, { Physician_Code: '19999' }, NOW)).Api_Result, '13');
  const empty = result(acceptList(store, { class: '03' }, { Acceptance_Date: '2031-06-03' }, NOW));
  assert.deepEqual([empty.Api_Result, empty.Api_Result_Message], ['21', '対象の受付はありませんでした']);
});

test('the 負担割合 ORCA sets from the age: 2割 before school and at 70–74, 1割 from 75, else 3割', () => {
  assert.equal(outpatientRate('2026-01-01', TODAY), '0.20');
  assert.equal(outpatientRate('1990-01-01', TODAY), '0.30');
  assert.equal(outpatientRate('1960-01-01', TODAY), '0.20');
  assert.equal(outpatientRate('1960-01-01', TODAY, '30'), '0.30', '70–74 現役並み');
  assert.equal(outpatientRate('1955-01-01', TODAY), '0.10');
  assert.equal(outpatientRate('1961-06-03', TODAY), '0.30', 'the day before the 70th birthday');
});

test('an operator\'s password: checked, remembered, and forgotten when it changes; the file holds no password', () => {
  store.putOperator('window-3', 'first-password');
  assert.equal(store.checkOperator('window-3', 'first-password'), true);
  assert.equal(store.checkOperator('window-3', 'first-password'), true, 'again, from memory');
  store.putOperator('window-3', 'second-password');
  assert.equal(store.checkOperator('window-3', 'first-password'), false);
  assert.equal(store.checkOperator('window-3', 'second-password'), true);
  assert.equal(store.checkOperator('nobody', 'second-password'), false);
  const rows = store.db.prepare('SELECT * FROM operator_passwords').all();
  for (const secret of ['first-password', 'second-password']) assert.ok(!JSON.stringify(rows).includes(secret));
});

test('acceptmodv2 01 by WholeName only: a reception without a patient, listed by acceptlstv2 with Patient_ID empty; 03 attaches the patient once', () => {
  const day = '2031-06-03';
  const base = { Request_Number: '01', WholeName: 'マイナ受付（資格未確認）', Department_Code: '01', Physician_Code: '10001', Acceptance_Date: day, Acceptance_Time: '09:10:00', Medical_Information: '01' };
  // Name too long (26 full-width) or half-width: refused, nothing registered.
  assert.equal(accept({ ...base, WholeName: 'あ'.repeat(26) }).Api_Result, '04');
  assert.equal(accept({ ...base, WholeName: 'ﾏｲﾅ' }).Api_Result, '04');
  assert.deepEqual(store.receptionsOn(day), []);
  const made = accept(base);
  assert.deepEqual([made.Api_Result, made.Api_Result_Message, made.Acceptance_Id], ['00', '受付登録終了', '00001']);
  // Two receptions by name are two people: never a 16 double registration.
  assert.equal(accept({ ...base, Acceptance_Time: '09:11:00' }).Acceptance_Id, '00002');
  const listed = acceptList(store, { class: '01' }, { Acceptance_Date: day }, NOW).acceptlstres as { Acceptlst_Information?: { Acceptance_Id: string; Patient_Information: { Patient_ID: string; WholeName: string } }[] };
  assert.deepEqual(listed.Acceptlst_Information?.map((r) => [r.Acceptance_Id, r.Patient_Information.Patient_ID, r.Patient_Information.WholeName]),
    [['00001', '', base.WholeName], ['00002', '', base.WholeName]]);

  const attach = { Request_Number: '03', Patient_ID: '00002', Acceptance_Id: '00001', Acceptance_Date: day };
  assert.equal(accept({ ...attach, Patient_ID: '' }).Api_Result, '01');
  assert.equal(accept({ ...attach, Acceptance_Id: '' }).Api_Result, '19');
  assert.equal(accept({ ...attach, Patient_ID: '99999' }).Api_Result, '10');
  assert.equal(accept({ ...attach, Acceptance_Id: '00042' }).Api_Result, '18');
  store.lockPatient('00002', 'window-1');
  assert.equal(accept(attach).Api_Result, '90');
  store.unlockPatient('00002');
  assert.equal(store.reception(day, '00001')?.patientId, '', 'refusals attach nobody');
  const done = accept(attach) as ReturnType<typeof result> & { Patient_Information?: { Patient_ID: string } };
  assert.deepEqual([done.Api_Result, done.Api_Result_Message, done.Patient_Information?.Patient_ID], ['00', '受付更新終了', '00002']);
  assert.deepEqual([store.reception(day, '00001')?.patientId, store.reception(day, '00001')?.wholeName], ['00002', undefined]);
  // A reception that has a patient is never moved to another; the same patient twice in one 診療科 is a 16.
  assert.equal(accept({ ...attach, Patient_ID: '00003' }).Api_Result, '20');
  assert.equal(accept({ ...attach, Acceptance_Id: '00002' }).Api_Result, '16');
  assert.equal(store.reception(day, '00002')?.patientId, '');
  // 02 cancels a reception by name too; it leaves the list.
  assert.equal(accept({ Request_Number: '02', Acceptance_Id: '00002', Acceptance_Date: day }).Api_Result, '00');
  assert.equal(store.reception(day, '00002'), undefined);
});
