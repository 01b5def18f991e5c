// The staff screen as a pure reducer (unit-tested in Node):
//   list → reason (preset buttons) → confirm → working → outcome → list
// Staff mode itself is decided in the main process; this only mirrors what staff see. The list
// carries no personal data (the contract's HeldRequestView has none to carry).
import type { HeldDecisionView, HeldRequestView, StaffHeldView, StaffReasonView, StaffResolvedView } from '../../../../common/api/contract';
import type { ErrorKind } from '../../../../common/errors';

export type StaffOutcome =
  | { kind: 'printed' | 'reprinted' | 'held' | 'gone' | 'unreachable' | 'failed' }
  | { kind: 'refunded' | 'owed'; amount: number };

export type StaffStep =
  | { step: 'list' }
  | { step: 'reason'; request: HeldRequestView; decision: HeldDecisionView }
  | { step: 'confirm'; request: HeldRequestView; decision: HeldDecisionView; reason: StaffReasonView }
  | { step: 'working'; request: HeldRequestView; decision: HeldDecisionView; reason: StaffReasonView }
  | { step: 'outcome'; request: HeldRequestView; decision: HeldDecisionView; outcome: StaffOutcome };

export interface StaffState {
  held: StaffHeldView;
  /** A refresh of the list is running (the refresh button is disabled meanwhile). */
  refreshing: boolean;
  s: StaffStep;
}

export type StaffAction =
  | { type: 'refresh' }
  | { type: 'loaded'; held: StaffHeldView }
  | { type: 'choose'; requestId: string; decision: HeldDecisionView }
  | { type: 'reason'; reason: StaffReasonView }
  | { type: 'back' }
  | { type: 'confirm' }
  | { type: 'resolved'; result: StaffResolvedView }
  | { type: 'failed'; kind: ErrorKind }
  | { type: 'to-list' };

export function initialStaff(held: StaffHeldView): StaffState {
  return { held, refreshing: false, s: { step: 'list' } };
}

/** Which decisions a request allows: a failed one (the fee is owed) can only be refunded. */
export function decisionsFor(r: HeldRequestView): HeldDecisionView[] {
  return r.state === 'failed' ? ['refund'] : ['printed', 'reprint', 'refund'];
}

export function outcomeOf(decision: HeldDecisionView, r: StaffResolvedView, request: HeldRequestView): StaffOutcome {
  if (r.state === 'refunded') return { kind: 'refunded', amount: r.refunded };
  if (r.state === 'failed') return { kind: 'owed', amount: request.paid };
  if (r.state === 'held') return { kind: 'held' };
  if (r.state === 'printed' || r.state === 'synced') return { kind: decision === 'reprint' ? 'reprinted' : 'printed' };
  return { kind: 'failed' };
}

function failure(kind: ErrorKind, request: HeldRequestView): StaffOutcome {
  // The payment device could not pay the refund: the request is now 'failed' with the fee owed.
  if (kind === 'payment.failed') return { kind: 'owed', amount: request.paid };
  if (kind === 'issuance.invalid_state' || kind === 'issuance.not_found') return { kind: 'gone' };
  if (kind === 'sync.unreachable' || kind === 'sync.server_error' || kind === 'sync.rejected') return { kind: 'unreachable' };
  return { kind: 'failed' };
}

export function staffFlow(st: StaffState, a: StaffAction): StaffState {
  const s = st.s;
  switch (a.type) {
    case 'refresh':
      return { ...st, refreshing: true };
    case 'loaded':
      return { ...st, held: a.held, refreshing: false };
    case 'choose': {
      if (s.step !== 'list') return st;
      const request = st.held.held.find((h) => h.requestId === a.requestId);
      if (!request || !decisionsFor(request).includes(a.decision)) return st;
      return { ...st, s: { step: 'reason', request, decision: a.decision } };
    }
    case 'reason':
      return s.step === 'reason' ? { ...st, s: { ...s, step: 'confirm', reason: a.reason } } : st;
    case 'back':
      if (s.step === 'confirm') return { ...st, s: { step: 'reason', request: s.request, decision: s.decision } };
      if (s.step === 'reason') return { ...st, s: { step: 'list' } };
      return st;
    case 'confirm':
      return s.step === 'confirm' ? { ...st, s: { ...s, step: 'working' } } : st;
    case 'resolved':
      if (s.step !== 'working') return st;
      return { ...st, s: { step: 'outcome', request: s.request, decision: s.decision, outcome: outcomeOf(s.decision, a.result, s.request) } };
    case 'failed':
      if (s.step === 'working') return { ...st, s: { step: 'outcome', request: s.request, decision: s.decision, outcome: failure(a.kind, s.request) } };
      return { ...st, refreshing: false };
    case 'to-list':
      return { ...st, s: { step: 'list' } };
  }
}
