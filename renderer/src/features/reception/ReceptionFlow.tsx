// Hospital reception after the PIN: its state is the pure `receptionFlow` reducer; this component
// runs each step's one command (reception.visit while the check is 処理中, .choose, .register,
// .print) and renders the step. The visit is the main process's; nothing here is kept after it.
import { useEffect, useReducer } from 'react';
import { toKioskError } from '../../../../common/errors';
import { Speak } from '../../app/voice';
import type { ServiceFlowProps } from '../../shared/service';
import { Busy, Desk, Done, Failed } from './EndScreens';
import { choicesOf, idleApplies, initialReception, receptionFlow } from './reception-flow';
import { receptionSpeech } from './spoken';
import { ConsentAsk, ConsentEach, Department, Outcome, Prescription, PublicAid } from './StepScreens';

/** How often a 処理中 answer is asked again (main bounds the whole wait and then goes on unconfirmed). */
const POLL_MS = 800;

export function ReceptionFlow({ client, onFinish, onIdleApplies, device = 'card', cardOnReader = false }: ServiceFlowProps) {
  const [s, dispatch] = useReducer(receptionFlow, initialReception);
  const failed = (err: unknown) => dispatch({ type: 'error', kind: toKioskError(err).kind });
  const visitId = 'visit' in s ? s.visit.visitId : s.step === 'done' ? s.visitId : null;

  const applies = idleApplies(s);
  useEffect(() => onIdleApplies(applies), [applies, onIdleApplies]);

  // Checking: ask for the visit until the answer is in (the service may answer 処理中 for a while).
  useEffect(() => {
    if (s.step !== 'checking') return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () => client['reception.visit']({}).then((visit) => {
      if (stop) return;
      if (visit.state === 'checking') timer = setTimeout(ask, POLL_MS);
      else dispatch({ type: 'visit', visit });
    }, (err: unknown) => { if (!stop) failed(err); });
    void ask();
    return () => { stop = true; clearTimeout(timer); };
  }, [client, s.step]);

  // The 受付票's progress after the number is shown.
  useEffect(() => {
    if (s.step !== 'done' || s.slip.status !== 'pending') return;
    const id = s.visitId;
    const off = client.on('reception.progress', (e) => {
      if (e.visitId === id) client['reception.visit']({}).then((visit) => dispatch({ type: 'visit', visit }), () => undefined);
    });
    // The printing may have ended before we listened.
    client['reception.visit']({}).then((visit) => dispatch({ type: 'visit', visit }), () => undefined);
    return off;
  }, [client, s.step, s.step === 'done' ? s.slip.status : null]);

  // Each step's one command.
  useEffect(() => {
    if (s.step === 'choosing') client['reception.choose']({ visitId: s.visit.visitId, choices: choicesOf(s.draft) }).then((visit) => dispatch({ type: 'visit', visit }), failed);
    if (s.step === 'registering') client['reception.register']({ visitId: s.visit.visitId, department: s.department }).then((visit) => dispatch({ type: 'visit', visit }), failed);
  }, [client, s.step, visitId]);

  const reprint = () => {
    if (s.step !== 'done') return;
    dispatch({ type: 'reprint' });
    client['reception.print']({ visitId: s.visitId }).then((visit) => dispatch({ type: 'visit', visit }), failed);
  };

  return (
    <div className="reception" data-step={s.step}>
      <Speak parts={receptionSpeech(s, device)} />
      {s.step === 'checking' && <Busy title="rcp.checking" hint="rcp.checkingHint" />}
      {s.step === 'outcome' && <Outcome s={s} dispatch={dispatch} onCancel={onFinish} />}
      {s.step === 'consent' && <ConsentAsk dispatch={dispatch} />}
      {s.step === 'consent-each' && <ConsentEach s={s} dispatch={dispatch} />}
      {s.step === 'public-aid' && <PublicAid dispatch={dispatch} />}
      {s.step === 'prescription' && <Prescription dispatch={dispatch} />}
      {s.step === 'department' && <Department s={s} dispatch={dispatch} onCancel={onFinish} />}
      {(s.step === 'choosing' || s.step === 'registering') && <Busy title="rcp.registering" hint="wait" />}
      {s.step === 'done' && <Done s={s} device={device} onReader={cardOnReader} onReprint={reprint} onFinish={onFinish} />}
      {s.step === 'desk' && <Desk s={s} device={device} onReader={cardOnReader} onFinish={onFinish} />}
      {s.step === 'failed' && <Failed device={device} onReader={cardOnReader} onFinish={onFinish} />}
    </div>
  );
}
