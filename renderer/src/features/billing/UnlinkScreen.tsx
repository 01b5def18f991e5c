// Removing the account linked to the My Number Card, from the bill: one confirm step naming the
// account (brand ••••1234) so the patient knows which card stops working, then the bill again
// without the linked method. Nothing is paid or taken here.
import { T } from '../../app/prefs';
import { Heading } from '../../shared/Heading';
import type { BillingAction, Step } from './billing-flow';

export function ConfirmUnlink({ s, dispatch }: { s: Extract<Step, { step: 'confirm-unlink' }>; dispatch: (a: BillingAction) => void }) {
  const account = s.view.linkedAccount;
  return (
    <section className="screen center" aria-busy={s.busy}>
      <Heading k="bil.unlink.title" />
      {account && <p className="lead bill-account" data-testid="unlink-account"><T k="bil.account" vars={{ brand: account.brand, last4: account.last4 }} /></p>}
      <p className="lead"><T k="bil.unlink.body" /></p>
      {s.busy && <p className="alert alert-calm" role="status"><T k="bil.unlink.busy" /></p>}
      <div className="actions">
        <button type="button" className="btn btn-secondary" onClick={() => dispatch({ type: 'back' })} disabled={s.busy} data-keypad="back" data-testid="unlink-back"><T k="bil.back" /></button>
        <button type="button" className="btn btn-primary" onClick={() => dispatch({ type: 'unlink-confirm' })} disabled={s.busy} data-testid="unlink-confirm"><T k="bil.unlink.confirm" /></button>
      </div>
    </section>
  );
}
