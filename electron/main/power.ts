// Keeps the kiosk display awake. Idempotent and injected (Electron's powerSaveBlocker in the app,
// a recording fake in tests).
export interface PowerSaveBlockerLike {
  start(type: 'prevent-display-sleep' | 'prevent-app-suspension'): number;
  stop(id: number): void;
  isStarted(id: number): boolean;
}

export function createDisplaySleepBlocker(blocker: PowerSaveBlockerLike) {
  let id: number | null = null;
  return {
    start() {
      if (id === null || !blocker.isStarted(id)) id = blocker.start('prevent-display-sleep');
    },
    stop() {
      if (id !== null && blocker.isStarted(id)) blocker.stop(id);
      id = null;
    },
  };
}
