// The checkout service's rig for the unit tests: the real kiosk database and outbox, and in-process
// fakes of the service's PORTS only — the cashier (incomev3), the devices, the printer — that record
// what they were asked and can be told to fail. The same flow on the real stack is
// tests/integration/billing-module.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KioskError } from '../../common/errors';
import { openKioskDb } from '../../db/kiosk-db';
import { createQueue } from '../../db/queue';
import { createCheckoutStore } from '../../electron/services/billing/checkout-machine';
import { createCheckoutService } from '../../electron/services/billing/checkout-service';
import type { Bill, Cashier } from '../../electron/services/billing/ports';
import type { CheckoutDocuments } from '../../electron/services/billing/types';
import type { CollectResult, PaymentDevice } from '../../electron/services/payment/payment-device';
import type { KioskPrinter, PrintOutcome } from '../../electron/services/printing/types';

export const bill = (total: number, invoiceNumber = '0000101'): Bill => ({
  invoiceNumber, performedOn: '2026-12-06', total, alreadyPaid: 0, due: total, ratioPercent: 30,
  insurance: { points: total / 3, medicalCost: (total / 3) * 10, patientShare: total }, outOfInsurance: 0, limitApplied: false,
  categories: [{ code: 'A00', points: total / 3 }], patientId: '00002', inOut: 'O', outOfInsuranceLines: [], reissueCount: 0,
});

export function fakeCashier() {
  const calls: { op: string; args?: unknown }[] = [];
  const state = {
    bills: [bill(1230), bill(600, '0000102')],
    confirmTotal: null as number | null,
    lockedTimes: 0,
    recordFails: [] as KioskError[],
    refundFails: [] as KioskError[],
  };
  const cashier: Cashier = {
    async unpaidBills(patientId) {
      calls.push({ op: 'unpaidBills', args: patientId });
      if (state.lockedTimes > 0) { state.lockedTimes--; throw new KioskError('accounting.patient_locked'); }
      return { lock: `lock-${calls.length}`, bills: state.bills.map((b) => ({ invoiceNumber: b.invoiceNumber, performedOn: b.performedOn, due: b.due })) };
    },
    async confirm(_p, invoiceNumber) {
      calls.push({ op: 'confirm', args: invoiceNumber });
      const b = state.bills.find((x) => x.invoiceNumber === invoiceNumber)!;
      return state.confirmTotal === null ? b : bill(state.confirmTotal, invoiceNumber);
    },
    async recordPayment(p) {
      calls.push({ op: 'recordPayment', args: p });
      const fail = state.recordFails.shift();
      if (fail) throw fail;
      return { unpaid: 0 };
    },
    async recordRefund(p) {
      calls.push({ op: 'recordRefund', args: p });
      const fail = state.refundFails.shift();
      if (fail) throw fail;
    },
    async reissue(p) { calls.push({ op: 'reissue', args: p }); },
    async unlock(lock) { calls.push({ op: 'unlock', args: lock }); },
    async statement() { return [{ part: 'A00', code: '111000110', name: '初診料', points: 291, count: 1 }]; },
  };
  return { cashier, calls, state, count: (op: string) => calls.filter((c) => c.op === op).length };
}

export function fakeDevice(method: 'cash' | 'card') {
  const journal = new Map<string, CollectResult>();
  const collects: string[] = [];
  const refunds: { paymentId: string; amount: number }[] = [];
  let next: CollectResult | 'hang' | null = null;
  let hung: ((r: CollectResult) => void) | null = null;
  const device: PaymentDevice = {
    async collect(req) {
      collects.push(req.paymentId);
      const done = journal.get(req.paymentId);
      if (done) return done;
      const r = next ?? { status: 'paid' as const, method, paid: req.amount, change: method === 'cash' ? 2000 - req.amount : 0 };
      next = null;
      if (r === 'hang') return new Promise<CollectResult>((resolve) => { hung = resolve; });
      if (r.status === 'paid') journal.set(req.paymentId, r);
      return r;
    },
    async refund(paymentId, amount) { refunds.push({ paymentId, amount }); return { refunded: amount }; },
    cancel() { hung?.({ status: 'cancelled', refunded: 500 }); hung = null; },
    async lookup(paymentId) { return journal.get(paymentId) ?? null; },
  };
  return { device, journal, collects, refunds, answer: (r: CollectResult | 'hang') => { next = r; } };
}

export function rig(t: { after(fn: () => void): void }, o: { prints?: PrintOutcome[] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-billing-'));
  const db = openKioskDb({ path: join(dir, 'kiosk.db') });
  t.after(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });
  const queue = createQueue(db);
  let now = Date.parse('2026-12-06T01:00:00Z');
  const checkouts = createCheckoutStore(db, queue, 'hospital-kiosk-1', () => now);
  const c = fakeCashier();
  const cash = fakeDevice('cash');
  const card = fakeDevice('card');
  const docs: CheckoutDocuments[] = [];
  const prints = o.prints ?? [];
  const printer: KioskPrinter = {
    async status() { throw new Error('unused'); },
    async print() { return prints.shift() ?? { status: 'printed', jobId: 1, confirmedBy: 'printer-counter', sheets: 2 }; },
    async cancel() {},
  };
  let ids = 0;
  const make = () => createCheckoutService({
    checkouts, cashier: c.cashier, links: null, devices: { cash: cash.device, ic: cash.device, card: card.device }, tokenizer: null,
    printer, renderDocuments: async (d) => { docs.push(d); return new Uint8Array([1]); }, kioskId: 'hospital-kiosk-1',
    clock: () => now, newId: () => `co${++ids}`,
  });
  const outbox = () => (db.sqlite.prepare('SELECT kind, stream, payload FROM outbox ORDER BY id').all() as { kind: string; stream: string; payload: string }[]);
  return { service: make(), make, db, checkouts, c, cash, card, docs, outbox, later: (ms: number) => (now += ms) };
}
