// The day's settlement (日計): what the kiosks' journals say moved, per payment and by method, beside
// the accounting system's 収納 of the day — its 入金 (+) and 返金 (−) lines carrying a kiosk's
// Payment_Reference. Compared per payment, not only in total, so two errors that cancel out are
// still both listed, and the desk sees which payment to look at.
//
// Which payment a line belongs to: its reference is the payment's (the 入金), or starts with it
// followed by '-' or ':' (a refund's own reference, e.g. "<paymentRef>-r1"), or else it is on the bill (伝票番号) of exactly
// one of the day's kiosk payments. A line that fits none — a reference no kiosk reported that day —
// is listed as a difference under its own reference.
import type { DeskPaymentsResponse } from '../../common/backoffice-api';
import { BillingMethod } from '../../common/backoffice-api';
import type { FoldedPayment } from './desk-events';

/** One 入金 / 返金 line of the day as the settlement reads it: signed yen (返金 negative). */
export interface AccountingLine { reference: string; invoiceNumber: string; amount: number }

type Settlement = DeskPaymentsResponse['settlement'];

function ownerOf(line: AccountingLine, payments: readonly FoldedPayment[]): string | null {
  const exact = payments.find((f) => f.row.paymentRef === line.reference);
  if (exact) return exact.row.paymentRef;
  const prefixed = payments.filter((f) => line.reference.startsWith(`${f.row.paymentRef}-`) || line.reference.startsWith(`${f.row.paymentRef}:`))
    .sort((a, b) => b.row.paymentRef.length - a.row.paymentRef.length)[0];
  if (prefixed) return prefixed.row.paymentRef;
  const onBill = payments.filter((f) => f.row.invoiceNumber === line.invoiceNumber);
  return onBill.length === 1 ? onBill[0]!.row.paymentRef : null;
}

/** The settlement; `lines` null when the accounting system could not be read (nothing is reconciled then). */
export function settle(payments: readonly FoldedPayment[], lines: readonly AccountingLine[] | null): Settlement {
  const byMethod = BillingMethod.options.map((method) => {
    const of = payments.filter((f) => f.row.method === method);
    return { method, count: of.filter((f) => f.takenToday).length, amount: of.reduce((s, f) => s + f.movedToday, 0) };
  }).filter((m) => m.count > 0 || m.amount !== 0);
  const kiosksTotal = payments.reduce((s, f) => s + f.movedToday, 0);
  if (lines === null) return { byMethod, kiosksTotal, accountingTotal: 0, reconciled: false, differences: [] };

  const accounting = new Map<string, number>();
  for (const line of lines) {
    const owner = ownerOf(line, payments) ?? line.reference;
    accounting.set(owner, (accounting.get(owner) ?? 0) + line.amount);
  }
  const differences: Settlement['differences'] = [];
  for (const f of payments) {
    const inAccounting = accounting.get(f.row.paymentRef) ?? 0;
    if (inAccounting !== f.movedToday) differences.push({ paymentRef: f.row.paymentRef, kiosk: f.movedToday, accounting: inAccounting });
    accounting.delete(f.row.paymentRef);
  }
  // What is left came from no payment the kiosks reported that day.
  for (const [reference, amount] of accounting) if (amount !== 0) differences.push({ paymentRef: reference, kiosk: 0, accounting: amount });
  const accountingTotal = lines.reduce((s, l) => s + l.amount, 0);
  return { byMethod, kiosksTotal, accountingTotal, reconciled: differences.length === 0 && kiosksTotal === accountingTotal, differences: differences.slice(0, 200) };
}
