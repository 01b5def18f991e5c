// The payment desk's blocks: the settlement (by method, kiosks beside the accounting system, 「✓ 一致」
// or 「⚠ 不一致」 with each differing payment), held payments with their two decisions, unpaid bills,
// and the day's payments with a refund button. Every state is a symbol and a word, never colour alone.
// No names: patients are their patient ID.
import type { DeskPaymentRowView, DeskPaymentsView } from '../../../../common/api/contract';
import { T } from '../../app/prefs';
import { timeOfDay } from './desk-view';
import { STATUS_SYMBOL, heldReason, methodKey, refundable, statusKey, verdict, yenVars } from './payments-view';

export type PaymentAsk = { action: 'refund' | 'record' | 'refundHeld'; row: DeskPaymentRowView };

const Yen = ({ n }: { n: number }) => <span className="pay-yen"><T k="desk.pay.yen" vars={yenVars(n)} /></span>;

export function SettlementBox({ view }: { view: DeskPaymentsView }) {
  const s = view.settlement;
  const v = verdict(view);
  return (
    <section className={`pay-settlement pay-settlement-${v}`} data-testid="pay-settlement" data-verdict={v} aria-labelledby="pay-settlement-title">
      <h2 id="pay-settlement-title"><T k="desk.pay.settlement" /></h2>
      <p className="pay-verdict" data-testid="pay-verdict" role="status">
        {v === 'reconciled' && <strong>✓ <T k="desk.pay.reconciled" /></strong>}
        {v === 'mismatch' && <strong>⚠ <T k="desk.pay.mismatch" /></strong>}
        {v === 'unchecked' && <strong>⚠ <T k="desk.pay.notChecked" /></strong>}
      </p>
      {s.byMethod.length === 0
        ? <p data-testid="pay-no-money"><T k="desk.pay.noMoney" /></p>
        : (
          <table className="desk-table pay-methods" data-testid="pay-methods">
            <thead><tr><th scope="col"><T k="desk.pay.col.method" /></th><th scope="col"><T k="desk.pay.col.count" /></th><th scope="col"><T k="desk.pay.col.amount" /></th></tr></thead>
            <tbody>
              {s.byMethod.map((m) => (
                <tr key={m.method} data-testid="pay-method" data-method={m.method} data-amount={m.amount}>
                  <td><T k={methodKey(m.method)} /></td><td>{m.count}</td><td><Yen n={m.amount} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      <dl className="pay-totals">
        <div><dt><T k="desk.pay.kiosks" /></dt><dd data-testid="pay-kiosks-total"><Yen n={s.kiosksTotal} /></dd></div>
        {view.accounting === 'available' && <div><dt><T k="desk.pay.accounting" /></dt><dd data-testid="pay-accounting-total"><Yen n={s.accountingTotal} /></dd></div>}
      </dl>
      {s.differences.length > 0 && (
        <>
          <h3><T k="desk.pay.diff.title" /></h3>
          <table className="desk-table" data-testid="pay-differences">
            <thead><tr><th scope="col"><T k="desk.pay.col.ref" /></th><th scope="col"><T k="desk.pay.col.kiosk" /></th><th scope="col"><T k="desk.pay.col.accountingAmount" /></th></tr></thead>
            <tbody>
              {s.differences.map((d) => (
                <tr key={d.paymentRef} data-testid="pay-difference" data-ref={d.paymentRef}>
                  <td className="desk-patient">⚠ {d.paymentRef}</td><td><Yen n={d.kiosk} /></td><td><Yen n={d.accounting} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function Status({ r }: { r: DeskPaymentRowView }) {
  return <strong className={`pay-status pay-status-${r.status}`}>{STATUS_SYMBOL[r.status]} <T k={statusKey(r.status)} /></strong>;
}

export function HeldTable({ rows, onAsk }: { rows: DeskPaymentRowView[]; onAsk: (a: PaymentAsk) => void }) {
  if (rows.length === 0) return <p data-testid="pay-held-none"><T k="desk.pay.held.none" /></p>;
  return (
    <div className="desk-table-wrap" tabIndex={0} role="region" aria-labelledby="pay-held-title">
      <table className="desk-table" data-testid="pay-held">
        <thead>
          <tr>
            <th scope="col"><T k="desk.pay.col.time" /></th><th scope="col"><T k="desk.pay.col.patient" /></th><th scope="col"><T k="desk.pay.col.invoice" /></th>
            <th scope="col"><T k="desk.pay.col.method" /></th><th scope="col"><T k="desk.pay.col.amount" /></th><th scope="col"><T k="desk.pay.col.reason" /></th>
            <th scope="col"><T k="desk.pay.col.action" /></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const why = heldReason(r.reason);
            return (
              <tr key={`${r.kioskId}:${r.paymentRef}`} className="desk-row-attention" data-testid="pay-held-row" data-ref={r.paymentRef}>
                <td>{timeOfDay(r.at)}</td><td className="desk-patient">{r.patientRef}</td><td className="desk-patient">{r.invoiceNumber}</td>
                <td><T k={methodKey(r.method)} /></td><td><Yen n={r.amount} /></td>
                <td><Status r={r} />{why && <span className="desk-sub"><T k={why.k} {...(why.vars ? { vars: why.vars } : {})} /></span>}</td>
                <td className="pay-actions">
                  <button type="button" className="btn btn-secondary btn-small" onClick={() => onAsk({ action: 'record', row: r })} data-testid="pay-record"><T k="desk.pay.record" /></button>
                  <button type="button" className="btn btn-secondary btn-small" onClick={() => onAsk({ action: 'refundHeld', row: r })} data-testid="pay-refund-held"><T k="desk.pay.refund" /></button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function UnpaidTable({ rows }: { rows: DeskPaymentsView['unpaid'] }) {
  if (rows.length === 0) return <p data-testid="pay-unpaid-none"><T k="desk.pay.unpaid.none" /></p>;
  return (
    <div className="desk-table-wrap" tabIndex={0} role="region" aria-labelledby="pay-unpaid-title">
      <table className="desk-table" data-testid="pay-unpaid">
        <thead>
          <tr>
            <th scope="col"><T k="desk.pay.col.patient" /></th><th scope="col"><T k="desk.pay.col.invoice" /></th><th scope="col"><T k="desk.pay.col.performed" /></th>
            <th scope="col"><T k="desk.pay.col.department" /></th><th scope="col"><T k="desk.pay.col.due" /></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.invoiceNumber} data-testid="pay-unpaid-row" data-invoice={u.invoiceNumber}>
              <td className="desk-patient">{u.patientRef}</td><td className="desk-patient">{u.invoiceNumber}</td><td>{u.performedOn}</td>
              <td>{u.department ?? '—'}</td><td><Yen n={u.due} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PaymentsTable({ rows, onAsk }: { rows: DeskPaymentRowView[]; onAsk: (a: PaymentAsk) => void }) {
  if (rows.length === 0) return <p data-testid="pay-list-none"><T k="desk.pay.list.none" /></p>;
  return (
    <div className="desk-table-wrap" tabIndex={0} role="region" aria-labelledby="pay-list-title">
      <table className="desk-table" data-testid="pay-list">
        <thead>
          <tr>
            <th scope="col"><T k="desk.pay.col.time" /></th><th scope="col"><T k="desk.pay.col.patient" /></th><th scope="col"><T k="desk.pay.col.invoice" /></th>
            <th scope="col"><T k="desk.pay.col.method" /></th><th scope="col"><T k="desk.pay.col.amount" /></th>
            <th scope="col"><T k="desk.pay.col.status" /></th><th scope="col"><T k="desk.pay.col.action" /></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.kioskId}:${r.paymentRef}`} className={r.status === 'held' ? 'desk-row-attention' : ''} data-testid="pay-row" data-ref={r.paymentRef} data-status={r.status}>
              <td>{timeOfDay(r.at)}</td><td className="desk-patient">{r.patientRef}</td><td className="desk-patient">{r.invoiceNumber}</td>
              <td><T k={methodKey(r.method)} /></td>
              <td>
                <Yen n={r.amount} />
                {r.refunded > 0 && <span className="desk-sub" data-testid="pay-refunded">↩ <T k="desk.pay.col.refunded" /> <Yen n={r.refunded} /></span>}
              </td>
              <td><Status r={r} /></td>
              <td className="pay-actions">
                {refundable(r) > 0 && (
                  <button type="button" className="btn btn-secondary btn-small" onClick={() => onAsk({ action: 'refund', row: r })} data-testid="pay-refund"><T k="desk.pay.refund" /></button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
