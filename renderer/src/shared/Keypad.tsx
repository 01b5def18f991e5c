// On-screen PIN keypad: large keys, masked entry, physical number keys work too (the braille
// keypad next to the panel is a keyboard). The PIN lives only in this component's state and is
// cleared as soon as it is submitted. The staff code (6–8 digits) uses the same keypad.
import { useEffect, useRef, useState } from 'react';
import type { MessageKey } from '../i18n';
import { T, useText } from '../app/prefs';
import { useVoice } from '../app/voice';

const PIN_LENGTH = 4;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export function Keypad({ onSubmit, onCancel, disabled, minLength = PIN_LENGTH, maxLength = PIN_LENGTH, enteredKey = 'pin.entered' }: {
  onSubmit: (pin: string) => void;
  onCancel: () => void;
  disabled: boolean;
  minLength?: number;
  maxLength?: number;
  /** How many digits are in, for screen readers ({n}). */
  enteredKey?: MessageKey;
}) {
  const [pin, setPin] = useState('');
  const t = useText();
  const add = (d: string) => setPin((p) => (p.length < maxLength ? p + d : p));
  const del = () => setPin((p) => p.slice(0, -1));
  const complete = pin.length >= minLength && pin.length <= maxLength;
  // Voice says how many digits are in after each key ("2けた入力しました"), never which.
  const voice = useVoice();
  const typed = useRef(false);
  useEffect(() => {
    if (typed.current) voice.now([{ k: enteredKey, vars: { n: pin.length } }]);
    typed.current = true;
  }, [pin.length]);
  const submit = () => {
    if (!complete || disabled) return;
    const value = pin;
    setPin('');
    onSubmit(value);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (disabled) return;
      if (/^[0-9]$/.test(e.key)) {
        e.preventDefault();
        add(e.key);
        // Typing again after moving to a button (e.g. やめる with +): Enter confirms the entry, not that button.
        if (document.activeElement instanceof HTMLButtonElement) document.activeElement.blur();
      } else if (e.key === 'Backspace') {
        e.preventDefault();
        del();
      } else if (e.key === '.' || e.key === 'Delete') {
        // The keypad's clear key.
        e.preventDefault();
        setPin('');
      } else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        submit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="keypad-area">
      <div className="pin-dots" role="img" aria-label={t(enteredKey, { n: pin.length })} data-testid="pin-dots" data-filled={pin.length}>
        {Array.from({ length: maxLength }, (_, i) => (
          <span key={i} className={i < pin.length ? 'dot filled' : 'dot'} />
        ))}
      </div>
      <p className="sr-only" aria-live="polite">
        {t(enteredKey, { n: pin.length })}
      </p>
      <div className="keypad">
        {KEYS.map((k) => (
          <button key={k} type="button" className="key" onClick={() => add(k)} disabled={disabled}>
            {k}
          </button>
        ))}
        <button type="button" className="key key-aux" onClick={del} disabled={disabled || pin.length === 0}>
          <T k="pin.delete" />
        </button>
        <button type="button" className="key" onClick={() => add('0')} disabled={disabled}>
          0
        </button>
        <button type="button" className="key key-ok" onClick={submit} disabled={disabled || !complete}>
          <T k="pin.ok" />
        </button>
      </div>
      <div className="row">
        <button type="button" className="btn btn-quiet" onClick={() => setPin('')} disabled={disabled || pin.length === 0}>
          <T k="pin.clear" />
        </button>
        <button type="button" className="btn btn-quiet" onClick={onCancel} disabled={disabled} data-keypad="back">
          <T k="pin.cancel" />
        </button>
      </div>
    </div>
  );
}
