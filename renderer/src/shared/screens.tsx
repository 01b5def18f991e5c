// The shared screens every visit passes through, whatever the service: idle, reading, PIN,
// verifying, error, goodbye (the menu after sign-in is ServiceMenu.tsx). Each has one heading
// (focused on arrival), one clear instruction, and large actions; progress is shown for every
// step that talks to the card.
import type { ErrorPayload } from '../../../common/errors';
import type { MessageKey } from '../i18n';
import { errorText } from '../app/flow';
import { useFocusOnMount } from '../app/hooks';
import { T } from '../app/prefs';
import { Heading } from './Heading';
import { Keypad } from './Keypad';

function CardIcon() {
  return (
    <svg className="card-icon" viewBox="0 0 200 130" aria-hidden="true">
      <rect x="60" y="80" width="120" height="40" rx="6" className="reader" />
      <rect x="30" y="10" width="120" height="76" rx="8" className="card" />
      <rect x="45" y="30" width="22" height="18" rx="3" className="chip" />
      <path d="M100 92 v16 m-8 -8 l8 8 l8 -8" className="arrow" />
    </svg>
  );
}

export function IdleScreen({ noReader, onStaff, notes = [], starts = [] }: {
  noReader: boolean;
  onStaff: (() => void) | null;
  /** What the offered services say before the card is placed (their hours). */
  notes?: readonly MessageKey[];
  /** Services chosen before the card (hospital reception): a large button each. */
  starts?: readonly { label: MessageKey; testId: string; hint?: MessageKey | undefined; onStart: () => void }[];
}) {
  return (
    <section className="screen center">
      <CardIcon />
      <Heading k="idle.title" />
      <p className="lead">
        <T k={noReader ? 'idle.noReader' : 'idle.hint'} />
      </p>
      {notes.map((k) => (
        // Said before the card and the PIN, not after: a resident arriving at night learns it here.
        <p key={k} className="hours" data-testid="service-hours">
          <T k={k} />
        </p>
      ))}
      {starts.length > 0 && !noReader && (
        <div className="actions idle-starts">
          {starts.map((s) => (
            <button key={s.testId} type="button" className="btn btn-primary" onClick={s.onStart} data-testid={s.testId}>
              <T k={s.label} />
            </button>
          ))}
          {starts.flatMap((s) => (s.hint ? [<p key={`${s.testId}-hint`} className="lead"><T k={s.hint} /></p>] : []))}
        </div>
      )}
      {onStaff && (
        // Discreet but findable: a small labelled button in the corner, for staff only.
        <button type="button" className="btn-staff" onClick={onStaff} data-testid="staff-open">
          <T k="staff.open" />
        </button>
      )}
    </section>
  );
}

export function ProgressScreen({ title, hint }: { title: 'reading.title' | 'verifying.title'; hint: 'reading.hint' | 'wait' }) {
  return (
    <section className="screen center" aria-busy="true">
      <Heading k={title} />
      <div className="progress" role="progressbar" aria-label={title}>
        <span />
      </div>
      <p className="lead" role="status">
        <T k={hint} />
      </p>
    </section>
  );
}

export function PinScreen(props: { triesLeft: number; problem: 'wrong' | 'format' | null; onSubmit: (pin: string) => void; onCancel: () => void }) {
  // After a wrong PIN focus goes to what happened (this effect runs after the heading's own).
  const problemRef = useFocusOnMount<HTMLParagraphElement>();
  return (
    <section className="screen pin-screen">
      <div className="pin-text">
        <Heading k="pin.title" />
        <p className="sub">
          <T k="pin.sub" />
        </p>
        <p className={props.triesLeft <= 1 ? 'tries tries-last' : 'tries'} role="status" data-testid="tries-left" data-tries={props.triesLeft}>
          <T k="pin.tries" vars={{ n: props.triesLeft }} />
        </p>
        {props.problem && (
          <p className="alert alert-error" role="alert" data-testid="pin-problem" ref={problemRef} tabIndex={-1}>
            <T k={props.problem === 'wrong' ? 'pin.wrong' : 'pin.format'} />
          </p>
        )}
        {props.triesLeft === 1 && (
          <p className="alert alert-warn" role="alert" data-testid="last-try-warning">
            <T k="pin.lastTry" />
          </p>
        )}
        <p className="note">
          <T k="pin.privacy" />
        </p>
      </div>
      <Keypad onSubmit={props.onSubmit} onCancel={props.onCancel} disabled={false} />
    </section>
  );
}

export function ErrorScreen({ error, onRetry, onHome, cardPresent = false }: { error: Pick<ErrorPayload, 'kind' | 'details'>; onRetry: (() => void) | null; onHome: () => void; cardPresent?: boolean }) {
  const text = errorText(error.kind);
  return (
    <section className="screen center" data-error-kind={error.kind}>
      <div className="error-mark" aria-hidden="true">!</div>
      <Heading k={text.title} />
      <p className="lead next-step" data-testid="next-step">
        <T k={text.next} />
      </p>
      {cardPresent && (
        <p className="alert alert-warn card-reminder" data-testid="take-card">
          <T k="bye.takeCardNow" />
        </p>
      )}
      <div className="actions">
        {text.retry && onRetry && (
          <button type="button" className="btn btn-primary" onClick={onRetry}>
            <T k="err.retry" />
          </button>
        )}
        <button type="button" className={text.retry && onRetry ? 'btn btn-secondary' : 'btn btn-primary'} onClick={onHome} data-keypad="back">
          <T k="err.home" />
        </button>
      </div>
    </section>
  );
}

export function GoodbyeScreen({ cardPresent, onHome, timedOut = false }: { cardPresent: boolean; onHome: () => void; timedOut?: boolean }) {
  return (
    <section className="screen center" data-timed-out={timedOut}>
      {timedOut && (
        <p className="alert alert-calm" data-testid="timed-out">
          <T k="bye.timedOut" />
        </p>
      )}
      {cardPresent ? (
        <>
          <Heading k="bye.takeCardNow" />
          <p className="alert alert-warn card-reminder" role="alert" data-testid="take-card">
            <T k="bye.takeCard" />
          </p>
        </>
      ) : (
        <>
          <Heading k="bye.thanks" />
          <p className="lead">
            <T k="bye.takeCard" />
          </p>
          <div className="actions">
            <button type="button" className="btn btn-primary" onClick={onHome}>
              <T k="bye.home" />
            </button>
          </div>
        </>
      )}
    </section>
  );
}
