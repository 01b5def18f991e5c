// The calm wait (looking up the bill) and the endings: done (what was paid, the change, take the
// 領収証・明細書 and the card; link a card for next time), nothing due, the desk (what happened and
// that nothing was taken), held (the money is safe, staff settle it), stopped and failed.
import type { ReactNode } from 'react';
import { T } from '../../app/prefs';
import type { MessageKey } from '../../i18n';
import { Heading } from '../../shared/Heading';
import type { CardDevice } from '../../shared/service';
import { yen, type BillingAction, type Step } from './billing-flow';
import { deskText } from './words';

type Dispatch = (a: BillingAction) => void;

export function LookingUp() {
  return (
    <section className="screen center" aria-busy="true">
      <Heading k="bil.lookingUp" />
      <div className="progress" role="progressbar" aria-label="…"><span /></div>
      <p className="lead" role="status"><T k="bil.lookingUpHint" /></p>
    </section>
  );
}

/** "Take your card" (or phone): loud while it is still on the reader, a reminder once it is gone. */
export function TakeIt({ device, onReader }: { device: CardDevice; onReader: boolean }) {
  const k = device === 'card' ? 'bil.takeCard' : 'bil.takePhone';
  return onReader
    ? <p className="alert alert-warn card-reminder" role="alert" data-testid="take-card"><T k={k} /></p>
    : <p className="lead" data-testid="take-reminder"><T k={k} /></p>;
}

const METHOD_KEY: Record<string, MessageKey> = { cash: 'bil.method.cash', ic: 'bil.method.ic', card: 'bil.method.card', linked: 'bil.method.linked' };

function LinkOffer({ s, dispatch }: { s: Extract<Step, { step: 'done' }>; dispatch: Dispatch }) {
  if (s.link === null) return null;
  if (s.link === 'offer') {
    return (
      <div className="bill-link" data-link="offer">
        <p className="note"><T k="bil.link.offerHint" /></p>
        <button type="button" className="btn btn-secondary" onClick={() => dispatch({ type: 'link-start' })} data-testid="link-offer"><T k="bil.link.offer" /></button>
      </div>
    );
  }
  if (s.link === 'linking') return <p className="alert alert-calm" role="status" data-link="linking" data-testid="link-status"><T k="bil.link.linking" /></p>;
  const key = `bil.link.${s.link}` as MessageKey;
  return (
    <div className="bill-link" data-link={s.link}>
      <p className={s.link === 'linked' ? 'alert alert-ok' : 'alert alert-calm'} role="status" data-testid="link-status"><T k={key} /></p>
      {s.link === 'linked' && s.linked && <p className="lead" data-testid="linked-account"><T k="bil.account" vars={{ brand: s.linked.brand, last4: s.linked.last4 }} /></p>}
      {s.link !== 'linked' && (
        <button type="button" className="btn btn-secondary" onClick={() => dispatch({ type: 'link-start' })} data-testid="link-offer"><T k="bil.link.offer" /></button>
      )}
    </div>
  );
}

export function Done({ s, device, onReader, dispatch, onReprint, onFinish, demoTerminal }: {
  s: Extract<Step, { step: 'done' }>; device: CardDevice; onReader: boolean; dispatch: Dispatch; onReprint: () => void; onFinish: () => void;
  /** Demo mode: the card terminal's keys while a card is being linked. */
  demoTerminal?: ReactNode;
}) {
  const pay = s.view.payment;
  const docsProblem = s.view.documents.status === 'failed' || s.view.documents.status === 'held';
  const busy = s.link === 'linking';
  return (
    <section className="screen center bill-done" data-documents={s.view.documents.status}>
      {/* Landscape: what was paid and what to take on the left, what comes next on the right. */}
      <div className="bill-done-main">
        <div className="mark mark-ok" aria-hidden="true">✓</div>
        <Heading k="bil.done.title" />
        <dl className="facts bill-paid">
          <dt><T k="bil.done.paid" /></dt>
          <dd className="bill-paid-value" data-testid="paid" data-yen={pay?.paid ?? 0}><T k="bil.amount" vars={{ n: yen(pay?.paid ?? 0) }} /></dd>
          {pay && pay.change > 0 && (
            <>
              <dt><T k="bil.done.change" /></dt>
              <dd data-testid="change" data-yen={pay.change}><T k="bil.amount" vars={{ n: yen(pay.change) }} /></dd>
            </>
          )}
          {pay && (
            <>
              <dt><T k="bil.done.method" /></dt>
              <dd data-testid="paid-method" data-method={pay.method}><T k={METHOD_KEY[pay.method] ?? 'bil.method.cash'} /></dd>
            </>
          )}
        </dl>
        {pay && pay.change > 0 && <p className="alert alert-warn" data-testid="take-change"><T k="bil.done.takeChange" vars={{ n: yen(pay.change) }} /></p>}
        {docsProblem
          ? <p className="alert alert-calm" role="status" data-testid="docs-failed"><T k="bil.docs.failed" /></p>
          : <p className="next-step" data-testid="next-step"><T k="bil.done.take" /></p>}
        <TakeIt device={device} onReader={onReader} />
      </div>
      <div className="bill-done-side">
        <LinkOffer s={s} dispatch={dispatch} />
        {busy && demoTerminal}
        {s.view.moreUnpaid > 0 && <p className="lead" data-testid="more-unpaid"><T k="bil.done.more" vars={{ n: s.view.moreUnpaid }} /></p>}
        <div className="actions">
          {docsProblem && <button type="button" className="btn btn-secondary" onClick={onReprint} disabled={busy} data-testid="docs-reprint"><T k="bil.docs.reprint" /></button>}
          {s.view.moreUnpaid > 0 && <button type="button" className="btn btn-secondary" onClick={() => dispatch({ type: 'next-bill' })} disabled={busy} data-testid="next-bill"><T k="bil.done.payNext" /></button>}
          <button type="button" className="btn btn-primary" onClick={onFinish} disabled={busy} data-testid="billing-finish"><T k="bil.finish" /></button>
        </div>
      </div>
    </section>
  );
}

function Ending({ code, mark, title, body, extra, device, onReader, onFinish, children }: {
  code: string; mark: 'ok' | 'warn'; title: MessageKey; body: MessageKey; extra?: MessageKey[]; device: CardDevice; onReader: boolean; onFinish: () => void; children?: ReactNode;
}) {
  return (
    <section className="screen center" data-desk={code}>
      <div className={`mark mark-${mark}`} aria-hidden="true">{mark === 'ok' ? '✓' : '!'}</div>
      <Heading k={title} />
      <p className="lead next-step" data-testid="desk-body"><T k={body} /></p>
      {children}
      {(extra ?? []).map((k) => <p key={k} className={k === 'bil.toDesk' ? 'alert alert-calm to-desk' : 'note'} data-testid={k === 'bil.toDesk' ? 'to-desk' : undefined}><T k={k} /></p>)}
      <TakeIt device={device} onReader={onReader} />
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={onFinish} data-testid="billing-finish"><T k="bil.finish" /></button>
      </div>
    </section>
  );
}

interface EndProps { device: CardDevice; onReader: boolean; onFinish: () => void }

export function EndScreen({ s, ...rest }: { s: Extract<Step, { step: 'nothing_due' | 'desk' | 'held' | 'stopped' | 'failed' }> } & EndProps) {
  switch (s.step) {
    case 'nothing_due': return <Ending code="nothing_due" mark="ok" title="bil.nothingDue.title" body="bil.nothingDue.body" {...rest} />;
    case 'desk': {
      const t = deskText(s.reason);
      return <Ending code={s.reason} mark="warn" title={t.title} body={t.body} extra={['bil.toDesk', 'bil.staffTold']} {...rest} />;
    }
    case 'held': return <Ending code="held" mark="warn" title="bil.held.title" body="bil.held.body" extra={['bil.staffTold']} {...rest} />;
    case 'stopped': return (
      <Ending code="stopped" mark="ok" title="bil.stopped.title" body={s.refunded ? 'bil.stopped.refunded' : 'bil.nothingTaken'} {...rest}>
        {s.returned > 0 && <p className="alert alert-warn" data-testid="take-returned"><T k="bil.stopped.returned" vars={{ n: yen(s.returned) }} /></p>}
      </Ending>
    );
    case 'failed': return <Ending code="failed" mark="warn" title="bil.failed.title" body="bil.failed.body" {...rest} />;
  }
}
