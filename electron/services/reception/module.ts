// Hospital reception as a resident service module. The patient chooses 病院受付 (card or phone)
// BEFORE the card, so the login names this service: the card's one signature goes to the
// eligibility service (cardSignIn), whose answer starts the visit. With one PIN try left the kiosk
// does not use it: the patient is sent to the desk (and the desk hears why). The card is not needed
// after the PIN: the patient may take it at once. A session that ends with the visit open abandons
// it; a reception already asked of the accounting system is resolved by housekeeping.
import type { CommandName, KioskApi, VisitView } from '../../../common/api/contract';
import { KioskError } from '../../../common/errors';
import type { ModuleContext, ResidentServiceModule, ResidentSession } from '../kiosk/service-module';
import type { EligibilityService } from './ports';
import type { ReceptionService } from './types';

export const RECEPTION_COMMANDS = ['reception.visit', 'reception.choose', 'reception.register', 'reception.print'] as const satisfies readonly CommandName[];

export interface ReceptionModule extends ResidentServiceModule {
  name: 'reception';
  service: ReceptionService;
}

type ReceptionCommand = (typeof RECEPTION_COMMANDS)[number];

export function createReceptionModule(o: { service: ReceptionService; eligibility: EligibilityService; log?: (m: string) => void }): ReceptionModule {
  const { service } = o;
  // The visit a session started belongs to it alone: the UI can never act on another patient's.
  const visitOf = new WeakMap<ResidentSession, string>();
  let ctx: ModuleContext | null = null;

  function mine(visitId?: string): string {
    const s = ctx?.session();
    if (!s) throw new KioskError('card.removed', 'no session: start again');
    const id = visitOf.get(s);
    if (!id || (visitId !== undefined && id !== visitId)) throw new KioskError('reception.not_found', 'no reception visit in this session', visitId ? { visitId } : {});
    return id;
  }

  function progress(v: VisitView, phase?: string): VisitView {
    ctx?.emit('reception.progress', { visitId: v.visitId, state: v.state, ...(phase ? { phase } : {}) });
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

  return {
    name: 'reception',
    commands: RECEPTION_COMMANDS,
    releasesCard: true,
    service,
    cardSignIn: {
      // A certificate expired less than 3 months ago still confirms eligibility (never certificates).
      loginPurpose: 'eligibility',
      beforePin(s) {
        if (s.pinTriesLeft !== undefined && s.pinTriesLeft <= 1) {
          // A blocked card can only be reset at the municipal office: the last try is left to the patient there.
          const v = service.sentToDesk(s.medium ?? 'card', 'pin_last_try');
          visitOf.set(s, v.visitId);
          throw new KioskError('reception.last_pin_try', undefined, { triesLeft: s.pinTriesLeft });
        }
      },
      challenge: () => o.eligibility.challenge(),
      async verify(s, challenge, signed) {
        let v: VisitView;
        try {
          const result = await o.eligibility.confirmByCard({ challengeId: challenge.challengeId, authCertDer: signed.authCertDer, signature: signed.signature });
          v = service.startVisit({ result }, s.medium ?? 'card');
        } catch (error) {
          v = service.startVisit({ error }, s.medium ?? 'card');
        }
        visitOf.set(s, v.visitId);
      },
      unverified(s, error) {
        if (visitOf.has(s)) return;
        visitOf.set(s, service.startVisit({ error }, s.medium ?? 'card').visitId);
      },
    },
    open(c: ModuleContext) {
      ctx = c;
      const api: Pick<KioskApi, ReceptionCommand> = {
        'reception.visit': async () => progress(await service.view(mine())),
        'reception.choose': async ({ visitId, choices }) => progress(await service.choose(mine(visitId), choices)),
        'reception.register': ({ visitId, department, language }) => whileBusy(async () => {
          const id = mine(visitId);
          return progress(await service.register(id, department, (phase) => {
            c.touch();
            c.emit('reception.progress', { visitId: id, state: 'registering', phase: phase.slice(0, 40) });
          }, language));
        }),
        'reception.print': ({ visitId }) => whileBusy(async () => {
          const id = mine(visitId);
          return progress(await service.printSlip(id, (phase) => {
            c.touch();
            c.emit('reception.progress', { visitId: id, state: 'registered', phase: phase.slice(0, 40) });
          }));
        }),
      };
      return {
        api,
        async settle(s) {
          const id = visitOf.get(s);
          if (!id) return;
          await service.settle(id).catch((err: unknown) => c.log(`reception: settling visit ${id} failed (${(err as Error).message})`));
        },
      };
    },
  };
}
