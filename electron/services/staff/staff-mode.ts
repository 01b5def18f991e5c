// Staff mode of one kiosk: a flag with an expiry, held in the main process. The UI never holds a
// token, so a reloaded page, a second tab on the dev bridge or a crashed renderer gains nothing;
// what it may do is decided here, command by command.
// - unlock(code): the installation's staff code (scrypt hash). Five wrong codes in a row and every
//   code is refused for five minutes (the seconds left are in the error), so the 10^6 codes of a
//   6-digit code cannot be tried at the touch screen. Attempts are checked one at a time: taps in
//   parallel cannot slip past the count.
// - The mode locks itself when no staff command came for the kiosk's idle policy (plus the same
//   grace as the resident session's backstop), except while a staff step (a reprint) still runs.
// - The code is never logged; the log says only that a code was wrong, right, or locked out.
import { KioskError } from '../../../common/errors';
import type { StaffLockReason } from '../../../common/api/contract';
import { createSessionWatchdog, type Timers } from '../kiosk/watchdog';
import { verifyStaffCode } from './staff-code';

export const MAX_TRIES = 5;
export const LOCKOUT_MS = 5 * 60_000;

export interface StaffModeOptions {
  codeHash: string;
  /** No staff command for this long: staff mode locks itself. */
  idleMs: number;
  /** Wall clock for the lockout (tests move it). */
  clock?: () => number;
  timers?: Timers;
  log?: (m: string) => void;
  /** Staff mode ended (any reason): the kiosk tells the UI. */
  onLock: (reason: StaffLockReason) => void;
}

export interface StaffMode {
  /** Checks the code; on success runs `enter` (which ends the resident's session) and only then unlocks. */
  unlock(code: string, enter: () => Promise<void>): Promise<void>;
  isUnlocked(): boolean;
  /** Throws staff.locked unless unlocked; counts as staff activity. */
  require(): void;
  /** A staff step that may run for minutes (a reprint): the mode does not expire under it. */
  busy<T>(fn: () => Promise<T>): Promise<T>;
  /** Locks now; false when it was not unlocked. */
  lock(reason: StaffLockReason): boolean;
}

export function createStaffMode(opts: StaffModeOptions): StaffMode {
  const now = opts.clock ?? Date.now;
  const log = opts.log ?? (() => undefined);
  let unlocked = false;
  let failures = 0;
  let lockedOutUntil = 0;
  let running = 0;
  let attempts: Promise<unknown> = Promise.resolve();

  const watchdog = createSessionWatchdog(opts.idleMs, () => {
    if (running > 0) return watchdog.touch();
    if (lock('timeout')) log('staff mode locked itself (idle)');
  }, opts.timers);

  function lock(reason: StaffLockReason): boolean {
    watchdog.stop();
    if (!unlocked) return false;
    unlocked = false;
    if (reason !== 'timeout') log(`staff mode locked (${reason})`);
    opts.onLock(reason);
    return true;
  }

  function lockedOut(): KioskError | null {
    const left = lockedOutUntil - now();
    return left > 0 ? new KioskError('staff.locked_out', undefined, { secondsLeft: Math.ceil(left / 1000) }) : null;
  }

  async function attempt(code: string, enter: () => Promise<void>): Promise<void> {
    const refused = lockedOut();
    if (refused) throw refused;
    if (!(await verifyStaffCode(code, opts.codeHash))) {
      failures++;
      if (failures >= MAX_TRIES) {
        failures = 0;
        lockedOutUntil = now() + LOCKOUT_MS;
        log(`staff code wrong ${MAX_TRIES} times: staff mode refuses codes for ${LOCKOUT_MS / 1000} s`);
        throw lockedOut()!;
      }
      log(`staff code wrong (${MAX_TRIES - failures} tries left)`);
      throw new KioskError('staff.wrong_code', undefined, { triesLeft: MAX_TRIES - failures });
    }
    failures = 0;
    await enter();
    unlocked = true;
    watchdog.touch();
    log('staff mode unlocked');
  }

  return {
    unlock(code, enter) {
      const run = attempts.then(() => attempt(code, enter));
      attempts = run.catch(() => undefined);
      return run;
    },
    isUnlocked: () => unlocked,
    require() {
      if (!unlocked) throw new KioskError('staff.locked');
      watchdog.touch();
    },
    async busy(fn) {
      running++;
      try {
        return await fn();
      } finally {
        running--;
        if (unlocked) watchdog.touch();
      }
    },
    lock,
  };
}
