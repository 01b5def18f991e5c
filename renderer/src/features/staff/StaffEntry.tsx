// The way into staff mode: a dialog over the idle or held-print screen with the masked keypad for
// the staff code. Cancelling leaves the screen below exactly as it was (a resident waiting at the
// held screen still sees their reference). The code goes to the main process, which decides; it is
// kept nowhere here once sent.
import { useRef, useState } from 'react';
import type { KioskClient } from '../../../../common/api/client';
import type { StaffHeldView } from '../../../../common/api/contract';
import { toKioskError } from '../../../../common/errors';
import { useFocusOnMount } from '../../app/hooks';
import { useModal } from '../../app/modal';
import { useSpeak } from '../../app/voice';
import { T } from '../../app/prefs';
import type { MessageKey } from '../../i18n';
import { Keypad } from '../../shared/Keypad';

type Problem = { key: MessageKey; n?: number };

function problemOf(err: unknown): Problem {
  const e = toKioskError(err);
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  if (e.kind === 'staff.wrong_code') return { key: 'staff.code.wrong', n: n(e.details.triesLeft) };
  if (e.kind === 'staff.locked_out') return { key: 'staff.code.lockedOut', n: n(e.details.secondsLeft) };
  return { key: 'staff.code.problem' };
}

export function StaffEntry({ client, onUnlocked, onClose }: { client: KioskClient; onUnlocked: (held: StaffHeldView) => void; onClose: () => void }) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  // How many codes the kiosk has refused so far: the next answer is visible as a new count.
  const [answers, setAnswers] = useState(0);
  const dialog = useRef<HTMLDivElement>(null);
  useModal(dialog);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  useSpeak([{ k: 'staff.code.title' }, ...(problem ? [{ k: problem.key, vars: { n: problem.n ?? 0 } }] : []), { k: 'staff.code.sub' }, { k: 'kp.pinHint', voiceOnly: true }]);
  const submit = (code: string) => {
    setBusy(true);
    setProblem(null);
    client['staff.unlock']({ code }).then(
      (held) => onUnlocked(held),
      (err: unknown) => {
        setProblem(problemOf(err));
        setBusy(false);
        setAnswers((n) => n + 1);
      },
    );
  };
  return (
    <div className="overlay">
      <div ref={dialog} className="dialog staff-entry" role="dialog" aria-modal="true" aria-labelledby="staff-code-title" data-testid="staff-code" data-busy={busy} data-answers={answers}>
        <h1 id="staff-code-title" ref={heading} tabIndex={-1}><T k="staff.code.title" /></h1>
        <p className="sub"><T k="staff.code.sub" /></p>
        {problem && (
          <p className="alert alert-error" role="alert" data-testid="staff-code-problem" data-problem={problem.key}>
            <T k={problem.key} {...(problem.n !== undefined ? { vars: { n: problem.n } } : {})} />
          </p>
        )}
        <Keypad onSubmit={submit} onCancel={onClose} disabled={busy} minLength={6} maxLength={8} enteredKey="staff.code.entered" />
      </div>
    </div>
  );
}
