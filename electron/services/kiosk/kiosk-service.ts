// The kiosk's main-process side of the contract, the session core: one holder session at a time on
// top of the holder-authentication service, with sign-in at the back office whenever the kiosk has
// one. It keeps only what the UI may show (HolderView) and wipes it, and unpowers the card, when the
// session ends for any reason (user, idle timeout, card pulled, shutdown). The resident services
// are modules (service-module.ts) adding their commands; it knows none of them by name beyond the
// contract. Transport-agnostic: it implements KioskApi and emits KioskEvents.
import { isKioskError, KioskError } from '../../../common/errors';
import { createEventHub } from '../../../common/api/client';
import { commandNames, RESIDENT_SERVICE_TITLES, ResidentServiceSchema, type DemoHolder, type HolderView, type KioskApi, type KioskEvents, type SessionEndReason, type SystemInfo } from '../../../common/api/contract';
import type { AuthenticatedHolder, CardAuthService } from '../auth/holder-auth-service';
import { createStaffCommands, unsupportedStaff, type StaffWiring } from '../staff/staff-commands';
import type { DeskSource } from '../desk/desk-client';
import { createDeskCommands } from '../desk/desk-commands';
import type { PaymentsDeskSource } from '../desk/payments-client';
import { createDeskPaymentCommands } from '../desk/payments-commands';
import type { StaffPaymentActions } from '../desk/staff-payments';
import { signInWithCard, type HolderSignIn } from './holder-sign-in';
import type { ModuleCardSignIn, ModuleCommands, ResidentServiceModule, ResidentSession } from './service-module';
import { createSessionWatchdog, type Timers } from './watchdog';
import { createVoiceGuidance, type VoiceGuidance } from '../voice/voice-guidance';

/** The demo card tray (dev and test builds only); production passes none. */
export interface DemoTray {
  holders(): DemoHolder[];
  insert(id: string, reader: 0 | 1): Promise<DemoHolder[]>;
  remove(reader: 0 | 1): Promise<DemoHolder[]>;
  onChange(listener: (holders: DemoHolder[]) => void): () => void;
}

/** The demo payment device's coin slot and IC touch, and the demo card terminal's keys (dev and test builds only). */
export interface DemoPayment {
  insert(yen: number): void;
  touchIc(): void;
  /** The simulated card terminal (simulators/payment/card-terminal.ts); false: nothing was waiting for the customer. */
  card?: { respond(outcome: 'approve' | 'decline' | 'cancel' | 'timeout'): boolean };
}

export interface KioskServiceOptions {
  auth: CardAuthService;
  version: string;
  idle: SystemInfo['idle'];
  demoTray?: DemoTray;
  /** The platform's holder sign-in at the back office (holder-sign-in.ts), whenever the kiosk has a
   *  back office; the token stays in main. Absent: the kiosk verifies the card alone. */
  holderSignIn?: HolderSignIn;
  /** The resident services offered after sign-in, in menu order (service-module.ts). */
  modules?: ResidentServiceModule[];
  demoPayment?: DemoPayment;
  /** Staff mode (the installation's staff code); it exists only where a service brings staff work (issuance). */
  staff?: StaffWiring;
  /** The hospital's reception desk (desk-client.ts), where the kiosk offers reception: staff mode shows it. */
  receptionDesk?: DeskSource;
  /** The payment desk (payments-client.ts) at a hospital kiosk, with the billing service's refund / settle where this kiosk takes payments. */
  paymentDesk?: { source: PaymentsDeskSource; actions?: StaffPaymentActions };
  /** Voice guidance spoken by this machine (absent: the window's own voices only, missing ones reported). */
  voice?: VoiceGuidance;
  /** Which readers are the kiosk's own (default: all); a technician's spare reader is ignored. */
  acceptReader?: (name: string) => boolean;
  timers?: Timers;
  /** Wall clock of the staff code lockout (tests move it). */
  clock?: () => number;
  log?: (msg: string) => void;
}

export interface KioskService {
  api: KioskApi;
  events: KioskEvents;
  /** Ends any session (unpowering the card) and stops listening; for a clean shutdown. */
  shutdown(): Promise<void>;
}

type Session = ResidentSession;

/** "C=JP, O=JPKI, OU=JPKI for user authentication, OU=…" → "JPKI — JPKI for user authentication". */
export function shortIssuer(dn: string): string {
  const rdn = (type: string) => new RegExp(`(?:^|,\\s*)${type}=([^,]+)`).exec(dn)?.[1]?.trim();
  const cn = rdn('CN');
  const o = rdn('O');
  const ou = rdn('OU');
  const short = cn ?? [o, ou].filter(Boolean).join(' — ');
  return (short || dn).slice(0, 300);
}

/** Only the certificate facts the UI shows; subject and full serial stay here. */
export function toHolderView(h: AuthenticatedHolder): HolderView {
  return {
    issuer: shortIssuer(h.certificate.issuer),
    notBefore: h.certificate.notBefore,
    notAfter: h.certificate.notAfter,
    serialTail: h.certificate.serialHex.toUpperCase().replace(/[^0-9A-F]/g, '').slice(-4),
    revocation: h.revocation,
    authenticatedAt: h.authenticatedAt,
  };
}

/** A module's challenge authority in the shape of the back office's sign-in (one signature either way). */
function moduleSignIn(own: ModuleCardSignIn, s: ResidentSession): HolderSignIn {
  return {
    challenge: () => own.challenge(),
    async verify(challenge, signed) {
      await own.verify(s, challenge, signed);
      return { holderToken: '', expiresAt: '' };
    },
  };
}

/** A command of a service this kiosk does not offer (e.g. issuance at a hospital-only kiosk). */
function unsupported(name: string): () => Promise<never> {
  const service = name.split('.')[0] ?? name;
  const known = ResidentServiceSchema.safeParse(service);
  const title = known.success ? RESIDENT_SERVICE_TITLES[known.data] : service;
  return async () => {
    throw new KioskError('api.unsupported', `${title} is not set up on this kiosk`);
  };
}

export function createKioskService(opts: KioskServiceOptions): KioskService {
  const hub = createEventHub();
  let session: Session | null = null;
  const log = opts.log ?? (() => undefined);
  const ours = opts.acceptReader ?? (() => true);
  const voice = opts.voice ?? createVoiceGuidance({ engine: null, log });

  async function end(reason: SessionEndReason): Promise<boolean> {
    const had = session;
    session = null;
    watchdog.stop();
    await opts.auth.close();
    if (had) for (const m of opened) await m.settle(had, reason);
    if (had) {
      log(`session ended (${reason})`);
      hub.emit('session.ended', { reason });
    }
    return had !== null;
  }

  // Backstop for a renderer that died or hung: the UI's own idle warning normally ends the
  // session first; this fires only if no command arrived for idle + warning + a grace period.
  // A payment or a print in progress is not idleness: the backstop waits for it to finish.
  let busy = 0;
  const watchdog = createSessionWatchdog((opts.idle.idleSec + opts.idle.warnSec + 30) * 1000, () => (busy > 0 ? watchdog.touch() : void end('timeout')), opts.timers);
  const modules = opts.modules ?? [];
  const opened: ModuleCommands[] = modules.map((m) => {
    const commands = m.open({
      session: () => session,
      emit: (name, payload) => hub.emit(name, payload),
      touch: () => watchdog.touch(),
      busy: { enter: () => void busy++, leave: () => void busy-- },
      log,
    });
    // A module answers its own commands only: one service can never shadow another's.
    const foreign = Object.keys(commands.api).filter((name) => !(m.commands as readonly string[]).includes(name));
    if (foreign.length > 0) throw new Error(`service module ${m.name} answers commands it does not declare: ${foreign.join(', ')}`);
    return commands;
  });
  // After sign-in the resident takes the card, unless a service offered here needs it on the reader.
  const keepsCard = modules.some((m) => !m.releasesCard);

  // Staff mode locks itself after the same time a resident's session would be ended by the backstop.
  const desk = modules.find((m) => m.staffDesk)?.staffDesk;
  const staff = opts.staff && (desk || opts.receptionDesk || opts.paymentDesk)
    ? createStaffCommands({
      staff: opts.staff, ...desk,
      idleMs: (opts.idle.idleSec + opts.idle.warnSec + 30) * 1000,
      endResidentSession: async () => void (await end('staff')),
      emit: { locked: (reason) => hub.emit('staff.locked', { reason }), progress: (p) => hub.emit('issuance.progress', p) },
      ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.timers ? { timers: opts.timers } : {}),
      log,
    })
    : null;

  const offReader = opts.auth.onReaderEvent((e) => {
    if (!ours(e.reader)) return;
    hub.emit('card.event', { type: e.type, reader: e.reader });
    // A card pulled before the PIN was accepted ends the session. After a successful login the
    // holder is told to take the card at once (J-LIS's 取り忘れ対策), so removal is expected then.
    if (session && e.reader === session.reader && e.type !== 'card-inserted' && (session.holder === null || keepsCard || e.type === 'reader-removed')) {
      void end('card_removed');
    }
  });
  const offDemo = opts.demoTray?.onChange((holders) => hub.emit('demo.changed', holders));

  function demo(): DemoTray {
    if (!opts.demoTray) throw new KioskError('api.unsupported', 'the demo card tray exists only in demo mode');
    return opts.demoTray;
  }

  const offered: Partial<KioskApi> = {
    'system.info': async () => ({
      version: opts.version, demo: opts.demoTray !== undefined, idle: opts.idle, services: modules.map((m) => m.name),
      staff: staff !== null,
      ...(staff && opts.demoTray && opts.staff?.demoCode ? { demoStaffCode: opts.staff.demoCode } : {}),
    }),
    'card.readers': async () => opts.auth.readers().filter((r) => ours(r.name)).map((r) => ({ name: r.name, cardPresent: r.cardPresent })),
    'session.start': async ({ reader }) => {
      if (!ours(reader) || !opts.auth.readers().some((r) => r.name === reader)) throw new KioskError('reader.gone', 'no such reader', { reader });
      // A new card starts a new visit: whatever the previous one left open is settled first, and
      // staff mode ends — the screen belongs to the resident now.
      if (session) await end('user');
      staff?.lock('resident');
      const overview = await opts.auth.open(reader);
      // The token label says what was placed (card, Android phone): it wins over what the screen was told.
      session = { reader, holder: null, holderToken: null, signInError: null, pinTriesLeft: overview.authPinTriesLeft, medium: overview.medium };
      watchdog.touch();
      return { reader: overview.reader, authPinTriesLeft: overview.authPinTriesLeft, medium: overview.medium };
    },
    'session.login': async ({ pin, service, medium }) => {
      if (!session) throw new KioskError('card.removed', 'no card session: place the card again');
      watchdog.touch();
      const s = session;
      // A service chosen before the card may bring its own challenge authority (reception: the
      // eligibility service); otherwise the back office's challenge, verified here and there. Still
      // one card signature. A failed sign-in does not undo the login; the service explains it.
      const own = modules.find((m) => m.name === service)?.cardSignIn;
      if (service) s.service = service;
      if (medium && !s.medium) s.medium = medium;
      own?.beforePin?.(s);
      const login = await signInWithCard(opts.auth, own ? moduleSignIn(own, s) : opts.holderSignIn ?? null, pin, own?.loginPurpose).catch((err: unknown) => {
        if (isKioskError(err, 'card.wrong_pin') && typeof err.details.triesLeft === 'number') s.pinTriesLeft = err.details.triesLeft;
        throw err;
      });
      const holder = toHolderView(login.holder);
      if (session !== s) return holder;
      if (own) {
        // The module's answer is its own (kept by verify); no back-office token comes with it.
        if (login.signInError) own.unverified(s, login.signInError);
        s.holder = holder;
        return holder;
      }
      s.holder = holder;
      s.holderToken = login.signedIn?.holderToken ?? null;
      s.signInError = login.signInError ?? null;
      if (login.signInError) log(`back-office sign-in failed (${login.signInError.kind})`);
      // The greeting's name comes from the municipality's registry (the card's certificate has none).
      const name = login.signedIn?.name;
      return name ? { ...holder, name } : holder;
    },
    'session.end': async ({ reason }) => ({ ended: await end(reason) }),
    'demo.holders': async () => demo().holders(),
    'demo.insert': async ({ id, reader }) => demo().insert(id, reader as 0 | 1),
    'demo.remove': async ({ reader }) => demo().remove(reader as 0 | 1),
    'demo.pay': async (input) => {
      const pay = opts.demoPayment;
      if (!pay) throw new KioskError('api.unsupported', 'the demo payment device exists only in demo mode');
      if ('card' in input) {
        if (!pay.card) throw new KioskError('api.unsupported', 'this demo has no card terminal');
        return { accepted: pay.card.respond(input.card) };
      }
      if ('ic' in input) pay.touchIc();
      else pay.insert(input.yen);
      return { accepted: true };
    },
    ...Object.assign({}, ...opened.map((m) => m.api)) as Partial<KioskApi>,
    ...(staff ? staff.api : unsupportedStaff()),
    ...(staff && opts.receptionDesk ? createDeskCommands({ source: opts.receptionDesk, gate: staff.gate, ...(opts.clock ? { clock: opts.clock } : {}), log }) : {}),
    ...(staff && opts.paymentDesk ? createDeskPaymentCommands({ ...opts.paymentDesk, gate: staff.gate, ...(opts.clock ? { clock: opts.clock } : {}), log }) : {}),
    ...voice.api,
  };
  // Every contract command of a service not offered here answers api.unsupported.
  const api = Object.fromEntries(commandNames.map((name) => [name, offered[name] ?? unsupported(name)])) as KioskApi;

  // Any command on an open session counts as activity for the backstop — except speech, which the
  // screen starts by itself and which says nothing about a resident still being there.
  for (const name of Object.keys(api) as (keyof KioskApi)[]) {
    if (name.startsWith('voice.')) continue;
    const inner = api[name] as (i: unknown) => Promise<unknown>;
    (api as Record<string, (i: unknown) => Promise<unknown>>)[name] = (input: unknown) => {
      if (session) watchdog.touch();
      // Whatever the resident is then shown comes from this error: the log keeps its kind (and
      // only its kind — messages and details may name a person or a reader).
      return inner(input).catch((err: unknown) => {
        log(`${name} failed: ${err instanceof KioskError ? err.kind : 'internal'}`);
        throw err;
      });
    };
  }

  return {
    api,
    events: hub,
    async shutdown() {
      offReader();
      offDemo?.();
      staff?.lock('shutdown');
      await end('shutdown');
      voice.close();
    },
  };
}
