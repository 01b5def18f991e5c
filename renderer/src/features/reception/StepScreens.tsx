// The patient's questions after the check, one per screen, each with large answers: the outcome
// (負担割合, or what to show at the desk when the check was unavailable), consent (one large
// 「すべて同意する」 plus choosing one by one), 医療費助成 (only when the result has a 公費), the
// prescription, and the department.
import { T, usePrefs } from '../../app/prefs';
import { Heading } from '../../shared/Heading';
import { segments } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { CONSENT_ITEMS, ratioTenths, type Consent, type ReceptionAction, type Step } from './reception-flow';

type Dispatch = (a: ReceptionAction) => void;
type StepOf<K extends Step['step']> = Extract<Step, { step: K }>;

function Back({ dispatch, onCancel }: { dispatch: Dispatch; onCancel?: () => void }) {
  return onCancel ? (
    <button type="button" className="btn btn-secondary" onClick={onCancel} data-keypad="back"><T k="rcp.cancel" /></button>
  ) : (
    <button type="button" className="btn btn-secondary" onClick={() => dispatch({ type: 'back' })} data-keypad="back"><T k="rcp.back" /></button>
  );
}

export function Outcome({ s, dispatch, onCancel }: { s: StepOf<'outcome'>; dispatch: Dispatch; onCancel: () => void }) {
  const e = s.visit.eligibility;
  const unconfirmed = e.outcome === 'unconfirmed';
  return (
    <section className="screen center" data-outcome={e.outcome}>
      <div className={unconfirmed ? 'mark mark-warn' : 'mark mark-ok'} aria-hidden="true">{unconfirmed ? '!' : '✓'}</div>
      <Heading k={unconfirmed ? 'rcp.unavailable.title' : 'rcp.valid.title'} />
      {unconfirmed ? (
        <div className="alert alert-calm" data-testid="show-document">
          <p><T k="rcp.unavailable.body" /></p>
          <p><T k="rcp.unavailable.later" /></p>
        </div>
      ) : (
        <>
          {e.ratioPercent === 0 && <p className="lead" data-testid="ratio" data-ratio={0}><T k="rcp.valid.noCharge" /></p>}
          {e.ratioPercent !== undefined && e.ratioPercent > 0 && (
            <dl className="facts ratio" data-testid="ratio" data-ratio={e.ratioPercent}>
              <dt><T k="rcp.valid.ratioLabel" /></dt>
              <dd className="ratio-value"><T k="rcp.valid.ratioValue" vars={{ n: ratioTenths(e.ratioPercent) }} /></dd>
            </dl>
          )}
          {e.preschool && <p className="lead"><T k="rcp.valid.preschool" /></p>}
          {e.limitCertificate && <p className="lead"><T k="rcp.valid.limit" /></p>}
          {e.specificDisease && <p className="lead"><T k="rcp.valid.disease" /></p>}
          {e.staffFlag === 'check_documents' && <p className="alert alert-calm" data-testid="aid-unregistered"><T k="rcp.valid.aidUnregistered" /></p>}
        </>
      )}
      <p className="note"><T k="rcp.cardFree" /></p>
      <div className="actions">
        <Back dispatch={dispatch} onCancel={onCancel} />
        <button type="button" className="btn btn-primary" onClick={() => dispatch({ type: 'next' })} data-testid="outcome-next"><T k="rcp.next" /></button>
      </div>
    </section>
  );
}

export function ConsentAsk({ dispatch }: { dispatch: Dispatch }) {
  return (
    <section className="screen center">
      <Heading k="rcp.consent.title" />
      <p className="lead"><T k="rcp.consent.body" /></p>
      <div className="consent-actions">
        <button type="button" className="btn btn-primary btn-huge" onClick={() => dispatch({ type: 'consent-all' })} data-testid="consent-all"><T k="rcp.consent.all" /></button>
        <button type="button" className="btn btn-secondary" onClick={() => dispatch({ type: 'consent-each' })} data-testid="consent-each"><T k="rcp.consent.each" /></button>
      </div>
      <div className="actions"><Back dispatch={dispatch} /></div>
    </section>
  );
}

const ITEM_KEY: Record<keyof Consent, MessageKey> = {
  diagnosis: 'rcp.consent.diagnosis', medication: 'rcp.consent.medication', checkups: 'rcp.consent.checkups', surgery: 'rcp.consent.surgery',
};

/** Each item its own yes / no pair (radios), so "not agreeing" is a choice the patient sees, not a blank. */
export function ConsentEach({ s, dispatch }: { s: StepOf<'consent-each'>; dispatch: Dispatch }) {
  return (
    <section className="screen">
      <Heading k="rcp.consent.eachTitle" />
      <p className="sub"><T k="rcp.consent.eachHint" /></p>
      <ul className="consent-items">
        {CONSENT_ITEMS.map((item) => (
          <li key={item} className="consent-item" data-item={item} data-agreed={s.each[item]}>
            <span id={`consent-${item}`} className="consent-name"><T k={ITEM_KEY[item]} /></span>
            <div className="consent-radios" role="radiogroup" aria-labelledby={`consent-${item}`}>
              {([true, false] as const).map((value) => (
                <button key={String(value)} type="button" role="radio" className="pick" aria-checked={s.each[item] === value}
                  onClick={() => dispatch({ type: 'consent-set', item, value })} data-testid={`consent-${item}-${value ? 'yes' : 'no'}`}>
                  <span className="pick-dot" aria-hidden="true" />
                  <T k={value ? 'rcp.consent.yes' : 'rcp.consent.no'} />
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
      <div className="actions">
        <Back dispatch={dispatch} />
        <button type="button" className="btn btn-primary" onClick={() => dispatch({ type: 'consent-done' })} data-testid="consent-done"><T k="rcp.consent.done" /></button>
      </div>
    </section>
  );
}

export function PublicAid({ dispatch }: { dispatch: Dispatch }) {
  return (
    <section className="screen center">
      <Heading k="rcp.aid.title" />
      <p className="lead"><T k="rcp.aid.body" /></p>
      <div className="actions two-answers">
        <button type="button" className="btn btn-primary" onClick={() => dispatch({ type: 'public-aid', choice: 'use' })} data-testid="aid-use"><T k="rcp.aid.use" /></button>
        <button type="button" className="btn btn-secondary" onClick={() => dispatch({ type: 'public-aid', choice: 'decline' })} data-testid="aid-decline"><T k="rcp.aid.decline" /></button>
      </div>
      <div className="actions"><Back dispatch={dispatch} /></div>
    </section>
  );
}

export function Prescription({ dispatch }: { dispatch: Dispatch }) {
  return (
    <section className="screen">
      <Heading k="rcp.rx.title" />
      <ul className="choices">
        <li>
          <button type="button" className="choice" onClick={() => dispatch({ type: 'prescription', choice: 'electronic' })} data-testid="rx-electronic">
            <span className="choice-name"><T k="rcp.rx.electronic" /></span>
            <span className="choice-fee"><T k="rcp.rx.electronicHint" /></span>
          </button>
        </li>
        <li>
          <button type="button" className="choice" onClick={() => dispatch({ type: 'prescription', choice: 'paper' })} data-testid="rx-paper">
            <span className="choice-name"><T k="rcp.rx.paper" /></span>
            <span className="choice-fee"><T k="rcp.rx.paperHint" /></span>
          </button>
        </li>
      </ul>
      <div className="actions"><Back dispatch={dispatch} /></div>
    </section>
  );
}

/** A department's name in the patient's language (the configuration's Japanese may carry readings). */
export function DepartmentName({ name }: { name: Record<'ja' | 'en' | 'zh' | 'ko', string> }) {
  const { lang, furigana } = usePrefs();
  const parts = segments(name[lang]);
  return <>{parts.map((p, i) => (p.reading && furigana && lang === 'ja' ? <ruby key={i}>{p.text}<rp>(</rp><rt>{p.reading}</rt><rp>)</rp></ruby> : <span key={i}>{p.text}</span>))}</>;
}

export function Department({ s, dispatch, onCancel }: { s: StepOf<'department'>; dispatch: Dispatch; onCancel: () => void }) {
  return (
    <section className="screen">
      <Heading k="rcp.dept.title" />
      <ul className="departments">
        {s.visit.departments.map((d) => (
          <li key={d.code}>
            <button type="button" className="choice department" onClick={() => dispatch({ type: 'department', code: d.code })} data-testid={`dept-${d.code}`}>
              <span className="choice-name"><DepartmentName name={d.name} /></span>
            </button>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" className="btn btn-secondary" onClick={onCancel} data-keypad="back"><T k="rcp.cancel" /></button>
      </div>
    </section>
  );
}
