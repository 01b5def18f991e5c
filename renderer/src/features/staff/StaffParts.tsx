// The pieces of the staff screen: one held request as facts staff decide on (never a name or an
// address: the contract carries none), the printer's state in words, and the steps of a decision.
import type { HeldDecisionView, HeldRequestView, PrinterStatusView, StaffReasonView } from '../../../../common/api/contract';
import { T, usePrefs } from '../../app/prefs';
import type { MessageKey } from '../../i18n';
import { typeKey } from '../../shared/certificate-words';
import { Heading } from '../../shared/Heading';
import { decisionsFor, type StaffOutcome } from './staff-flow';
import { decisionKey, paperKey, reasonKey, referenceOf, STAFF_REASONS, staffPrinterKey, whatKey } from './words';

function timeText(iso: string, lang: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(d);
}

export function PrinterState({ printer, refreshing, onRefresh }: { printer: PrinterStatusView; refreshing: boolean; onRefresh: () => void }) {
  const ok = !printer.needsStaff && printer.state !== 'unreachable' && printer.state !== 'stopped';
  return (
    <div className={ok ? 'printer-state alert alert-ok' : 'printer-state alert alert-warn'} role="status" data-testid="printer-state"
      data-message={printer.message} data-state={printer.state}>
      <span><T k="staff.printer" /><strong><T k={staffPrinterKey(printer.message)} /></strong></span>
      <button type="button" className="btn btn-secondary btn-small" disabled={refreshing} onClick={onRefresh} data-testid="staff-refresh">
        <T k="staff.refresh" />
      </button>
    </div>
  );
}

export function HeldFacts({ r }: { r: HeldRequestView }) {
  const { lang } = usePrefs();
  return (
    <dl className="facts held-facts">
      <dt><T k="staff.f.ref" /></dt>
      <dd data-testid="held-ref">{referenceOf(r.requestId)}</dd>
      <dt><T k="staff.f.time" /></dt>
      <dd>{timeText(r.since, lang)}</dd>
      <dt><T k="staff.f.type" /></dt>
      <dd><T k={typeKey(r.type)} /></dd>
      <dt><T k="staff.f.number" /></dt>
      <dd data-testid="held-number">{r.issuanceNumber ?? '—'}</dd>
      <dt><T k="staff.f.paid" /></dt>
      <dd data-testid="held-paid" data-paid={r.paid}><T k="staff.yen" vars={{ n: r.paid.toLocaleString('ja-JP') }} /></dd>
      <dt><T k="staff.f.what" /></dt>
      <dd data-testid="held-what" data-what={r.what}><T k={whatKey(r.what)} /></dd>
      <dt><T k="staff.f.paper" /></dt>
      <dd data-testid="held-paper" data-maybe-printed={String(r.maybePrinted)}><T k={paperKey(r.maybePrinted)} /></dd>
    </dl>
  );
}

export function HeldItem({ r, onChoose }: { r: HeldRequestView; onChoose: (d: HeldDecisionView) => void }) {
  return (
    <li className="held-item" data-testid="held-request" data-request-id={r.requestId} data-state={r.state}>
      <HeldFacts r={r} />
      {r.moneyOwed && <p className="alert alert-warn" data-testid="held-owed"><T k="staff.owed" vars={{ n: r.paid.toLocaleString('ja-JP') }} /></p>}
      <div className="actions held-actions">
        {decisionsFor(r).map((d) => (
          <button key={d} type="button" className={d === 'reprint' ? 'btn btn-primary' : 'btn btn-secondary'} data-decision={d} onClick={() => onChoose(d)}>
            <T k={decisionKey(d)} />
          </button>
        ))}
      </div>
    </li>
  );
}

/** "受付番号 1A2B3C4D — 再印刷（手数料なし）": which request and which decision, on every step. */
function What({ request, decision }: { request: HeldRequestView; decision: HeldDecisionView }) {
  return (
    <p className="lead staff-what" data-testid="staff-what">
      <T k="staff.f.ref" /> {referenceOf(request.requestId)} — <T k={decisionKey(decision)} />
    </p>
  );
}

export function ReasonStep({ request, decision, onReason, onBack }: {
  request: HeldRequestView; decision: HeldDecisionView; onReason: (r: StaffReasonView) => void; onBack: () => void;
}) {
  return (
    <section className="screen">
      <Heading k="staff.reason.title" />
      <What request={request} decision={decision} />
      <div className="reasons" role="group">
        {STAFF_REASONS.map((r) => (
          <button key={r} type="button" className="choice reason" data-reason={r} onClick={() => onReason(r)}>
            <span className="choice-name"><T k={reasonKey(r)} /></span>
          </button>
        ))}
      </div>
      <div className="actions">
        <button type="button" className="btn btn-secondary" onClick={onBack}><T k="staff.back" /></button>
      </div>
    </section>
  );
}

const CONFIRM: Record<HeldDecisionView, MessageKey> = { printed: 'staff.confirm.printed', reprint: 'staff.confirm.reprint', refund: 'staff.confirm.refund' };

export function ConfirmStep({ request, decision, reason, onGo, onBack }: {
  request: HeldRequestView; decision: HeldDecisionView; reason: StaffReasonView; onGo: () => void; onBack: () => void;
}) {
  return (
    <section className="screen">
      <Heading k="staff.confirm.title" />
      <What request={request} decision={decision} />
      <div className="summary staff-summary" data-testid="staff-confirm" data-decision={decision}>
        <p className="staff-consequence"><T k={CONFIRM[decision]} vars={{ n: request.paid.toLocaleString('ja-JP') }} /></p>
        <p><T k="staff.confirm.reason" /><T k={reasonKey(reason)} /></p>
      </div>
      <div className="actions">
        <button type="button" className="btn btn-secondary" onClick={onBack}><T k="staff.back" /></button>
        <button type="button" className="btn btn-primary" onClick={onGo} data-testid="staff-go"><T k="staff.confirm.go" /></button>
      </div>
    </section>
  );
}

export function WorkingStep({ decision }: { decision: HeldDecisionView }) {
  return (
    <section className="screen center" aria-busy="true">
      <Heading k={decision === 'reprint' ? 'staff.working.reprint' : 'staff.working'} />
      <div className="progress" role="progressbar" aria-label="…"><span /></div>
    </section>
  );
}

/** What happened (the heading) and, where staff have something to do now, what (the line below). */
const OUTCOME: Record<StaffOutcome['kind'], { key: MessageKey; next?: MessageKey; tone: 'ok' | 'warn' | 'error' }> = {
  printed: { key: 'staff.out.printed', tone: 'ok' },
  reprinted: { key: 'staff.out.reprinted', next: 'staff.out.reprinted.next', tone: 'ok' },
  refunded: { key: 'staff.out.refunded', next: 'staff.out.refunded.next', tone: 'ok' },
  held: { key: 'staff.out.held', next: 'staff.out.held.next', tone: 'warn' },
  owed: { key: 'staff.out.owed', next: 'staff.out.owed.next', tone: 'error' },
  gone: { key: 'staff.out.gone', tone: 'warn' },
  unreachable: { key: 'staff.out.unreachable', tone: 'warn' },
  failed: { key: 'staff.out.failed', tone: 'error' },
};

export function OutcomeStep({ request, outcome, onList, onExit }: { request: HeldRequestView; outcome: StaffOutcome; onList: () => void; onExit: () => void }) {
  const o = OUTCOME[outcome.kind];
  const amount = 'amount' in outcome ? outcome.amount : 0;
  return (
    <section className="screen center" data-testid="staff-outcome" data-outcome={outcome.kind} data-amount={amount}>
      <div className={`mark mark-${o.tone}`} aria-hidden="true">{o.tone === 'ok' ? '✓' : o.tone === 'warn' ? 'i' : '!'}</div>
      <Heading k={o.key} vars={{ n: amount.toLocaleString('ja-JP') }} />
      {o.next && <p className="lead next-step"><T k={o.next} /></p>}
      <p className="lead"><T k="staff.f.ref" /> {referenceOf(request.requestId)}</p>
      <div className="actions">
        <button type="button" className="btn btn-secondary" onClick={onList}><T k="staff.toList" /></button>
        <button type="button" className="btn btn-primary" onClick={onExit} data-testid="staff-exit"><T k="staff.exit" /></button>
      </div>
    </section>
  );
}
