// Confirming, paying, printing and the endings. Money is always shown as three numbers (to pay,
// inserted, still to go); printing tells the resident to stay; a printer problem is said calmly,
// in plain words, with what happens next — never a printer code.
import type { KioskClient } from '../../../../common/api/client';
import { T, usePrefs, useText } from '../../app/prefs';
import type { MessageKey } from '../../i18n';
import { Heading } from '../../shared/Heading';
import type { Step } from './issuance-flow';
import { typeKey } from '../../shared/certificate-words';
import { optionKey, printerKey, reasonKey, whereKey } from './words';

export function Busy({ title }: { title: MessageKey }) {
  return (
    <section className="screen center" aria-busy="true">
      <Heading k={title} />
      <div className="progress" role="progressbar" aria-label="…"><span /></div>
      <p className="lead" role="status"><T k="wait" /></p>
    </section>
  );
}

/** The items a 住民票 can carry beyond name, address and dates: each is said as shown or left off. */
const EXTRA_ITEMS = ['householdHead', 'honseki', 'myNumber'] as const;

/**
 * What the resident is about to pay for, each fact once and in their language: the certificate,
 * whom it covers (by name — a seal certificate too), the items shown and left off, the copies;
 * then the fee. Built from what they chose, not from the back office's Japanese summary lines.
 */
export function Confirm({ s, holderName, onPay, onCancel }: { s: Extract<Step, { step: 'confirm' }>; holderName?: string | undefined; onPay: () => void; onCancel: () => void }) {
  const { lang } = usePrefs();
  const t = useText();
  const { draft, entry } = s;
  const list = (items: string[]) => items.join(lang === 'ja' || lang === 'zh' ? '、' : ', ');
  const names = draft.scope === 'self' ? (holderName ? [holderName] : [])
    : draft.scope === 'household' ? s.household.map((m) => m.name)
      : s.household.filter((m) => draft.memberIds.includes(m.residentId)).map((m) => m.name);
  const count = draft.scope === 'self' ? 1 : names.length;
  const label = (k: (typeof EXTRA_ITEMS)[number]) => t(optionKey(k)!);
  const shown = EXTRA_ITEMS.filter((k) => draft.options[k] === true);
  const omitted = EXTRA_ITEMS.filter((k) => draft.options[k] !== true);
  return (
    <section className="screen">
      <Heading k="iss.confirm.title" />
      <dl className="summary" data-testid="summary">
        <dt><T k="iss.confirm.type" /></dt>
        <dd data-testid="summary-type"><T k={typeKey(entry.type)} /></dd>
        <dt><T k="iss.confirm.who" /></dt>
        <dd data-testid="summary-covers">
          {entry.type === 'inkan'
            ? <T k="iss.confirm.holderOnly" vars={{ name: holderName ?? '' }} />
            : <T k="iss.confirm.people" vars={{ scope: t(`iss.confirm.scope.${draft.scope}`), count, names: list(names) }} />}
        </dd>
        {entry.type !== 'inkan' && (
          <>
            <dt><T k="iss.confirm.shown" /></dt>
            <dd data-testid="summary-shown">{shown.length ? list(shown.map(label)) : t('iss.confirm.none')}</dd>
            <dt><T k="iss.confirm.omitted" /></dt>
            <dd data-testid="summary-omitted">{omitted.length ? list(omitted.map(label)) : t('iss.confirm.none')}</dd>
          </>
        )}
        <dt><T k="iss.confirm.copies" /></dt>
        <dd data-testid="summary-copies"><T k="iss.copies.count" vars={{ n: s.copies }} /></dd>
      </dl>
      <p className="fee" data-testid="fee" data-fee={s.fee}><T k="iss.confirm.fee" vars={{ fee: s.fee.toLocaleString('ja-JP') }} /></p>
      <div className="actions">
        <button type="button" className="btn btn-secondary" onClick={onCancel} data-keypad="back"><T k="iss.cancel" /></button>
        <button type="button" className="btn btn-primary" onClick={onPay}><T k="iss.confirm.pay" /></button>
      </div>
    </section>
  );
}

const DEMO_COINS = [10, 50, 100, 500, 1000] as const;

export function Paying({ s, client, demo, onCancel }: { s: Extract<Step, { step: 'paying' }>; client: KioskClient; demo: boolean; onCancel: () => void }) {
  const put = (input: { yen: (typeof DEMO_COINS)[number] } | { ic: true }) => void client['demo.pay'](input).catch(() => undefined);
  return (
    <section className="screen center">
      <Heading k="iss.pay.title" />
      <div className="money" data-testid="money" data-inserted={s.inserted} data-remaining={s.remaining}>
        <p className="money-total"><T k="iss.pay.total" vars={{ fee: s.fee.toLocaleString('ja-JP') }} /></p>
        <p><T k="iss.pay.inserted" vars={{ n: s.inserted.toLocaleString('ja-JP') }} /></p>
        <p className="money-remaining"><T k="iss.pay.remaining" vars={{ n: s.remaining.toLocaleString('ja-JP') }} /></p>
      </div>
      <p className="lead" role="status"><T k="iss.pay.hint" /></p>
      <div className="actions">
        <button type="button" className="btn btn-secondary" disabled={s.cancelling} onClick={onCancel} data-keypad="back"><T k="iss.pay.cancel" /></button>
      </div>
      {demo && (
        <aside className="demo-money" aria-label="demo" data-testid="demo-money">
          <strong><T k="demo.pay.title" /></strong>
          {DEMO_COINS.map((y) => (
            <button key={y} type="button" className="btn btn-small" disabled={s.cancelling} onClick={() => put({ yen: y })}>¥{y}</button>
          ))}
          <button type="button" className="btn btn-small" disabled={s.cancelling} onClick={() => put({ ic: true })}><T k="demo.pay.ic" /></button>
        </aside>
      )}
    </section>
  );
}

export function Printing({ s }: { s: Extract<Step, { step: 'printing' }> }) {
  return (
    <section className="screen center" aria-busy="true" data-phase={s.phase}>
      <Heading k="iss.print.title" />
      <div className="progress" role="progressbar" aria-label="…"><span /></div>
      <p className="alert alert-warn stay" role="status"><T k="iss.print.stay" /></p>
      {s.printer && (
        <div className="alert alert-calm" role="alert" data-testid="printer-problem" data-message={s.printer.message}>
          <p><T k={printerKey(s.printer.message)} /></p>
          <p><T k="iss.print.waiting" /></p>
        </div>
      )}
    </section>
  );
}

export function Done({ change, receipt, onFinish }: { change: number; receipt?: 'pending' | 'printed' | 'failed' | undefined; onFinish: () => void }) {
  // The title names the receipt only when one came out; a missing receipt is said calmly, with whom to ask.
  return (
    <section className="screen center" data-receipt={receipt ?? 'none'}>
      <Heading k={receipt === 'printed' ? 'iss.done.title' : 'iss.done.titleNoReceipt'} />
      {change > 0 && <p className="alert alert-warn" data-testid="change"><T k="iss.done.change" vars={{ n: change }} /></p>}
      {receipt === 'failed' && <p className="alert alert-calm" role="status" data-testid="receipt-missing"><T k="iss.done.receiptMissing" /></p>}
      <p className="lead"><T k="iss.done.check" /></p>
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={onFinish}><T k="auth.done" /></button>
      </div>
    </section>
  );
}

export function Ending(props: {
  tone: 'ok' | 'warn' | 'error';
  title: MessageKey;
  body: MessageKey | null;
  vars?: Record<string, number>;
  refusal?: { reason: string; where: string };
  reference?: string;
  onFinish: (() => void) | null;
  /** The held screen: staff arriving at the kiosk open the staff code dialog here. */
  onStaff?: (() => void) | null;
}) {
  return (
    <section className="screen center" data-tone={props.tone}>
      <div className={`mark mark-${props.tone}`} aria-hidden="true">{props.tone === 'ok' ? '✓' : props.tone === 'warn' ? 'i' : '!'}</div>
      <Heading k={props.title} />
      {props.body && <p className="lead next-step" data-testid="next-step"><T k={props.body} {...(props.vars ? { vars: props.vars } : {})} /></p>}
      {props.refusal && (
        <div data-testid="refusal" data-reason={props.refusal.reason}>
          <p className="lead"><T k={reasonKey(props.refusal.reason)} /></p>
          <p className="lead next-step" data-testid="next-step"><T k={whereKey(props.refusal.where)} /></p>
        </div>
      )}
      {props.reference && <p className="reference" data-testid="reference"><T k="iss.held.ref" vars={{ ref: props.reference }} /></p>}
      {props.onFinish && (
        <div className="actions">
          <button type="button" className="btn btn-primary" onClick={props.onFinish}><T k="err.home" /></button>
        </div>
      )}
      {props.onStaff && (
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={props.onStaff} data-testid="staff-open"><T k="staff.openHeld" /></button>
        </div>
      )}
    </section>
  );
}
