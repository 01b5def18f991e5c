// The kiosk's main-process side of the contract: one holder session at a time on top of the
// holder-authentication service. It keeps only what the UI may show (HolderView) and wipes it,
// and unpowers the card, when the session ends for any reason (user, idle timeout, card pulled
// before the PIN, shutdown). Transport-agnostic: it implements KioskApi and emits KioskEvents.
import { KioskError } from '../../../common/errors';
import { createEventHub } from '../../../common/api/client';
import type { DemoHolder, HolderView, KioskApi, KioskEvents, SessionEndReason, SystemInfo } from '../../../common/api/contract';
import type { AuthenticatedHolder, CardAuthService } from '../auth/holder-auth-service';
import { createSessionWatchdog, type Timers } from './watchdog';

/** The demo card tray (dev and test builds only); production passes none. */
export interface DemoTray {
  holders(): DemoHolder[];
  insert(id: string, reader: 0 | 1): Promise<DemoHolder[]>;
  remove(reader: 0 | 1): Promise<DemoHolder[]>;
  onChange(listener: (holders: DemoHolder[]) => void): () => void;
}

export interface KioskServiceOptions {
  auth: CardAuthService;
  version: string;
  idle: SystemInfo['idle'];
  demoTray?: DemoTray;
  /** Which readers are the kiosk's own (default: all); a technician's spare reader is ignored. */
  acceptReader?: (name: string) => boolean;
  timers?: Timers;
  log?: (msg: string) => void;
}

export interface KioskService {
  api: KioskApi;
  events: KioskEvents;
  /** Ends any session (unpowering the card) and stops listening; for a clean shutdown. */
  shutdown(): Promise<void>;
}

interface Session { reader: string; holder: HolderView | null }

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

export function createKioskService(opts: KioskServiceOptions): KioskService {
  const hub = createEventHub();
  let session: Session | null = null;
  const log = opts.log ?? (() => undefined);
  const ours = opts.acceptReader ?? (() => true);

  async function end(reason: SessionEndReason): Promise<boolean> {
    const had = session !== null;
    session = null;
    watchdog.stop();
    await opts.auth.close();
    if (had) {
      log(`session ended (${reason})`);
      hub.emit('session.ended', { reason });
    }
    return had;
  }

  // Backstop for a renderer that died or hung: the UI's own idle warning normally ends the
  // session first; this fires only if no command arrived for idle + warning + a grace period.
  const watchdog = createSessionWatchdog((opts.idle.idleSec + opts.idle.warnSec + 30) * 1000, () => void end('timeout'), opts.timers);

  const offReader = opts.auth.onReaderEvent((e) => {
    if (!ours(e.reader)) return;
    hub.emit('card.event', { type: e.type, reader: e.reader });
    // A card pulled before the PIN was accepted ends the session. After a successful login the
    // holder is told to take the card at once (J-LIS's 取り忘れ対策), so removal is expected then.
    if (session && e.reader === session.reader && e.type !== 'card-inserted' && (session.holder === null || e.type === 'reader-removed')) {
      void end('card_removed');
    }
  });
  const offDemo = opts.demoTray?.onChange((holders) => hub.emit('demo.changed', holders));

  function demo(): DemoTray {
    if (!opts.demoTray) throw new KioskError('api.unsupported', 'the demo card tray exists only in demo mode');
    return opts.demoTray;
  }

  const api: KioskApi = {
    'system.info': async () => ({ version: opts.version, demo: opts.demoTray !== undefined, idle: opts.idle }),
    'card.readers': async () => opts.auth.readers().filter((r) => ours(r.name)).map((r) => ({ name: r.name, cardPresent: r.cardPresent })),
    'session.start': async ({ reader }) => {
      if (!ours(reader) || !opts.auth.readers().some((r) => r.name === reader)) throw new KioskError('reader.gone', 'no such reader', { reader });
      session = null;
      const overview = await opts.auth.open(reader);
      session = { reader, holder: null };
      watchdog.touch();
      return { reader: overview.reader, authPinTriesLeft: overview.authPinTriesLeft };
    },
    'session.login': async ({ pin }) => {
      if (!session) throw new KioskError('card.removed', 'no card session: place the card again');
      watchdog.touch();
      const holder = toHolderView(await opts.auth.login(pin));
      if (session) session.holder = holder;
      return holder;
    },
    'session.end': async ({ reason }) => ({ ended: await end(reason) }),
    'demo.holders': async () => demo().holders(),
    'demo.insert': async ({ id, reader }) => demo().insert(id, reader as 0 | 1),
    'demo.remove': async ({ reader }) => demo().remove(reader as 0 | 1),
  };

  // Any command on an open session counts as activity for the backstop.
  for (const name of Object.keys(api) as (keyof KioskApi)[]) {
    const inner = api[name] as (i: unknown) => Promise<unknown>;
    (api as Record<string, (i: unknown) => Promise<unknown>>)[name] = (input: unknown) => {
      if (session) watchdog.touch();
      return inner(input);
    };
  }

  return {
    api,
    events: hub,
    async shutdown() {
      offReader();
      offDemo?.();
      await end('shutdown');
    },
  };
}
