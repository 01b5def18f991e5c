// Holder authentication at the kiosk: one exclusive card session at a time.
//   open(reader)  → connect exclusively, detect the JPKI AP and token label (the card, or an Android
//                   phone when the installation takes phones), read the PIN tries left
//   login(pin)    → certificate + VERIFY (an Android token shows its certificate only after the PIN,
//                   so VERIFY goes first there) → the card signs ONE challenge with the auth key (the
//                   relying party's when the caller brings it, else our own fresh random one) →
//                   verify that signature with the auth certificate → path, validity (with the
//                   eligibility-only grace when the login is for 'eligibility'), revocation (once)
//   close()       → unpower disconnect, so a verified PIN can never leak into the next session
// The PIN is passed straight to the card and never stored, logged or echoed in an error.
import { createHash, randomBytes } from 'node:crypto';
import { KioskError, isKioskError } from '../../../common/errors';
import { sha256DigestInfo, type RevocationChecker } from '../../../common/jpki';
import { CardGuard } from '../../../native/card/card-guard';
import { MAX_TRIES, type CardMedium } from '../../../native/card/constants';
import { JpkiCard } from '../../../native/card/jpki-ap';
import type { PcscService, ReaderEvent, ReaderInfo } from '../../../native/pcsc/pcsc-service';
import type { CardTransport } from '../../../native/transport';
import type { AuthServiceConfig } from './config';
import { revocationCheckerFor, verifyHolder, type AuthenticatedHolder, type LoginPurpose } from './verify-holder';

export type { AuthenticatedHolder, LoginPurpose, SignedChallenge } from './verify-holder';
export type { CardMedium } from '../../../native/card/constants';

export interface LoginOptions {
  /**
   * A relying party's fresh challenge (the back office's) for the login's one signature. Awaited
   * only right before the card signs, so fetching it overlaps the certificate read and VERIFY;
   * null (or anything that is not 16–1024 bytes) means the card signs the kiosk's own challenge.
   * The holder then carries `signedChallenge` exactly when the relying party's one was signed.
   */
  challenge?: Promise<Uint8Array | null>;
  /**
   * 'eligibility' for hospital reception: a user-authentication certificate expired less than
   * 3 months ago still passes, and the holder comes back `eligibilityOnly`. Default
   * 'authentication' (certificate issuance and everything else): such a certificate is auth.expired.
   */
  purpose?: LoginPurpose;
}

export interface CardOverview {
  reader: string;
  tokenLabel: string;
  /** The card itself or a phone: screens say "take your card" or "take your phone". */
  medium: CardMedium;
  authPinTriesLeft: number;
  atrHex: string;
}

export interface CardAuthService {
  readers(): ReaderInfo[];
  onReaderEvent(listener: (e: ReaderEvent) => void): () => void;
  open(reader: string): Promise<CardOverview>;
  /** One card signature per login: see LoginOptions for signing the back office's challenge. */
  login(pin: string, opts?: LoginOptions): Promise<AuthenticatedHolder>;
  close(): Promise<void>;
}

interface Session { guard: CardGuard; card: JpkiCard; overview: CardOverview }

/** Bytes of random challenge per login: 32 bytes = 256 bits, never reused. */
const CHALLENGE_BYTES = 32;
/** A relying party's challenge outside these bounds is not used (the kiosk signs its own). */
const RELYING_PARTY_CHALLENGE_BYTES = { min: 16, max: 1024 };
/**
 * close() never waits longer than this for the card layer: the session's card operation is
 * aborted at once, and a connect or unpower still running finishes in the background.
 */
export const CLOSE_DEADLINE_MS = 1_000;
/** Card answers that leave the session usable (the resident may simply try again). */
const KEEPS_SESSION = new Set(['card.wrong_pin', 'card.pin_format', 'card.pin_blocked']);

class HolderAuthService implements CardAuthService {
  private session: Session | null = null;
  /** The guard of an open() still detecting, so close() can abort it. */
  private opening: CardGuard | null = null;
  /** Abandons an open() still waiting for SCardConnect (which the addon cannot cancel). */
  private abandonConnect: ((err: KioskError) => void) | null = null;
  /** Serialises open/login/close so a double tap can never interleave APDUs. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pcsc: PcscService,
    private readonly config: AuthServiceConfig,
    private readonly revocation: RevocationChecker | null,
    private readonly wrapTransport: (t: CardTransport) => CardTransport = (t) => t,
  ) {
    // A pulled card or reader ends the session at once; its handle is released too, or PC/SC would
    // keep the reader marked as in use for the next card.
    this.pcsc.on((e) => {
      if (this.session && e.reader === this.session.overview.reader && (e.type === 'card-removed' || e.type === 'reader-removed')) {
        this.session.guard.abort(e.type === 'card-removed' ? 'card_removed' : 'reader_removed');
        void this.serial(() => this.endSession());
      }
    });
  }

  readers(): ReaderInfo[] {
    return this.pcsc.readers();
  }

  onReaderEvent(listener: (e: ReaderEvent) => void): () => void {
    return this.pcsc.on(listener);
  }

  open(reader: string): Promise<CardOverview> {
    // A new card starts a new visit: a card still being read (however slowly) is abandoned now,
    // so the new session never queues behind it.
    this.session?.guard.abort('superseded');
    this.opening?.abort('superseded');
    this.abandonConnect?.(new KioskError('card.removed', 'another card was placed while connecting', { reason: 'superseded' }));
    return this.serial(async () => {
      await this.endSession();
      let transport: CardTransport;
      try {
        transport = this.wrapTransport(await this.abandonable(this.pcsc.connect(reader, { exclusive: true })));
      } catch (err) {
        this.logFailure(err, reader, 'connect');
        throw err;
      }
      const guard = new CardGuard(transport, { log: (m) => this.config.log?.(m) });
      this.opening = guard;
      try {
        const card = new JpkiCard(guard);
        const d = await card.detect({ acceptPhones: this.config.acceptPhones ?? true });
        const overview = { reader, tokenLabel: d.tokenLabel, medium: d.medium, authPinTriesLeft: d.authPinTriesLeft, atrHex: d.atrHex };
        this.session = { guard, card, overview };
        this.config.log?.(`card session opened on ${reader} (ATR ${d.atrHex}, tries left ${d.authPinTriesLeft})`);
        return { ...overview };
      } catch (err) {
        this.logFailure(err, reader, 'detect');
        const closing = guard.close('unpower').catch(() => undefined);
        // A card that failed its budget or was abandoned may still hold a command: never wait on it.
        if (!guard.failure) await closing;
        throw err;
      } finally {
        this.opening = null;
      }
    });
  }

  login(pin: string, opts: LoginOptions = {}): Promise<AuthenticatedHolder> {
    // Never left rejecting unobserved, whichever way the login ends.
    const theirs = (opts.challenge ?? Promise.resolve(null)).then(
      (c) => (c && c.length >= RELYING_PARTY_CHALLENGE_BYTES.min && c.length <= RELYING_PARTY_CHALLENGE_BYTES.max ? c : null),
      () => null,
    );
    return this.serial(async () => {
      const s = this.session;
      if (!s) throw new KioskError('card.removed', 'no card session: place the card again');
      // Checked before anything reaches the card: a malformed PIN must not cost a try.
      if (!/^\d{4}$/.test(pin)) throw new KioskError('card.pin_format', 'the PIN is 4 digits');
      if (s.overview.authPinTriesLeft === 0) throw new KioskError('card.pin_blocked');
      let certDer: Uint8Array;
      let signature: Uint8Array;
      let challenge: Uint8Array;
      let relyingParty: Uint8Array | null;
      let step = 'read certificate';
      try {
        [certDer, signature, challenge, relyingParty] = await s.card.loginStep(async () => {
          // Same four commands either way; only an Android token needs the PIN before its certificate.
          const pinFirst = s.overview.medium === 'android';
          let cert: Uint8Array | null = pinFirst ? null : await s.card.readAuthCertificate();
          step = 'verify PIN';
          await s.card.verifyAuthPin(pin);
          s.overview.authPinTriesLeft = MAX_TRIES.authPin; // a correct PIN resets the card's counter
          if (cert === null) {
            step = 'read certificate';
            cert = await s.card.readAuthCertificate();
          }
          step = 'sign';
          // The caller bounds its wait (holder-sign-in.ts), well inside this step's budget.
          const rp = await theirs;
          const signed = rp ?? new Uint8Array(randomBytes(CHALLENGE_BYTES));
          const digestInfo = sha256DigestInfo(createHash('sha256').update(signed).digest());
          return [cert, await s.card.signWithAuthKey(digestInfo), signed, rp] as const;
        });
      } catch (err) {
        if (isKioskError(err, 'card.wrong_pin') && typeof err.details.triesLeft === 'number') {
          s.overview.authPinTriesLeft = err.details.triesLeft;
        } else if (isKioskError(err, 'card.pin_blocked')) {
          s.overview.authPinTriesLeft = 0;
        } else if (!isKioskError(err) || !KEEPS_SESSION.has(err.kind)) {
          // A damaged, slow or departed card: unpower and release it now, not at the session's end.
          this.logFailure(err, s.overview.reader, step);
          await this.endSession();
        }
        throw err;
      }
      let holder: AuthenticatedHolder;
      try {
        // The same signature the relying party will check: verified here, revocation checked once.
        holder = await verifyHolder(this.config, this.revocation, certDer, challenge, signature, opts.purpose);
      } catch (err) {
        this.logFailure(err, s.overview.reader, 'verify certificate');
        throw err;
      }
      return relyingParty ? { ...holder, signedChallenge: { challenge: relyingParty, authCertDer: certDer, signature } } : holder;
    });
  }

  /**
   * Ends the session without waiting on the card: an operation in progress is abandoned (its
   * caller gets an error), and the unpower runs within CLOSE_DEADLINE_MS or in the background.
   */
  close(): Promise<void> {
    this.session?.guard.abort('session_ended');
    this.opening?.abort('session_ended');
    this.abandonConnect?.(new KioskError('card.removed', 'the card session was ended while connecting', { reason: 'session_ended' }));
    const ended = this.serial(() => this.endSession());
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, CLOSE_DEADLINE_MS);
      timer.unref?.();
      void ended.finally(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** A connect that close() can stop waiting for; a session it opens late is unpowered at once. */
  private abandonable(connecting: Promise<CardTransport>): Promise<CardTransport> {
    return new Promise<CardTransport>((resolve, reject) => {
      let abandoned = false;
      this.abandonConnect = (err) => {
        abandoned = true;
        reject(err);
      };
      connecting.then(
        (t) => {
          if (abandoned) void t.close('unpower').catch(() => undefined);
          else resolve(t);
        },
        (err: unknown) => reject(err),
      ).finally(() => {
        this.abandonConnect = null;
      });
    });
  }

  private async endSession(): Promise<void> {
    const s = this.session;
    this.session = null;
    if (!s) return;
    const closing = s.guard.close('unpower').catch(() => undefined);
    // An aborted or failed card may still hold a command: its unpower finishes in the background.
    if (!s.guard.failure) await closing;
  }

  /** Technician log: the failure kind, the reader and the step; never certificate contents or the PIN. */
  private logFailure(err: unknown, reader: string, step: string): void {
    const kind = isKioskError(err) ? err.kind : 'internal';
    const reason = isKioskError(err) && typeof err.details.reason === 'string' ? ` (${err.details.reason})` : '';
    this.config.log?.(`card login failed: ${kind}${reason} on ${reader} at step "${step}"`);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

export interface AuthServiceDeps {
  pcsc: PcscService;
  /** Injected for tests and for a proxy-aware fetch; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Instrumentation seam (the card benchmark counts APDUs and link waits through it). */
  wrapTransport?: (t: CardTransport) => CardTransport;
}

export async function createCardAuthService(config: AuthServiceConfig, deps: AuthServiceDeps): Promise<CardAuthService> {
  return new HolderAuthService(deps.pcsc, config, revocationCheckerFor(config, deps.fetch), deps.wrapTransport);
}
