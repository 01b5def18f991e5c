// The hospital's desk in staff mode: a 「受付」 tab (the day's visits: counts, the table — all rows,
// or only those needing staff) and a 「会計」 tab (PaymentsDesk: payments, held ones, unpaid bills, the
// settlement), as the kiosk offers them. Each tab asks main for its figures every DESK_REFRESH_SEC
// while shown (use-desk-feed.ts); a tap since the last ask is told to main (refresh: false), which is
// what keeps staff mode open past 30 minutes — the periodic asks alone do not. The screen's own idle
// timer (with the usual warning) leaves a little before main's limit would.
import { useEffect, useRef, useState, type MutableRefObject } from 'react';
import type { KioskClient } from '../../../../common/api/client';
import { DESK_IDLE_SEC } from '../../../../common/api/contract';
import { useIdleTimer } from '../../app/hooks';
import { T } from '../../app/prefs';
import { Heading } from '../../shared/Heading';
import { IdleWarning } from '../../shared/IdleWarning';
import { DeskTable } from './DeskTable';
import { deskCounts, deskErrorKey, needsStaff, timeOfDay, type DeskTab } from './desk-view';
import { PaymentsDesk } from './PaymentsDesk';
import { useDeskFeed, type DeskFeedControls } from './use-desk-feed';

const WARN_SEC = 60;

function ReceptionDesk({ client, onLocked, feedRef }: { client: KioskClient; onLocked: () => void; feedRef: MutableRefObject<DeskFeedControls | null> }) {
  const feed = useDeskFeed((refresh) => client['desk.today']({ refresh }), onLocked);
  feedRef.current = feed;
  const [attentionOnly, setAttentionOnly] = useState(false);
  const { view, error } = feed;
  const counts = view ? deskCounts(view) : null;
  const rows = view ? (attentionOnly ? view.rows.filter(needsStaff) : view.rows) : [];
  return (
    <div role="tabpanel" aria-labelledby="desk-tab-reception">
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
        <button type="button" className="btn btn-secondary btn-small" onClick={feed.tapNow} data-testid="desk-refresh"><T k="desk.refresh" /></button>
      </div>
    </div>
  );
}

export function DeskScreen({ client, tabs = ['reception'], onBack, onExit, onIdleApplies }: {
  client: KioskClient;
  /** The tabs this kiosk offers (deskTabs), the first shown first. */
  tabs?: DeskTab[];
  /** Back to the staff screen (held prints). */
  onBack: () => void;
  /** Leave staff mode (終了, idle, or main locked it). */
  onExit: () => void;
  /** The app's short staff idle policy does not apply while the desk is shown. */
  onIdleApplies: (applies: boolean) => void;
}) {
  const [tab, setTab] = useState<DeskTab>(tabs[0] ?? 'reception');
  const feedRef = useRef<DeskFeedControls | null>(null);
  useEffect(() => {
    onIdleApplies(false);
    return () => onIdleApplies(true);
  }, [onIdleApplies]);
  const idle = useIdleTimer(true, DESK_IDLE_SEC - WARN_SEC - 30, WARN_SEC, onExit);
  const tap = () => feedRef.current?.tap();

  return (
    <section className="screen desk" data-testid="desk" data-tab={tab} onPointerDownCapture={tap} onKeyDownCapture={tap}>
      <Heading k={tab === 'payments' ? 'desk.pay.title' : 'desk.title'} />
      {tabs.length > 1 && (
        <div className="actions desk-tabs" role="tablist">
          {tabs.map((t) => (
            <button key={t} id={`desk-tab-${t}`} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'btn btn-primary btn-small' : 'btn btn-secondary btn-small'}
              onClick={() => setTab(t)} data-testid={`desk-tab-${t}`}>
              {tab === t ? '▶ ' : ''}<T k={t === 'payments' ? 'desk.tab.payments' : 'desk.tab.reception'} />
            </button>
          ))}
        </div>
      )}
      {tab === 'reception'
        ? <ReceptionDesk client={client} onLocked={onExit} feedRef={feedRef} />
        : <PaymentsDesk client={client} onLocked={onExit} feedRef={feedRef} />}
      <div className="actions desk-actions">
        <button type="button" className="btn btn-secondary btn-small" onClick={onBack} data-testid="desk-back"><T k="desk.back" /></button>
        <button type="button" className="btn btn-primary btn-small" onClick={onExit} data-testid="desk-exit"><T k="desk.exit" /></button>
      </div>
      {idle.secondsLeft !== null && <IdleWarning secondsLeft={idle.secondsLeft} onContinue={() => { idle.keepAlive(); feedRef.current?.tapNow(); }} />}
    </section>
  );
}
