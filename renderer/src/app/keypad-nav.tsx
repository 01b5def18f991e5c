// Keypad-only use, the way an ATM's voice mode works: the whole flow with a numeric keypad alone.
//   0–9  digits (PIN, staff code)         Enter  choose / confirm
//   + −  next / previous item (also arrows, and the keypad's 2/8 arrows with NumLock off)
//   /    back / cancel (Esc too)          .      clear the PIN (Del too)      Backspace  one digit
//   *    voice guidance on, and say the screen and the keys again (help / repeat)
// Every move says where focus is and what Enter will do. Items are the buttons of the open dialog,
// or else of the screen; the screen's back/cancel button is marked data-keypad="back".
import { useEffect } from 'react';
import { spokenLabel } from '../i18n/spoken-label';
import { usePrefs } from './prefs';
import { useVoice } from './voice';

const ITEMS = 'button:not([disabled]), button[disabled][data-keypad-say]';

function scope(): HTMLElement | null {
  const dialogs = document.querySelectorAll<HTMLElement>('[role="dialog"], [role="alertdialog"]');
  return dialogs[dialogs.length - 1] ?? document.querySelector('main');
}

function visible(el: HTMLElement): boolean {
  return el.offsetParent !== null || el.getClientRects().length > 0;
}

/** The on-screen digit keys are skipped: digits are typed on the keypad itself, and a digit said
 *  aloud before Enter would tell a bystander the PIN. */
function reachable(el: HTMLElement): boolean {
  return visible(el) && !(el.closest('.keypad') && /^[0-9]$/.test((el.textContent ?? '').trim()));
}

export function KeypadNav({ onVoiceOn }: { onVoiceOn: () => void }) {
  const voice = useVoice();
  const { lang } = usePrefs();
  useEffect(() => {
    const say = (el: HTMLElement) => {
      const label = spokenLabel(lang, (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim());
      const k = el.getAttribute('aria-pressed') === 'true' ? 'kp.focus.pressed' : 'kp.focus';
      voice.now([{ k, vars: { label } }]);
    };
    const move = (step: 1 | -1) => {
      const root = scope();
      if (!root) return;
      const items = [...root.querySelectorAll<HTMLElement>(ITEMS)].filter(reachable);
      if (items.length === 0) return;
      const at = items.indexOf(document.activeElement as HTMLElement);
      const next = items[at < 0 ? (step === 1 ? 0 : items.length - 1) : (at + step + items.length) % items.length]!;
      next.focus();
      next.scrollIntoView({ block: 'nearest' });
      say(next);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const k = e.key;
      if (k === '+' || k === 'ArrowDown' || k === 'ArrowRight') {
        e.preventDefault();
        move(1);
      } else if (k === '-' || k === 'ArrowUp' || k === 'ArrowLeft') {
        e.preventDefault();
        move(-1);
      } else if (k === '*') {
        e.preventDefault();
        onVoiceOn();
        voice.repeat();
      } else if (k === '/' || k === 'Escape') {
        e.preventDefault();
        const back = scope()?.querySelector<HTMLButtonElement>('[data-keypad="back"]:not([disabled])');
        if (back) back.click();
        else voice.now([{ k: 'kp.noBack' }]);
      } else if (k === 'Enter' && !(e.target instanceof HTMLButtonElement) && !scope()?.querySelector('.keypad')) {
        // Enter with nothing chosen yet: say how to choose.
        e.preventDefault();
        voice.now([{ k: 'kp.noFocus' }]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [voice, onVoiceOn, lang]);
  return null;
}
