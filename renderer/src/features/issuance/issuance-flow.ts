// Certificate issuance as a pure reducer (unit-tested in Node): every step and transition in one
// place; the component only renders the step and runs its one command.
//   loading → choose → options (住民票) → copies → requesting → confirm → paying → printing → done
// and the endings: refused (with where to go), held (staff called), refunded, cancelled, failed.
// The request's real state lives in the main process; this only mirrors what the resident sees.
import type { CatalogEntryView, CatalogView, HouseholdMemberView, IssuanceRequestInput, PrinterStatusView, ScopeView } from '../../../../common/api/contract';
import type { ErrorKind } from '../../../../common/errors';

export interface Draft {
  scope: ScopeView;
  memberIds: string[];
  options: Record<string, boolean>;
  layout: 'household' | 'individual';
  copies: number;
}

export type Step =
  | { step: 'loading' }
  | { step: 'choose'; catalog: CatalogView }
  | { step: 'options'; catalog: CatalogView; entry: CatalogEntryView; draft: Draft }
  | { step: 'copies'; catalog: CatalogView; entry: CatalogEntryView; draft: Draft }
  | { step: 'requesting'; catalog: CatalogView; entry: CatalogEntryView; draft: Draft }
  /** What was asked for (draft, household names), so the confirm screen says it in the resident's language. */
  | { step: 'confirm'; requestId: string; fee: number; summary: string[]; entry: CatalogEntryView; copies: number; draft: Draft; household: HouseholdMemberView[] }
  | { step: 'paying'; requestId: string; fee: number; inserted: number; remaining: number; cancelling: boolean }
  | { step: 'printing'; requestId: string; change: number; phase: string; printer: PrinterStatusView | null; receipt?: ReceiptView }
  /** receipt: absent when none was due (nothing paid); 'failed' → the resident is asked to see staff for one. */
  | { step: 'done'; change: number; receipt?: ReceiptView }
  | { step: 'held'; requestId: string }
  | { step: 'refunded'; amount: number }
  /** refunded: the money the acceptor gave back (said with its amount). */
  | { step: 'cancelled'; refunded: number }
  | { step: 'refused'; reason: string; where: string }
  | { step: 'failed'; problem: 'unreachable' | 'payment' | 'other' };

/** The receipt printed after the certificate, as told by the print progress ('receipt', 'receipt-printed', 'receipt-failed'). */
export type ReceiptView = 'pending' | 'printed' | 'failed';

const RECEIPT_PHASES: Record<string, ReceiptView> = { receipt: 'pending', 'receipt-printed': 'printed', 'receipt-failed': 'failed' };

export type IssuanceAction =
  | { type: 'catalog'; catalog: CatalogView }
  | { type: 'pick'; entry: CatalogEntryView }
  | { type: 'draft'; draft: Partial<Draft> }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'requested'; requestId: string; fee: number; summary: string[] }
  | { type: 'pay' }
  | { type: 'payment-progress'; requestId: string; inserted: number; remaining: number }
  | { type: 'cancel-payment' }
  | { type: 'paid'; change: number }
  | { type: 'print-progress'; requestId: string; phase: string }
  | { type: 'printer'; status: PrinterStatusView }
  | { type: 'printed'; state: string; status: 'printed' | 'held' | 'failed'; refunded: number }
  | { type: 'cancelled'; refunded?: number }
  | { type: 'error'; kind: ErrorKind; details?: Record<string, string | number | boolean> | undefined };

export const initialIssuance: Step = { step: 'loading' };
export const MAX_COPIES = 10;

export function defaultDraft(entry: CatalogEntryView): Draft {
  const options = Object.fromEntries(entry.options.map((o) => [o.key, o.default]));
  return { scope: entry.scopes[0] ?? 'self', memberIds: [], options, layout: 'household', copies: 1 };
}

/** The request sent to main; the scope decides who is on it, the back office checks it again. */
export function toRequest(entry: CatalogEntryView, d: Draft): IssuanceRequestInput {
  return {
    type: entry.type,
    scope: d.scope,
    ...(d.scope === 'members' ? { memberIds: d.memberIds } : {}),
    options: d.options,
    ...(entry.type !== 'inkan' && d.scope !== 'self' ? { layout: d.layout } : {}),
    copies: d.copies,
  };
}

/** Whether the options step has what it needs (chosen members when "some members"). */
export function draftComplete(d: Draft): boolean {
  return d.scope !== 'members' || d.memberIds.length > 0;
}

function failure(kind: ErrorKind): Step {
  if (kind === 'sync.unreachable' || kind === 'sync.server_error' || kind === 'sync.rejected') return { step: 'failed', problem: 'unreachable' };
  if (kind === 'payment.failed') return { step: 'failed', problem: 'payment' };
  return { step: 'failed', problem: 'other' };
}

export function issuanceFlow(s: Step, a: IssuanceAction): Step {
  switch (a.type) {
    case 'catalog':
      return s.step === 'loading' ? { step: 'choose', catalog: a.catalog } : s;
    case 'pick': {
      if (s.step !== 'choose' || !a.entry.available) return s;
      const draft = defaultDraft(a.entry);
      // A seal certificate has no options: straight to the number of copies.
      return a.entry.type === 'inkan' ? { step: 'copies', catalog: s.catalog, entry: a.entry, draft } : { step: 'options', catalog: s.catalog, entry: a.entry, draft };
    }
    case 'draft':
      if (s.step !== 'options' && s.step !== 'copies') return s;
      return { ...s, draft: { ...s.draft, ...a.draft, copies: Math.min(MAX_COPIES, Math.max(1, a.draft.copies ?? s.draft.copies)) } };
    case 'next':
      if (s.step === 'options' && draftComplete(s.draft)) return { ...s, step: 'copies' };
      if (s.step === 'copies') return { ...s, step: 'requesting' };
      return s;
    case 'back':
      if (s.step === 'copies') return s.entry.type === 'inkan' ? { step: 'choose', catalog: s.catalog } : { ...s, step: 'options' };
      if (s.step === 'options') return { step: 'choose', catalog: s.catalog };
      return s;
    case 'requested':
      return s.step === 'requesting'
        ? { step: 'confirm', requestId: a.requestId, fee: a.fee, summary: a.summary, entry: s.entry, copies: s.draft.copies, draft: s.draft, household: s.catalog.household }
        : s;
    case 'pay':
      return s.step === 'confirm' ? { step: 'paying', requestId: s.requestId, fee: s.fee, inserted: 0, remaining: s.fee, cancelling: false } : s;
    case 'payment-progress':
      return s.step === 'paying' && s.requestId === a.requestId ? { ...s, inserted: a.inserted, remaining: a.remaining } : s;
    case 'cancel-payment':
      return s.step === 'paying' ? { ...s, cancelling: true } : s;
    case 'paid':
      return s.step === 'paying' ? { step: 'printing', requestId: s.requestId, change: a.change, phase: 'sending', printer: null } : s;
    case 'print-progress':
      if (s.step !== 'printing' || s.requestId !== a.requestId) return s;
      if (a.phase in RECEIPT_PHASES) {
        // The certificate is out; a receipt fault is no reason to keep calling staff on this screen.
        const receipt = RECEIPT_PHASES[a.phase]!;
        return { ...s, receipt, printer: receipt === 'pending' ? s.printer : null };
      }
      // Printing again after a wait: the printer is fine now, the calm "staff called" note goes.
      return { ...s, phase: a.phase, printer: a.phase === 'printing' ? null : s.printer };
    case 'printer':
      return s.step === 'printing' ? { ...s, printer: a.status.needsStaff ? a.status : null } : s;
    case 'printed':
      if (s.step !== 'printing') return s;
      // A receipt whose outcome never arrived is not claimed: the resident is told to ask staff.
      if (a.status === 'printed') return { step: 'done', change: s.change, ...(s.receipt ? { receipt: s.receipt === 'printed' ? 'printed' : 'failed' } : {}) };
      if (a.state === 'refunded') return { step: 'refunded', amount: a.refunded };
      return { step: 'held', requestId: s.requestId };
    case 'cancelled':
      // The cancel answer and the payment's own "cancelled" may both arrive: the larger refund stands.
      return { step: 'cancelled', refunded: Math.max(a.refunded ?? 0, s.step === 'cancelled' ? s.refunded : 0) };
    case 'error': {
      if (a.kind === 'issuance.refused') {
        const reason = typeof a.details?.reason === 'string' ? a.details.reason : 'other';
        const where = typeof a.details?.where === 'string' ? a.details.where : 'municipal_window';
        return { step: 'refused', reason, where };
      }
      if (a.kind === 'payment.cancelled') {
        const refunded = typeof a.details?.refunded === 'number' ? a.details.refunded : 0;
        return { step: 'cancelled', refunded: Math.max(refunded, s.step === 'cancelled' ? s.refunded : 0) };
      }
      // Printing that failed in an unexpected way is with staff: the fee is not lost.
      if (s.step === 'printing') return { step: 'held', requestId: s.requestId };
      return failure(a.kind);
    }
  }
}

/** Steps where the resident is deciding (the idle timer runs); paying and printing are not idle. */
export function idleApplies(s: Step): boolean {
  return s.step !== 'printing' && s.step !== 'requesting' && s.step !== 'loading' && !(s.step === 'paying' && s.cancelling);
}
