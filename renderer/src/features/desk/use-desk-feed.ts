// The desk's way of asking main for its figures: at once, then every DESK_REFRESH_SEC; a tap since
// the last ask is told to main (refresh: false), which is what keeps staff mode open past 30
// minutes — the periodic asks alone do not. The last good answer stays while a refresh fails.
import { useCallback, useEffect, useRef, useState } from 'react';
import { DESK_REFRESH_SEC } from '../../../../common/api/contract';
import { toKioskError, type ErrorKind } from '../../../../common/errors';

/** What the screen around a tab needs of its feed. */
export interface DeskFeedControls { tap: () => void; tapNow: () => void }

export function useDeskFeed<V>(ask: (refresh: boolean) => Promise<V>, onLocked: () => void) {
  const [view, setView] = useState<V | null>(null);
  const [error, setError] = useState<ErrorKind | null>(null);
  const tapped = useRef(true);
  const latest = useRef({ ask, onLocked });
  latest.current = { ask, onLocked };

  const load = useCallback(() => {
    const refresh = !tapped.current;
    tapped.current = false;
    latest.current.ask(refresh).then((v) => { setView(v); setError(null); }, (err: unknown) => {
      const e = toKioskError(err);
      if (e.kind === 'staff.locked') latest.current.onLocked();
      else setError(e.kind);
    });
  }, []);
  useEffect(() => {
    load();
    const timer = setInterval(load, DESK_REFRESH_SEC * 1000);
    return () => clearInterval(timer);
  }, [load]);

  return {
    view, error, load,
    /** Staff touched the screen: the next ask says so. */
    tap: () => { tapped.current = true; },
    /** Staff asked for it: ask now, as a tap. */
    tapNow: () => { tapped.current = true; load(); },
  };
}
