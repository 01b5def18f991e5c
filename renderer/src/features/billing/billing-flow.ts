// Hospital payment after the PIN, as a pure reducer (unit-tested in Node): every step the patient
// sees and every transition in one place; the component renders the step and runs its one command.
// The checkout itself (the bill from the accounting system, the payment, exactly once) lives in the
// main process (billing.* commands); this mirrors what the patient sees.
//   looking_up → bill (amount, breakdown, methods) → [confirm-linked] → paying → printing → done
// and, from a bill offering the linked account, removing it: bill → confirm-unlink → the bill without it.
// and the endings: nothing due, desk (with why), held (money taken, staff settle it), stopped, failed.
// A declined / cancelled / timed-out payment or a bill changed at the desk brings the patient back to
// the bill with a calm notice: nothing was taken, choose again.
import type { BillingMethodView, BillingProgressView, CheckoutView, LinkView } from '../../../../common/api/contract';
import type { ErrorKind } from '../../../../common/errors';

/** Why the bill is shown again (null: shown for the first time). */
export type Notice = 'changed' | 'declined' | 'cancelled' | 'timeout' | 'failed' | 'not_linked' | null;

/** Linking an account after paying: offered, on the terminal, or its outcome. */
export type LinkStep = 'offer' | 'linking' | LinkView['status'] | 'failed';

/** The outcome of removing the linked account, said on the bill shown after it. */
export type UnlinkOutcome = 'done' | 'failed';

export type Step =
  | { step: 'looking_up'; notice: Notice }
  | { step: 'bill'; view: CheckoutView; notice: Notice; unlink?: UnlinkOutcome }
  /** Removing the linked account: one confirm naming it; busy while the back office is told. */
  | { step: 'confirm-unlink'; view: CheckoutView; busy: boolean }
  /** The linked account: one confirm before it is charged. */
  | { step: 'confirm-linked'; view: CheckoutView }
  | { step: 'paying'; view: CheckoutView; method: BillingMethodView; inserted: number; remaining: number; phase: string | null; cancelling: boolean }
  /** Paid (and recorded, or to be recorded later): the 領収証 and 明細書 are coming out. */
  | { step: 'printing'; view: CheckoutView }
  | { step: 'done'; view: CheckoutView; link: LinkStep | null; linked: LinkView['account'] | null }
  | { step: 'nothing_due' }
  | { step: 'desk'; reason: string }
  /** Money was taken but the accounting system refused it: staff settle it (refund or record). */
  | { step: 'held'; view: CheckoutView | null }
  /** Ended before money was taken (cancelled, or a card approval given back in full). */
  /** refunded: a payment given back in full; returned: cash put in and given back (yen). */
  | { step: 'stopped'; refunded: boolean; returned: number }
  | { step: 'failed' };

export type BillingAction =
  /** The checkout as the main process has it (billing.checkout, .pay, .cancel, .print answers). */
  | { type: 'view'; view: CheckoutView }
  | { type: 'choose'; method: BillingMethodView }
  | { type: 'confirm' }
  | { type: 'back' }
  | { type: 'progress'; progress: BillingProgressView }
  | { type: 'cancel' }
  | { type: 'reprint' }
  | { type: 'next-bill' }
  | { type: 'link-start' }
  | { type: 'link'; link: LinkView }
  | { type: 'unlink-ask' }
  | { type: 'unlink-confirm' }
  /** The account removed: the checkout as main has it now (no linked method). */
  | { type: 'unlinked'; view: CheckoutView }
  | { type: 'error'; kind: ErrorKind; reason?: string };

export const initialBilling: Step = { step: 'looking_up', notice: null };

const NOTICE_OF: Partial<Record<string, Notice>> = { declined: 'declined', cancelled: 'cancelled', timeout: 'timeout', failed: 'failed' };

/** Where a checkout as main reports it puts the patient. */
function fromView(s: Step, v: CheckoutView): Step {
  switch (v.state) {
    case 'looking_up':
      return { step: 'looking_up', notice: s.step === 'looking_up' ? s.notice : null };
    case 'bill_shown': {
      // A notice carried over (bill changed) wins; else what the last attempt's status says.
      const carried = s.step === 'looking_up' ? s.notice : null;
      const fromPayment = v.payment ? NOTICE_OF[v.payment.status] ?? null : null;
      return { step: 'bill', view: v, notice: carried ?? fromPayment };
    }
    case 'paying': {
      const due = v.bill?.due ?? 0;
      const inserted = v.payment?.inserted ?? 0;
      const method = v.payment?.method ?? (s.step === 'paying' ? s.method : 'cash');
      return { step: 'paying', view: v, method, inserted, remaining: Math.max(0, due - inserted), phase: null, cancelling: s.step === 'paying' && s.cancelling };
    }
    case 'paid':
    case 'recorded':
    case 'done':
      if (v.documents.status === 'pending') return { step: 'printing', view: v };
      return { step: 'done', view: v, link: v.linkedAccount ? null : 'offer', linked: null };
    case 'nothing_due':
      return { step: 'nothing_due' };
    case 'sent_to_desk':
      return { step: 'desk', reason: v.deskReason ?? 'other' };
    case 'held':
      return { step: 'held', view: v };
    case 'refunded':
      return { step: 'stopped', refunded: true, returned: 0 };
    case 'abandoned':
      return { step: 'stopped', refunded: false, returned: returnedCash(v) };
  }
}

/** Cash put in and given back when a payment stopped before money was kept (nothing paid: what was inserted came back). */
function returnedCash(v: CheckoutView): number {
  const p = v.payment;
  return p && p.paid === 0 ? Math.max(p.refunded, p.inserted) : 0;
}

export function billingFlow(s: Step, a: BillingAction): Step {
  switch (a.type) {
    case 'view':
      // After the payment only the documents change (a late answer never takes back their outcome); a link's outcome is kept.
      if (s.step === 'done' && (a.view.state === 'done' || a.view.state === 'recorded' || a.view.state === 'paid')) {
        return { ...s, view: a.view.documents.status === 'pending' ? { ...a.view, documents: s.view.documents } : a.view };
      }
      if (s.step === 'nothing_due' || s.step === 'desk' || s.step === 'failed' || s.step === 'stopped') return s;
      return fromView(s, a.view);
    case 'choose':
      if (s.step !== 'bill' || !s.view.methods.includes(a.method)) return s;
      if (a.method === 'linked') return { step: 'confirm-linked', view: s.view };
      return paying(s.view, a.method);
    case 'confirm':
      return s.step === 'confirm-linked' ? paying(s.view, 'linked') : s;
    case 'back':
      return s.step === 'confirm-linked' || (s.step === 'confirm-unlink' && !s.busy) ? { step: 'bill', view: s.view, notice: null } : s;
    case 'unlink-ask':
      return s.step === 'bill' && s.view.linkedAccount ? { step: 'confirm-unlink', view: s.view, busy: false } : s;
    case 'unlink-confirm':
      return s.step === 'confirm-unlink' && !s.busy ? { ...s, busy: true } : s;
    case 'unlinked':
      if (s.step !== 'confirm-unlink') return s;
      return a.view.state === 'bill_shown' ? { step: 'bill', view: a.view, notice: null, unlink: 'done' } : fromView(s, a.view);
    case 'progress':
      return progressed(s, a.progress);
    case 'cancel':
      return s.step === 'paying' ? { ...s, cancelling: true } : s;
    case 'reprint':
      return s.step === 'done' ? { step: 'printing', view: { ...s.view, documents: { status: 'pending' } } } : s;
    case 'next-bill':
      return s.step === 'done' && s.view.moreUnpaid > 0 ? initialBilling : s;
    case 'link-start':
      return s.step === 'done' && s.link !== null && s.link !== 'linked' && s.link !== 'linking' ? { ...s, link: 'linking' } : s;
    case 'link':
      return s.step === 'done' ? { ...s, link: a.link.status, linked: a.link.account ?? null } : s;
    case 'error':
      return failure(s, a.kind, a.reason);
  }
}

/** The printer's outcome in a progress event's phase once the checkout is done ('held' / 'failed', else it came out). */
const DOC_PHASES = new Set(['held', 'failed']);
/** billing.pay's phases once the device has been paid (electron/services/billing/checkout-steps.ts). */
const AFTER_MONEY = new Set(['recording', 'documents']);

/**
 * billing.progress while paying (inserted / remaining; money taken → the documents are next) and
 * while printing (the checkout done: the documents' outcome), so the screen follows the device and
 * the printer whether or not billing.pay has answered yet.
 */
function progressed(s: Step, e: BillingProgressView): Step {
  if (!('view' in s) || !s.view || e.checkoutId !== s.view.checkoutId) return s;
  if (s.step === 'paying') {
    // Money taken: the 入金 and the documents follow within the same billing.pay (its phases).
    if (e.state === 'paid' || e.state === 'recorded' || (e.phase && AFTER_MONEY.has(e.phase))) return { step: 'printing', view: s.view };
    return { ...s, inserted: e.inserted ?? s.inserted, remaining: e.remaining ?? s.remaining, phase: e.phase ?? s.phase };
  }
  if (s.step === 'printing' && e.state === 'done') {
    const status = e.phase && DOC_PHASES.has(e.phase) ? (e.phase as 'held' | 'failed') : 'printed';
    const view: CheckoutView = { ...s.view, state: 'done', documents: { status } };
    return { step: 'done', view, link: view.linkedAccount ? null : 'offer', linked: null };
  }
  return s;
}

function paying(view: CheckoutView, method: BillingMethodView): Step {
  const due = view.bill?.due ?? 0;
  return { step: 'paying', view, method, inserted: 0, remaining: due, phase: null, cancelling: false };
}

/** A payment's refusal: the bill again (looked up anew), with why. */
const PAYMENT_NOTICE: Partial<Record<ErrorKind, Notice>> = {
  'accounting.bill_changed': 'changed',
  'payment.declined': 'declined',
  'payment.timeout': 'timeout',
  'payment.cancelled': 'cancelled',
  'payment.failed': 'failed',
  'billing.not_linked': 'not_linked',
};

function failure(s: Step, kind: ErrorKind, reason: string | undefined): Step {
  // Removing the account failed: the bill as it was (still linked), with why; the payment is untouched.
  if (s.step === 'confirm-unlink') return { step: 'bill', view: s.view, notice: null, unlink: 'failed' };
  // Paid already: only the documents or the link failed, never the payment.
  if (s.step === 'done' && s.link === 'linking') return { ...s, link: 'failed' };
  if (s.step === 'done' || s.step === 'printing') return { step: 'done', view: { ...s.view, documents: { status: 'failed' } }, link: s.step === 'done' ? s.link : s.view.linkedAccount ? null : 'offer', linked: s.step === 'done' ? s.linked : null };
  const notice = PAYMENT_NOTICE[kind];
  if (notice && (s.step === 'paying' || s.step === 'bill' || s.step === 'confirm-linked')) return { step: 'looking_up', notice };
  if (kind === 'billing.send_to_desk') return { step: 'desk', reason: reason ?? 'other' };
  if (kind === 'reception.last_pin_try') return { step: 'desk', reason: 'pin_last_try' };
  if (kind.startsWith('accounting.')) return { step: 'desk', reason: 'accounting_unavailable' };
  return { step: 'failed' };
}

/** Steps where the patient is deciding (the idle timer runs); looking up, paying and printing are the kiosk's. */
export function idleApplies(s: Step): boolean {
  return s.step !== 'looking_up' && s.step !== 'paying' && s.step !== 'printing' && !(s.step === 'done' && s.link === 'linking') && !(s.step === 'confirm-unlink' && s.busy);
}

/** 負担割合 as a Japanese patient reads it: 30 % → 3 (割). */
export const ratioTenths = (percent: number): number => Math.round(percent / 10);

/** Yen with thousands separators, the same in every language (¥1,230). */
export const yen = (n: number): string => n.toLocaleString('ja-JP');

/** The method buttons: cash and IC share the acceptor, so one 現金・電子マネー button when cash is taken. */
export function methodButtons(methods: readonly BillingMethodView[]): BillingMethodView[] {
  const order: BillingMethodView[] = ['linked', 'cash', 'ic', 'card'];
  return order.filter((m) => methods.includes(m) && !(m === 'ic' && methods.includes('cash')));
}
