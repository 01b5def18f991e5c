// A simulated credit-card terminal with a real one's shape (PaymentDevice, method 'card'). The kiosk
// asks for an amount; the customer inserts or taps their card on the terminal and enters its PIN
// there; the terminal answers with what the acquirer said. The states a real terminal reports:
// - approved (the amount is charged; journaled before the answer, like the acceptor);
// - declined with the acquirer's reason ('insufficient_funds', 'expired_card', …): nothing charged;
// - cancelled by the customer (the terminal's 取消 key) or by the kiosk (cancel()): nothing charged;
// - timeout: no answer within the kiosk's bound (`responseTimeoutMs`). The customer may still finish
//   on the terminal afterwards: that LATE approval is journaled against the same paymentId, lookup()
//   finds it, and the kiosk reverses it with refund();
// - reversal / refund: refund() gives back a charged amount (a full same-day reversal, or part of it);
//   the same paymentId never gives back more than was charged.
// tokenize() reads a card once and answers an opaque token + brand + last 4 digits for the back
// office's payment link (never the card number).
//
// Tokens: `simtok-<BRAND>-<last4>-<16 hex>`, the format the back office's simulated acquirer
// (backoffice/hospital-payments/acquirer.ts) accepts as its own. Test cards as acquirers publish
// them: a card ending 0002 is declined 'insufficient_funds' when charged (it still links: the account
// exists), one ending 0069 'expired_card' when charged or linked — at the terminal and the acquirer alike.
//
// Modes: 'manual' waits for respond(outcome) (the demo's buttons and the tests); 'auto' answers every
// request with `auto` after `autoDelayMs`.
import { randomBytes } from 'node:crypto';
import { applyJournalRecord, openPaymentJournal, type JournalEntry, type PaymentJournal } from './payment-journal';

// The PaymentDevice shape of electron/services/payment/payment-device.ts, restated because simulators
// may not import main-process code; TypeScript checks the two agree where they meet.
type PaymentMethod = 'cash' | 'ic' | 'card' | 'linked';
interface CollectRequest { paymentId: string; amount: number; methods: PaymentMethod[] }
interface CollectProgress { inserted: number; remaining: number; method?: PaymentMethod }
type CollectResult =
  | { status: 'paid'; method: PaymentMethod; paid: number; change: number }
  | { status: 'cancelled'; refunded: number }
  | { status: 'failed'; reason: string; refunded: number };

export type CardOutcomeName = 'approve' | 'decline' | 'cancel' | 'timeout';
export type CardOutcome =
  | { kind: 'approve' }
  | { kind: 'decline'; reason?: string }
  | { kind: 'cancel' }
  /** The terminal does not answer in time; `lateApproval`: the customer completes afterwards. */
  | { kind: 'timeout'; lateApproval?: boolean };

export type TokenizeResult = { token: string; brand: string; last4: string } | { status: 'declined' | 'cancelled' | 'timeout' };

export interface CardTerminalOptions {
  mode?: 'manual' | 'auto';
  /** The answer of every request in 'auto' mode (default approve). */
  auto?: CardOutcomeName | CardOutcome;
  autoDelayMs?: number;
  /** The kiosk's bound on waiting for the customer (default 90 s). */
  responseTimeoutMs?: number;
  /** The card the customer presents (default VISA ending 4242). */
  card?: { brand: string; last4: string };
  /** The terminal's journal; without it the journal lives in memory only. */
  journalPath?: string;
}

export interface SimulatedCardTerminal {
  collect(req: CollectRequest, onProgress: (p: CollectProgress) => void): Promise<CollectResult>;
  refund(paymentId: string, amount: number): Promise<{ refunded: number }>;
  cancel(): void;
  lookup(paymentId: string): Promise<CollectResult | null>;
  tokenize(): Promise<TokenizeResult>;
  /** What the customer does at the terminal (manual mode): answers the running request, or, with
   *  'approve' after a timeout, completes the timed-out one late. False when there was nothing to answer. */
  respond(outcome: CardOutcomeName | CardOutcome): boolean;
  /** The card presented from now on (a test's "another customer"). */
  presentCard(card: { brand: string; last4: string }): void;
  /** Charged minus given back, over the journal: what the acquirer's settlement would show. */
  netCharged(): number;
  journal(): JournalEntry[];
}

/** The acquirer's test cards: a card ending so is declined with this reason. */
const DECLINING_CARDS: Record<string, string> = { '0002': 'insufficient_funds', '0069': 'expired_card' };
/** Linking checks the card, not its funds: only an expired card cannot be linked. */
const UNLINKABLE_CARDS = new Set(['0069']);

const asOutcome = (o: CardOutcomeName | CardOutcome): CardOutcome => (typeof o === 'string' ? { kind: o } as CardOutcome : o);

function journalAt(path: string | undefined): PaymentJournal {
  if (path) return openPaymentJournal(path);
  const entries = new Map<string, JournalEntry>();
  return { entries, append: (rec) => applyJournalRecord(entries, rec), recordCount: () => entries.size };
}

type Pending =
  | { what: 'charge'; req: CollectRequest; resolve(r: CollectResult): void; timer: NodeJS.Timeout }
  | { what: 'tokenize'; resolve(r: TokenizeResult): void; timer: NodeJS.Timeout };

export function createSimulatedCardTerminal(options: CardTerminalOptions = {}): SimulatedCardTerminal {
  const log = journalAt(options.journalPath);
  const journal = log.entries;
  const timeoutMs = options.responseTimeoutMs ?? 90_000;
  let card = options.card ?? { brand: 'VISA', last4: '4242' };
  let pending: Pending | null = null;
  // The request the kiosk gave up on: the customer may still complete it on the terminal.
  let timedOut: CollectRequest | null = null;

  const approve = (req: CollectRequest): CollectResult => {
    const entry = { paymentId: req.paymentId, method: 'card' as const, paid: req.amount, change: 0, refunded: 0 };
    // Journal first: once the terminal says "approved", a restarted kiosk must find it.
    log.append({ e: 'paid', ...entry });
    return { status: 'paid', method: 'card', paid: req.amount, change: 0 };
  };

  function settle(outcome: CardOutcome): void {
    const p = pending;
    if (!p) return;
    clearTimeout(p.timer);
    pending = null;
    const declinedBy = DECLINING_CARDS[card.last4];
    if (p.what === 'tokenize') {
      if (outcome.kind === 'approve' && !UNLINKABLE_CARDS.has(card.last4)) {
        p.resolve({ token: `simtok-${card.brand}-${card.last4}-${randomBytes(8).toString('hex')}`, brand: card.brand, last4: card.last4 });
      } else {
        p.resolve({ status: outcome.kind === 'cancel' ? 'cancelled' : outcome.kind === 'timeout' ? 'timeout' : 'declined' });
      }
      return;
    }
    if (outcome.kind === 'approve' && !declinedBy) return p.resolve(approve(p.req));
    if (outcome.kind === 'approve' || outcome.kind === 'decline') {
      return p.resolve({ status: 'failed', reason: (outcome.kind === 'decline' ? outcome.reason : undefined) ?? declinedBy ?? 'declined', refunded: 0 });
    }
    if (outcome.kind === 'cancel') return p.resolve({ status: 'cancelled', refunded: 0 });
    p.resolve({ status: 'failed', reason: 'timeout', refunded: 0 });
    if (outcome.lateApproval && !declinedBy) approve(p.req);
    else timedOut = p.req;
  }

  function start(p: Pending): void {
    pending = p;
    if ((options.mode ?? 'manual') === 'auto') {
      const outcome = asOutcome(options.auto ?? 'approve');
      setTimeout(() => { if (pending === p) settle(outcome); }, options.autoDelayMs ?? 0);
    }
  }

  return {
    collect(req, onProgress) {
      const done = journal.get(req.paymentId);
      if (done) return Promise.resolve({ status: 'paid', method: 'card', paid: done.paid, change: 0 });
      if (!req.methods.includes('card')) return Promise.resolve({ status: 'failed', reason: 'method_not_offered', refunded: 0 });
      if (!Number.isInteger(req.amount) || req.amount <= 0) return Promise.resolve({ status: 'failed', reason: 'invalid_amount', refunded: 0 });
      if (pending) return Promise.resolve({ status: 'failed', reason: 'busy', refunded: 0 });
      timedOut = null;
      return new Promise<CollectResult>((resolve) => {
        // The kiosk's bound: the terminal's own silence is a timeout, never an endless wait.
        const timer = setTimeout(() => settle({ kind: 'timeout' }), timeoutMs);
        start({ what: 'charge', req, resolve, timer });
        onProgress({ inserted: 0, remaining: req.amount, method: 'card' });
      });
    },
    async refund(paymentId, amount) {
      const entry = journal.get(paymentId);
      if (!entry) return { refunded: 0 };
      const refundable = Math.max(0, Math.min(amount, entry.paid - entry.refunded));
      if (refundable === 0) return { refunded: 0 };
      log.append({ e: 'refund', paymentId, amount: refundable });
      return { refunded: refundable };
    },
    cancel: () => settle({ kind: 'cancel' }),
    async lookup(paymentId) {
      const e = journal.get(paymentId);
      return e ? { status: 'paid', method: 'card', paid: e.paid, change: 0 } : null;
    },
    tokenize() {
      if (pending) return Promise.resolve({ status: 'declined' as const });
      return new Promise<TokenizeResult>((resolve) => {
        const timer = setTimeout(() => settle({ kind: 'timeout' }), timeoutMs);
        start({ what: 'tokenize', resolve, timer });
      });
    },
    respond(outcome) {
      const o = asOutcome(outcome);
      if (pending) {
        settle(o);
        return true;
      }
      if (o.kind === 'approve' && timedOut && !DECLINING_CARDS[card.last4]) {
        approve(timedOut);
        timedOut = null;
        return true;
      }
      return false;
    },
    presentCard(c) {
      card = c;
    },
    netCharged: () => [...journal.values()].reduce((n, e) => n + e.paid - e.refunded, 0),
    journal: () => [...journal.values()].map((e) => ({ ...e })),
  };
}
