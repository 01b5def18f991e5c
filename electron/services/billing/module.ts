// Hospital payment as a resident service module. The patient chooses お会計 BEFORE the card, so the
// login names this service: the card's one signature goes to the SAME eligibility service as
// reception (cardSignIn), whose answer's 照会番号 (referenceNumber) is the hospital's patient ID —
// registered at the patient's first reception. A 処理中 answer is polled as reception does
// (patient-check.ts) when the checkout starts. No 照会番号, or the service down (or still 処理中 at the
// bound), sends the patient to the desk; with one PIN try left the kiosk does not use it. The card may be taken right after the
// PIN. A session that ends before money abandons its checkout (a running collect cancelled, the bill
// unlocked); after money the checkout goes on alone (入金, documents).
import type { BillingDeskReasonView, CheckoutView } from '../../../common/api/billing-schemas';
import type { CommandName, KioskApi } from '../../../common/api/contract';
import { isKioskError, KioskError, toKioskError } from '../../../common/errors';
import type { ModuleContext, ResidentServiceModule, ResidentSession } from '../kiosk/service-module';
import { isPending } from '../reception/eligibility-rules';
import type { EligibilityService } from '../reception/ports';
import { awaitPending, DEFAULT_PENDING_BOUND_MS, DEFAULT_POLL_INTERVAL_MS, patientOf } from './patient-check';
import type { CheckoutService, PatientCheck } from './types';

export const BILLING_COMMANDS = ['billing.checkout', 'billing.pay', 'billing.cancel', 'billing.print', 'billing.link', 'billing.unlink'] as const satisfies readonly CommandName[];

type BillingCommand = (typeof BILLING_COMMANDS)[number];

export interface BillingModule extends ResidentServiceModule {
  name: 'billing';
  service: CheckoutService;
  /** The staff's payment desk at this kiosk: refunds and held payments go through the checkout service. */
  paymentDesk: Pick<CheckoutService, 'refund' | 'settleHeld'>;
}

/** What the card check said about the patient, kept until billing.checkout starts the checkout; a 処理中
 *  answer is polled there (the screen says the bill is being looked up). */
type SignIn = { check: PatientCheck; pending?: { fileId: string; since: number; polled?: Promise<void> }; checkoutId?: string };

export interface BillingModuleOptions {
  service: CheckoutService;
  eligibility: EligibilityService;
  /** A 処理中 answer is polled up to this bound from its arrival (reception's pendingBoundMs; default 10 s). */
  pendingBoundMs?: number;
  pollIntervalMs?: number;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  log?: (m: string) => void;
}

export function createBillingModule(o: BillingModuleOptions): BillingModule {
  const { service } = o;
  const clock = o.clock ?? Date.now;
  const pendingPolicy = {
    boundMs: o.pendingBoundMs ?? DEFAULT_PENDING_BOUND_MS, intervalMs: o.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, clock,
    sleep: o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))),
  };
  // The checkout a session started belongs to it alone: the UI can never act on another patient's bill.
  const signInOf = new WeakMap<ResidentSession, SignIn>();
  let ctx: ModuleContext | null = null;

  function sessionSignIn(): { s: ResidentSession; signIn: SignIn } {
    const s = ctx?.session();
    if (!s) throw new KioskError('card.removed', 'no session: start again');
    const signIn = signInOf.get(s);
    if (!signIn) throw new KioskError('billing.not_found', 'no checkout in this session');
    return { s, signIn };
  }

  function mine(checkoutId?: string): string {
    const { signIn } = sessionSignIn();
    if (!signIn.checkoutId || (checkoutId !== undefined && signIn.checkoutId !== checkoutId)) {
      throw new KioskError('billing.not_found', 'no such checkout in this session', checkoutId ? { checkoutId } : {});
    }
    return signIn.checkoutId;
  }

  function progress(v: CheckoutView, phase?: string): CheckoutView {
    ctx?.emit('billing.progress', { checkoutId: v.checkoutId, state: v.state, ...(phase ? { phase } : {}) });
    return v;
  }

  async function whileBusy<T>(fn: () => Promise<T>): Promise<T> {
    ctx?.busy.enter();
    try {
      return await fn();
    } finally {
      ctx?.busy.leave();
    }
  }

  const deskCheck = (reason: BillingDeskReasonView): PatientCheck => ({ deskReason: reason });

  return {
    name: 'billing',
    commands: BILLING_COMMANDS,
    releasesCard: true,
    service,
    paymentDesk: { refund: (ref, amount, reason) => service.refund(ref, amount, reason), settleHeld: (ref, decision) => service.settleHeld(ref, decision) },
    cardSignIn: {
      // As reception: a certificate expired less than 3 months ago still names the insured person.
      loginPurpose: 'eligibility',
      beforePin(s) {
        if (s.pinTriesLeft !== undefined && s.pinTriesLeft <= 1) {
          // A blocked card can only be reset at the municipal office: the last try is left to the patient there.
          signInOf.set(s, { check: deskCheck('pin_last_try') });
          throw new KioskError('reception.last_pin_try', undefined, { triesLeft: s.pinTriesLeft });
        }
      },
      challenge: () => o.eligibility.challenge(),
      async verify(s, challenge, signed) {
        let check: PatientCheck;
        try {
          const result = await o.eligibility.confirmByCard({ challengeId: challenge.challengeId, authCertDer: signed.authCertDer, signature: signed.signature });
          if (isPending(result)) {
            // 処理中: polled when the checkout starts; until then nobody is named.
            signInOf.set(s, { check: deskCheck('eligibility_unavailable'), pending: { fileId: result.arbitraryFileIdentifier, since: clock() } });
            return;
          }
          check = patientOf(result);
        } catch (error) {
          o.log?.(`billing: eligibility service at the card check failed (${toKioskError(error).kind})`);
          check = deskCheck(isKioskError(error, 'eligibility.rejected') ? 'other' : 'eligibility_unavailable');
        }
        signInOf.set(s, { check });
      },
      unverified(s, error) {
        if (signInOf.has(s)) return;
        signInOf.set(s, { check: deskCheck(error.kind === 'eligibility.unavailable' ? 'eligibility_unavailable' : 'other') });
      },
    },
    open(c: ModuleContext) {
      ctx = c;
      const onPhase = (checkoutId: () => string | undefined, state: CheckoutView['state']) => (p: { phase: string; inserted?: number; remaining?: number }) => {
        c.touch();
        const id = checkoutId();
        if (id) c.emit('billing.progress', { checkoutId: id, state, phase: p.phase.slice(0, 40), ...(p.inserted !== undefined ? { inserted: p.inserted } : {}), ...(p.remaining !== undefined ? { remaining: p.remaining } : {}) });
      };
      const api: Pick<KioskApi, BillingCommand> = {
        // The session's checkout: started on the first call; a finished one with more bills unpaid starts the next.
        'billing.checkout': () => whileBusy(async () => {
          const { s, signIn } = sessionSignIn();
          if (signIn.checkoutId) {
            const v = service.view(signIn.checkoutId);
            if (!(v.state === 'done' && v.moreUnpaid > 0)) return progress(v);
          }
          const pending = signIn.pending;
          if (pending) {
            // One poll loop per sign-in, however often the screen asks meanwhile.
            pending.polled ??= awaitPending(o.eligibility, pending.fileId, pending.since, pendingPolicy, c.log).then((check) => {
              signIn.check = check;
              delete signIn.pending;
            });
            await pending.polled;
            if (signIn.checkoutId) return progress(service.view(signIn.checkoutId));
          }
          const v = await service.start(signIn.check, s.medium ?? 'card', onPhase(() => signIn.checkoutId, 'looking_up'));
          signIn.checkoutId = v.checkoutId;
          // The session ended while the bill was looked up: its settle found no checkout yet, so this one is settled now.
          if (c.session() !== s) await service.settle(v.checkoutId).catch((err: unknown) => c.log(`billing: settling checkout ${v.checkoutId} failed (${(err as Error).message})`));
          return progress(v);
        }),
        'billing.pay': ({ checkoutId, method, language }) => whileBusy(async () => {
          const id = mine(checkoutId);
          return progress(await service.pay(id, method, onPhase(() => id, 'paying'), language));
        }),
        'billing.cancel': async ({ checkoutId }) => progress(await service.cancel(mine(checkoutId))),
        'billing.print': ({ checkoutId, language }) => whileBusy(async () => {
          const id = mine(checkoutId);
          return progress(await service.print(id, language, onPhase(() => id, service.view(id).state)));
        }),
        // Linking needs this session's card + PIN (the sign-in named the patient) and the terminal once.
        'billing.link': () => whileBusy(async () => service.link(mine())),
        'billing.unlink': async () => service.unlink(mine()),
      };
      return {
        api,
        async settle(s) {
          const id = signInOf.get(s)?.checkoutId;
          if (!id) return;
          await service.settle(id).catch((err: unknown) => c.log(`billing: settling checkout ${id} failed (${(err as Error).message})`));
        },
      };
    },
  };
}
