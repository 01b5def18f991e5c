// A simulated cash / IC e-money acceptor with the real device's shape (PaymentDevice): the resident
// inserts coins and notes one at a time (or touches an IC card), the device keeps them in escrow
// until the amount is reached, dispenses change, and returns the escrow on cancel or on a fault.
//
// Like a real acceptor it keeps a journal of completed payments and refunds (append-only, one synced
// line per event: payment-journal.ts): a collect() for a paymentId that already completed answers the same
// result without taking money again, and lookup() lets a restarted kiosk ask what happened.
// Money in escrow when the process dies is returned (escrow-return on power cycle).
//
// Modes (demo UI and tests):
// - 'manual': waits for insert(yen) / touchIc() calls (the demo's on-screen coin buttons);
// - 'auto': inserts `autoInsert` denominations every `intervalMs` (a resident paying in coins);
// - 'instant': the whole amount at once by IC (benchmarks);
// - fault 'jam' after `faultAfterInserts` inserts: the acceptor jams and returns the escrow.
import { applyJournalRecord, openPaymentJournal, type JournalEntry, type PaymentJournal } from './payment-journal';

// The PaymentDevice shape of electron/services/payment/payment-device.ts, restated here because
// simulators may not import main-process code; TypeScript checks the two agree where they meet.
// The acceptor itself takes only 'cash' and 'ic'; the card methods belong to other devices.
type PaymentMethod = 'cash' | 'ic' | 'card' | 'linked';
interface CollectRequest { paymentId: string; amount: number; methods: PaymentMethod[] }
interface CollectProgress { inserted: number; remaining: number; method?: PaymentMethod }
type CollectResult =
  | { status: 'paid'; method: PaymentMethod; paid: number; change: number }
  | { status: 'cancelled'; refunded: number }
  | { status: 'failed'; reason: string; refunded: number };
interface PaymentDevice {
  collect(req: CollectRequest, onProgress: (p: CollectProgress) => void): Promise<CollectResult>;
  refund(paymentId: string, amount: number): Promise<{ refunded: number }>;
  cancel(): void;
}

export const CASH_DENOMINATIONS = [10, 50, 100, 500, 1000, 5000, 10000] as const;

export interface SimulatedAcceptorOptions {
  mode?: 'manual' | 'auto' | 'instant';
  /** Denominations inserted in 'auto' mode, in order (repeats the last one). Default: ¥100 coins. */
  autoInsert?: number[];
  intervalMs?: number;
  fault?: { kind: 'jam' | 'offline'; faultAfterInserts?: number };
  /** The device journal; without it the journal lives in memory only. */
  journalPath?: string;
}

export interface SimulatedAcceptor extends PaymentDevice {
  /** A coin or note inserted by the resident (manual mode). */
  insert(yen: number): void;
  /** An IC e-money card touched (pays the remaining amount at once). */
  touchIc(): void;
  lookup(paymentId: string): Promise<CollectResult | null>;
  /** Every yen the device kept, net of refunds: what a cash count would show. */
  netTaken(): number;
  journal(): JournalEntry[];
  setFault(fault: SimulatedAcceptorOptions['fault'] | undefined): void;
}

/** The journal on disk, or one in memory only (no path). */
function journalAt(path: string | undefined): PaymentJournal {
  if (path) return openPaymentJournal(path);
  const entries = new Map<string, JournalEntry>();
  return {
    entries,
    append: (rec) => applyJournalRecord(entries, rec),
    recordCount: () => entries.size,
  };
}

export function createSimulatedAcceptor(options: SimulatedAcceptorOptions = {}): SimulatedAcceptor {
  const log = journalAt(options.journalPath);
  const journal = log.entries;
  let fault = options.fault;
  let active: { feed(yen: number, method: 'cash' | 'ic'): void; cancel(): void } | null = null;

  function collect(req: CollectRequest, onProgress: (p: CollectProgress) => void): Promise<CollectResult> {
    const done = journal.get(req.paymentId);
    if (done) return Promise.resolve({ status: 'paid', method: done.method, paid: done.paid, change: done.change });
    if (!Number.isInteger(req.amount) || req.amount <= 0) return Promise.resolve({ status: 'failed', reason: 'invalid_amount', refunded: 0 });
    if (active) return Promise.resolve({ status: 'failed', reason: 'busy', refunded: 0 });
    if (fault?.kind === 'offline') return Promise.resolve({ status: 'failed', reason: 'offline', refunded: 0 });
    return new Promise<CollectResult>((resolve) => {
      let escrow = 0;
      let inserts = 0;
      let timer: NodeJS.Timeout | undefined;
      const finish = (r: CollectResult) => {
        if (timer) clearInterval(timer);
        active = null;
        resolve(r);
      };
      active = {
        feed(yen, method) {
          if (method === 'cash' && !req.methods.includes('cash')) return;
          if (method === 'ic' && !req.methods.includes('ic')) return;
          // IC e-money debits exactly what is due: no change.
          if (method === 'ic') yen = req.amount - escrow;
          inserts++;
          if (fault?.kind === 'jam' && inserts > (fault.faultAfterInserts ?? 0)) {
            finish({ status: 'failed', reason: 'jam', refunded: escrow });
            return;
          }
          escrow += yen;
          onProgress({ inserted: escrow, remaining: Math.max(0, req.amount - escrow), method });
          if (escrow >= req.amount) {
            const entry = { paymentId: req.paymentId, method, paid: req.amount, change: escrow - req.amount, refunded: 0 };
            // Journal first: once the device says "paid", a restart must find it.
            log.append({ e: 'paid', ...entry });
            finish({ status: 'paid', method, paid: entry.paid, change: entry.change });
          }
        },
        cancel() {
          finish({ status: 'cancelled', refunded: escrow });
        },
      };
      onProgress({ inserted: 0, remaining: req.amount });
      const mode = options.mode ?? 'manual';
      if (mode === 'instant') {
        const a = active;
        queueMicrotask(() => a.feed(req.amount, req.methods.includes('ic') ? 'ic' : 'cash'));
      } else if (mode === 'auto') {
        const coins = options.autoInsert?.length ? options.autoInsert : [100];
        let i = 0;
        timer = setInterval(() => active?.feed(coins[Math.min(i++, coins.length - 1)]!, 'cash'), options.intervalMs ?? 200);
      }
    });
  }

  return {
    collect,
    async refund(paymentId, amount) {
      const entry = journal.get(paymentId);
      if (!entry) return { refunded: 0 };
      const refundable = Math.max(0, Math.min(amount, entry.paid - entry.refunded));
      if (refundable === 0) return { refunded: 0 };
      log.append({ e: 'refund', paymentId, amount: refundable });
      return { refunded: refundable };
    },
    cancel: () => active?.cancel(),
    insert(yen) {
      if (!(CASH_DENOMINATIONS as readonly number[]).includes(yen)) return; // the acceptor rejects foreign objects
      active?.feed(yen, 'cash');
    },
    touchIc() {
      active?.feed(0, 'ic');
    },
    async lookup(paymentId) {
      const e = journal.get(paymentId);
      return e ? { status: 'paid', method: e.method, paid: e.paid, change: e.change } : null;
    },
    netTaken: () => [...journal.values()].reduce((n, e) => n + e.paid - e.refunded, 0),
    journal: () => [...journal.values()].map((e) => ({ ...e })),
    setFault(f) {
      fault = f;
    },
  };
}
