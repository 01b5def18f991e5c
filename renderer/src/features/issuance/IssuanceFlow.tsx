// The certificate-issuance steps after the card is taken: each step has one heading (focused on
// arrival), one question and large buttons; money and printing always say what happens next.
// Its state is the pure `issuanceFlow` reducer; this component runs each step's one command.
import { useEffect, useReducer } from 'react';
import { toKioskError } from '../../../../common/errors';
import { T } from '../../app/prefs';
import type { ServiceFlowProps } from '../../shared/service';
import { issuanceSpeech } from './spoken';
import { Speak } from '../../app/voice';
import { idleApplies, issuanceFlow, initialIssuance, toRequest } from './issuance-flow';
import { Choose, Copies, Options } from './ChooseScreens';
import { Busy, Confirm, Done, Ending, Paying, Printing } from './PayPrintScreens';

// holderName: the confirm screen names whom the certificate covers; onStaff: a held print is settled here.
export function IssuanceFlow({ client, demo, holderName, onFinish, onIdleApplies, onStaff }: ServiceFlowProps) {
  const [s, dispatch] = useReducer(issuanceFlow, initialIssuance);
  const failed = (err: unknown) => {
    const e = toKioskError(err);
    dispatch({ type: 'error', kind: e.kind, details: e.details as Record<string, string | number | boolean> });
  };

  useEffect(() => {
    const offs = [
      client.on('payment.progress', (p) => dispatch({ type: 'payment-progress', requestId: p.requestId, inserted: p.inserted, remaining: p.remaining })),
      client.on('issuance.progress', (p) => dispatch({ type: 'print-progress', requestId: p.requestId, phase: p.phase })),
      client.on('printer.status', (status) => dispatch({ type: 'printer', status })),
    ];
    return () => offs.forEach((off) => off());
  }, [client]);

  const applies = idleApplies(s);
  useEffect(() => onIdleApplies(applies), [applies, onIdleApplies]);

  // Each step's one command.
  const requestId = 'requestId' in s ? s.requestId : null;
  useEffect(() => {
    if (s.step === 'loading') client['issuance.catalog']({}).then((catalog) => dispatch({ type: 'catalog', catalog }), failed);
    if (s.step === 'requesting') client['issuance.request'](toRequest(s.entry, s.draft)).then((r) => dispatch({ type: 'requested', ...r }), failed);
    if (s.step === 'paying' && !s.cancelling) client['issuance.pay']({ requestId: s.requestId }).then((r) => dispatch({ type: 'paid', change: r.change }), failed);
    if (s.step === 'printing') {
      const id = s.requestId;
      client['issuance.print']({ requestId: id }).then(async (r) => {
        // A refund is shown with its amount: what the resident takes from the change tray.
        const refunded = r.state === 'refunded' ? (await client['issuance.status']({ requestId: id }).catch(() => null))?.paid ?? 0 : 0;
        dispatch({ type: 'printed', state: r.state, status: r.outcome.status, refunded });
      }, failed);
    }
    // Only a change of step (or request) starts a command; progress updates must not re-run it.
  }, [client, s.step, requestId]);

  const cancel = (id: string | null) => {
    if (!id) return dispatch({ type: 'cancelled' });
    client['issuance.cancel']({ requestId: id }).then((r) => dispatch({ type: 'cancelled', refunded: r.refunded }), failed);
  };

  return (
    <div className="issuance" data-step={s.step}>
      <Speak parts={issuanceSpeech(s)} />
      {s.step === 'loading' && <Busy title="iss.loading" />}
      {s.step === 'choose' && <Choose catalog={s.catalog} onPick={(entry) => dispatch({ type: 'pick', entry })} onCancel={onFinish} />}
      {s.step === 'options' && <Options s={s} dispatch={dispatch} onCancel={onFinish} />}
      {s.step === 'copies' && <Copies s={s} dispatch={dispatch} onCancel={onFinish} />}
      {s.step === 'requesting' && <Busy title="iss.requesting" />}
      {s.step === 'confirm' && <Confirm s={s} holderName={holderName} onPay={() => dispatch({ type: 'pay' })} onCancel={() => cancel(s.requestId)} />}
      {s.step === 'paying' && (
        <Paying s={s} client={client} demo={demo} onCancel={() => {
          dispatch({ type: 'cancel-payment' });
          cancel(s.requestId);
        }} />
      )}
      {s.step === 'printing' && <Printing s={s} />}
      {s.step === 'done' && <Done change={s.change} receipt={s.receipt} onFinish={onFinish} />}
      {s.step === 'held' && <Ending tone="warn" title="iss.held.title" body="iss.held.body" reference={s.requestId.slice(-8).toUpperCase()} onFinish={null} onStaff={onStaff} />}
      {s.step === 'refunded' && <Ending tone="warn" title="iss.refunded.title" body="iss.refunded.body" vars={{ n: s.amount }} onFinish={onFinish} />}
      {s.step === 'cancelled' && (
        <Ending tone="ok" title="iss.cancelled.title" body={s.refunded > 0 ? 'iss.cancelled.bodyRefund' : 'iss.cancelled.body'} vars={{ n: s.refunded }} onFinish={onFinish} />
      )}
      {s.step === 'refused' && <Ending tone="warn" title="iss.refused.title" body={null} refusal={s} onFinish={onFinish} />}
      {s.step === 'failed' && (
        <Ending
          tone="error"
          title={s.problem === 'unreachable' ? 'iss.err.unreachable.title' : s.problem === 'payment' ? 'iss.err.payment.title' : 'err.internal.title'}
          body={s.problem === 'unreachable' ? 'iss.err.unreachable.body' : s.problem === 'payment' ? 'iss.err.payment.body' : 'err.internal.next'}
          onFinish={onFinish}
        />
      )}
      <p className="sr-only" aria-live="polite">
        {s.step === 'printing' && <T k="iss.print.stay" />}
      </p>
    </div>
  );
}
