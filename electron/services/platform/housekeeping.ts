// The kiosk's housekeeping: named periodic tasks that run in rounds, one round every
// `housekeepingSeconds` of the installation's configuration (default 60 s). The platform registers
// its own (printer sweep, fleet heartbeat); each service module registers what it must do between
// residents (issuance: wipe the personal data the back office has acknowledged), and retention
// tasks register here too.
//
//   const off = housekeeping.register('issuance.wipe-synced', () => service.settleSynced());
//
// - A task is `() => void | Promise<void>`; tasks of a round run one after another, in the order
//   they were registered (a wipe before the heartbeat that reports on it).
// - A task that throws is logged by its name and the round goes on with the next task: one broken
//   task never stops the heartbeat.
// - Names are unique (a second registration under the same name is a programming error and throws);
//   `register` returns the function that removes the task again.
// - `runNow()` runs one round at once (a missing voice reaches the technician now, tests); a round
//   asked for while one is running waits for it and then runs once more, never two at a time.
import { toKioskError } from '../../../common/errors';

export type HousekeepingTask = () => void | Promise<void>;

export interface Housekeeping {
  /** Adds a named task to every round; returns its removal. */
  register(name: string, task: HousekeepingTask): () => void;
  /** The registered task names, in the order they run. */
  names(): string[];
  /** One round now (after the one in progress, if any). */
  runNow(): Promise<void>;
  /** Rounds every `everyMs` from now, the first one at once. */
  start(everyMs: number): void;
  stop(): void;
}

export function createHousekeeping(log: (m: string) => void = () => undefined): Housekeeping {
  const tasks = new Map<string, HousekeepingTask>();
  let timer: ReturnType<typeof setInterval> | null = null;
  let running: Promise<void> | null = null;
  let again: Promise<void> | null = null;

  async function round(): Promise<void> {
    for (const [name, task] of [...tasks]) {
      try {
        await task();
      } catch (err) {
        log(`housekeeping: ${name} failed: ${toKioskError(err).message}`);
      }
    }
  }

  function runNow(): Promise<void> {
    if (!running) {
      running = round().finally(() => { running = null; });
      return running;
    }
    // One more round after the current one (requests meanwhile share it).
    again ??= running.then(() => {
      again = null;
      return runNow();
    });
    return again;
  }

  return {
    register(name, task) {
      if (tasks.has(name)) throw new Error(`housekeeping task "${name}" is already registered`);
      tasks.set(name, task);
      return () => void (tasks.get(name) === task && tasks.delete(name));
    },
    names: () => [...tasks.keys()],
    runNow,
    start(everyMs) {
      if (timer) return;
      timer = setInterval(() => void runNow(), everyMs);
      timer.unref();
      void runNow();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
