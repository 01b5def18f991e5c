// The staff screen: the printer's state and the requests a printer fault held, each with three
// decisions (印刷されていた / 再印刷（手数料なし） / 返金する), a preset reason, a confirmation and the
// outcome. Its state is the pure `staffFlow` reducer; this component runs each step's one command.
// When the main process says staff mode is locked (idle, another session) the screen is left at once.
import { useEffect, useReducer } from 'react';
import type { KioskClient } from '../../../../common/api/client';
import type { StaffHeldView } from '../../../../common/api/contract';
import { toKioskError } from '../../../../common/errors';
import { T } from '../../app/prefs';
import { Heading } from '../../shared/Heading';
import { initialStaff, staffFlow } from './staff-flow';
import { ConfirmStep, HeldItem, OutcomeStep, PrinterState, ReasonStep, WorkingStep } from './StaffParts';

export function StaffScreen({ client, initial, onExit, onIdleApplies, onDesk }: {
  client: KioskClient;
  initial: StaffHeldView;
  /** Leave staff mode (終了, or the main process locked it): lock and back to the idle screen. */
  onExit: () => void;
  onIdleApplies: (applies: boolean) => void;
  /** Opens the hospital's reception desk (a kiosk offering reception). */
  onDesk?: () => void;
}) {
  const [st, dispatch] = useReducer(staffFlow, initial, initialStaff);
  const s = st.s;
  const failed = (err: unknown) => {
    const e = toKioskError(err);
    if (e.kind === 'staff.locked') return onExit();
    dispatch({ type: 'failed', kind: e.kind });
  };

  // A reprint can wait minutes for the printer: that is not staff walking away.
  const working = s.step === 'working';
  useEffect(() => onIdleApplies(!working), [working, onIdleApplies]);

  useEffect(() => {
    if (st.refreshing) client['staff.held']({}).then((held) => dispatch({ type: 'loaded', held }), failed);
  }, [client, st.refreshing]);
  useEffect(() => {
    if (s.step === 'working') {
      client['staff.resolve']({ requestId: s.request.requestId, decision: s.decision, reason: s.reason })
        .then((result) => dispatch({ type: 'resolved', result }), failed);
    }
    // Only entering the working step runs the command.
  }, [client, s.step]);

  const toList = () => {
    dispatch({ type: 'to-list' });
    dispatch({ type: 'refresh' });
  };

  return (
    <div className="staff" data-step={s.step}>
      {s.step === 'list' && (
        <section className="screen">
          <Heading k="staff.title" />
          <PrinterState printer={st.held.printer} refreshing={st.refreshing} onRefresh={() => dispatch({ type: 'refresh' })} />
          {st.held.held.length === 0 ? (
            <p className="lead" data-testid="staff-none"><T k="staff.none" /></p>
          ) : (
            <ul className="held-list">
              {st.held.held.map((r) => <HeldItem key={r.requestId} r={r} onChoose={(decision) => dispatch({ type: 'choose', requestId: r.requestId, decision })} />)}
            </ul>
          )}
          <div className="actions">
            {onDesk && <button type="button" className="btn btn-secondary" onClick={onDesk} data-testid="staff-desk"><T k="desk.open" /></button>}
            <button type="button" className="btn btn-primary" onClick={onExit} data-testid="staff-exit"><T k="staff.exit" /></button>
          </div>
        </section>
      )}
      {s.step === 'reason' && (
        <ReasonStep request={s.request} decision={s.decision} onReason={(reason) => dispatch({ type: 'reason', reason })} onBack={() => dispatch({ type: 'back' })} />
      )}
      {s.step === 'confirm' && (
        <ConfirmStep request={s.request} decision={s.decision} reason={s.reason} onGo={() => dispatch({ type: 'confirm' })} onBack={() => dispatch({ type: 'back' })} />
      )}
      {s.step === 'working' && <WorkingStep decision={s.decision} />}
      {s.step === 'outcome' && <OutcomeStep request={s.request} outcome={s.outcome} onList={toList} onExit={onExit} />}
    </div>
  );
}
