// What the checkout service is built from and what it answers. The outside systems are ports
// (ports.ts: the cashier, the payment links; payment/payment-device.ts: the devices); the documents'
// renderer (templates/hospital-receipt.ts: 領収証 then 明細書 in one PDF) is passed in by the assembly.
import type { BillingDeskReasonView, BillingMethodView, CheckoutView, LinkView } from '../../../common/api/billing-schemas';
import type { DeskPaymentRowView } from '../../../common/api/desk-payments-schemas';
import type { ReceptionMediumView } from '../../../common/api/contract';
import type { PaymentDevice } from '../payment/payment-device';
import type { KioskPrinter } from '../printing/types';
import type { CheckoutStore } from './checkout-machine';
import type { Bill, Cashier, PaymentLinks, StatementItem } from './ports';

export type DocumentLanguage = 'ja' | 'en' | 'zh' | 'ko';

/** Everything the 領収証 and 明細書 say about one payment (the bill as shown, the payment as taken). */
export interface CheckoutDocuments {
  checkoutId: string;
  paymentId: string;
  bill: Bill;
  statement: StatementItem[];
  method: BillingMethodView;
  /** 領収額 and, for cash, the change given. */
  received: number;
  change: number;
  /** A copy already came out (or may have): this one is marked 【再発行】. */
  reprint: boolean;
  language: DocumentLanguage;
  /** ISO instant of issue. */
  issuedAt: string;
  kioskId: string;
}

/** The documents' binding for the printer's check before sending (kind 'hospital-receipt'). */
export interface DocumentsBinding { documentId: string; requestId: string; subjectHash: string }

/** Renders 領収証 + 明細書 as one PDF bound to the payment. */
export type DocumentsRenderer = (docs: CheckoutDocuments, binding: DocumentsBinding) => Promise<Uint8Array>;

/** The card terminal reads a card once for linking: an opaque token, never the number. */
export interface CardTokenizer {
  tokenize(): Promise<{ token: string; brand: string; last4: string } | { status: 'declined' | 'cancelled' | 'timeout' }>;
}

export interface BillingDeps {
  checkouts: CheckoutStore;
  cashier: Cashier;
  /** The back office's payment links; null: no card-linked payment here. */
  links: PaymentLinks | null;
  /** The device per method: the installation's acceptor for cash / ic, the card terminal, the linked account. */
  devices: Partial<Record<BillingMethodView, PaymentDevice>>;
  /** Reads the card for linking (the card terminal); null: linking is not offered. */
  tokenizer: CardTokenizer | null;
  /** Absent: no documents (the amounts are on the screen). */
  printer: KioskPrinter | null;
  renderDocuments: DocumentsRenderer | null;
  kioskId: string;
  /** Documents that do not come out within this are reported, not waited for (default 60 s). */
  documentsTimeoutMs?: number;
  clock?: () => number;
  newId?: () => string;
  log?: (m: string) => void;
}

/** How the card check ended for a new checkout: the patient, or why they go to the desk. */
export type PatientCheck = { patientId: string } | { deskReason: BillingDeskReasonView };

export type BillingPhase = (p: { phase: string; inserted?: number; remaining?: number }) => void;

export interface HeldPayment extends DeskPaymentRowView { checkoutId: string }

export interface CheckoutService {
  /** A new checkout for the patient the card named: their oldest unpaid bill locked, confirmed and shown. */
  start(check: PatientCheck, medium: ReceptionMediumView, onPhase?: BillingPhase): Promise<CheckoutView>;
  view(checkoutId: string): CheckoutView;
  /** Exactly once: re-confirm, write 'paying', collect, write 'paid', 入金, documents. */
  pay(checkoutId: string, method: BillingMethodView, onPhase?: BillingPhase, language?: DocumentLanguage): Promise<CheckoutView>;
  /** Before money is kept: a running collect is cancelled (money returned), the bill unlocked. */
  cancel(checkoutId: string): Promise<CheckoutView>;
  /** The documents (again after a printer fault: 【再発行】 only when a copy came out before). */
  print(checkoutId: string, language?: DocumentLanguage, onPhase?: BillingPhase): Promise<CheckoutView>;
  link(checkoutId: string): Promise<LinkView>;
  unlink(checkoutId: string): Promise<LinkView>;
  /** The session ended: before money abandoned and unlocked; after money it goes on alone. */
  settle(checkoutId: string): Promise<void>;
  /** After a restart: our locks released; every checkout in a safe, correct place; never a second collect. */
  resume(): Promise<void>;
  /** Housekeeping: 入金 retried for 'paid', late card approvals reversed. Returns how many changed. */
  recheck(): Promise<number>;
  housekeep(retentionDays: number): { deleted: number };
  /** Staff: (part of) a payment returned by its device, the 返金 recorded. `paymentRef`: the payment key (or checkout id). */
  refund(paymentRef: string, amount: number, reason: string): Promise<{ paymentRef: string; status: 'recorded' | 'refunded' | 'held'; refunded: number }>;
  /** Staff: a held payment recorded in the accounting system now, or refunded in full. */
  settleHeld(paymentRef: string, decision: 'record' | 'refund'): Promise<{ paymentRef: string; status: 'recorded' | 'refunded' | 'held'; refunded: number }>;
  /** Staff: payments held at this kiosk (no names). */
  held(): HeldPayment[];
}
