#!/usr/bin/env node
// `npm test`: typecheck and lint side by side, then every test file with Node's test runner, in two lanes:
//   machine  files that use the machine's shared devices (pcscd and its two virtual readers, CUPS and
//            ippeveprinter, Chromium) or kill and crash things: one at a time, as the devices require.
//   free     tests/unit and tests/security: no shared device (their own temp folders, loopback ports
//            chosen by the OS), also one at a time, on the second core while a machine file mostly waits
//            on a card, a printer or a browser. The run takes about the longer lane, not the sum.
//            Its files run at a lower CPU priority (nice 10), so the machine lane's timed checks (a
//            hostile card's time to its error, a timeout on screen) get the CPU they had alone.
// A file says otherwise in its first lines: `// test-lane: machine` (a unit or security file that
// does use a shared device), `// test-lane: free` (e.g. a PostgreSQL or back-office file elsewhere
// that uses none). Each file's output is printed whole when it ends (lanes never interleave).
//
// Each file runs in its own process group with a time limit, so a hung test fails with its file's
// name (and its daemons and browsers are killed with it) instead of stalling CI until its own limit.
// The default limit is FILE_LIMIT_S; a file that needs longer says so in its first lines with
// `// test-file-limit: <seconds>`. At the end: the skipped tests by name and why, the files that failed
// or ran out of time, and one closing line `test: <n> passed, <n> failed, <n> skipped`.
//
// Usage: node scripts/test.mjs [file.test.ts …]   (with files: only those, no typecheck or lint)
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { scriptOperands } from './script-usage.mjs';

const root = new URL('..', import.meta.url).pathname;
const FILE_LIMIT_S = Number(process.env.MADOGUCHI_TEST_FILE_LIMIT_S ?? 240);

function say(msg) {
  process.stderr.write(`test: ${msg}\n`);
}

/** One check before the tests; its output printed whole when it ends. Answers its exit status. */
function step(name, cmd, args) {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (c) => output.push(c));
    child.stderr.on('data', (c) => output.push(c));
    child.on('exit', (code) => {
      process.stdout.write(Buffer.concat(output));
      say(`${name} ${code === 0 ? 'ok' : 'FAILED'} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      resolve(code ?? 1);
    });
  });
}

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out.sort();
}

/** The file's own limit (`// test-file-limit: 420` in its first 20 lines), else the default. */
function limitOf(file) {
  const head = readFileSync(join(root, file), 'utf8').split('\n', 20).join('\n');
  const m = /^\/\/ test-file-limit: (\d+)\s*$/m.exec(head);
  return m ? Number(m[1]) : FILE_LIMIT_S;
}

/** The file's own `// test-lane: machine|free`, else 'free' for tests/unit and tests/security, else 'machine'. */
function laneOf(file) {
  const head = readFileSync(join(root, file), 'utf8').split('\n', 20).join('\n');
  const own = /^\/\/ test-lane: (machine|free)\s*$/m.exec(head);
  if (own) return own[1];
  return /^tests\/(unit|security)\//.test(file) ? 'free' : 'machine';
}

/** Runs one file: spec output (stdout and stderr, in order) kept for printing whole, TAP to a file we
 *  read the counts and skips from. */
function runFile(file, tapFile, lane) {
  const limitS = limitOf(file);
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
        '--test-reporter=tap', `--test-reporter-destination=${tapFile}`, file],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    if (lane === 'free') {
      try {
        setPriority(child.pid, 10); // before it starts anything of its own, which inherits it
      } catch {
        /* not allowed here: same priority */
      }
    }
    const output = [];
    child.stdout.on('data', (c) => output.push(c));
    child.stderr.on('data', (c) => output.push(c));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL'); // the whole group: the test's own daemons and browsers too
      } catch {
        /* already gone */
      }
    }, limitS * 1000);
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      // Anything the file started in its group and left running (a vcard, a printer) ends with it.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* nothing left */
      }
      resolve({ code: code ?? 1, sig, timedOut, limitS, seconds: (Date.now() - t0) / 1000, output: Buffer.concat(output) });
    });
  });
}

/** Counts and skipped tests from Node's TAP output. */
function readTap(tapFile) {
  let text = '';
  try {
    text = readFileSync(tapFile, 'utf8');
  } catch {
    /* the process died before writing */
  }
  const count = (key) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  const skipped = [];
  for (const m of text.matchAll(/^\s*ok \d+ - (.*?) # SKIP(?: (.*))?$/gm)) skipped.push({ name: m[1], why: m[2] ?? '' });
  return { pass: count('pass'), fail: count('fail') + count('cancelled'), skipped, complete: /^# tests \d+$/m.test(text) };
}

const only = scriptOperands('scripts/test.mjs', `Usage: node scripts/test.mjs [file.test.ts …]
  without files: typecheck, lint, then every tests/**/*.test.ts in two lanes (machine, free),
  each lane one file at a time
  with files: only those (in the same lanes), no typecheck or lint
  (MADOGUCHI_TEST_FILE_LIMIT_S: a file's time limit, default ${FILE_LIMIT_S} s)`, { operands: true });
if (only.length === 0) {
  // Side by side: each is one process on one core.
  const codes = await Promise.all([step('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']), step('lint', 'npx', ['eslint', '--max-warnings=0', '.'])]);
  const failed = codes.find((c) => c !== 0);
  if (failed !== undefined) process.exit(failed);
}
const files = only.length ? only : findTests(join(root, 'tests'));
const tapDir = mkdtempSync(join(tmpdir(), 'madoguchi-test-'));
const totals = { pass: 0, fail: 0 };
const skips = [];
const badFiles = [];
const t0 = Date.now();
const seconds = [];
async function runAndReport(file, i, lane) {
  const tapFile = join(tapDir, `${i}.tap`);
  const r = await runFile(file, tapFile, lane);
  process.stdout.write(r.output);
  const tap = readTap(tapFile);
  totals.pass += tap.pass;
  totals.fail += tap.fail;
  for (const s of tap.skipped) skips.push({ file, ...s });
  let verdict = 'ok';
  if (r.timedOut) verdict = `TIMED OUT after its ${r.limitS} s limit (killed with everything it started)`;
  else if (r.code !== 0 || !tap.complete) verdict = `FAILED (exit ${r.code}${r.sig ? `, ${r.sig}` : ''})`;
  if (verdict !== 'ok') {
    badFiles.push(`${file}: ${verdict}`);
    if (tap.fail === 0) totals.fail += 1; // a file that died or hung counts as a failure even with no failed test
  }
  say(`${file} ${verdict} (${r.seconds.toFixed(1)} s)`);
  seconds.push([file, r.seconds]);
}
const lanes = { machine: [], free: [] };
for (const [i, file] of files.entries()) lanes[laneOf(file)].push([file, i]);
await Promise.all(Object.entries(lanes).map(async ([lane, entries]) => {
  for (const [file, i] of entries) await runAndReport(file, i, lane);
}));
rmSync(tapDir, { recursive: true, force: true });

const laneSum = (lane) => lane.reduce((n, [file]) => n + (seconds.find(([f]) => f === file)?.[1] ?? 0), 0);
say(`${files.length} files in ${((Date.now() - t0) / 1000).toFixed(0)} s (machine lane ${lanes.machine.length} files, ${laneSum(lanes.machine).toFixed(0)} s; free lane ${lanes.free.length} files, ${laneSum(lanes.free).toFixed(0)} s)`);
const slowest = [...seconds].sort((a, b) => b[1] - a[1]).slice(0, 8);
say(`slowest: ${slowest.map(([f, s]) => `${f} ${s.toFixed(0)} s`).join(', ')}`);
if (skips.length) {
  say(`skipped (${skips.length}):`);
  for (const s of skips) say(`  - ${s.file} › ${s.name}${s.why ? ` — ${s.why}` : ''}`);
}
if (badFiles.length) {
  say(`files that failed (${badFiles.length}):`);
  for (const b of badFiles) say(`  - ${b}`);
}
process.stdout.write(`test: ${totals.pass} passed, ${totals.fail} failed, ${skips.length} skipped\n`);
process.exit(badFiles.length || totals.fail ? 1 : 0);
