// Hospital payment after the PIN: its state is the pure `billingFlow` reducer; this component runs
// each step's one command (billing.checkout to look up, .pay once per choice, .cancel, .print to
// print again, .link, .unlink) and renders the step. The checkout is the main process's; nothing here is
// kept after it.
import { useEffect, useReducer } from 'react';
import type { BillingMethodView, CheckoutView } from '../../../../common/api/contract';
import { toKioskError } from '../../../../common/errors';
import { usePrefs } from '../../app/prefs';
import { Speak } from '../../app/voice';
import type { ServiceFlowProps } from '../../shared/service';
import { billingFlow, idleApplies, initialBilling, type BillingAction } from './billing-flow';
import { Bill, ConfirmLinked } from './BillScreens';
import { Done, EndScreen, LookingUp } from './EndScreens';
import { DemoCardTerminal, Paying, Printing } from './PayScreens';
import { billingSpeech } from './spoken';
import { ConfirmUnlink } from './UnlinkScreen';

export function BillingFlow({ client, demo, onFinish, onIdleApplies, device = 'card', cardOnReader = false }: ServiceFlowProps) {
  const [s, dispatch] = useReducer(billingFlow, initialBilling);
  const { lang } = usePrefs();
  const failed = (err: unknown) => {
    const e = toKioskError(err);
    const reason = typeof e.details?.reason === 'string' ? e.details.reason : undefined;
    dispatch(reason ? { type: 'error', kind: e.kind, reason } : { type: 'error', kind: e.kind });
  };
  const view = (v: CheckoutView) => dispatch({ type: 'view', view: v });
  const checkoutId = 'view' in s && s.view ? s.view.checkoutId : null;

  const applies = idleApplies(s);
  useEffect(() => onIdleApplies(applies), [applies, onIdleApplies]);

  // Looking up: the session's open checkout, or the next unpaid bill.
  useEffect(() => {
    if (s.step !== 'looking_up') return;
    let stop = false;
    client['billing.checkout']({}).then((v) => { if (!stop) view(v); }, (err: unknown) => { if (!stop) failed(err); });
    return () => { stop = true; };
  }, [client, s.step]);

  // The device's and the printer's news while paying and printing.
  useEffect(() => client.on('billing.progress', (progress) => dispatch({ type: 'progress', progress })), [client]);

  // Linking a card for next time: the card terminal once.
  useEffect(() => {
    if (s.step !== 'done' || s.link !== 'linking') return;
    client['billing.link']({}).then((link) => dispatch({ type: 'link', link }), failed);
  }, [client, s.step, s.step === 'done' ? s.link : null]);

  // One billing.pay per choice: sent from the click, never from a re-render.
  const pay = (method: BillingMethodView) => {
    if (!checkoutId) return;
    client['billing.pay']({ checkoutId, method }).then(view, failed);
  };
  const choose = (method: BillingMethodView) => {
    dispatch({ type: 'choose', method });
    if (method !== 'linked') pay(method);
  };
  // Removing the linked account: the back office forgets it, then the checkout as main has it now (no linked method).
  const unlink = () => {
    client['billing.unlink']({}).then(() => client['billing.checkout']({})).then((v) => dispatch({ type: 'unlinked', view: v }), failed);
  };
  const act = (a: BillingAction) => {
    if (a.type === 'choose') return choose(a.method);
    if (a.type === 'unlink-confirm' && (s.step !== 'confirm-unlink' || s.busy)) return;
    dispatch(a);
    if (a.type === 'confirm') pay('linked');
    if (a.type === 'unlink-confirm') unlink();
  };
  const cancelPaying = () => {
    if (!checkoutId) return;
    dispatch({ type: 'cancel' });
    client['billing.cancel']({ checkoutId }).then(view, failed);
  };
  // Leaving at the bill: the checkout is cancelled (the bill unlocked for the desk), then the visit ends.
  const leaveBill = () => {
    if (!checkoutId) return onFinish();
    client['billing.cancel']({ checkoutId }).then(onFinish, onFinish);
  };
  const reprint = () => {
    if (!checkoutId) return;
    dispatch({ type: 'reprint' });
    client['billing.print']({ checkoutId, language: lang }).then(view, failed);
  };

  const end = { device, onReader: cardOnReader, onFinish };
  return (
    <div className="billing" data-step={s.step}>
      <Speak parts={billingSpeech(s, device)} />
      {s.step === 'looking_up' && <LookingUp />}
      {s.step === 'bill' && <Bill s={s} dispatch={act} onCancel={leaveBill} />}
      {s.step === 'confirm-linked' && <ConfirmLinked s={s} dispatch={act} />}
      {s.step === 'confirm-unlink' && <ConfirmUnlink s={s} dispatch={act} />}
      {s.step === 'paying' && <Paying s={s} client={client} demo={demo} onCancel={cancelPaying} />}
      {s.step === 'printing' && <Printing />}
      {s.step === 'done' && <Done s={s} dispatch={act} onReprint={reprint} {...end} {...(demo ? { demoTerminal: <DemoCardTerminal client={client} /> } : {})} />}
      {(s.step === 'nothing_due' || s.step === 'desk' || s.step === 'held' || s.step === 'stopped' || s.step === 'failed') && <EndScreen s={s} {...end} />}
    </div>
  );
}
