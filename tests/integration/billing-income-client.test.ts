// test-lane: free
// The kiosk's cashier client (electron/services/billing/income-client.ts) against the reference
// accounting system's incomev3 and statementv2 over real HTTP, as a payment kiosk uses them: the
// unpaid bills open the patient at this kiosk (its lock), the bill read with its breakdown, another
// kiosk refused while it is held and free after this one's unlock (99, its own locks), one 入金 per
// payment reference however often it is told, a bill changed at the desk refused before anything is
// recorded, 返金 and 再発行, the 明細書's items adding up to the bill's points, and an accounting
// system that is down or silent is 'accounting.unavailable', E9999 and E0107 each their kind. One back office for the file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isKioskError } from '../../common/errors';
import { seedOrcaDemo } from '../../backoffice/orca/demo';
import { reviseInvoice } from '../../backoffice/orca/income/billing';
import { DEMO_CHARGES } from '../../backoffice/orca/income/demo-charges';
import { incomeStoreOf } from '../../backoffice/orca/income/income-store';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import { createIncomeClient } from '../../electron/services/billing/income-client';

const NOW = Date.parse('2026-12-07T01:00:00Z'); // Monday 10:00 JST
const DAY = '2026-12-07';
const OPERATOR = { operatorId: 'cashier', password: 'orca-test-password' };
const KIOSK = '6f1c2a4e-0d3b-4c51-9a8e-1b2c3d4e5f60';
const OTHER = '0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';
let bo: RunningBackOffice;
let dir: string;
const clients: { close(): void }[] = [];

function client(karteUid = KIOSK, over: { url?: string; password?: string; timeoutMs?: number } = {}) {
  const c = createIncomeClient({ url: over.url ?? bo.url, user: OPERATOR.operatorId, password: over.password ?? OPERATOR.password, karteUid, timeoutMs: over.timeoutMs ?? 5_000 });
  clients.push(c);
  return c;
}

async function receive(patientId: string, department: string): Promise<void> {
  const r = await fetch(`${bo.url}/orca11/acceptmodv2?format=json`, {
    method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${OPERATOR.operatorId}:${OPERATOR.password}`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ acceptreq: { Request_Number: '01', Patient_ID: patientId, Acceptance_Date: DAY, Acceptance_Time: '09:30:00', Department_Code: department, Physician_Code: '10001', Medical_Information: '01' } }),
  });
  const res = (await r.json() as { acceptres: { Api_Result: string } }).acceptres;
  assert.match(res.Api_Result, /^(00|K\d)$/);
}

async function rejects(p: Promise<unknown>, kind: string): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (err) {
    assert.ok(isKioskError(err), String(err));
    assert.equal(err.kind, kind, err.message);
    return err.details;
  }
  assert.fail(`expected ${kind}`);
}

const payments = (invoiceNumber: string) => incomeStoreOf(bo.orca).history(invoiceNumber).filter((h) => h.state === '2');

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bo-income-client-'));
  bo = await startBackOffice({ dataDir: dir, clock: () => NOW, credentials: { kiosks: [], staff: [], orcaOperators: [OPERATOR] } });
  seedOrcaDemo(bo.orca);
});
after(async () => {
  for (const c of clients) c.close();
  await bo.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the unpaid bill is read with its breakdown under this kiosk\'s lock; another kiosk waits until the unlock', async () => {
  await receive('00001', '01');
  const kiosk = client();
  const { lock, bills } = await kiosk.unpaidBills('00001');
  assert.match(lock, /^[0-9a-f-]{36}$/);
  assert.equal(bills.length, 1);
  assert.equal(bills[0]!.due, 1790, '内科 598点 = ¥5,980 × 3割 = ¥1,794 → ¥1,790');

  const bill = await kiosk.confirm('00001', bills[0]!.invoiceNumber, lock);
  assert.deepEqual(bill, {
    patientId: '00001', invoiceNumber: bills[0]!.invoiceNumber, performedOn: DAY, inOut: 'O', department: '01',
    total: 1790, alreadyPaid: 0, due: 1790, ratioPercent: 30,
    insurance: { points: 598, medicalCost: 5980, patientShare: 1790 },
    outOfInsurance: 0, outOfInsuranceLines: [], limitApplied: false, reissueCount: 0,
    categories: [{ code: 'A00', points: 127 }, { code: 'B00', points: 225 }, { code: 'F00', points: 60 }, { code: 'D00', points: 186 }],
  });

  // Another kiosk (its own Karte_Uid) is refused while this one holds the patient; nothing opens.
  const other = client(OTHER);
  const locked = await rejects(other.unpaidBills('00001'), 'accounting.patient_locked');
  assert.equal(locked.apiResult, 'E1038');
  // This kiosk restarted (its Orca_Uid lost): 99 with its Karte_Uid alone releases its own locks.
  await kiosk.unlock();
  const opened = await other.unpaidBills('00001');
  assert.notEqual(opened.lock, lock);
  await other.unlock(opened.lock);
  assert.equal(bo.orca.lockedBy('00001'), undefined);
});

test("a patient open on ORCA's own screen (E9999) is patient_locked too, and nothing is opened", async () => {
  bo.orca.lockPatient('00003', 'orca-screen-1');
  try {
    assert.equal((await rejects(client().unpaidBills('00003'), 'accounting.patient_locked')).apiResult, 'E9999');
    assert.equal(incomeStoreOf(bo.orca).lockOf('00003'), undefined);
  } finally {
    bo.orca.unlockPatient('00003');
  }
});

test('one payment is one 入金 however often it is told; the statement\'s items add up to the bill\'s points; 返金 and 再発行', async () => {
  const kiosk = client();
  const { lock, bills } = await kiosk.unpaidBills('00001');
  const invoiceNumber = bills[0]!.invoiceNumber;
  const bill = await kiosk.confirm('00001', invoiceNumber, lock);
  const payment = { patientId: '00001', invoiceNumber, lock, amount: bill.due, shownTotal: bill.total, icCode: '02' as const, reference: 'ck-1-1', at: NOW };
  // More than is due is ORCA's E0107, refused with its code and nothing recorded.
  assert.equal((await rejects(kiosk.recordPayment({ ...payment, amount: bill.due + 10, reference: 'ck-1-0' }), 'accounting.rejected')).apiResult, 'E0107');
  assert.equal(payments(invoiceNumber).length, 0);
  assert.deepEqual(await kiosk.recordPayment(payment), { unpaid: 0 });
  // A retry after a crash (same reference): the bill as it is, no second line.
  assert.deepEqual(await kiosk.recordPayment(payment), { unpaid: 0 });
  const lines = payments(invoiceNumber);
  assert.equal(lines.length, 1);
  assert.deepEqual([lines[0]!.icMoney, lines[0]!.icCode, lines[0]!.paymentReference, lines[0]!.processingTime], [1790, '02', 'ck-1-1', '10:00']);
  // The same Karte_Uid without its Orca_Uid is another connection (as ORCA): the lock is the token, not the kiosk.
  assert.equal((await rejects(kiosk.unpaidBills('00001'), 'accounting.patient_locked')).apiResult, 'E1038');

  const items = await kiosk.statement('00001', invoiceNumber);
  assert.equal(items.reduce((s, i) => s + i.points * i.count, 0), bill.insurance.points);
  for (const c of bill.categories) assert.equal(items.filter((i) => i.part === c.code).reduce((s, i) => s + i.points * i.count, 0), c.points, c.code);
  assert.deepEqual(items[0], { part: 'A00', code: '112007410', name: '再診料', points: 75, count: 1 });
  await rejects(kiosk.statement('00002', invoiceNumber), 'accounting.rejected');

  await kiosk.recordRefund({ patientId: '00001', invoiceNumber, lock, amount: 500, reference: 'ck-1-1/refund', at: NOW });
  await kiosk.recordRefund({ patientId: '00001', invoiceNumber, lock, amount: 500, reference: 'ck-1-1/refund', at: NOW });
  await kiosk.reissue({ patientId: '00001', invoiceNumber, lock });
  const after = await kiosk.confirm('00001', invoiceNumber, lock);
  assert.deepEqual([after.alreadyPaid, after.due], [1290, 500], 'one 返金 of ¥500');
  assert.equal(after.reissueCount, 1, 'the 領収証 reprinted once');
  await kiosk.unlock(lock);
});

test('a bill changed at the desk after it was shown: bill_changed and nothing recorded; the new bill carries its 保険外 line', async () => {
  await receive('00002', '10');
  const kiosk = client();
  const { lock, bills } = await kiosk.unpaidBills('00002');
  assert.equal(bills.length, 2, "the demo's earlier bill of the day and today's 外科");
  assert.ok(bills[0]!.invoiceNumber < bills[1]!.invoiceNumber, 'oldest first');
  const shown = await kiosk.confirm('00002', bills[1]!.invoiceNumber, lock);
  assert.equal(shown.total, 1010);
  reviseInvoice(bo.orca, incomeStoreOf(bo.orca), shown.invoiceNumber, { items: DEMO_CHARGES['10']!.items, outOfInsurance: [{ name: '診断書', yen: 3300 }] }, NOW);
  await rejects(kiosk.recordPayment({
    patientId: '00002', invoiceNumber: shown.invoiceNumber, lock, amount: shown.due, shownTotal: shown.total, icCode: '01', reference: 'ck-2-1', at: NOW,
  }), 'accounting.bill_changed');
  assert.equal(payments(shown.invoiceNumber).length, 0);
  const now = await kiosk.confirm('00002', shown.invoiceNumber, lock);
  assert.deepEqual([now.total, now.alreadyPaid, now.outOfInsurance], [4310, 0, 3300]);
  assert.deepEqual(now.outOfInsuranceLines, [{ name: '診断書', yen: 3300 }]);
  await kiosk.unlock(lock);
});

test('the accounting system down, silent or refusing the operator: unavailable, unavailable, rejected', async () => {
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const downUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise<void>((r) => closed.close(() => r()));
  await rejects(client(KIOSK, { url: downUrl }).unpaidBills('00001'), 'accounting.unavailable');

  const silent = http.createServer(() => undefined);
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  try {
    const started = Date.now();
    await rejects(client(KIOSK, { url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, timeoutMs: 500 }).confirm('00001', '0000001', 'x'), 'accounting.unavailable');
    assert.ok(Date.now() - started < 3_000, 'bounded by the timeout');
  } finally {
    silent.closeAllConnections();
    await new Promise<void>((r) => silent.close(() => r()));
  }
  const details = await rejects(client(KIOSK, { password: 'wrong-password' }).unpaidBills('00001'), 'accounting.rejected');
  assert.equal(details.reason, 'unauthenticated');
  assert.equal(bo.orca.lockedBy('00001'), undefined, 'nothing was opened');
});

test("WebORCA's /api prefix: the same cashier under it", async () => {
  const kiosk = client(KIOSK, { url: `${bo.url}/api` });
  const { lock, bills } = await kiosk.unpaidBills('00002');
  assert.equal(bills.length, 2);
  assert.equal((await kiosk.statement('00002', bills[0]!.invoiceNumber)).length, DEMO_CHARGES['01']!.items.length);
  await kiosk.unlock(lock);
});
