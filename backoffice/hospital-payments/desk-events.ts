// What the payment desk is built from: the billing.* events payment kiosks report through their
// outbox (POST /v1/sync/events, stream billing:<paymentRef>), folded into one row per payment, and
// what moved that day per payment (money taken − money returned), which the settlement compares with
// the accounting system. Only events of the declared shapes count; a malformed one (the sync route
// already refuses those) is skipped rather than failing the desk.
import type { z } from 'zod';
import { BILLING_EVENT_PAYLOADS, type DeskPaymentRow } from '../../common/backoffice-api';
import type { ReceptionEventRow } from '../storage/store';

/** A payment of the day, with what moved for it that day (the settlement's kiosk side). */
export interface FoldedPayment { row: DeskPaymentRow; movedToday: number; takenToday: boolean }

type Kind = keyof typeof BILLING_EVENT_PAYLOADS;
type Facts = z.output<(typeof BILLING_EVENT_PAYLOADS)['billing.paid']>;

function parsed(kind: string, json: string): { kind: Kind; p: Facts & Record<string, unknown> } | null {
  if (!(kind in BILLING_EVENT_PAYLOADS)) return null;
  try {
    const r = BILLING_EVENT_PAYLOADS[kind as Kind].safeParse(JSON.parse(json));
    return r.success ? { kind: kind as Kind, p: r.data as Facts & Record<string, unknown> } : null;
  } catch {
    return null;
  }
}

/**
 * One row per payment, in the order its money was first seen that day. Money counts as taken on the
 * day of the payment's first billing.paid (or billing.held: a device fault can hold money the
 * kiosk never saw as paid); a payment seen that day only by its 入金 or a refund was taken earlier,
 * and only the refund moves that day.
 */
export function foldPayments(events: readonly ReceptionEventRow[]): FoldedPayment[] {
  const payments = new Map<string, FoldedPayment>();
  for (const ev of events) {
    const e = parsed(ev.kind, ev.payloadJson);
    if (!e) continue;
    const { p } = e;
    const key = `${ev.kioskId}\u0000${p.paymentRef}`;
    let f = payments.get(key);
    if (!f) {
      const taken = e.kind === 'billing.paid' || e.kind === 'billing.held';
      f = {
        row: {
          paymentRef: p.paymentRef, kioskId: ev.kioskId, at: p.at, patientRef: p.patientRef, invoiceNumber: p.invoiceNumber,
          method: p.method, amount: p.amount, refunded: 0, status: 'paid',
        },
        movedToday: taken ? p.amount : 0, takenToday: taken,
      };
      payments.set(key, f);
    }
    const row = f.row;
    if (e.kind === 'billing.recorded') {
      row.status = row.refunded >= row.amount && row.amount > 0 ? 'refunded' : 'recorded';
      delete row.reason;
    } else if (e.kind === 'billing.held') {
      row.status = 'held';
      row.reason = String(p.reason);
    } else if (e.kind === 'billing.refunded') {
      const refunded = Number(p.refunded);
      row.refunded = Math.max(row.refunded, Number(p.totalRefunded));
      f.movedToday -= refunded;
      if (row.refunded >= row.amount) { row.status = 'refunded'; delete row.reason; }
    }
  }
  return [...payments.values()];
}
