// The issuance.* commands of the kiosk session: they call the IssuanceService with the session's
// holder token (which never leaves the main process) and forward its progress as contract events.
// Requests belong to the session that made them: the UI can never pay, print or cancel another
// holder's request. When a session ends while a request is open, settle() puts it in a safe state
// and says so in the log — a paid request is never silently abandoned.
import { PRINTER_UNREACHABLE, type PrinterStatusView } from '../../../common/backoffice-api';
import { KioskError, isKioskError } from '../../../common/errors';
import type { KioskApi, PrintOutcomeView } from '../../../common/api/contract';
import type { IssuanceService, PrintOutcome } from './types';

type IssuanceCommand = 'issuance.catalog' | 'issuance.request' | 'issuance.pay' | 'issuance.print' | 'issuance.cancel' | 'issuance.status';

/** The printer's own status (electron/services/printing KioskPrinter.status), when wired. */
export interface PrinterStatusSource {
  status(): Promise<PrinterStatusView>;
}

export interface IssuanceSession {
  holderToken: string | null;
  /** Why there is no token (e.g. 'sync.unreachable'): the catalog answers with this error. */
  signInError: KioskError | null;
  requestIds: Set<string>;
}

export interface IssuanceEmit {
  payment(p: { requestId: string; inserted: number; remaining: number; method?: 'cash' | 'ic' }): void;
  progress(p: { requestId: string; phase: string; detail?: string }): void;
  printer(p: PrinterStatusView): void;
}

export function toOutcomeView(o: PrintOutcome): PrintOutcomeView {
  if (o.status === 'printed') return { status: 'printed', sheets: o.sheets };
  return { status: o.status, reason: o.reason.slice(0, 80), maybePrinted: o.maybePrinted };
}

export function createIssuanceCommands(deps: {
  service: IssuanceService;
  printer?: PrinterStatusSource;
  session: () => IssuanceSession | null;
  emit: IssuanceEmit;
  /** Pay and print may run for minutes: the session's backstop timer must not fire meanwhile. */
  busy: { enter(): void; leave(): void };
  log: (m: string) => void;
}) {
  const { service, emit } = deps;

  function holder(): IssuanceSession & { holderToken: string } {
    const s = deps.session();
    if (!s) throw new KioskError('card.removed', 'no session: place the card again');
    if (s.holderToken === null) throw s.signInError ?? new KioskError('sync.unreachable', 'the back office could not be reached');
    return s as IssuanceSession & { holderToken: string };
  }
  function owned(requestId: string): void {
    if (!deps.session()?.requestIds.has(requestId)) throw new KioskError('issuance.not_found', 'no such request in this session', { requestId });
  }
  async function whileBusy<T>(fn: () => Promise<T>): Promise<T> {
    deps.busy.enter();
    try {
      return await fn();
    } finally {
      deps.busy.leave();
    }
  }
  async function reportPrinter(): Promise<void> {
    if (!deps.printer) return;
    try {
      const st = await deps.printer.status();
      emit.printer({ state: st.state, needsStaff: st.needsStaff, message: st.message });
    } catch {
      emit.printer(PRINTER_UNREACHABLE);
    }
  }

  const api: Pick<KioskApi, IssuanceCommand> = {
    'issuance.catalog': async () => service.catalog({ holderToken: holder().holderToken }),
    'issuance.request': async (input) => {
      const s = holder();
      const r = await service.request({ holderToken: s.holderToken, ...input });
      s.requestIds.add(r.requestId);
      return r;
    },
    'issuance.pay': async ({ requestId }) => {
      owned(requestId);
      return whileBusy(() => service.pay(requestId, (p) => emit.payment({ requestId, inserted: p.inserted, remaining: p.remaining })));
    },
    'issuance.print': async ({ requestId }) => {
      owned(requestId);
      return whileBusy(async () => {
        const r = await service.print(requestId, (p) => {
          emit.progress({ requestId, phase: p.phase.slice(0, 40), ...(p.detail ? { detail: p.detail.slice(0, 200) } : {}) });
          // The printer waits for someone (paper, jam, offline): tell the screen at once.
          if (p.phase === 'waiting-for-printer') emit.printer({ state: 'stopped', needsStaff: true, message: `printer.${(p.detail ?? 'stopped').slice(0, 60)}` });
        });
        if (r.outcome.status !== 'printed') {
          deps.log(`certificate request ${requestId} ${r.state} after print ${r.outcome.status} (${r.outcome.reason}); staff called`);
          await reportPrinter();
        }
        return { state: r.state, outcome: toOutcomeView(r.outcome) };
      });
    },
    'issuance.cancel': async ({ requestId }) => {
      owned(requestId);
      return service.cancel(requestId);
    },
    'issuance.status': async ({ requestId }) => {
      owned(requestId);
      const v = service.get(requestId);
      if (!v) throw new KioskError('issuance.not_found', undefined, { requestId });
      return { requestId, state: v.state, fee: v.fee, paid: v.paid };
    },
  };

  /**
   * The session ends (resident done, idle timeout, shutdown) with requests of it still open:
   * unpaid ones are voided; a paid one that never started printing is refunded; a printing or held
   * one stays with the service (it completes, or staff resolve it) — each case logged.
   */
  async function settle(session: IssuanceSession, reason: string): Promise<void> {
    for (const requestId of session.requestIds) {
      const v = service.get(requestId);
      if (!v) continue;
      if (v.state === 'requested' || v.state === 'authorized' || v.state === 'paid') {
        try {
          const r = await service.cancel(requestId);
          deps.log(`certificate request ${requestId} ${r.state} at session end (${reason}); returned ¥${r.refunded}`);
        } catch (err) {
          // A payment still running is cancelled by the device and settles through pay()'s own path.
          if (!isKioskError(err, 'issuance.invalid_state')) deps.log(`certificate request ${requestId}: cancel at session end failed (${(err as Error).message})`);
        }
      } else if (v.state === 'printing' || v.state === 'held' || v.state === 'failed') {
        deps.log(`certificate request ${requestId} is ${v.state} at session end (${reason}); it stays with staff`);
      }
    }
  }

  return { api, settle };
}
