// The whole kiosk on loopback for `npm start`, the UI tests and the benchmark: real pcscd +
// virtual readers, the demo world's cards in a tray, the test PKI's revocation responder, the
// holder-authentication service, and the browser bridge serving the UI. The kiosk itself is the
// production composition (services/installation/kiosk-assembly.ts: platform + service modules +
// session core); this file only supplies the simulators. Dev/test only (simulators are wired here,
// never in electron/services).
import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SystemInfo } from '../../common/api/contract';
import { PcscService } from '../../native/pcsc/pcsc-service';
import { startDemoEnvironment, type DemoEnvironment } from '../demo/demo-environment';
import { createCardAuthService } from '../services/auth/holder-auth-service';
import { assembleKiosk } from '../services/installation/kiosk-assembly';
import type { IssuanceModule } from '../services/issuance/module';
import type { KioskService } from '../services/kiosk/kiosk-service';
import type { Platform } from '../services/platform/platform';
import { createEspeakEngine, type Utterance } from '../services/voice/espeak-engine';
import { createVoiceGuidance, type VoiceGuidance } from '../services/voice/voice-guidance';
import { hashStaffCode } from '../services/staff/staff-code';
import { demoHint } from './demo-hints';
import { startBrowserBridge, type Bridge } from './bridge';
import { ensureRendererBuilt, RENDERER_DIST } from './build-renderer';
import { createDemoTray } from './demo-tray';
import { resetCardState } from '../../simulators/vcard/pin-store';
import { startDevIssuance, type DevIssuance, type DevIssuanceOptions } from './dev-issuance';
import { startDevReception, type DevReception } from './dev-reception';
import { demoCardOf, startDevBilling, type DevBilling, type DevBillingOptions } from './dev-billing';
import { createHttpRevocationChecker } from '../../common/jpki';

export interface DevKioskOptions {
  /** Scratch state for this run (virtual cards' PIN counters, back-office data). */
  dataDir: string;
  port?: number;
  idle?: SystemInfo['idle'];
  /** Only these vpcd readers belong to the kiosk (default both); the tray inserts into the first. */
  readers?: (0 | 1)[];
  /** Certificate issuance (back office, printer, payment simulator); false: authentication only. */
  issuance?: Omit<DevIssuanceOptions, 'dataDir' | 'log'> | false;
  /** Hospital reception beside issuance (eligibility simulator, the back office's ORCA subset); false: none.
   *  Needs the demo's back office (issuance not false). */
  reception?: { pendingBoundMs?: number } | false;
  /** Hospital payment beside reception (the same ORCA subset as the cashier, the simulated card
   *  terminal, the back office's payment links); false: none. Needs reception. */
  billing?: DevBillingOptions | false;
  /** A hospital's terminal: reception and payment only, no certificate issuance in the menu. */
  hospital?: boolean;
  /** The kiosk database's retention in days and the housekeeping period (defaults: 7 days, 60 s). */
  retention?: { days?: number; housekeepingMs?: number };
  /** The staff code of this demo kiosk (default DEMO_STAFF_CODE); false: no staff mode. */
  staffCode?: string | false;
  /** The kiosk's own voice: espeak-ng to the sound card, or to WAV files in `wavDir` (tests); false: none. */
  voice?: { wavDir?: string; binary?: string } | false;
  log?: (m: string) => void;
}

export interface DevKiosk {
  url: string;
  bridge: Bridge;
  kiosk: KioskService;
  tray: ReturnType<typeof createDemoTray>;
  demo: DemoEnvironment;
  pcsc: PcscService;
  platform: Platform;
  issuance: DevIssuance | null;
  /** The eligibility simulator and the reception settings, when reception is offered. */
  reception: DevReception | null;
  /** The billing settings and the simulated card terminal, when payment is offered. */
  billing: DevBilling | null;
  voice: VoiceGuidance;
  /** The messages handed to the kiosk's own voice, in order (what a resident heard): the newest
   *  SPOKEN_KEPT, so a demo kiosk left running for days does not keep every one. */
  spoken: Utterance[];
  close(): Promise<void>;
}

/** The demo kiosk's staff code (README, demo tray). Public like the demo PINs; a real installation
 *  sets its own with `madoguchi staff-code`. */
export const DEMO_STAFF_CODE = '246800';

/** Utterances the dev kiosk keeps for the tests (far more than one test file makes). */
const SPOKEN_KEPT = 2000;

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export async function startDevKiosk(opts: DevKioskOptions): Promise<DevKiosk> {
  const log = opts.log ?? (() => undefined);
  mkdirSync(opts.dataDir, { recursive: true });
  const cleanup: (() => Promise<void>)[] = [];
  try {
    await ensureRendererBuilt();
    const demo = await startDemoEnvironment({ stateDir: join(opts.dataDir, 'cards'), log });
    cleanup.push(() => demo.close());
    const pcsc = await PcscService.start({ log });
    cleanup.push(() => pcsc.close());
    const spoken: Utterance[] = [];
    const voice = createVoiceGuidance({
      engine: opts.voice === false ? null : createEspeakEngine(opts.voice ?? {}),
      onSay: (u) => {
        spoken.push(u);
        if (spoken.length > SPOKEN_KEPT) spoken.splice(0, spoken.length - SPOKEN_KEPT);
      },
      log,
    });
    const backOfficeRevocation = createHttpRevocationChecker({
      ocspUrl: demo.revocationServer.ocspUrl, crlUrls: { auth: demo.revocationServer.crlUrl('auth') }, fetch, timeoutMs: 2000,
    });
    const devIssuance = opts.issuance === false ? null
      : await startDevIssuance({ dataDir: join(opts.dataDir, 'issuance'), log, backOfficeRevocation, ...(opts.issuance ?? {}) });
    if (devIssuance) cleanup.push(() => devIssuance.close());
    // Reception's accounting system is the ORCA subset of the same embedded back office.
    const devReception = opts.reception === false || !devIssuance ? null
      : await startDevReception({ dataDir: join(opts.dataDir, 'reception'), accountingUrl: devIssuance.backOffice.url, ...(opts.reception ?? {}) });
    if (devReception) cleanup.push(() => devReception.close());
    const devBilling = opts.billing === false || !devReception || !devIssuance ? null
      : startDevBilling({ dataDir: join(opts.dataDir, 'billing'), kioskId: devIssuance.kiosk.id, reception: devReception, ...(opts.billing ?? {}) });
    const services = [
      ...(devIssuance && !opts.hospital ? ['issuance' as const] : []), ...(devReception ? ['reception' as const] : []), ...(devBilling ? ['billing' as const] : []),
    ];
    const auth = await createCardAuthService(demo.authConfig, { pcsc });
    // A correct PIN restores a card's tries (as on a real card), so the "low tries" demo card is
    // put back to its issued state each time it goes in: it always shows what its label says.
    const cardsDir = join(opts.dataDir, 'cards');
    const tray = createDemoTray(demo.world, log, devIssuance ? demoHint : undefined, (p) => {
      if (p.kind === 'low-tries') resetCardState(p.id, cardsDir);
    });
    cleanup.push(() => tray.close());
    // vpcd names its readers "Virtual PCD 00 00" / "… 00 01"; the last digit is the index.
    const readers = opts.readers ?? [0, 1];
    const acceptReader = (name: string) => readers.some((i) => name.endsWith(` ${String(i).padStart(2, '0')}`));
    // The same hash format an installation's configuration carries, made fresh for each start.
    const staffCode = opts.staffCode ?? DEMO_STAFF_CODE;
    const staff = staffCode === false ? undefined : { codeHash: await hashStaffCode(staffCode), demoCode: staffCode };
    // Without the demo's issuance the kiosk has no back office: it authenticates holders only.
    const assembled = await assembleKiosk({
      platform: {
        dataDir: join(opts.dataDir, 'issuance'), softwareVersion: 'dev',
        kiosk: devIssuance?.kiosk ?? null,
        backOffice: null, printer: null, payment: null,
        ...(devIssuance?.platform ?? {}),
        ...(opts.retention?.days !== undefined ? { retentionDays: opts.retention.days } : {}),
        ...(opts.retention?.housekeepingMs ? { housekeepingMs: opts.retention.housekeepingMs } : {}),
      },
      services,
      ...(devReception ? {
        serviceSettings: {
          reception: devReception.settings, receptionParts: devReception.parts,
          ...(devBilling ? { billing: devBilling.settings, billingParts: devBilling.parts } : {}),
        },
      } : {}),
      auth, voice, version: VERSION, idle: opts.idle ?? { idleSec: 60, warnSec: 30 }, acceptReader, log,
      demoTray: tray,
      ...(devIssuance ? {
        demoPayment: devBilling
          ? { insert: (yen: number) => devIssuance.payment.insert(yen), touchIc: () => devIssuance.payment.touchIc(), card: demoCardOf(devBilling.cardTerminal) }
          : devIssuance.payment,
      } : {}),
      ...(staff ? { staff } : {}),
    });
    cleanup.push(() => assembled.close());
    const kiosk = assembled.kiosk;
    const issuanceModule = assembled.modules.find((m): m is IssuanceModule => m.name === 'issuance');
    const issuance = devIssuance && issuanceModule ? devIssuance.attach(assembled.platform, issuanceModule) : null;
    const bridge = await startBrowserBridge({ api: kiosk.api, events: kiosk.events, staticDir: RENDERER_DIST, ...(opts.port ? { port: opts.port } : {}), log });
    cleanup.push(() => bridge.close());
    return {
      url: bridge.url,
      bridge,
      kiosk,
      tray,
      demo,
      pcsc,
      platform: assembled.platform,
      issuance,
      reception: devReception,
      billing: devBilling,
      voice,
      spoken,
      close: async () => {
        // Reverse order: stop serving, end the card session, pull the cards, stop PC/SC.
        for (const fn of cleanup.reverse()) await fn().catch((err: unknown) => log(`close: ${(err as Error).message}`));
      },
    };
  } catch (err) {
    for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
    throw err;
  }
}
