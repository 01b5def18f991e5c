// On-screen PIN keypad: large keys, masked entry, physical number keys work too (the braille
// keypad next to the panel is a keyboard). The PIN lives only in this component's state and is
// cleared as soon as it is submitted.
import { useEffect, useState } from 'react';
import { T, useText } from '../../app/prefs';

const PIN_LENGTH = 4;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export function Keypad({ onSubmit, onCancel, disabled }: { onSubmit: (pin: string) => void; onCancel: () => void; disabled: boolean }) {
  const [pin, setPin] = useState('');
  const t = useText();
  const add = (d: string) => setPin((p) => (p.length < PIN_LENGTH ? p + d : p));
  const del = () => setPin((p) => p.slice(0, -1));
  const submit = () => {
    if (pin.length !== PIN_LENGTH || disabled) return;
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
      } else if (e.key === 'Backspace') {
        e.preventDefault();
        del();
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
      <div className="pin-dots" role="img" aria-label={t('pin.entered', { n: pin.length })} data-testid="pin-dots" data-filled={pin.length}>
        {Array.from({ length: PIN_LENGTH }, (_, i) => (
          <span key={i} className={i < pin.length ? 'dot filled' : 'dot'} />
        ))}
      </div>
      <p className="sr-only" aria-live="polite">
        {t('pin.entered', { n: pin.length })}
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
        <button type="button" className="key key-ok" onClick={submit} disabled={disabled || pin.length !== PIN_LENGTH}>
          <T k="pin.ok" />
        </button>
      </div>
      <div className="row">
        <button type="button" className="btn btn-quiet" onClick={() => setPin('')} disabled={disabled || pin.length === 0}>
          <T k="pin.clear" />
        </button>
        <button type="button" className="btn btn-quiet" onClick={onCancel} disabled={disabled}>
          <T k="pin.cancel" />
        </button>
      </div>
    </div>
  );
}
