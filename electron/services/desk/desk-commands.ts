// The desk.today command: the hospital's reception desk in staff mode. Staff mode itself (the code,
// the lockout, its own short expiry) is staff-commands.ts's; this adds the desk's rule on top — the
// screen may stay for 30 minutes without a tap, like an eligibility terminal's staff screen, and
// its periodic refreshes keep staff mode open but are not staff's activity. A refresh after 30
// minutes without a tap locks staff mode (reason timeout) and answers staff.locked, whatever the
// window does: a page that keeps refreshing on its own cannot keep the desk open.
import { DESK_IDLE_SEC, type KioskApi, type StaffLockReason } from '../../../common/api/contract';
import { KioskError } from '../../../common/errors';
import type { DeskSource } from './desk-client';

export interface DeskGate {
  /** Throws staff.locked unless staff mode is open; moves staff mode's own expiry on. */
  require(): void;
  lock(reason: StaffLockReason): void;
}

/** Today in Japan (the hospital's day), YYYY-MM-DD. */
export function japanDate(now: number): string {
  return new Date(now + 9 * 3600_000).toISOString().slice(0, 10);
}

export function createDeskCommands(deps: { source: DeskSource; gate: DeskGate; clock?: () => number; log: (m: string) => void }): Pick<KioskApi, 'desk.today'> {
  const clock = deps.clock ?? Date.now;
  // Staff's last tap on the desk; a refresh is never one. Opening the desk (refresh: false) is.
  let lastTap = Number.NEGATIVE_INFINITY;
  return {
    'desk.today': async ({ refresh }) => {
      deps.gate.require();
      const now = clock();
      if (!refresh) lastTap = now;
      else if (now - lastTap > DESK_IDLE_SEC * 1000) {
        deps.gate.lock('timeout');
        deps.log('reception desk: no tap for 30 min, staff mode locked');
        throw new KioskError('staff.locked', 'staff mode ended: the desk was left without a tap for 30 minutes');
      }
      const answer = await deps.source.today(japanDate(now));
      return { ...answer, fetchedAt: new Date(clock()).toISOString() };
    },
  };
}
