// The "do you need more time?" dialog: modal, focused, one big button, a visible countdown.
import { useFocusOnMount } from '../../app/hooks';
import { T } from '../../app/prefs';

export function IdleWarning({ secondsLeft, onContinue }: { secondsLeft: number; onContinue: () => void }) {
  const button = useFocusOnMount<HTMLButtonElement>();
  return (
    <div className="overlay">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body" data-testid="idle-warning">
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
