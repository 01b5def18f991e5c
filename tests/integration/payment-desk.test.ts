// test-lane: free
// The payment desk (GET /v1/hospital/desk/{date}/payments) over real HTTP: staff holding the
// settlement role, at a kiosk registered to the hospital, see the day's payments its kiosks reported
// (billing.* through POST /v1/sync/events), the bills still unpaid in the accounting system (the ORCA
// subset's incomev3, paid through its own API as a kiosk does), held payments, refunds, and the
// settlement reconciled per payment against ORCA's 入金/返金 lines — a held payment and a 入金 no kiosk
// reported are both listed as differences. One back office for the file (SQLite, or PostgreSQL in
// the PostgreSQL suite); no device.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedOrcaDemo } from '../../backoffice/orca/demo';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import type { DeskPaymentsResponse } from '../../common/backoffice-api';
import { kioskHeaders, staffHeaders, testKey } from '../helpers/backoffice-access';
import { testStore } from '../helpers/backoffice-store';

const HOSPITAL = '1311111111';
const [FRONT, BACK, ELSEWHERE, UNREGISTERED] = ['pay-front', 'pay-back', 'pay-elsewhere', 'pay-unregistered'];
const [CASHIER, RECEPTION] = ['cashier-1', 'reception-1'];
const NOW = Date.parse('2026-12-07T01:00:00Z'); // 10:00 JST
const DAY = '2026-12-07';
const OPERATOR = { operatorId: 'cashier', password: 'orca-test-password' };
let bo: RunningBackOffice;
let dir: string;
/** patientId → the 伝票番号 and amount of their bill of the day. */
const bills = new Map<string, { invoice: string; due: number }>();

type Res = Record<string, unknown>;
type Answer = { status: number; text: string; json: Partial<DeskPaymentsResponse> & { kind?: string; details?: Record<string, unknown> } };

async function http(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const r = await fetch(bo.url + path, { method, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const text = await r.text();
  return { status: r.status, text, json: JSON.parse(text) as Res };
}
const orcaAuth = { authorization: `Basic ${Buffer.from(`${OPERATOR.operatorId}:${OPERATOR.password}`).toString('base64')}` };
async function income(req: Res): Promise<Res> {
  const r = await http('POST', '/orca23/incomev3?format=json', orcaAuth, { incomev3req: req });
  assert.equal(r.status, 200, r.text);
  return r.json.incomev3res as Res;
}
const filled = (a: unknown) => (a as Res[]).filter((x) => Object.keys(x).length > 0);

/** A reception of the day in ORCA, then the cashier's 請求一覧 bills it (the demo has no doctor). */
async function billed(patientId: string, department = '01', physician = '10001'): Promise<void> {
  const r = await http('POST', '/orca11/acceptmodv2?format=json', orcaAuth, { acceptreq: {
    Request_Number: '01', Patient_ID: patientId, Acceptance_Date: DAY, Acceptance_Time: '09:30:00', Department_Code: department, Physician_Code: physician, Medical_Information: '01',
  } });
  assert.match(String((r.json.acceptres as Res).Api_Result), /^(00|K\d)$/, r.text);
  const list = await income({ Request_Number: '01', Request_Mode: '01', Karte_Uid: 'setup', Patient_ID: patientId });
  const bill = filled(list.Income_Information).at(-1)!;
  bills.set(patientId, { invoice: String(bill.Invoice_Number), due: Number(String(bill.Unpaid_Money).trim()) });
  await income({ Request_Number: '99', Karte_Uid: 'setup' });
}

/** 入金 (01) or 返金 (04) as a payment kiosk tells ORCA: under its lock, with its reference. */
async function move(mode: '01' | '04', patientId: string, amount: number, reference: string): Promise<void> {
  const open = await income({ Request_Number: '01', Request_Mode: '01', Karte_Uid: 'kiosk', Patient_ID: patientId });
  const r = await income({
    Request_Number: '02', Request_Mode: mode, Karte_Uid: 'kiosk', Orca_Uid: open.Orca_Uid, Patient_ID: patientId, InOut: 'O',
    Invoice_Number: bills.get(patientId)!.invoice, Ic_Money: String(amount), Ic_Code: '01', Payment_Reference: reference,
  });
  assert.equal(r.Api_Result, '00000', JSON.stringify(r));
  await income({ Request_Number: '99', Karte_Uid: 'kiosk' });
}

/** The billing.* events a kiosk's outbox sends for a payment. */
function events(kioskId: string, paymentRef: string, patientId: string, method: string, amount: number, kinds: [string, Res?][]) {
  const facts = { paymentRef, kioskId, patientRef: patientId, invoiceNumber: bills.get(patientId)?.invoice ?? '9999999', method, amount, at: new Date(NOW).toISOString() };
  return kinds.map(([kind, extra], i) => ({ key: `${kind}:${paymentRef}:${i}`, kind, stream: `billing:${paymentRef}`, createdAt: NOW + i, payload: { ...facts, ...extra } }));
}
async function sync(kioskId: string, evs: unknown[]) {
  const r = await http('POST', '/v1/sync/events', kioskHeaders(kioskId), { kioskId, events: evs });
  assert.equal(r.status, 200, r.text);
  assert.ok((r.json.results as { status: string }[]).every((x) => x.status === 'applied'), r.text);
}

const desk = async (kioskId: string | null, staffId: string | null, date = DAY): Promise<Answer> =>
  http('GET', `/v1/hospital/desk/${date}/payments`, { ...(kioskId ? kioskHeaders(kioskId) : {}), ...(staffId ? staffHeaders(staffId) : {}) }) as Promise<Answer>;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bo-paydesk-'));
  const kiosk = (kioskId: string, medicalInstitutionCode?: string) => ({ kioskId, kind: 'hospital' as const, key: testKey(`kiosk/${kioskId}`), ...(medicalInstitutionCode ? { medicalInstitutionCode } : {}) });
  bo = await startBackOffice({
    ...(await testStore(dir)), dataDir: dir, clock: () => NOW,
    credentials: {
      kiosks: [kiosk(FRONT, HOSPITAL), kiosk(BACK, HOSPITAL), kiosk(ELSEWHERE, '1322222222'), kiosk(UNREGISTERED)],
      staff: [{ staffId: CASHIER, key: testKey(`staff/${CASHIER}`), roles: ['settlement'] }, { staffId: RECEPTION, key: testKey(`staff/${RECEPTION}`), roles: ['reception'] }],
      orcaOperators: [OPERATOR],
    },
  });
  seedOrcaDemo(bo.orca);
  for (const p of ['00001', '00002', '00003']) await billed(p);
  // 00001 paid in cash at the front kiosk, 00002 by card at the back one; both recorded in ORCA.
  const [a, b] = [bills.get('00001')!.due, bills.get('00002')!.due];
  await move('01', '00001', a, 'co-a-1');
  await move('01', '00002', b, 'co-b-1');
  await sync(FRONT, events(FRONT, 'co-a-1', '00001', 'cash', a, [['billing.paid', { change: 210 }], ['billing.recorded']]));
  await sync(BACK, events(BACK, 'co-b-1', '00002', 'card', b, [['billing.paid', { change: 0 }], ['billing.recorded']]));
  // Another hospital's kiosk, and yesterday at ours: neither is this desk's day.
  await sync(ELSEWHERE, events(ELSEWHERE, 'co-else-1', '00001', 'cash', 100, [['billing.paid', { change: 0 }]]));
  await sync(FRONT, events(FRONT, 'co-old-1', '00001', 'cash', 300, [['billing.paid', { change: 0 }]]).map((e) => ({ ...e, createdAt: NOW - 24 * 3600_000 })));
});
after(async () => { await bo.close(); rmSync(dir, { recursive: true, force: true }); });

test('the payment desk is refused without staff, to staff without the settlement role, at a kiosk of no hospital, and for a day that does not exist', async () => {
  const cases = [
    ['the kiosk key alone', await desk(FRONT, null), 401, 'backoffice.unauthenticated', undefined],
    ['staff with the reception role only', await desk(FRONT, RECEPTION), 403, 'backoffice.refused', 'staff_role'],
    ['a kiosk registered to no hospital', await desk(UNREGISTERED, CASHIER), 403, 'backoffice.refused', 'not_hospital_kiosk'],
    ['2026-02-30', await desk(FRONT, CASHIER, '2026-02-30'), 400, 'input.invalid', undefined],
  ] as const;
  for (const [what, answer, status, kind, reason] of cases) {
    assert.equal(answer.status, status, `${what}: ${answer.text}`);
    assert.equal(answer.json.kind, kind, what);
    if (reason) assert.equal(answer.json.details?.reason, reason, what);
    assert.equal(answer.json.payments, undefined, what);
  }
});

test('the day: bills ORCA still waits for, both kiosks\' payments, and a settlement by method that agrees with ORCA', async () => {
  const answer = await desk(BACK, CASHIER);
  assert.equal(answer.status, 200, answer.text);
  const v = answer.json as DeskPaymentsResponse;
  assert.deepEqual([v.medicalInstitutionCode, v.accounting], [HOSPITAL, 'available']);
  assert.deepEqual(v.unpaid.map((u) => [u.patientRef, u.invoiceNumber, u.due]), [['00003', bills.get('00003')!.invoice, bills.get('00003')!.due]], 'only the bill nobody paid');
  assert.ok(bills.get('00003')!.due > 0);
  assert.deepEqual(v.payments.map((p) => [p.paymentRef, p.kioskId, p.status, p.method]).sort(), [['co-a-1', FRONT, 'recorded', 'cash'], ['co-b-1', BACK, 'recorded', 'card']], 'neither another hospital\'s nor yesterday\'s');
  const [a, b] = [bills.get('00001')!.due, bills.get('00002')!.due];
  assert.deepEqual(v.settlement.byMethod, [{ method: 'cash', count: 1, amount: a }, { method: 'card', count: 1, amount: b }]);
  assert.deepEqual([v.settlement.kiosksTotal, v.settlement.accountingTotal, v.settlement.reconciled, v.settlement.differences], [a + b, a + b, true, []]);
  assert.deepEqual(v.held, []);
  assert.doesNotMatch(answer.text, /山田|髙橋|小林|ヤマダ|1980-02-17/, 'no name or birth date');
});

test('a staff refund recorded as 返金 under its own reference keeps the day reconciled, the cash net of it', async () => {
  const a = bills.get('00001')!.due;
  await move('04', '00001', 500, 'co-a-1-r1');
  await sync(FRONT, events(FRONT, 'co-a-1', '00001', 'cash', a, [['billing.refunded', { refunded: 500, totalRefunded: 500, by: 'staff', reason: '検査取りやめ' }]]).map((e) => ({ ...e, key: 'refund:co-a-1:1', createdAt: NOW + 60_000 })));
  const v = (await desk(FRONT, CASHIER)).json as DeskPaymentsResponse;
  const row = v.payments.find((p) => p.paymentRef === 'co-a-1')!;
  assert.deepEqual([row.status, row.amount, row.refunded], ['recorded', a, 500]);
  assert.deepEqual(v.settlement.byMethod.find((m) => m.method === 'cash'), { method: 'cash', count: 1, amount: a - 500 });
  assert.deepEqual([v.settlement.reconciled, v.settlement.differences], [true, []]);
  assert.deepEqual(v.unpaid.find((u) => u.patientRef === '00001')?.due, 500, 'ORCA waits again for what was returned');
});

test('a held payment is listed for staff and is a difference until it is recorded; a 入金 no kiosk reported is one too', async () => {
  const c = bills.get('00003')!.due;
  await sync(BACK, events(BACK, 'co-c-1', '00003', 'cash', c, [['billing.paid', { change: 0 }], ['billing.held', { reason: 'accounting_unavailable' }]]));
  let v = (await desk(FRONT, CASHIER)).json as DeskPaymentsResponse;
  assert.deepEqual(v.held.map((h) => [h.paymentRef, h.status, h.reason, h.amount]), [['co-c-1', 'held', 'accounting_unavailable', c]]);
  assert.equal(v.settlement.reconciled, false);
  assert.deepEqual(v.settlement.differences, [{ paymentRef: 'co-c-1', kiosk: c, accounting: 0 }]);
  assert.equal(v.settlement.kiosksTotal - v.settlement.accountingTotal, c);

  // Staff record it: the 入金 under the payment's reference, then the kiosk's billing.recorded.
  await move('01', '00003', c, 'co-c-1');
  await sync(BACK, [{ key: 'recorded:co-c-1', kind: 'billing.recorded', stream: 'billing:co-c-1', createdAt: NOW + 120_000,
    payload: { paymentRef: 'co-c-1', patientRef: '00003', invoiceNumber: bills.get('00003')!.invoice, method: 'cash', amount: c, at: new Date(NOW).toISOString() } }]);
  v = (await desk(FRONT, CASHIER)).json as DeskPaymentsResponse;
  assert.deepEqual([v.held, v.settlement.reconciled, v.unpaid.map((u) => u.patientRef)], [[], true, ['00001']]);

  // A second bill of 00001 paid in ORCA under a kiosk-style reference that no kiosk reported.
  const refundedBill = bills.get('00001')!.invoice;
  await billed('00001', '10', '10003');
  assert.notEqual(bills.get('00001')!.invoice, refundedBill);
  await move('01', '00001', 700, 'co-ghost-1');
  v = (await desk(FRONT, CASHIER)).json as DeskPaymentsResponse;
  assert.equal(v.settlement.reconciled, false);
  assert.deepEqual(v.settlement.differences, [{ paymentRef: 'co-ghost-1', kiosk: 0, accounting: 700 }]);
  assert.deepEqual(v.unpaid.map((u) => [u.invoiceNumber, u.due]), [[refundedBill, 500], [bills.get('00001')!.invoice, bills.get('00001')!.due - 700]]);
});

test('another day has none of these payments', async () => {
  const v = (await desk(FRONT, CASHIER, '2026-12-08')).json as DeskPaymentsResponse;
  assert.deepEqual([v.payments, v.unpaid, v.settlement.kiosksTotal, v.settlement.reconciled], [[], [], 0, true]);
});
