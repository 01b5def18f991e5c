#!/usr/bin/env node
// Removes what scripts/setup.mjs made on this machine, so that the next `npm test` or `npm start`
// sets it all up again from nothing. `.ci/run` calls it first: CI runs on a machine where earlier
// runs left daemons, queues and runtime files, and a set-up step that only works because of them
// (a queue created by hand, a certificate an earlier cupsd wrote) would pass CI and fail for the next
// new user. The Debian packages and npm's download cache stay: a new machine reaches the registries too.
//
// What it removes, each only if present:
// - the daemons set-up starts: ippeveprinter (left by a killed test), cupsd, pcscd, the D-Bus system bus
//   — each found by exact process name and stopped by its pid (TERM, then KILL);
// - their runtime files (/run/pcscd, /run/cups, the D-Bus pid file and socket);
// - madoguchi's CUPS queues (madoguchi-*) with their PPDs, the cups-pdf instance configuration and
//   its output folder, and the jobs CUPS keeps (/var/spool/cups);
// - the quickack route for the virtual card's link;
// - npx's package copies (~/.npm/_npx) and the project's own caches (var/: the test PKI's keys).
// Plain JavaScript with no dependencies (it runs before `npm ci`). Needs root; prints what it removes.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CUPS_PDF_INSTANCE_CONF, PDF_OUTPUT_DIR } from './printers-setup.mjs';
import { scriptOperands } from './script-usage.mjs';
import { VPCD_FAST_HOST } from '../simulators/vcard/vpcd-route.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DAEMONS = ['ippeveprinter', 'cupsd', 'pcscd', 'dbus-daemon'];
const QUEUE_PREFIX = 'madoguchi-';

function log(msg) {
  process.stderr.write(`teardown: ${msg}\n`);
}

function pidsOf(name) {
  const r = spawnSync('pgrep', ['-x', name], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n').filter(Boolean).map(Number) : [];
}

async function stopDaemons() {
  for (const name of DAEMONS) {
    const pids = pidsOf(name);
    if (pids.length === 0) continue;
    log(`stopping ${name} (pid ${pids.join(', ')})`);
    for (const pid of pids) signal(pid, 'SIGTERM');
  }
  const deadline = Date.now() + 5000;
  while (DAEMONS.some((n) => pidsOf(n).length) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const name of DAEMONS) for (const pid of pidsOf(name)) signal(pid, 'SIGKILL');
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

function remove(path) {
  if (!existsSync(path)) return;
  rmSync(path, { recursive: true, force: true });
  log(`removed ${path}`);
}

/** Drops madoguchi's queues from CUPS's configuration. cupsd is stopped by now, so its files are ours. */
function removeQueues() {
  const conf = '/etc/cups/printers.conf';
  if (existsSync(conf)) {
    const text = readFileSync(conf, 'utf8');
    const kept = text.replace(new RegExp(`<(Default)?Printer ${QUEUE_PREFIX}[^>]*>[\\s\\S]*?</Printer>\\n?`, 'g'), '');
    if (kept !== text) {
      writeFileSync(conf, kept);
      log(`removed madoguchi's queues from ${conf}`);
    }
  }
  const ppdDir = '/etc/cups/ppd';
  if (existsSync(ppdDir)) {
    for (const f of readdirSync(ppdDir)) if (f.startsWith(QUEUE_PREFIX)) remove(join(ppdDir, f));
  }
}

function removeRoute() {
  const show = spawnSync('ip', ['route', 'show', 'table', 'local', `${VPCD_FAST_HOST}/32`], { encoding: 'utf8' });
  if (show.status !== 0 || !show.stdout.trim()) return;
  const del = spawnSync('ip', ['route', 'del', 'local', `${VPCD_FAST_HOST}/32`, 'dev', 'lo', 'table', 'local'], { encoding: 'utf8' });
  if (del.status === 0) log(`removed the quickack route for ${VPCD_FAST_HOST}`);
}

scriptOperands('scripts/teardown.mjs', `Usage: node scripts/teardown.mjs   (as root)
  removes what scripts/setup.mjs made on this machine: the daemons it started and their runtime files,
  madoguchi's CUPS queues and jobs, the vpcd quickack route, npx's copies and var/; Debian packages and
  npm's download cache stay`);

if (process.getuid?.() !== 0) {
  process.stderr.write('teardown: needs root (it stops daemons and edits /etc/cups)\n');
  process.exit(1);
}
await stopDaemons();
for (const p of ['/run/pcscd', '/run/cups', '/run/dbus/pid', '/run/dbus/system_bus_socket']) remove(p);
removeQueues();
remove(CUPS_PDF_INSTANCE_CONF);
remove(PDF_OUTPUT_DIR);
// The jobs CUPS kept (control and document files, c00001 / d00001-001) and its job cache.
if (existsSync('/var/spool/cups')) for (const f of readdirSync('/var/spool/cups')) if (/^[cd]\d+/.test(f)) remove(join('/var/spool/cups', f));
remove('/var/cache/cups/job.cache');
removeRoute();
remove(join(homedir(), '.npm', '_npx'));
remove(join(root, 'var'));
