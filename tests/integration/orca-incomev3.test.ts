// test-lane: free
// The cashier (incomev3) of the reference accounting system over real HTTP, as a payment kiosk and the
// desk use it: a reception billed by the copay engine, 請求一覧 → 請求確認 locks the patient → another
// terminal gets E1038 and changes nothing → 入金 (idempotent by its payment reference) → overpayment
// E0107 → paid in full: 会計済 on ORCA's reception → unlock → 返金, 再発行 at the desk; E9999 while
// ORCA's own screen has the patient; a bill changed at the desk refuses a 入金 of the old amount; a
// 公費 child pays ¥0; a wrong password is a 401. One back office for the file; no shared device.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedOrcaDemo } from '../../backoffice/orca/demo';
import { reviseInvoice } from '../../backoffice/orca/income/billing';
import { DEMO_CHARGES } from '../../backoffice/orca/income/demo-charges';
import { incomeStoreOf } from '../../backoffice/orca/income/income-store';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';

const NOW = Date.parse('2026-12-07T01:00:00Z'); // Monday 10:00 JST
const DAY = '2026-12-07';
const OPERATOR = { operatorId: 'cashier', password: 'orca-test-password' };
let bo: RunningBackOffice;
let dir: string;

type Res = Record<string, unknown>;
const basic = (password = OPERATOR.password) => `Basic ${Buffer.from(`${OPERATOR.operatorId}:${password}`).toString('base64')}`;
async function post(path: string, body: unknown, auth = basic()): Promise<{ status: number; json: Res }> {
  const r = await fetch(bo.url + path, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, json: await r.json() as Res };
}
async function income(req: Res, path = '/orca23/incomev3?format=json'): Promise<Res> {
  const r = await post(path, { incomev3req: req });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json.incomev3res as Res;
}
const rows = (a: unknown) => (a as Res[]).filter((x) => Object.keys(x).length > 0);
const yen = (s: unknown) => Number(String(s).trim());

async function receive(patientId: string, department: string, physician: string): Promise<string> {
  const r = await post('/orca11/acceptmodv2?format=json', { acceptreq: {
    Request_Number: '01', Patient_ID: patientId, Acceptance_Date: DAY, Acceptance_Time: '09:30:00', Department_Code: department, Physician_Code: physician, Medical_Information: '01',
  } });
  const res = r.json.acceptres as Res;
  assert.match(String(res.Api_Result), /^(00|K\d)$/, JSON.stringify(res));
  return res.Acceptance_Id as string;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bo-income-'));
  bo = await startBackOffice({ dataDir: dir, clock: () => NOW, credentials: { kiosks: [], staff: [], orcaOperators: [OPERATOR] } });
  seedOrcaDemo(bo.orca);
});
after(async () => {
  await bo.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a reception is billed as ORCA would, paid at the kiosk under its lock, and settled once', async () => {
  const acceptanceId = await receive('00001', '01', '10001');
  // 請求一覧 opens the patient at the kiosk: 内科 598点 = ¥5,980 × 3割 = ¥1,794 → ¥1,790.
  const list = await income({ Request_Number: '01', Request_Mode: '01', Karte_Uid: 'kiosk-1', Patient_ID: '00001' });
  assert.equal(list.Api_Result, '00000');
  const uid = list.Orca_Uid as string;
  assert.match(uid, /^[0-9a-f-]{36}$/);
  const [bill] = rows(list.Income_Information);
  assert.equal(bill!.Ac_Money, '      1790');
  assert.equal(bill!.Unpaid_Money, '      1790');
  assert.equal(bill!.State_Name, '未入金');
  const invoice = bill!.Invoice_Number as string;

  // Another terminal is refused while the kiosk holds the patient, and nothing changes.
  const other = await income({ Request_Number: '01', Request_Mode: '01', Karte_Uid: 'desk-2', Patient_ID: '00001' });
  assert.equal(other.Api_Result, 'E1038');
  assert.equal(other.Orca_Uid, undefined);
  const stale = await income({ Request_Number: '01', Request_Mode: '02', Karte_Uid: 'kiosk-1', Patient_ID: '00001', InOut: 'O', Invoice_Number: invoice });
  assert.equal(stale.Api_Result, 'E1038', 'the same Karte_Uid without its Orca_Uid is another connection');
  assert.equal(bo.orca.lockedBy('00001'), 'incomev3:kiosk-1', 'ORCA\'s own lock shows the cashier terminal');
  const cancel = await post('/orca11/acceptmodv2?format=json', { acceptreq: { Request_Number: '02', Patient_ID: '00001', Acceptance_Date: DAY, Acceptance_Id: acceptanceId } });
  assert.equal((cancel.json.acceptres as Res).Api_Result, '90', 'the reception cannot be cancelled while the bill is open');

  // 請求確認: points per 部 and the breakdown.
  const confirm = await income({ Request_Number: '01', Request_Mode: '02', Karte_Uid: 'kiosk-1', Orca_Uid: uid, Patient_ID: '00001', InOut: 'O', Invoice_Number: invoice });
  const detail = confirm.Income_Detail as Res;
  const points = Object.fromEntries(rows((detail.Ac_Point_Information as Res).Ac_Point_Detail).map((p) => [p.Ac_Point_Code, yen(p.Ac_Point)]));
  assert.deepEqual([points.A00, points.B00, points.D00, points.F00, points.K00], [127, 225, 186, 60, 0]);
  assert.equal(yen((detail.Ac_Point_Information as Res).Ac_Ttl_Point), 598);
  assert.equal(yen((detail.Cd_Information as Res).Ai_Money), 1790);
  assert.equal(detail.Rate_Cd, ' 30');
  assert.equal(yen((confirm.Copay_Detail as Res).Medical_Money), 5980);
  assert.equal(yen((confirm.Copay_Detail as Res).Insurance_Money), 4190);

  const pay = (money: number, reference: string, shown = 1790) => income({
    Request_Number: '02', Request_Mode: '01', Karte_Uid: 'kiosk-1', Orca_Uid: uid, Patient_ID: '00001', InOut: 'O', Invoice_Number: invoice,
    Ic_Money: String(money), Ic_Code: '01', Payment_Reference: reference, Ac_Money: String(shown),
  });
  const partial = await pay(1000, 'kiosk-1/pay-1');
  assert.equal(partial.Api_Result, '00000');
  assert.deepEqual([partial.Ic_Money, partial.Unpaid_Money, partial.State_Name], ['      1000', '       790', '未入金']);
  // The same payment told again (a retry after a crash) is not a second 入金.
  const again = await pay(1000, 'kiosk-1/pay-1');
  assert.equal(again.Api_Result, '00000');
  assert.equal(again.Ic_Money, '      1000');
  assert.equal(rows(again.Income_History).length, 2, '請求 + one 入金');
  assert.equal((await pay(500, 'kiosk-1/pay-1')).Api_Result, 'E0114', 'a reference names one payment only');
  const over = await pay(800, 'kiosk-1/pay-2');
  assert.equal(over.Api_Result, 'E0107');
  assert.equal(over.Orca_Uid, uid);
  const settled = await pay(790, 'kiosk-1/pay-3');
  assert.deepEqual([settled.Ic_Money, settled.Unpaid_Money, settled.State_Name], ['      1790', '         0', '入金済']);
  assert.notEqual(bo.orca.reception(DAY, acceptanceId)?.accountTime ?? null, null, '会計済 on ORCA\'s reception');

  assert.equal((await income({ Request_Number: '99', Karte_Uid: 'kiosk-1', Orca_Uid: uid })).Api_Result, '00000');
  assert.equal(bo.orca.lockedBy('00001'), undefined);
  const afterUnlock = await income({ Request_Number: '02', Request_Mode: '01', Karte_Uid: 'kiosk-1', Orca_Uid: uid, Patient_ID: '00001', InOut: 'O', Invoice_Number: invoice, Ic_Money: '10' });
  assert.equal(afterUnlock.Api_Result, 'E1039', 'a change needs the lock');

  // The desk, now free to open the patient: the list shows the bill paid; 返金 and 再発行.
  const desk = await income({ Request_Number: '01', Request_Mode: '01', Karte_Uid: 'desk-2', Patient_ID: '00001' }, '/api/orca23/incomev3?format=json');
  assert.equal(desk.Api_Result, '00000');
  assert.equal(rows(desk.Income_Information).find((r) => r.Invoice_Number === invoice)?.State_Name, '入金済');
  const change = (mode: string, extra: Res = {}) => income({ Request_Number: '02', Request_Mode: mode, Karte_Uid: 'desk-2', Orca_Uid: desk.Orca_Uid, Patient_ID: '00001', InOut: 'O', Invoice_Number: invoice, ...extra });
  assert.equal((await change('04', { Ic_Money: '5000' })).Api_Result, 'E0108', 'no refund above what was paid');
  const refund = await change('04', { Ic_Money: '500', Payment_Reference: 'desk-2/refund-1' });
  assert.deepEqual([refund.Ic_Money, refund.Unpaid_Money], ['      1290', '       500']);
  const refundLine = rows(refund.Income_History).at(-1)!;
  assert.deepEqual([refundLine.State_Name, refundLine.Ic_Money, refundLine.Ic_Code], ['返金', '      -500', undefined]);
  assert.equal((await change('09')).Api_Result, '00000');
  const reissued = await income({ Request_Number: '01', Request_Mode: '02', Karte_Uid: 'desk-2', Orca_Uid: desk.Orca_Uid, Patient_ID: '00001', InOut: 'O', Invoice_Number: invoice });
  assert.equal((reissued.Copay_Detail as Res).Reissue_Count, '1');
  await income({ Request_Number: '99', Karte_Uid: 'desk-2' });
});

test('a patient open on ORCA\'s own screen answers E9999 and gets no lock', async () => {
  bo.orca.lockPatient('00003', 'orca-screen-1');
  try {
    const r = await income({ Request_Number: '01', Request_Mode: '01', Karte_Uid: 'kiosk-1', Patient_ID: '00003' });
    assert.equal(r.Api_Result, 'E9999');
    assert.equal(incomeStoreOf(bo.orca).lockOf('00003'), undefined);
  } finally {
    bo.orca.unlockPatient('00003');
  }
});

test('a bill changed at the desk after the kiosk showed it: the 入金 of the old amount is refused, nothing is recorded', async () => {
  await receive('00002', '10', '10003');
  const list = await income({ Request_Number: '01', Request_Mode: '01', Karte_Uid: 'kiosk-1', Patient_ID: '00002', Information_Class: '2' });
  const bill = rows(list.Income_Information).find((r) => r.Department_Code === '10')!;
  const shown = yen(bill.Ac_Money);
  assert.equal(shown, 1010, '外科 337点 = ¥3,370 × 3割 = ¥1,011 → ¥1,010');
  reviseInvoice(bo.orca, incomeStoreOf(bo.orca), bill.Invoice_Number as string, { items: [...DEMO_CHARGES['10']!.items, { part: 'J00', name: '創傷処置（追加）', points: 52 }] }, NOW);
  const r = await income({
    Request_Number: '02', Request_Mode: '01', Karte_Uid: 'kiosk-1', Orca_Uid: list.Orca_Uid, Patient_ID: '00002', InOut: 'O',
    Invoice_Number: bill.Invoice_Number, Ic_Money: String(shown), Payment_Reference: 'kiosk-1/pay-9', Ac_Money: String(shown),
  });
  assert.equal(r.Api_Result, 'E0113');
  const now = await income({ Request_Number: '01', Request_Mode: '02', Karte_Uid: 'kiosk-1', Orca_Uid: list.Orca_Uid, Patient_ID: '00002', InOut: 'O', Invoice_Number: bill.Invoice_Number });
  assert.equal(yen((now.Income_Detail as Res & { Cd_Information: Res }).Cd_Information.Ac_Money), 1170, '389点 → ¥1,167 → ¥1,170');
  assert.equal(yen((now.Income_Detail as Res & { Cd_Information: Res }).Cd_Information.Ic_Money), 0, 'no money recorded');
  await income({ Request_Number: '99', Karte_Uid: 'kiosk-1' });
});

test('a child under a ¥0 公費 programme: the bill is 請求額なし and the programme\'s share is shown', async () => {
  const patientId = bo.orca.addPatient({ patientId: '*', wholeName: '窓口　小太郎', wholeNameKana: 'マドグチ　コタロウ', birthDate: '2022-05-05', sex: '1', insurances: [] })!;
  incomeStoreOf(bo.orca).putProfile(patientId, { publicAid: { programme: '88', name: '子ども医療費助成', patientPays: { kind: 'none' } } });
  await receive(patientId, '09', '10002');
  const list = await income({ Request_Number: '01', Request_Mode: '01', Karte_Uid: 'kiosk-1', Patient_ID: patientId });
  const [bill] = rows(list.Income_Information);
  assert.deepEqual([bill!.Ac_Money, bill!.State_Name, bill!.Rate_Cd], ['         0', '請求額なし', ' 20']);
  const confirm = await income({ Request_Number: '01', Request_Mode: '02', Karte_Uid: 'kiosk-1', Orca_Uid: list.Orca_Uid, Patient_ID: patientId, InOut: 'O', Invoice_Number: bill!.Invoice_Number });
  assert.equal(yen((confirm.Copay_Detail as Res).Public_Money), 850, '小児科 426点 = ¥4,260 × 2割 = ¥852 → ¥850, all paid by the programme');
  await income({ Request_Number: '99', Karte_Uid: 'kiosk-1', Orca_Uid: list.Orca_Uid });
});

test('a wrong operator password is a 401 with a typed error; bad requests get ORCA-style codes', async () => {
  const r = await post('/orca23/incomev3?format=json', { incomev3req: { Request_Number: '01', Request_Mode: '01', Karte_Uid: 'kiosk-1', Patient_ID: '00001' } }, basic('wrong-password'));
  assert.equal(r.status, 401);
  assert.equal(r.json.kind, 'backoffice.unauthenticated');
  assert.equal(bo.orca.lockedBy('00001'), undefined, 'nothing was opened');
  assert.equal((await income({ Request_Number: '01', Request_Mode: '01', Patient_ID: '00001' })).Api_Result, 'E0002');
  assert.equal((await income({ Request_Number: '02', Request_Mode: '03', Karte_Uid: 'kiosk-1', Patient_ID: '00001' })).Api_Result, 'E0001');
  assert.equal((await income({ Request_Number: '01', Request_Mode: '01', Karte_Uid: 'kiosk-1', Patient_ID: '99999' })).Api_Result, 'E0003');
  const xml = await post('/orca23/incomev3?format=xml2', { incomev3req: {} });
  assert.equal(xml.status, 400);
  assert.equal(xml.json.kind, 'input.invalid');
});
