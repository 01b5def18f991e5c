// `npm start`: the kiosk in demo mode on this machine. Starts the main-process services with the
// demo world (virtual cards in a tray, test PKI, reference back office, the cups-pdf demo printer,
// the simulated cash / IC acceptor) and then the UI:
//   - the Electron window when Electron's binary is installed,
//   - else Chromium in app mode when a display exists,
//   - else (or with --no-window) only the loopback UI, announced as `kiosk ui: <url>`.
// Options: USAGE below (`npm start -- --help`).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDevKiosk } from '../dev-server/dev-kiosk';
import { DEMO_PRINT_DIR } from '../dev-server/dev-issuance';
import { electronBinary } from '../dev-server/electron-binary';
import { openKioskLog, type KioskLog } from '../services/logging/kiosk-log';

const root = fileURLToPath(new URL('../../', import.meta.url));
// stderr, and the log file a technician reads (`madoguchi logs`) once it is open.
let fileLog: KioskLog | null = null;
const log = (m: string) => {
  process.stderr.write(`madoguchi: ${m}\n`);
  fileLog?.write(m);
};

const USAGE = `Usage: npm start -- [options]   (node --import tsx electron/main/start-dev.ts [options])
The kiosk in demo mode on this machine: virtual cards, test PKI, reference back office, demo printer.

Options:
  --no-window                 only the loopback UI, announced as \`kiosk ui: <url>\`
  --kiosk                     Chromium in full-screen kiosk mode
  --port <n>                  the loopback UI's port
  --data-dir <dir>            the kiosk's data folder (default var/dev)
  --retention-days <n>        default 7; 0: finished, synced requests leave the database at the next round
  --housekeeping-seconds <n>  default 60
  --keep-printed <n>          printed PDFs the demo keeps (default 5)
  --hospital                  a hospital's terminal: 病院受付 and お会計 only (no certificates)
  --open-hours                the back office's service-hours clock starts at noon JST, so certificates
                              can be tried at any hour; everything else keeps the real clock
  -h, --help                  print this help and exit`;

let parsed;
try {
  parsed = parseArgs({
    options: {
      'no-window': { type: 'boolean', default: false },
      kiosk: { type: 'boolean', default: false },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'open-hours': { type: 'boolean', default: false },
      hospital: { type: 'boolean', default: false },
      'retention-days': { type: 'string' },
      'housekeeping-seconds': { type: 'string' },
      'keep-printed': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  });
} catch (err) {
  process.stderr.write(`madoguchi: ${(err as Error).message.split('. ')[0]}\n${USAGE}\n`);
  process.exit(2);
}
if (parsed.values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const args = parsed.values;

const inElectron = Boolean(process.versions.electron);
const dataDir = args['data-dir'] ?? join(root, 'var', 'dev');
mkdirSync(dataDir, { recursive: true });

if (!inElectron && !args['no-window'] && electronBinary()) {
  // Re-run this same entry inside Electron; it then opens the kiosk window below.
  const child = spawn(electronBinary()!, [join(root, 'electron/main/dev-entry.mjs'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  fileLog = await openKioskLog({ dataDir });
  // The demo printer: cupsd with the cups-pdf queue (idempotent; quiet when it is already there).
  try {
    const { ensurePrintingStack } = (await import(join(root, 'scripts/printers-setup.mjs'))) as { ensurePrintingStack(): Promise<void> };
    await ensurePrintingStack();
  } catch (err) {
    log(`demo printer not ready (${(err as Error).message}); certificates cannot be printed`);
  }
  // Service hours (6:30–23:00 JST) are the back office's rule; a demo at night pins its clock to noon.
  // Today at noon in Japan, or 4 January when today is in the 12/29–1/3 closing.
  const todayJst = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
  const closed = /-(12-(29|30|31)|01-0[1-3])$/.test(todayJst);
  const openDay = closed ? `${Number(todayJst.slice(0, 4)) + (todayJst.slice(5, 7) === '12' ? 1 : 0)}-01-04` : todayJst;
  const noonJst = Date.parse(`${openDay}T12:00:00+09:00`);
  const started = Date.now();
  const wholeNumber = (flag: 'retention-days' | 'housekeeping-seconds' | 'keep-printed') => {
    const v = args[flag];
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) throw new Error(`--${flag} takes a whole number, not ${JSON.stringify(v)}`);
    return Number(v);
  };
  const retentionDays = wholeNumber('retention-days');
  const housekeepingSeconds = wholeNumber('housekeeping-seconds');
  const keepPrinted = wholeNumber('keep-printed');
  const issuance = {
    issuance: {
      ...(args['open-hours'] ? { backOfficeClock: () => noonJst + (Date.now() - started) } : {}),
      ...(keepPrinted !== undefined ? { keepPrintedFiles: keepPrinted } : {}),
    },
    retention: { ...(retentionDays !== undefined ? { days: retentionDays } : {}), ...(housekeepingSeconds ? { housekeepingMs: housekeepingSeconds * 1000 } : {}) },
  };
  const kiosk = await startDevKiosk({ dataDir, ...(args.port ? { port: Number(args.port) } : {}), ...issuance, hospital: args.hospital, log });
  if (args['open-hours']) log('service hours: the back office\'s clock starts at 12:00 JST (--open-hours)');
  log(`back office: ${kiosk.issuance?.backOffice.url ?? 'none'}`);
  if (kiosk.reception) log(`hospital reception: eligibility simulator ${kiosk.reception.onshi.url}, accounting system (ORCA subset) ${kiosk.reception.settings.accounting.url}`);
  if (kiosk.billing) log(`hospital payment: cash/IC on the demo acceptor, the demo card terminal (demo.pay { card }), the account linked to the card; cashier terminal ${kiosk.billing.settings.karteUid}`);
  log(`printed certificates (demo printer ${kiosk.issuance?.printerUri ?? 'none'}) are PDF files in ${DEMO_PRINT_DIR}`);
  let browser: ChildProcess | null = null;
  const stop = async () => {
    browser?.kill('SIGTERM');
    await kiosk.close();
    await fileLog?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  if (inElectron) {
    const { runKioskShell } = await import('./shell');
    const { buildDevPreload } = await import('../dev-server/dev-preload');
    await runKioskShell({
      api: kiosk.kiosk.api,
      events: kiosk.kiosk.events,
      shutdown: async () => {
        await kiosk.close();
      },
      rendererDir: join(root, 'renderer', 'dist'),
      preloadPath: await buildDevPreload(join(dataDir, 'preload')),
      mode: { production: false },
      log,
    });
  } else {
    process.stdout.write(`kiosk ui: ${kiosk.url}\n`);
    const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
    if (!args['no-window'] && display && existsSync('/usr/bin/chromium')) {
      const profile = join(dataDir, 'chromium-profile');
      browser = spawn('/usr/bin/chromium', [`--app=${kiosk.url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-translate', ...(args.kiosk ? ['--kiosk'] : [])], { stdio: 'ignore' });
      browser.on('exit', () => void stop());
    }
  }
}
