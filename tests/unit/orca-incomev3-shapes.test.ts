// incomev3's answers have the shapes of ORCA's own (tests/fixtures/orca/incomev3-res-*.json, parsed
// unchanged): the same fields in each answer, money in 10 characters, groups padded with {} to the same
// counts, the same Response_Number and no Orca_Uid where ORCA gives none. Built in-process against a real
// (in-memory) SQLite file of the accounting system; the HTTP flow is tests/integration/orca-incomev3.test.ts.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { OrcaStore } from '../../backoffice/orca/orca-store';
import { incomeV3 } from '../../backoffice/orca/income/incomev3';
import { IncomeAnswer, type IncomeReqT } from '../../backoffice/orca/income/wire';

type Res = Record<string, unknown>;
const sample = (name: string): Res => {
  const body = JSON.parse(readFileSync(new URL(`../fixtures/orca/incomev3-res-${name}.json`, import.meta.url), 'utf8')) as unknown;
  return IncomeAnswer.parse(body).incomev3res as Res;
};
const NOW = Date.parse('2026-12-07T01:00:00Z'); // 10:00 JST
let orca: OrcaStore;
const call = (req: IncomeReqT): Res => IncomeAnswer.parse(incomeV3(orca, req, NOW)).incomev3res as Res;
const keys = (o: unknown) => Object.keys(o as object).sort();
const nonEmpty = (a: unknown) => (a as Res[]).filter((x) => Object.keys(x).length > 0);
const MONEY = /^ {0,9}-?\d+$/;

before(() => {
  orca = new OrcaStore(new Database(':memory:'));
  orca.addPatient({ patientId: '00001', wholeName: '山田　太郎', wholeNameKana: 'ヤマダ　タロウ', birthDate: '1980-02-17', sex: '1', insurances: [] });
  orca.addReception({ date: '2026-12-07', time: '09:00:00', patientId: '00001', departmentCode: '01', physicianCode: '10001', medicalInformation: '01', insuranceCombination: '0001' });
});

test('the samples parse unchanged; our list answer has the sample\'s fields, counts and widths', () => {
  const s = sample('list-class1');
  const ours = call({ Request_Number: '01', Request_Mode: '01', Karte_Uid: 'karte_uid', Patient_ID: '1', Information_Class: '1' });
  assert.equal(ours.Api_Result, '00000');
  assert.deepEqual(keys(ours), keys(s));
  assert.equal((ours.Income_Information as unknown[]).length, (s.Income_Information as unknown[]).length);
  const sampleRow = nonEmpty(s.Income_Information).find((r) => r.InOut === 'O' && !('Group_Invoice_Number' in r))!;
  const [row] = nonEmpty(ours.Income_Information);
  assert.deepEqual(keys(row), keys(sampleRow));
  for (const f of ['Ac_Money', 'Ic_Money', 'Unpaid_Money']) {
    assert.match(row![f] as string, MONEY);
    assert.equal((row![f] as string).length, 10);
  }
  assert.equal(row!.Rate_Cd, ' 30');
  assert.deepEqual(keys(ours.Unpaid_Money_Total_Information), keys(s.Unpaid_Money_Total_Information));
  call({ Request_Number: '99', Karte_Uid: 'karte_uid', Orca_Uid: ours.Orca_Uid as string });
});

test('our 請求確認 answer has the sample\'s detail: Cd_Information, 16 point lines in ORCA\'s order, 10 保険外 slots, 99 history lines', () => {
  const s = sample('get-detail');
  const list = call({ Request_Number: '01', Request_Mode: '01', Karte_Uid: 'karte_uid', Patient_ID: '00001' });
  const invoice = nonEmpty(list.Income_Information)[0]!.Invoice_Number as string;
  const ours = call({ Request_Number: '01', Request_Mode: '02', Karte_Uid: 'karte_uid', Orca_Uid: list.Orca_Uid as string, Patient_ID: '00001', InOut: 'O', Invoice_Number: invoice });
  assert.equal(ours.Api_Result, '00000');
  // Copay_Detail is this system's addition (README); everything else is the sample's.
  assert.deepEqual(keys(ours).filter((k) => k !== 'Copay_Detail'), keys(s));
  const d = ours.Income_Detail as Res, sd = s.Income_Detail as Res;
  assert.deepEqual(keys(d), keys(sd).filter((k) => k !== 'Perform_End_Date'), 'an outpatient bill has no end date');
  assert.deepEqual(keys(d.Cd_Information), keys(sd.Cd_Information));
  const points = (d.Ac_Point_Information as Res).Ac_Point_Detail as Res[];
  const samplePoints = (sd.Ac_Point_Information as Res).Ac_Point_Detail as Res[];
  assert.equal(points.length, samplePoints.length);
  assert.deepEqual(nonEmpty(points).map((p) => [p.Ac_Point_Code, p.Ac_Point_Name]), nonEmpty(samplePoints).map((p) => [p.Ac_Point_Code, p.Ac_Point_Name]));
  assert.equal(((d.Oe_Etc_Information as Res).Oe_Etc_Detail as unknown[]).length, ((sd.Oe_Etc_Information as Res).Oe_Etc_Detail as unknown[]).length);
  assert.equal((ours.Income_History as unknown[]).length, (s.Income_History as unknown[]).length);
  const [billed] = nonEmpty(ours.Income_History);
  assert.deepEqual(keys(billed), keys(nonEmpty(s.Income_History)[0]), 'the 請求 line');
  assert.equal(billed!.State_Name, '請求');
  call({ Request_Number: '99', Karte_Uid: 'karte_uid' });
});

test('our 入金 and E0107 answers have the samples\' fields; a 入金 history line is the sample\'s', () => {
  const list = call({ Request_Number: '01', Request_Mode: '02', Karte_Uid: 'karte_uid', Patient_ID: '00001', InOut: 'O', Invoice_Number: '0000001' });
  const uid = list.Orca_Uid as string;
  const pay = (money: string) => call({ Request_Number: '02', Request_Mode: '01', Karte_Uid: 'karte_uid', Orca_Uid: uid, Patient_ID: '00001', InOut: 'O', Invoice_Number: '0000001', Ic_Money: money });
  const over = pay('999999');
  assert.equal(over.Api_Result, 'E0107');
  assert.deepEqual(keys(over), keys(sample('E0107-overpayment')));
  const paid = pay('1000');
  assert.equal(paid.Api_Result, '00000');
  const s = sample('payment');
  assert.deepEqual(keys(paid), keys(s));
  assert.equal(paid.State_Name, '未入金');
  const line = nonEmpty(paid.Income_History).at(-1)!;
  assert.deepEqual(keys(line), keys(nonEmpty(s.Income_History)[1]));
  assert.equal(line.Ic_Money, '      1000');
  assert.equal(line.History_Number, ' 2');
  call({ Request_Number: '99', Karte_Uid: 'karte_uid', Orca_Uid: uid });
});

test('our E1038 and E9999 answers have the samples\' fields (E1038 without an Orca_Uid)', () => {
  const held = call({ Request_Number: '01', Request_Mode: '01', Karte_Uid: 'kiosk-a', Patient_ID: '00001' });
  const other = call({ Request_Number: '01', Request_Mode: '01', Karte_Uid: 'karte_uid', Patient_ID: '00001' });
  assert.equal(other.Api_Result, 'E1038');
  assert.deepEqual(keys(other), keys(sample('E1038-same-karte-uid')));
  call({ Request_Number: '99', Karte_Uid: 'kiosk-a', Orca_Uid: held.Orca_Uid as string });
  orca.lockPatient('00001', 'orca-screen-2');
  const inUse = call({ Request_Number: '01', Request_Mode: '01', Karte_Uid: 'karte_uid', Orca_Uid: 'c585dc3e-fa42-4f45-b02f-5a4166d0721d', Patient_ID: '00001' });
  orca.unlockPatient('00001');
  assert.equal(inUse.Api_Result, 'E9999');
  assert.deepEqual(keys(inUse), keys(sample('E9999-locked')));
});
