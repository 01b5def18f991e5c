// The resident session every service shares, and the small interface a resident service implements
// to be offered after sign-in. The kiosk session core (kiosk-service.ts) owns the card, the holder,
// the back-office holder token and the idle/removal policy; a service module adds its contract
// commands on top and says what happens to its work when a session ends.
//
// Adding a service = one module (e.g. electron/services/reception/module.ts) implementing
// ResidentServiceModule, plus its name in installation/service-list.ts.
import type { KioskError } from '../../../common/errors';
import type { CommandName, EventName, EventPayload, HolderView, KioskApi, ReceptionMediumView, ResidentService, SessionEndReason } from '../../../common/api/contract';
import type { LoginPurpose, SignedChallenge } from '../auth/holder-auth-service';
import type { StaffDesk } from '../staff/staff-commands';
import type { StaffPaymentActions } from '../desk/staff-payments';

/** One resident's visit, from the card on the reader to the session's end. */
export interface ResidentSession {
  reader: string;
  /** The verified holder (null until the PIN was accepted). */
  holder: HolderView | null;
  /** The back office's holder token (never leaves the main process); null without a back office
   *  or when the sign-in there failed. */
  holderToken: string | null;
  /** Why there is no token (e.g. 'sync.unreachable'): a service needing it answers with this error. */
  signInError: KioskError | null;
  /** The service the resident chose before the card (session.login's `service`), and the medium placed. */
  service?: ResidentService;
  medium?: ReceptionMediumView;
  /** The user-authentication PIN's tries left as last reported by the card (session.start, a wrong PIN). */
  pinTriesLeft?: number;
}

/**
 * A module's own authority for the card's one signature (reception: the eligibility service, whose
 * answer to the signature IS the eligibility result). When the login names the module's service, the
 * card signs this challenge instead of the back office's; the session then has no back-office token.
 */
export interface ModuleCardSignIn {
  /**
   * What the login is for (auth service LoginOptions.purpose). Reception: 'eligibility', so an auth
   * certificate expired less than 3 months ago still passes (eligibility only); default 'authentication'.
   */
  loginPurpose?: LoginPurpose;
  /** Before the PIN is tried: throws to refuse (reception: one try left sends the patient to the desk). */
  beforePin?(session: ResidentSession): void;
  challenge(): Promise<{ challengeId: string; challenge: Uint8Array }>;
  /** The card's signature over that challenge (already verified at the kiosk): the module keeps the answer. */
  verify(session: ResidentSession, challenge: { challengeId: string; challenge: Uint8Array }, signed: Pick<SignedChallenge, 'authCertDer' | 'signature'>): Promise<void>;
  /** The challenge did not come, or verify failed: the module starts its work knowing why. */
  unverified(session: ResidentSession, error: KioskError): void;
}

/** What the session core gives a module when the kiosk is put together. */
export interface ModuleContext {
  /** The open session, or null (no card, or it ended). */
  session(): ResidentSession | null;
  /** Contract events to the UI. */
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  /** Resident activity (a step of a long operation): the idle backstop starts again. */
  touch(): void;
  /** Around a step that may run for minutes (paying, printing): the backstop waits for it. */
  busy: { enter(): void; leave(): void };
  log: (m: string) => void;
}

/** A module's commands for one kiosk. */
export interface ModuleCommands {
  /** The contract commands this service answers (every other command of its prefix is unsupported). */
  api: Partial<KioskApi>;
  /** The session ended (`reason`): put the service's open work in a safe state (cancel, refund, log). */
  settle(session: ResidentSession, reason: SessionEndReason): Promise<void>;
}

export interface ResidentServiceModule {
  /** Its name in the installation's `services` list and in system.info.services. */
  name: ResidentService;
  /** The contract commands that belong to this service; its `api` answers these and no others. */
  commands: readonly CommandName[];
  /**
   * true: the resident takes the card right after sign-in (J-LIS's 取り忘れ対策) and the service goes
   * on without it — removing the card then does not end the session. false: the service needs the
   * card on the reader, and its removal ends the session.
   */
  releasesCard: boolean;
  /** Builds the module's commands on the session core. */
  open(ctx: ModuleContext): ModuleCommands;
  /** Staff work at the kiosk's screen this service brings (issuance: settling held prints). */
  staffDesk?: StaffDesk;
  /** Its own challenge authority for a login naming this service (see ModuleCardSignIn). */
  cardSignIn?: ModuleCardSignIn;
  /** Staff's refund of a payment taken here and their decision on a held one, for the payment desk (billing). */
  paymentDesk?: StaffPaymentActions;
}
