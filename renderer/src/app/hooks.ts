import { useEffect, useRef, useState } from 'react';

/** Moves focus to the screen's heading when the screen appears (screen readers, keyboards). */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

/**
 * Idle timeout with a warning (WCAG 2.2.1): after `idleSec` without a touch or key the warning
 * counts down `warnSec` (≥ 20 s); any touch or key continues; at zero `onTimeout` runs once.
 */
export function useIdleTimer(active: boolean, idleSec: number, warnSec: number, onTimeout: () => void): { secondsLeft: number | null; keepAlive: () => void } {
  const last = useRef(Date.now());
  const fired = useRef(false);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const timeout = useRef(onTimeout);
  timeout.current = onTimeout;

  useEffect(() => {
    if (!active) {
      setSecondsLeft(null);
      return;
    }
    last.current = Date.now();
    fired.current = false;
    const activity = () => {
      last.current = Date.now();
      setSecondsLeft(null);
    };
    const tick = () => {
      const idle = (Date.now() - last.current) / 1000;
      if (idle >= idleSec + warnSec) {
        if (!fired.current) {
          fired.current = true;
          setSecondsLeft(null);
          timeout.current();
        }
      } else if (idle >= idleSec) {
        setSecondsLeft(Math.ceil(idleSec + warnSec - idle));
      }
    };
    window.addEventListener('pointerdown', activity, true);
    window.addEventListener('keydown', activity, true);
    const timer = setInterval(tick, 1000);
    return () => {
      window.removeEventListener('pointerdown', activity, true);
      window.removeEventListener('keydown', activity, true);
      clearInterval(timer);
    };
  }, [active, idleSec, warnSec]);

  return {
    secondsLeft,
    keepAlive: () => {
      last.current = Date.now();
      setSecondsLeft(null);
    },
  };
}
