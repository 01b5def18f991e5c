// The staff.* commands of the kiosk: staff settle prints a printer fault held, at the kiosk's own
// screen while the app runs (the technician CLI needs the app stopped). Staff mode is entered with
// the installation's staff code and ends any resident session first: the card is unpowered and the
// holder's data wiped before the first held request is shown. Every command but unlock refuses
// while staff mode is locked. Decisions go to the issuance service's resolveHeld — audited there
// with the staff note — and a refund is paid out by the payment device only this app holds.
import { PRINTER_UNREACHABLE } from '../../../common/backoffice-api';
import { KioskError } from '../../../common/errors';
import type { KioskApi, PrinterStatusView, StaffHeldView, StaffLockReason } from '../../../common/api/contract';
import type { IssuanceService } from '../issuance/types';
import type { PrinterStatusSource } from '../issuance/commands';
import { toOutcomeView } from '../issuance/commands';
import type { Timers } from '../kiosk/watchdog';
import { staffNote, toHeldView } from './held-view';
import { createStaffMode } from './staff-mode';

export type StaffCommand = 'staff.unlock' | 'staff.held' | 'staff.resolve' | 'staff.lock';

export interface StaffWiring {
  /** The installation's staff code hash (staff-code.ts); without it staff mode does not exist. */
  codeHash: string;
  /** Demo mode only: the demo code, shown on the demo tray. */
  demoCode?: string;
}

/** What staff settle at the kiosk's screen, brought by the service that holds such work (issuance). */
export interface StaffDesk {
  service: IssuanceService;
  printer?: PrinterStatusSource;
}

/** Held prints come with issuance; a reception-only kiosk has staff mode for its desk alone (no service). */
export interface StaffDeps extends Partial<StaffDesk> {
  staff: StaffWiring;
  /** No staff command for this long: staff mode locks itself. */
  idleMs: number;
  /** Ends the resident's session (unpowers the card, wipes the holder); a no-op without one. */
  endResidentSession(): Promise<void>;
  emit: {
    locked(reason: StaffLockReason): void;
    progress(p: { requestId: string; phase: string; detail?: string }): void;
  };
  clock?: () => number;
  timers?: Timers;
  log: (m: string) => void;
}

export interface StaffCommands {
  api: Pick<KioskApi, StaffCommand>;
  /** Staff mode ends (a resident's card session starts, shutdown); no-op when locked. */
  lock(reason: StaffLockReason): void;
  /** For other staff work at this screen (the reception desk): refuses unless staff mode is open. */
  gate: { require(): void; lock(reason: StaffLockReason): void };
}

export function createStaffCommands(deps: StaffDeps): StaffCommands {
  const { service, log } = deps;
  const mode = createStaffMode({
    codeHash: deps.staff.codeHash, idleMs: deps.idleMs, log, onLock: deps.emit.locked,
    ...(deps.clock ? { clock: deps.clock } : {}), ...(deps.timers ? { timers: deps.timers } : {}),
  });

  async function printerNow(): Promise<PrinterStatusView> {
    if (!deps.printer) return PRINTER_UNREACHABLE;
    try {
      const st = await deps.printer.status();
      return { state: st.state, needsStaff: st.needsStaff, message: st.message };
    } catch {
      return PRINTER_UNREACHABLE;
    }
  }

  async function snapshot(): Promise<StaffHeldView> {
    const held = (service?.listHeld() ?? []).map(toHeldView).filter((h) => h !== null).slice(0, 100);
    return { printer: await printerNow(), held };
  }

  const api: StaffCommands['api'] = {
    'staff.unlock': async ({ code }) => {
      await mode.unlock(code, () => deps.endResidentSession());
      return snapshot();
    },
    'staff.held': async () => {
      mode.require();
      return snapshot();
    },
    'staff.resolve': async ({ requestId, decision, reason }) => {
      mode.require();
      if (!service?.listHeld().some((h) => h.requestId === requestId)) throw new KioskError('issuance.not_found', 'no such request waits for staff', { requestId });
      const r = await mode.busy(() => service.resolveHeld(requestId, decision, staffNote(reason), (p) =>
        deps.emit.progress({ requestId, phase: p.phase.slice(0, 40), ...(p.detail ? { detail: p.detail.slice(0, 200) } : {}) })));
      log(`certificate request ${requestId}: staff decided ${decision} (${reason}); now ${r.state}`);
      return {
        requestId, state: r.state, refunded: r.refunded,
        ...(r.outcome ? { outcome: toOutcomeView(r.outcome) } : {}),
        ...(r.receipt ? { receipt: r.receipt } : {}),
      };
    },
    'staff.lock': async () => {
      mode.require();
      mode.lock('lock');
      return { locked: true as const };
    },
  };

  return { api, lock: (reason) => void mode.lock(reason), gate: { require: () => mode.require(), lock: (reason) => void mode.lock(reason) } };
}

/** Staff mode is not set up on this kiosk (no staff code, or no certificate issuance to settle). */
export function unsupportedStaff(): Pick<KioskApi, StaffCommand> {
  const no = async (): Promise<never> => {
    throw new KioskError('api.unsupported', 'staff mode is not set up on this kiosk');
  };
  return { 'staff.unlock': no, 'staff.held': no, 'staff.resolve': no, 'staff.lock': no };
}
