// One kiosk per test: the real stack (pcscd + virtual readers, demo world, test PKI responder,
// kiosk services, browser bridge) in a fresh data directory, and Debian's Chromium with a fresh
// profile. Never downloads a browser.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startDevKiosk, type DevKiosk, type DevKioskOptions } from '../../electron/dev-server/dev-kiosk';
import { KioskPage } from './page-models/kiosk-page';
import { serviceClock } from '../helpers/service-clock';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumMissing = existsSync(CHROMIUM) ? false : `Debian's Chromium is not installed at ${CHROMIUM}`;
export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'ui');

export const PORTRAIT = { width: 1080, height: 1920 };
export const LANDSCAPE = { width: 1920, height: 1080 };

export interface KioskFixture {
  stack: DevKiosk;
  context: BrowserContext;
  page: Page;
  kiosk: KioskPage;
  /** Where the kiosk's own voice wrote what it said (one WAV per message). */
  voiceDir: string;
  /** Problems the page reported (CSP violations, uncaught errors): a test asserts it is empty. */
  problems: string[];
  close(): Promise<void>;
}

export async function openKiosk(opts: {
  viewport?: { width: number; height: number };
  beforeLoad?: (page: Page) => Promise<void>;
  /** Certificate issuance wiring (e.g. a fault-injecting test printer); default the cups-pdf demo queue. */
  issuance?: DevKioskOptions['issuance'];
} = {}): Promise<KioskFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Reader 0 only: the tray inserts there, and a card in reader 1 is not the kiosk's business.
  // The back office's clock is pinned inside service hours, so issuance tests pass at any hour.
  const issuance = opts.issuance === false ? false : { backOfficeClock: serviceClock(), ...(opts.issuance ?? {}) };
  // The kiosk's own voice writes WAV files here instead of playing on the machine's sound card.
  const voiceDir = join(dir, 'voice');
  mkdirSync(voiceDir, { recursive: true });
  const stack = await startDevKiosk({ dataDir: join(dir, 'data'), readers: [0], issuance, voice: { wavDir: voiceDir } });
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    viewport: opts.viewport ?? PORTRAIT,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await opts.beforeLoad?.(page);
  const kiosk = new KioskPage(page, SCREENSHOT_DIR);
  await kiosk.open(stack.url);
  return {
    stack,
    context,
    page,
    kiosk,
    problems,
    voiceDir,
    async close() {
      await context.close().catch(() => undefined);
      await stack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
