// Child process of the billing crash tests and the payment soak: a payment kiosk
// (billing-crash-kiosk.ts) that takes one patient's checkout towards a kill point, says so on stdout
// ("at <point> <checkoutId>"), and then stays exactly there until the parent SIGKILLs it. A point
// right after a state was committed (or right before it would be) blocks the thread synchronously,
// so not one more statement of the kiosk runs:
//   bill_shown  the bill is on the screen, locked in the accounting system, nothing taken;
//   paying      cash: half the amount in the acceptor's escrow; card: the terminal waiting for the
//               customer; (linked has no customer step: see approved);
//   approved    the device kept the money (journal written) and the kiosk has not written 'paid';
//   paid        'paid' committed, 入金 not sent;
//   recorded    入金 recorded and 'recorded' committed, the documents not started;
//   printing    the 領収証 being drawn;
//   anytime     no hook: devices answer at once and the parent kills at a random instant.
// Everything comes from the environment; the checkout's id is the parent's (BILLING_CHECKOUT_ID).
import { writeSync } from 'node:fs';
import type { CheckoutStore } from '../../electron/services/billing/checkout-machine';
import { createIppPrinter } from '../../electron/services/printing/ipp-printer';
import { openCrashKiosk } from './billing-crash-kiosk';

const env = (k: string) => process.env[k] ?? (() => { throw new Error(`${k} missing`); })();
const point = env('BILLING_KILL_AT');
const method = env('BILLING_METHOD') as 'cash' | 'card' | 'linked';
const checkoutId = env('BILLING_CHECKOUT_ID');
const say = (s: string) => writeSync(1, `${s}\n`);
const hang = () => new Promise<never>(() => undefined);
/** Stops this thread where it stands (nothing after it runs) until the SIGKILL. */
function freeze(at: string): never {
  say(`at ${at} ${checkoutId}`);
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

const STATE_POINTS = new Set(['bill_shown', 'paid', 'recorded']);
const wrapStore = (s: CheckoutStore): CheckoutStore => ({
  ...s,
  transition(id, to, opts) {
    if (point === 'approved' && to === 'paid') freeze('approved');
    const row = s.transition(id, to, opts);
    if (to === point && STATE_POINTS.has(point)) freeze(point);
    return row;
  },
});

const slowDevices = point === 'paying';
const kiosk = openCrashKiosk({
  dir: env('BILLING_DIR'), orcaUrl: env('BILLING_ORCA_URL'), backOfficeUrl: env('BILLING_BO_URL'), kioskKey: env('BILLING_KIOSK_KEY'),
  // The patient pays in ¥1000 notes (change given) or is approved at once, unless the kill is mid-payment.
  acceptor: slowDevices ? { mode: 'manual' } : { mode: 'auto', autoInsert: [1000], intervalMs: 5 },
  terminal: slowDevices ? { mode: 'manual' } : { mode: 'auto', auto: 'approve' },
  wrapStore,
  extra: {
    newId: () => checkoutId,
    ...(point === 'printing' ? {
      printer: createIppPrinter({ printerUri: 'ipp://127.0.0.1:9/printers/none' }),
      renderDocuments: () => { say(`at printing ${checkoutId}`); return hang(); },
    } : {}),
  },
});

say('ready');
const shown = await kiosk.service.start({ patientId: env('BILLING_PATIENT') }, 'card');
if (shown.state !== 'bill_shown') {
  say(`ended ${shown.state} ${checkoutId}`);
} else {
  let half = false;
  const view = await kiosk.service.pay(checkoutId, method, (p) => {
    if (point !== 'paying') return;
    if (p.phase === 'authorizing') say(`at paying ${checkoutId}`); // the card terminal waits for the customer
    if (p.phase === 'collecting' && method === 'cash') {
      if (!half) { half = true; setImmediate(() => kiosk.acceptor.insert(500)); } // a ¥500 coin of the ¥1,790 due
      else if ((p.inserted ?? 0) > 0) say(`at paying ${checkoutId}`);
    }
  }, 'ja');
  say(`ended ${view.state} ${checkoutId}`);
}
setInterval(() => undefined, 1000);
