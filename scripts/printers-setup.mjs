#!/usr/bin/env node
// The print stack for `npm start` and `npm test`: cupsd running, and a cups-pdf queue
// (`madoguchi-pdf`) whose output folder is known. Plain JavaScript with no dependencies (it runs
// from scripts/setup.mjs before anything else). Idempotent and quiet: it prints only what it changes.
//
// Why the choices:
// - cupsd is started directly (no systemd on kiosk build machines and containers).
// - The queue uses its own cups-pdf instance (device URI `cups-pdf:/madoguchi` → the backend reads
//   /etc/cups/cups-pdf-madoguchi.conf), so the machine-wide cups-pdf.conf stays untouched and the
//   output folder does not depend on which user submitted the job.
// - The D-Bus system bus: ippeveprinter (the fault-injecting test printer) will not start without
//   one, because its DNS-SD client needs it even with advertising off.
// - PreserveJobFiles No, PreserveJobHistory Yes: a printed certificate must not stay readable in
//   /var/spool/cups (CUPS's default keeps each job's document for a day, and for its last 500 jobs);
//   the job history (who printed what, when: no content) stays. The kiosk also purges its own ended
//   jobs' documents itself (electron/services/printing/job-files.ts), whatever the configuration.
// - ErrorPolicy abort-job: a failed job must end (the kiosk decides what happens next), never stop
//   the queue until someone runs cupsenable, never retry for days (engineering-anchors §4.4).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { removeStalePidFile } from './stale-pid.mjs';

export const PDF_QUEUE = 'madoguchi-pdf';
export const PDF_OUTPUT_DIR = '/var/spool/cups-pdf-madoguchi';
export const PDF_QUEUE_URI = `ipp://127.0.0.1:631/printers/${PDF_QUEUE}`;
/**
 * Where queue administration goes (lpadmin, lpstat, cupsenable: `-h`). CUPS's local socket, not
 * 127.0.0.1:631: over the socket cupsd knows the caller from its peer credentials (PeerCred, root is in
 * the SystemGroup), while over TCP a new CUPS asks an administrator for a password and a script
 * without a terminal gets `lpadmin: Unauthorized`. Jobs still go to ipp://127.0.0.1:631 (no admin).
 */
export const CUPS_ADMIN_SERVER = '/run/cups/cups.sock';
export const CUPS_PDF_INSTANCE_CONF = '/etc/cups/cups-pdf-madoguchi.conf';
export const CUPSD_CONF = '/etc/cups/cupsd.conf';
/** cupsd.conf directives the kiosk needs: documents leave the spool when their job ends, history stays. */
const CUPSD_DIRECTIVES = { PreserveJobFiles: 'No', PreserveJobHistory: 'Yes' };
const CUPS_PDF_PPD = '/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd';

// Label 1 → files are named `job_<cups job id>-<title>.pdf`: a test (or staff) finds a job's
// output from its job id alone, and the title carries the issuance id.
const INSTANCE_CONF = `# Written by madoguchi scripts/printers-setup.mjs (the kiosk's PDF test/demo queue)
Out ${PDF_OUTPUT_DIR}
AnonDirName ${PDF_OUTPUT_DIR}
AnonUser root
UserUMask 0022
Label 1
TitlePref 1
Grp lpadmin
`;

function log(msg) {
  process.stderr.write(`setup: ${msg}\n`);
}

function cupsdRunning() {
  return spawnSync('pgrep', ['-x', 'cupsd']).status === 0;
}

function portOpen(port) {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function ensureCupsd() {
  if (cupsdRunning() && (await portOpen(631)) && existsSync(CUPS_ADMIN_SERVER)) return;
  if (!cupsdRunning()) {
    if (process.getuid?.() !== 0) throw new Error('cupsd is not running — start it as root: /usr/sbin/cupsd');
    log('starting cupsd');
    mkdirSync('/run/cups', { recursive: true });
    // Without -f cupsd daemonises itself and keeps running after this script ends.
    // In a session of its own (setsid): it must outlive the test file or command that started it.
    const r = spawnSync('setsid', ['/usr/sbin/cupsd'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`cupsd failed to start (exit ${r.status ?? r.signal})`);
  }
  for (let i = 0; i < 100; i++) {
    if ((await portOpen(631)) && existsSync(CUPS_ADMIN_SERVER)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`cupsd did not start listening on 127.0.0.1:631 and ${CUPS_ADMIN_SERVER}`);
}

function ensureDbus() {
  if (existsSync('/run/dbus/system_bus_socket') && spawnSync('pgrep', ['-x', 'dbus-daemon']).status === 0) return;
  if (process.getuid?.() !== 0) throw new Error('the D-Bus system bus is not running — start it as root: dbus-daemon --system --fork');
  log('starting the D-Bus system bus (ippeveprinter needs it)');
  mkdirSync('/run/dbus', { recursive: true });
  const stale = removeStalePidFile('/run/dbus/pid', 'dbus-daemon', ['/run/dbus/system_bus_socket']);
  if (stale) log(stale);
  const r = spawnSync('setsid', ['dbus-daemon', '--system', '--fork'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`dbus-daemon failed to start (exit ${r.status ?? r.signal})`);
}

/** Sets CUPSD_DIRECTIVES in cupsd.conf (targeted: other lines untouched); true when the file changed. */
function ensureCupsdConf() {
  if (!existsSync(CUPSD_CONF)) return false;
  const have = readFileSync(CUPSD_CONF, 'utf8');
  let want = have;
  for (const [key, value] of Object.entries(CUPSD_DIRECTIVES)) {
    const line = `${key} ${value}`;
    const re = new RegExp(`^[ \\t]*${key}[ \\t].*$`, 'm');
    want = re.test(want) ? want.replace(re, line) : `${want.replace(/\n?$/, '\n')}${line}\n`;
  }
  if (want === have) return false;
  if (process.getuid?.() !== 0) throw new Error(`${CUPSD_CONF} needs ${Object.entries(CUPSD_DIRECTIVES).map(([k, v]) => `${k} ${v}`).join(', ')} — run the set-up as root`);
  log(`${CUPSD_CONF}: ${Object.entries(CUPSD_DIRECTIVES).map(([k, v]) => `${k} ${v}`).join(', ')} (no document kept after its job)`);
  writeFileSync(CUPSD_CONF, want);
  return true;
}

/** A running cupsd rereads its configuration on SIGHUP; it closes and reopens its listeners meanwhile. */
async function reloadCupsd() {
  if (!cupsdRunning()) return;
  log('reloading cupsd');
  const pids = spawnSync('pgrep', ['-x', 'cupsd'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
  for (const pid of pids) process.kill(pid, 'SIGHUP');
  await new Promise((r) => setTimeout(r, 300));
}

function ensureInstanceConf() {
  const have = existsSync(CUPS_PDF_INSTANCE_CONF) ? readFileSync(CUPS_PDF_INSTANCE_CONF, 'utf8') : '';
  if (have !== INSTANCE_CONF) {
    log(`writing ${CUPS_PDF_INSTANCE_CONF}`);
    writeFileSync(CUPS_PDF_INSTANCE_CONF, INSTANCE_CONF);
  }
  if (!existsSync(PDF_OUTPUT_DIR)) {
    mkdirSync(PDF_OUTPUT_DIR, { recursive: true });
    chmodSync(PDF_OUTPUT_DIR, 0o755);
  }
}

function queueReady() {
  const r = spawnSync('lpstat', ['-h', CUPS_ADMIN_SERVER, '-p', PDF_QUEUE, '-v', PDF_QUEUE], { encoding: 'utf8' });
  return (
    r.status === 0 &&
    r.stdout.includes('cups-pdf:/madoguchi') &&
    r.stdout.includes('enabled') &&
    !/disabled/i.test(r.stdout)
  );
}

function ensureQueue() {
  if (queueReady()) return;
  log(`creating the CUPS queue ${PDF_QUEUE} (cups-pdf → ${PDF_OUTPUT_DIR})`);
  const r = spawnSync(
    'lpadmin',
    ['-h', CUPS_ADMIN_SERVER, '-p', PDF_QUEUE, '-E', '-v', 'cups-pdf:/madoguchi', '-P', CUPS_PDF_PPD,
      '-D', 'madoguchi PDF printer (demo and tests)', '-o', 'printer-error-policy=abort-job', '-o', 'printer-is-shared=false'],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`lpadmin failed: ${r.stderr.trim()}`);
  // -E on lpadmin enables and accepts; run both explicitly too in case the queue existed disabled.
  spawnSync('cupsenable', ['-h', CUPS_ADMIN_SERVER, PDF_QUEUE]);
  spawnSync('cupsaccept', ['-h', CUPS_ADMIN_SERVER, PDF_QUEUE]);
  if (!queueReady()) throw new Error(`the CUPS queue ${PDF_QUEUE} is not ready after lpadmin`);
}

/** Idempotent: cupsd running on 127.0.0.1:631 and the cups-pdf queue `madoguchi-pdf` accepting jobs. */
export async function ensurePrintingStack() {
  ensureInstanceConf();
  const confChanged = ensureCupsdConf();
  if (confChanged) await reloadCupsd();
  ensureDbus();
  await ensureCupsd();
  ensureQueue();
  return { queue: PDF_QUEUE, queueUri: PDF_QUEUE_URI, outputDir: PDF_OUTPUT_DIR };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensurePrintingStack().catch((err) => {
    process.stderr.write(`printers setup failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
