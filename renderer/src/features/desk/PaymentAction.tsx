// Staff's action on one payment, in a modal dialog with a confirm step: a refund (the amount on a
// large number pad — the kiosk has no keyboard — and a reason chosen from a short list), or a held
// payment's decision (record it in the accounting system, or refund it in full). Nothing is sent
// before 「はい、実行する」; the outcome or the failure is said in words in the same dialog.
import { useRef, useState } from 'react';
import type { KioskClient } from '../../../../common/api/client';
import { toKioskError } from '../../../../common/errors';
import { useFocusOnMount } from '../../app/hooks';
import { useModal } from '../../app/modal';
import { T, useText } from '../../app/prefs';
import type { MessageKey, Vars } from '../../i18n';
import type { PaymentAsk } from './PaymentTables';
import { REFUND_REASONS, actionErrorKey, groupedYen, refundProblem, refundable } from './payments-view';

type Line = { k: MessageKey; vars?: Vars };
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
type DeskPaymentAction = Awaited<ReturnType<KioskClient['desk.refund']>>;

export function PaymentAction({ client, ask, onClose, onTap }: {
  client: KioskClient;
  ask: PaymentAsk;
  /** Closes the dialog; `changed` when something was done (the screen asks for the day again). */
  onClose: (changed: boolean) => void;
  /** Staff touched it (keeps staff mode open past the periodic refreshes). */
  onTap: () => void;
}) {
  const dialog = useRef<HTMLDivElement>(null);
  useModal(dialog);
  const first = useFocusOnMount<HTMLButtonElement>();
  const { row, action } = ask;
  const [amount, setAmount] = useState(String(action === 'refund' ? refundable(row) : row.amount));
  const [reason, setReason] = useState('');
  const [step, setStep] = useState<'form' | 'confirm' | 'busy' | 'done'>(action === 'refund' ? 'form' : 'confirm');
  const [problem, setProblem] = useState<Line | null>(null);
  const [outcome, setOutcome] = useState<{ line: Line; ok: boolean } | null>(null);
  const t = useText();
  const yen = (n: number): Vars => ({ amount: t('desk.pay.yen', { n: groupedYen(n) }) });

  const next = () => {
    const p = refundProblem(row, amount, reason);
    setProblem(p);
    if (!p) setStep('confirm');
  };
  const run = () => {
    setStep('busy');
    const call: Promise<DeskPaymentAction> = action === 'refund'
      ? client['desk.refund']({ paymentRef: row.paymentRef, amount: Number(amount), reason })
      : client['desk.settle_held']({ paymentRef: row.paymentRef, decision: action === 'record' ? 'record' : 'refund' });
    call.then((r) => {
      setOutcome({ ok: true, line: r.status === 'recorded' && action !== 'refund' ? { k: 'desk.pay.done.recorded' } : { k: 'desk.pay.done.refunded', vars: yen(r.refunded) } });
      setStep('done');
    }, (err: unknown) => {
      setOutcome({ ok: false, line: { k: actionErrorKey(toKioskError(err).kind) } });
      setStep('done');
    });
  };
  const confirmLine: Line = action === 'record' ? { k: 'desk.pay.confirm.record', vars: yen(row.amount) }
    : action === 'refundHeld' ? { k: 'desk.pay.confirm.refundHeld', vars: yen(row.amount) }
      : { k: 'desk.pay.confirm.refund', vars: yen(Number(amount)) };

  return (
    <div className="overlay">
      <div ref={dialog} className="dialog pay-dialog" role="dialog" aria-modal="true" aria-labelledby="pay-dialog-title" data-testid="pay-dialog" data-step={step}
        onPointerDownCapture={onTap} onKeyDownCapture={onTap}>
        <h2 id="pay-dialog-title">
          <T k={action === 'record' ? 'desk.pay.record' : 'desk.pay.refund'} /> — <span className="desk-patient">{row.patientRef} / {row.invoiceNumber}</span>
        </h2>
        {step === 'form' && (
          <>
            <p className="pay-amount-label"><T k="desk.pay.form.amount" /></p>
            <p className="pay-amount" data-testid="pay-amount" aria-live="polite">{amount === '' ? '0' : groupedYen(Number(amount))}</p>
            <div className="pay-pad">
              {DIGITS.map((d) => (
                <button key={d} type="button" className="key" onClick={() => setAmount((a) => (a === '0' ? d : (a + d).slice(0, 8)))} data-testid={`pay-digit-${d}`}>{d}</button>
              ))}
              <button type="button" className="key key-aux" onClick={() => setAmount((a) => a.slice(0, -1))} data-testid="pay-digit-back">⌫</button>
              <button type="button" className="key key-aux" onClick={() => setAmount(String(refundable(row)))} data-testid="pay-full"><T k="desk.pay.form.full" /></button>
            </div>
            <fieldset className="pay-reasons">
              <legend><T k="desk.pay.form.reason" /></legend>
              {REFUND_REASONS.map((r) => (
                <button key={r} type="button" className="btn btn-secondary btn-small" aria-pressed={reason === r} onClick={() => setReason(r)} data-testid={`pay-reason-${r}`}>
                  {reason === r ? '● ' : '○ '}<T k={`desk.pay.why.${r}`} />
                </button>
              ))}
            </fieldset>
            {problem && <p className="alert alert-error" role="alert" data-testid="pay-problem"><T k={problem.k} {...(problem.vars ? { vars: problem.vars } : {})} /></p>}
            <div className="actions">
              <button ref={first} type="button" className="btn btn-secondary" onClick={() => onClose(false)} data-testid="pay-cancel"><T k="desk.pay.cancel" /></button>
              <button type="button" className="btn btn-primary" onClick={next} data-testid="pay-next"><T k="desk.pay.form.next" /></button>
            </div>
          </>
        )}
        {(step === 'confirm' || step === 'busy') && (
          <>
            <p className="lead pay-confirm" data-testid="pay-confirm"><T k={confirmLine.k} {...(confirmLine.vars ? { vars: confirmLine.vars } : {})} /></p>
            <div className="actions">
              <button ref={step === 'confirm' && action !== 'refund' ? first : undefined} type="button" className="btn btn-secondary" disabled={step === 'busy'}
                onClick={() => (action === 'refund' ? setStep('form') : onClose(false))} data-testid="pay-cancel"><T k="desk.pay.cancel" /></button>
              <button type="button" className="btn btn-primary" disabled={step === 'busy'} onClick={run} data-testid="pay-yes"><T k="desk.pay.confirm.yes" /></button>
            </div>
          </>
        )}
        {step === 'done' && outcome && (
          <>
            <p className={outcome.ok ? 'alert alert-ok' : 'alert alert-error'} role="alert" data-testid="pay-outcome" data-ok={outcome.ok}>
              {outcome.ok ? '✓ ' : '⚠ '}<T k={outcome.line.k} {...(outcome.line.vars ? { vars: outcome.line.vars } : {})} />
            </p>
            <div className="actions">
              <button type="button" className="btn btn-primary" onClick={() => onClose(outcome.ok)} data-testid="pay-close" autoFocus><T k="desk.pay.close" /></button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
