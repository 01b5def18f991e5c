// The bill as an elderly patient reads it: the amount due very large, then where it comes from
// (保険 with the 負担割合 as 「3割」, 公費, 保険外), the points per 部 folded under 「内訳」, and the
// ways to pay as large buttons. A bill shown again says why first (changed at the desk, a card
// declined …) and that nothing was taken.
import type { BillView, BillingMethodView, CheckoutView } from '../../../../common/api/contract';
import { T } from '../../app/prefs';
import type { MessageKey } from '../../i18n';
import { Heading } from '../../shared/Heading';
import { methodButtons, ratioTenths, yen, type BillingAction, type Notice, type Step } from './billing-flow';

type Dispatch = (a: BillingAction) => void;

const CATEGORY_CODES = new Set(['A00', 'B00', 'C00', 'D00', 'E00', 'F00', 'G00', 'H00', 'I00', 'J00', 'K00', 'L00', 'M00', 'N00']);
const categoryKey = (code: string): MessageKey => (CATEGORY_CODES.has(code) ? (`bil.cat.${code}` as MessageKey) : 'bil.cat.other');

const METHOD_KEY: Record<BillingMethodView, MessageKey> = {
  cash: 'bil.method.cash', ic: 'bil.method.ic', card: 'bil.method.card', linked: 'bil.method.linked',
};

/** The amount due, the largest thing on the screen. */
export function DueAmount({ due, label = 'bil.due' }: { due: number; label?: MessageKey }) {
  return (
    <div className="bill-due" data-testid="bill-due" data-due={due}>
      <span className="bill-due-label"><T k={label} /></span>
      <strong className="bill-due-value"><T k="bil.amount" vars={{ n: yen(due) }} /></strong>
    </div>
  );
}

/** 保険 (x割) / 公費 / 保険外, then the total and what was paid before, and the points folded away. */
export function Breakdown({ bill }: { bill: BillView }) {
  return (
    <div className="bill-breakdown">
      <dl className="facts bill-lines">
        <dt>
          <T k="bil.insurance" />
          {bill.ratioPercent !== undefined && (
            <span className="bill-ratio" data-testid="bill-ratio" data-ratio={bill.ratioPercent}> <T k="bil.ratio" vars={{ n: ratioTenths(bill.ratioPercent) }} /></span>
          )}
        </dt>
        <dd data-testid="bill-insurance" data-yen={bill.insurance.patientShare}><T k="bil.amount" vars={{ n: yen(bill.insurance.patientShare) }} /></dd>
        {bill.publicAid !== undefined && bill.publicAid > 0 && (
          <>
            <dt><T k="bil.publicAid" /></dt>
            <dd data-testid="bill-public-aid" data-yen={bill.publicAid}><T k="bil.minusAmount" vars={{ n: yen(bill.publicAid) }} /></dd>
          </>
        )}
        {bill.outOfInsurance > 0 && (
          <>
            <dt><T k="bil.outOfInsurance" /></dt>
            <dd data-testid="bill-out-of-insurance" data-yen={bill.outOfInsurance}><T k="bil.amount" vars={{ n: yen(bill.outOfInsurance) }} /></dd>
          </>
        )}
        {bill.alreadyPaid > 0 && (
          <>
            <dt><T k="bil.total" /></dt>
            <dd data-testid="bill-total"><T k="bil.amount" vars={{ n: yen(bill.total) }} /></dd>
            <dt><T k="bil.alreadyPaid" /></dt>
            <dd data-testid="bill-already-paid"><T k="bil.minusAmount" vars={{ n: yen(bill.alreadyPaid) }} /></dd>
          </>
        )}
      </dl>
      {bill.limitApplied && <p className="note" data-testid="bill-limit"><T k="bil.limitApplied" /></p>}
      <details className="bill-details" data-testid="bill-details">
        <summary><T k="bil.details" /></summary>
        <dl className="facts bill-points">
          {bill.categories.map((c) => (
            <div key={c.code} className="bill-point" data-code={c.code}>
              <dt><T k={categoryKey(c.code)} /></dt>
              <dd><T k="bil.points" vars={{ n: yen(c.points) }} /></dd>
            </div>
          ))}
          <div className="bill-point bill-point-total">
            <dt><T k="bil.totalPoints" /></dt>
            <dd data-testid="bill-points" data-points={bill.insurance.points}><T k="bil.points" vars={{ n: yen(bill.insurance.points) }} /></dd>
          </div>
          <div className="bill-point">
            <dt><T k="bil.medicalCost" /></dt>
            <dd><T k="bil.amount" vars={{ n: yen(bill.insurance.medicalCost) }} /></dd>
          </div>
          <div className="bill-point">
            <dt><T k="bil.performedOn" /></dt>
            <dd>{bill.performedOn}</dd>
          </div>
        </dl>
      </details>
    </div>
  );
}

function NoticeBox({ notice }: { notice: Exclude<Notice, null> }) {
  const key: MessageKey = notice === 'changed' ? 'bil.notice.changed.body' : (`bil.notice.${notice}` as MessageKey);
  return (
    <div className="alert alert-calm" role="alert" data-testid="bill-notice" data-notice={notice}>
      <p><strong><T k={notice === 'changed' ? 'bil.notice.changed.title' : 'bil.notice.title'} /></strong></p>
      <p><T k={key} /></p>
      <p><T k="bil.nothingTaken" /></p>
    </div>
  );
}

function MethodButton({ view, method, dispatch }: { view: CheckoutView; method: BillingMethodView; dispatch: Dispatch }) {
  const account = method === 'linked' ? view.linkedAccount : undefined;
  return (
    <li>
      <button type="button" className="choice bill-method" onClick={() => dispatch({ type: 'choose', method })} data-testid={`pay-${method}`}>
        <span className="choice-name"><T k={METHOD_KEY[method]} /></span>
        {account && <span className="choice-fee" data-testid="linked-account"><T k="bil.account" vars={{ brand: account.brand, last4: account.last4 }} /></span>}
      </button>
    </li>
  );
}

export function Bill({ s, dispatch, onCancel }: { s: Extract<Step, { step: 'bill' }>; dispatch: Dispatch; onCancel: () => void }) {
  const bill = s.view.bill;
  return (
    <section className="screen bill" data-checkout={s.view.checkoutId}>
      {/* Landscape: the amount and its breakdown on the left, the ways to pay on the right (one screen, no scrolling). */}
      <div className="bill-amount">
        <Heading k="bil.bill.title" />
        {s.notice && <NoticeBox notice={s.notice} />}
        {s.unlink && (
          <p className={s.unlink === 'done' ? 'alert alert-ok' : 'alert alert-calm'} role="status" data-testid="unlink-status" data-unlink={s.unlink}>
            <T k={s.unlink === 'done' ? 'bil.unlink.done' : 'bil.unlink.failed'} />
          </p>
        )}
        {bill && <DueAmount due={bill.due} />}
        {bill && <Breakdown bill={bill} />}
      </div>
      <div className="bill-pay">
        <h2 className="bill-choose"><T k="bil.choose" /></h2>
        <ul className="choices bill-methods">
          {methodButtons(s.view.methods).map((m) => <MethodButton key={m} view={s.view} method={m} dispatch={dispatch} />)}
        </ul>
        <p className="note"><T k="bil.cardFree" /></p>
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={onCancel} data-keypad="back" data-testid="bill-cancel"><T k="bil.cancel" /></button>
          {/* Quiet on purpose: removing the linked account is rare, paying is what the screen is for. */}
          {s.view.linkedAccount && (
            <button type="button" className="btn btn-quiet" onClick={() => dispatch({ type: 'unlink-ask' })} data-testid="unlink-offer"><T k="bil.unlink.offer" /></button>
          )}
        </div>
      </div>
    </section>
  );
}

export function ConfirmLinked({ s, dispatch }: { s: Extract<Step, { step: 'confirm-linked' }>; dispatch: Dispatch }) {
  const due = s.view.bill?.due ?? 0;
  const account = s.view.linkedAccount;
  return (
    <section className="screen center">
      <Heading k="bil.confirmLinked.title" />
      <DueAmount due={due} />
      {account && <p className="lead bill-account" data-testid="linked-account"><T k="bil.account" vars={{ brand: account.brand, last4: account.last4 }} /></p>}
      <p className="lead"><T k="bil.confirmLinked.body" /></p>
      <div className="actions">
        <button type="button" className="btn btn-secondary" onClick={() => dispatch({ type: 'back' })} data-keypad="back"><T k="bil.back" /></button>
        <button type="button" className="btn btn-primary btn-huge" onClick={() => dispatch({ type: 'confirm' })} data-testid="linked-confirm"><T k="bil.confirmLinked.pay" vars={{ n: yen(due) }} /></button>
      </div>
    </section>
  );
}
