// The kiosk reads ORCA's published answers unchanged (tests/fixtures/orca/, each with its source):
// wrappers, {} padding, warning codes on success, answers without their wrapper.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { KioskError } from '../../common/errors';
import { apiResultOf, isOk, readAcceptance, readPatient, readReceptionRows } from '../../electron/services/reception/orca-answers';
import { toFullWidth, toFullWidthKana } from '../../electron/services/reception/orca-client';

const sample = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/orca/${name}.json`, import.meta.url), 'utf8'));

test('patientgetv2: the patient, with the 3割 and the insured numbers (half-width) of the first insurance combination, padding dropped', () => {
  const body = apiResultOf(sample('patientgetv2-res'));
  assert.equal(body.Api_Result, '00');
  assert.deepEqual(readPatient(body), {
    patientId: '00001', name: 'テスト　カンジャ', kanaName: 'テスト　カンジャ', birthdate: '1965-04-04', sex: '1', ratioPercent: 30,
    insurance: { insurerNumber: '320010', symbol: '1234567', number: '5555555' },
  });
  const insurances = (body.Patient_Information as { HealthInsurance_Information: unknown[] }).HealthInsurance_Information;
  assert.equal(insurances.length, 3, 'the 27 {} that pad the 30 slots are not insurance combinations');
});

test('acceptmodv2 register: the reception number and time', () => {
  const body = apiResultOf(sample('acceptmodv2-res-01-register-ok'));
  assert.ok(isOk(body));
  assert.deepEqual(readAcceptance(body), { acceptanceId: '00006', acceptanceTime: '14:50:13' });
});

test('acceptmodv2 cancel answered with warning K1 (受付日を自動設定しました) is a success', () => {
  const body = apiResultOf(sample('acceptmodv2-res-02-cancel-K1'));
  assert.equal(body.Api_Result, 'K1');
  assert.equal(body.Api_Result_Message, '受付削除終了');
  assert.ok(isOk(body));
});

test('acceptmodv2 update: arrays padded with {} are read without the padding, nested ones too', () => {
  const body = apiResultOf(sample('acceptmodv2-res-03-update-ok'));
  const insurances = (body.Patient_Information as { HealthInsurance_Information: { PublicInsurance_Information?: unknown[] }[] }).HealthInsurance_Information;
  assert.equal(insurances.length, 3);
  assert.equal(insurances[0]!.PublicInsurance_Information!.length, 1);
  assert.equal(readAcceptance(body).acceptanceId, '00005');
});

test('acceptlstv2: one row per reception', () => {
  assert.deepEqual(readReceptionRows(apiResultOf(sample('acceptlstv2-res-class03'))),
    [{ acceptanceId: '00005', acceptanceTime: '13:59:36', patientId: '00001', department: '01' }]);
});

test('patientmodv2 answers published without their patientmodres wrapper still parse', () => {
  const ok = apiResultOf(sample('patientmodv2-res-class01-register-ok'));
  assert.ok(isOk(ok));
  assert.equal(readPatient(ok).patientId, '00019');
  const refused = apiResultOf(sample('patientmodv2-res-class01-E14'));
  assert.equal(isOk(refused), false);
  assert.equal(refused.Api_Result, '14');
  assert.equal(refused.Api_Result_Message, '漢字氏名は全角で入力して下さい');
});

test('an answer without Api_Result is not taken for a success', () => {
  for (const junk of [{}, { acceptres: {} }, [], 'ok', null]) {
    assert.throws(() => apiResultOf(junk), (e: unknown) => e instanceof KioskError && e.kind === 'accounting.unavailable');
  }
});

test('names go to ORCA in full width: ASCII, half-width kana and hiragana are converted', () => {
  assert.equal(toFullWidth('NGUYEN VAN AN'), 'ＮＧＵＹＥＮ　ＶＡＮ　ＡＮ');
  assert.equal(toFullWidth('山田 太郎'), '山田　太郎');
  assert.equal(toFullWidth('12-34'), '１２－３４');
  assert.equal(toFullWidthKana('ﾔﾏﾀﾞ ﾀﾛｳ'), 'ヤマダ　タロウ');
  assert.equal(toFullWidthKana('やまだ　たろう'), 'ヤマダ　タロウ');
});
