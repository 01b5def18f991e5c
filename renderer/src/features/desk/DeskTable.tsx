// The desk's table: one row per visit, newest first. A row that needs staff is marked by more than
// colour — a 「窓口へ」 label with the reason in its own column, and 「不一致」 written beside the two
// ratios — so it reads the same in greyscale and to a screen reader.
import type { DeskRowView } from '../../../../common/api/contract';
import { T } from '../../app/prefs';
import { needsStaff, ratioWords, stateKey, timeOfDay } from './desk-view';

function Ratio({ percent }: { percent: number | null }) {
  const w = ratioWords(percent);
  return <span className="desk-ratio">{'text' in w ? w.text : <T k={w.k} {...(w.vars ? { vars: w.vars } : {})} />}</span>;
}

function Row({ r }: { r: DeskRowView }) {
  const classes = ['desk-row', needsStaff(r) ? 'desk-row-attention' : '', r.ratio.mismatch ? 'desk-row-mismatch' : '', r.sentToDesk ? 'desk-row-sent' : ''].filter(Boolean).join(' ');
  return (
    <tr className={classes} data-testid="desk-row" data-ref={r.ref} data-mismatch={r.ratio.mismatch} data-sent={r.sentToDesk ?? ''} data-state={r.eligibility.state ?? ''}>
      <td className="desk-number">{r.receptionNumber ?? <T k="desk.noReception" />}</td>
      <td>{timeOfDay(r.at)}</td>
      <td>{r.departmentName ?? r.department ?? '—'}</td>
      <td className="desk-patient">{r.patientId ?? '—'}</td>
      <td>
        <T k={stateKey(r)} />
        {r.eligibility.state === 'refused' && r.eligibility.reason && <span className="desk-sub"><T k={`desk.reason.${r.eligibility.reason}`} /></span>}
      </td>
      <td className="desk-ratios">
        <Ratio percent={r.ratio.online} /> ／ <Ratio percent={r.ratio.accounting} />
        {r.ratio.mismatch && <strong className="desk-flag desk-flag-mismatch" data-testid="desk-mismatch">⚠ <T k="desk.ratio.mismatch" /></strong>}
      </td>
      <td>
        {r.sentToDesk && (
          <strong className="desk-flag desk-flag-sent" data-testid="desk-sent">▶ <T k="desk.sent" />: <T k={`desk.reason.${r.sentToDesk}`} /></strong>
        )}
      </td>
    </tr>
  );
}

export function DeskTable({ rows }: { rows: DeskRowView[] }) {
  return (
    // Focusable, so a long day's list scrolls from the keyboard too.
    <div className="desk-table-wrap" tabIndex={0} role="region" aria-labelledby="desk-caption">
      <table className="desk-table" data-testid="desk-table">
        <caption id="desk-caption" className="sr-only"><T k="desk.title" /></caption>
        <thead>
          <tr>
            <th scope="col"><T k="desk.col.number" /></th>
            <th scope="col"><T k="desk.col.time" /></th>
            <th scope="col"><T k="desk.col.department" /></th>
            <th scope="col"><T k="desk.col.patient" /></th>
            <th scope="col"><T k="desk.col.eligibility" /></th>
            <th scope="col"><T k="desk.col.ratio" /></th>
            <th scope="col"><T k="desk.col.desk" /></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => <Row key={`${r.kind}:${r.kioskId}:${r.ref}`} r={r} />)}
        </tbody>
      </table>
    </div>
  );
}
