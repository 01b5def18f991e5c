#!/usr/bin/env node
// One-time (and idempotent) machine set-up for `npm start` and `npm test`.
// Plain JavaScript with no dependencies: it runs before `npm ci` has installed anything.
// Quick and quiet when everything is already there; it prints only what it changes.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureVpcdQuickAckRoute } from '../simulators/vcard/vpcd-route.mjs';
import { ensurePrintingStack } from './printers-setup.mjs';
import { scriptOperands } from './script-usage.mjs';
import { removeStalePidFile } from './stale-pid.mjs';

scriptOperands('scripts/setup.mjs', `Usage: node scripts/setup.mjs
  one-time, idempotent machine set-up for npm start and npm test (Debian packages, npm install,
  pcscd with the virtual readers, CUPS and the test printers); prints only what it changes`);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Debian packages the kiosk and its test suite need, and why. */
const DEBIAN_PACKAGES = [
  'pcscd', // PC/SC daemon: the card stack
  'libpcsclite-dev', // headers the `pcsclite` npm addon builds against
  'vsmartcard-vpcd', // virtual reader driver the virtual My Number Card attaches to
  'chromium', // the UI test suite and the kiosk window where Electron is absent
  'fonts-ipaexfont', // Japanese Mincho/Gothic for certificates and the UI
  'fonts-noto-cjk', // Chinese and Korean UI text (without it 中文/한국어 render as empty boxes)
  'poppler-utils', // pdftotext / pdftoppm: tests read the printed documents
  'cups', // print spooler
  'printer-driver-cups-pdf', // cups-pdf: a PDF printer for the demo and tests
  'cups-ipp-utils', // ippeveprinter: a software IPP printer with fault states
  'build-essential', // node-gyp for better-sqlite3 and pcsclite
  'python3',
  'dbus', // the system bus ippeveprinter (the fault-injecting test printer) needs
  'iproute2', // `ip route … quickack 1` for the virtual card's loopback link (see ensureVpcdLink)
  'openssl', // the TLS test: a private CA, the back office's server and the kiosk's client certificates
  'espeak-ng', // offline voice guidance: the kiosk speaks each language itself (electron/services/voice)
  'postgresql', // the back office's PostgreSQL store: its tests start a throwaway cluster (tests/helpers/postgres.ts)
];

function log(msg) {
  process.stderr.write(`setup: ${msg}\n`);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
  }
}

function missingDebianPackages() {
  return DEBIAN_PACKAGES.filter((pkg) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function ensureDebianPackages() {
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')} — run as root or: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
}

function lockHash() {
  const h = createHash('sha256');
  h.update(readFileSync(join(root, 'package-lock.json')));
  h.update(process.version);
  return h.digest('hex');
}

const NATIVE_ADDONS = [
  'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
  'node_modules/pcsclite/build/Release/pcsclite.node',
];

function ensureNodeModules() {
  const stamp = join(root, 'node_modules', '.madoguchi-setup');
  const want = lockHash();
  const have = existsSync(stamp) ? readFileSync(stamp, 'utf8') : '';
  const addonsBuilt = NATIVE_ADDONS.every((p) => existsSync(join(root, p)));
  if (have === want && addonsBuilt) return;
  log('installing npm dependencies from package-lock.json (native addons build from source)');
  // Electron's own installer downloads a binary from the internet; the kiosk runs without it
  // (browser shell) and electron-builder fetches it at packaging time on a machine that can.
  const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
  // `npm install --no-save` rather than `npm ci`: npm 11 leaves other platforms' optional packages
  // (rollup's native builds) out of the lock and then `npm ci` refuses its own lock (npm/cli#4828).
  // Versions still come from package-lock.json; nothing is rewritten.
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--silent'], { cwd: root, env });
  for (const p of NATIVE_ADDONS) {
    if (!existsSync(join(root, p))) throw new Error(`native addon did not build: ${p}`);
  }
  writeFileSync(stamp, want);
}

function pcscdRunning() {
  const r = spawnSync('pgrep', ['-x', 'pcscd']);
  return r.status === 0 && existsSync('/run/pcscd/pcscd.comm');
}

async function ensurePcscd() {
  if (pcscdRunning()) return;
  log('starting pcscd (with the vpcd virtual reader driver)');
  mkdirSync('/run/pcscd', { recursive: true });
  const stale = removeStalePidFile('/run/pcscd/pcscd.pid', 'pcscd');
  if (stale) log(stale);
  // pcscd daemonises itself but stays in its caller's process group; `setsid` gives it a session of
  // its own, so a test file (whose whole group the runner ends) or a Ctrl-C never takes it down.
  // The vpcd driver listens for virtual cards on 127.0.0.1:35963/35964.
  execFileSync('setsid', ['pcscd'], { stdio: 'inherit' });
  for (let i = 0; i < 100; i++) {
    if (pcscdRunning()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('pcscd did not start (no /run/pcscd/pcscd.comm)');
}

/** The virtual card's link to vpcd: 48 ms → 0.3 ms per APDU (simulators/vcard/vpcd-route.mjs). */
function ensureVpcdLink() {
  const r = ensureVpcdQuickAckRoute();
  if (r.changed) log(`fast loopback route for the virtual card link (${r.host}, quickack)`);
  if (!r.ok) log(`note: ${r.reason}`);
}

try {
  ensureDebianPackages();
  ensureNodeModules();
  await ensurePcscd();
  ensureVpcdLink();
  await ensurePrintingStack(); // cupsd + the cups-pdf demo/test queue (scripts/printers-setup.mjs)
} catch (err) {
  process.stderr.write(`setup failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
