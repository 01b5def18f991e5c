// The reception desk screen: the day's counts, the table (all rows, or only those needing staff),
// and what went wrong with the last refresh while the last good answer stays on screen. It asks
// every DESK_REFRESH_SEC; a tap since the last ask is told to main (refresh: false), which is what
// keeps staff mode open past 30 minutes — the periodic asks alone do not. The screen's own idle
// timer (with the usual warning) leaves a little before main's limit would.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KioskClient } from '../../../../common/api/client';
import { DESK_IDLE_SEC, DESK_REFRESH_SEC, type DeskView } from '../../../../common/api/contract';
import { toKioskError, type ErrorKind } from '../../../../common/errors';
import { useIdleTimer } from '../../app/hooks';
import { T } from '../../app/prefs';
import { Heading } from '../../shared/Heading';
import { IdleWarning } from '../../shared/IdleWarning';
import { DeskTable } from './DeskTable';
import { deskCounts, deskErrorKey, needsStaff, timeOfDay } from './desk-view';

const WARN_SEC = 60;

export function DeskScreen({ client, onBack, onExit, onIdleApplies }: {
  client: KioskClient;
  /** Back to the staff screen (held prints). */
  onBack: () => void;
  /** Leave staff mode (終了, idle, or main locked it). */
  onExit: () => void;
  /** The app's short staff idle policy does not apply while the desk is shown. */
  onIdleApplies: (applies: boolean) => void;
}) {
  const [view, setView] = useState<DeskView | null>(null);
  const [error, setError] = useState<ErrorKind | null>(null);
  const [attentionOnly, setAttentionOnly] = useState(false);
  const tapped = useRef(true);
  const exit = useRef(onExit);
  exit.current = onExit;

  const load = useCallback(() => {
    const refresh = !tapped.current;
    tapped.current = false;
    client['desk.today']({ refresh }).then((v) => { setView(v); setError(null); }, (err: unknown) => {
      const e = toKioskError(err);
      if (e.kind === 'staff.locked') exit.current();
      else setError(e.kind);
    });
  }, [client]);

  useEffect(() => {
    onIdleApplies(false);
    return () => onIdleApplies(true);
  }, [onIdleApplies]);
  useEffect(() => {
    load();
    const timer = setInterval(load, DESK_REFRESH_SEC * 1000);
    return () => clearInterval(timer);
  }, [load]);
  const idle = useIdleTimer(true, DESK_IDLE_SEC - WARN_SEC - 30, WARN_SEC, onExit);

  const counts = view ? deskCounts(view) : null;
  const rows = view ? (attentionOnly ? view.rows.filter(needsStaff) : view.rows) : [];
  const tapNow = () => {
    tapped.current = true;
    load();
  };
  return (
    <section className="screen desk" data-testid="desk" onPointerDownCapture={() => { tapped.current = true; }} onKeyDownCapture={() => { tapped.current = true; }}>
      <Heading k="desk.title" />
      <div className="desk-bar">
        {counts && (
          <p className="desk-counts" data-testid="desk-counts" data-visits={counts.visits} data-desk={counts.desk} data-mismatch={counts.mismatch}>
            <span><T k="desk.count.visits" vars={{ n: counts.visits }} /></span>
            <span className={counts.desk > 0 ? 'desk-flag desk-flag-sent' : ''}><T k="desk.count.desk" vars={{ n: counts.desk }} /></span>
            <span className={counts.mismatch > 0 ? 'desk-flag desk-flag-mismatch' : ''}><T k="desk.count.mismatch" vars={{ n: counts.mismatch }} /></span>
          </p>
        )}
        {view && <span className="desk-updated" data-testid="desk-updated"><T k="desk.updated" vars={{ time: timeOfDay(view.fetchedAt) }} /></span>}
      </div>
      {error && (
        <p className="alert alert-error" role="alert" data-testid="desk-error" data-kind={error}>
          <T k={deskErrorKey(error)} vars={{ time: view ? timeOfDay(view.fetchedAt) : '—' }} />
        </p>
      )}
      {view && view.accounting !== 'available' && (
        <p className="alert alert-warn" data-testid="desk-accounting"><T k={view.accounting === 'unavailable' ? 'desk.accounting.unavailable' : 'desk.accounting.none'} /></p>
      )}
      {view && (rows.length === 0
        ? <p className="lead" data-testid="desk-none"><T k={attentionOnly ? 'desk.noneAttention' : 'desk.none'} /></p>
        : <DeskTable rows={rows} />)}
      <div className="actions desk-actions">
        <button type="button" className="btn btn-secondary btn-small" aria-pressed={attentionOnly} onClick={() => setAttentionOnly((a) => !a)} data-testid="desk-filter">
          <T k={attentionOnly ? 'desk.filter.all' : 'desk.filter.attention'} />
        </button>
        <button type="button" className="btn btn-secondary btn-small" onClick={tapNow} data-testid="desk-refresh"><T k="desk.refresh" /></button>
        <button type="button" className="btn btn-secondary btn-small" onClick={onBack} data-testid="desk-back"><T k="desk.back" /></button>
        <button type="button" className="btn btn-primary btn-small" onClick={onExit} data-testid="desk-exit"><T k="desk.exit" /></button>
      </div>
      {idle.secondsLeft !== null && <IdleWarning secondsLeft={idle.secondsLeft} onContinue={() => { idle.keepAlive(); tapNow(); }} />}
    </section>
  );
}
