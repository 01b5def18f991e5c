// The "do you need more time?" dialog: modal, focused, one big button, a visible countdown.
import { useRef, useState } from 'react';
import { useFocusOnMount } from '../app/hooks';
import { useModal } from '../app/modal';
import { T } from '../app/prefs';
import { useSpeak } from '../app/voice';

export function IdleWarning({ secondsLeft, onContinue }: { secondsLeft: number; onContinue: () => void }) {
  const dialog = useRef<HTMLDivElement>(null);
  useModal(dialog);
  const button = useFocusOnMount<HTMLButtonElement>();
  // Said once, with the seconds at the start (not again every second).
  const [firstSeconds] = useState(secondsLeft);
  useSpeak([{ k: 'idleWarn.title' }, { k: 'idleWarn.body', vars: { n: firstSeconds } }]);
  return (
    <div className="overlay">
      <div ref={dialog} className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body" data-testid="idle-warning">
        <h2 id="idle-title">
          <T k="idleWarn.title" />
        </h2>
        <p id="idle-body" className="lead" data-seconds={secondsLeft}>
          <T k="idleWarn.body" vars={{ n: secondsLeft }} />
        </p>
        <button ref={button} type="button" className="btn btn-primary" onClick={onContinue}>
          <T k="idleWarn.continue" />
        </button>
      </div>
    </div>
  );
}
