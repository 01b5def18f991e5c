// A restartable one-shot timer: `touch()` pushes the deadline out, `stop()` disarms it.
// Timers are injected so tests can drive time without waiting.
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export function createSessionWatchdog(ms: number, onExpire: () => void, timers: Timers = realTimers) {
  let handle: unknown = null;
  const stop = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  };
  return {
    touch() {
      stop();
      handle = timers.setTimeout(() => {
        handle = null;
        onExpire();
      }, ms);
    },
    stop,
  };
}
