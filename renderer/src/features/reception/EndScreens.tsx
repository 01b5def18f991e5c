// The calm waits (checking: 処理中 can take a while; registering) and the endings: done (the
// reception number large, department, time, what to do next, the 受付票, take the card or phone),
// sent to the desk (what happened and where to go, with the staff told), and failed.
import { T } from '../../app/prefs';
import type { MessageKey } from '../../i18n';
import { Heading } from '../../shared/Heading';
import type { CardDevice } from '../../shared/service';
import type { Step } from './reception-flow';
import { DepartmentName } from './StepScreens';
import { deskCode, deskText } from './words';

export function Busy({ title, hint }: { title: MessageKey; hint: MessageKey }) {
  return (
    <section className="screen center" aria-busy="true">
      <Heading k={title} />
      <div className="progress" role="progressbar" aria-label="…"><span /></div>
      <p className="lead" role="status"><T k={hint} /></p>
    </section>
  );
}

/** "Take your card" (or phone): loud while it is still on the reader, a reminder once it is gone. */
function TakeIt({ device, onReader }: { device: CardDevice; onReader: boolean }) {
  const k = device === 'card' ? 'rcp.takeCard' : 'rcp.takePhone';
  return onReader
    ? <p className="alert alert-warn card-reminder" role="alert" data-testid="take-card"><T k={k} /></p>
    : <p className="lead" data-testid="take-reminder"><T k={k} /></p>;
}

export function Done({ s, device, onReader, onReprint, onFinish }: {
  s: Extract<Step, { step: 'done' }>; device: CardDevice; onReader: boolean; onReprint: () => void; onFinish: () => void;
}) {
  const slipProblem = s.slip.status === 'failed' || s.slip.status === 'held';
  return (
    <section className="screen center reception-done" data-slip={s.slip.status}>
      <div className="mark mark-ok" aria-hidden="true">✓</div>
      <Heading k="rcp.done.title" />
      <div className="done-facts">
        <div className="reception-number" data-testid="reception-number" data-number={s.number}>
          <span className="reception-number-label"><T k="rcp.done.number" /></span>
          <strong className="reception-number-value">{s.number}</strong>
        </div>
        <dl className="facts">
          {s.department && (
            <>
              <dt><T k="rcp.done.department" /></dt>
              <dd data-testid="reception-department"><DepartmentName name={s.department.name} /></dd>
            </>
          )}
          <dt><T k="rcp.done.time" /></dt>
          <dd data-testid="reception-time">{s.time}</dd>
        </dl>
      </div>
      {s.unconfirmed && <p className="alert alert-calm" data-testid="unconfirmed"><T k="rcp.done.unconfirmed" /></p>}
      {s.firstVisit && <p className="lead" data-testid="first-visit"><T k="rcp.done.firstVisit" /></p>}
      {s.slip.status === 'pending' && <p className="lead" role="status" data-testid="slip-pending"><T k="rcp.slip.pending" /></p>}
      {slipProblem ? (
        <p className="alert alert-calm" role="status" data-testid="slip-failed"><T k="rcp.slip.failed" /></p>
      ) : (
        <p className="next-step" data-testid="next-step"><T k="rcp.done.next" /></p>
      )}
      <TakeIt device={device} onReader={onReader} />
      <div className="actions">
        {slipProblem && <button type="button" className="btn btn-secondary" onClick={onReprint} data-testid="slip-reprint"><T k="rcp.slip.reprint" /></button>}
        <button type="button" className="btn btn-primary" onClick={onFinish} disabled={s.slip.status === 'pending'} data-testid="reception-finish"><T k="rcp.finish" /></button>
      </div>
    </section>
  );
}

export function Desk({ s, device, onReader, onFinish }: { s: Extract<Step, { step: 'desk' }>; device: CardDevice; onReader: boolean; onFinish: () => void }) {
  const text = deskText(s.why);
  return (
    <section className="screen center" data-desk={deskCode(s.why)}>
      <div className="mark mark-warn" aria-hidden="true">!</div>
      <Heading k={text.title} />
      <p className="lead next-step" data-testid="desk-body"><T k={text.body} /></p>
      {'message' in s.why && s.why.message && (
        // The service's own words, shown as they are (for the desk), marked as Japanese.
        <p className="service-message" lang="ja" data-testid="service-message">{s.why.message}</p>
      )}
      <p className="alert alert-calm to-desk" data-testid="to-desk"><T k="rcp.toDesk" /></p>
      <p className="note"><T k="rcp.staffTold" /></p>
      <TakeIt device={device} onReader={onReader} />
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={onFinish} data-testid="reception-finish"><T k="rcp.finish" /></button>
      </div>
    </section>
  );
}

export function Failed({ device, onReader, onFinish }: { device: CardDevice; onReader: boolean; onFinish: () => void }) {
  return (
    <section className="screen center" data-desk="failed">
      <div className="mark mark-warn" aria-hidden="true">!</div>
      <Heading k="rcp.failed.title" />
      <p className="lead next-step"><T k="rcp.failed.body" /></p>
      <TakeIt device={device} onReader={onReader} />
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={onFinish} data-testid="reception-finish"><T k="rcp.finish" /></button>
      </div>
    </section>
  );
}
