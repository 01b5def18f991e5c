// The payment desk's commands in staff mode: desk.payments (the day's payments of the hospital's
// kiosks as the back office answers them), desk.refund and desk.settle_held (staff's refund of a
// payment made at this kiosk, their decision on a payment held here — the billing service does the
// work). The reception desk's rule holds here too: the screen's own refreshes keep staff mode open
// but are not staff's activity, and a refresh 30 minutes after the last tap locks staff mode — a
// screen left open at the cashier's window must not keep the refund button live for the next person.
import { DESK_IDLE_SEC, type KioskApi } from '../../../common/api/contract';
import { KioskError } from '../../../common/errors';
import { japanDate, type DeskGate } from './desk-commands';
import type { PaymentsDeskSource } from './payments-client';
import type { StaffPaymentActions } from './staff-payments';

type PaymentDeskApi = Pick<KioskApi, 'desk.payments' | 'desk.refund' | 'desk.settle_held'>;

export function createDeskPaymentCommands(deps: {
  source: PaymentsDeskSource;
  /** Absent: this kiosk takes no payments (a reception kiosk): staff see the day, and refund where the payment was made. */
  actions?: StaffPaymentActions;
  gate: DeskGate;
  clock?: () => number;
  log: (m: string) => void;
}): PaymentDeskApi {
  const clock = deps.clock ?? Date.now;
  let lastTap = Number.NEGATIVE_INFINITY;

  /** Staff mode open, and this is a tap of staff's (or a refresh within 30 minutes of one). */
  function admit(refresh: boolean): void {
    deps.gate.require();
    const now = clock();
    if (!refresh) { lastTap = now; return; }
    if (now - lastTap > DESK_IDLE_SEC * 1000) {
      deps.gate.lock('timeout');
      deps.log('payment desk: no tap for 30 min, staff mode locked');
      throw new KioskError('staff.locked', 'staff mode ended: the desk was left without a tap for 30 minutes');
    }
  }

  function actions(): StaffPaymentActions {
    if (!deps.actions) throw new KioskError('api.unsupported', 'this kiosk takes no payments: refund or settle the payment at the kiosk that took it');
    return deps.actions;
  }

  return {
    'desk.payments': async ({ refresh }) => {
      admit(refresh);
      const answer = await deps.source.payments(japanDate(clock()));
      return { ...answer, fetchedAt: new Date(clock()).toISOString() };
    },
    'desk.refund': async ({ paymentRef, amount, reason }) => {
      admit(false);
      const done = await actions().refund(paymentRef, amount, reason);
      // The amount, not the reason: staff may write a name into it.
      deps.log(`payment desk: refund of ${amount} yen, payment ${paymentRef} now ${done.status}`);
      return done;
    },
    'desk.settle_held': async ({ paymentRef, decision }) => {
      admit(false);
      const done = await actions().settleHeld(paymentRef, decision);
      deps.log(`payment desk: held payment ${paymentRef} settled (${decision}), now ${done.status}`);
      return done;
    },
  };
}
