// The PC/SC service disappears mid-session (pcscd stops: the reader is gone) and comes back:
// the resident gets a typed error, never a crash, and the kiosk recovers without a restart.
// Only one pcscd can own the machine's socket and the vpcd ports, so the test stops the machine's
// pcscd (by the pid in its pid file), runs a pcscd of its own as a child process, and stops only that
// one (by its pid) mid-session. Afterwards it starts the machine's pcscd again through
// scripts/setup.mjs, as set-up starts it. It runs only in the serial `npm test` (or under the
// machine lock), never alongside other card tests.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { KioskError } from '../../common/errors';
import { startAuthStack, vpcdReaderName, type AuthStack } from '../helpers/auth-stack';

const READER = vpcdReaderName(0);
const PID_FILE = '/run/pcscd/pcscd.pid';
const SOCKET = '/run/pcscd/pcscd.comm';
let stack: AuthStack | undefined;
let ours: OwnPcscd | undefined;

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A live (not zombie) process's command name, or undefined. */
function commandOf(pid: number): string | undefined {
  try {
    if (/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) return undefined;
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** The process group id (field 5 of /proc/<pid>/stat, after the parenthesised command). */
function processGroupOf(pid: number): string | undefined {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[2];
}

/** The pid of the running pcscd named by its pid file, if any. */
function runningPcscdPid(): number | undefined {
  if (!existsSync(PID_FILE)) return undefined;
  // pcscd writes "<pid>\n" followed by a NUL byte.
  const digits = /^\d+/.exec(readFileSync(PID_FILE, 'utf8'))?.[0];
  const pid = digits === undefined ? 0 : Number(digits);
  return pid > 0 && commandOf(pid) === 'pcscd' ? pid : undefined;
}

/** Stops the machine's pcscd (the set-up daemon) by its pid and waits until its socket is gone. */
async function stopMachinePcscd(): Promise<void> {
  const pid = runningPcscdPid();
  if (pid === undefined) return;
  process.kill(pid, 'SIGTERM');
  await until(() => commandOf(pid) === undefined && !existsSync(SOCKET), 10_000, `the machine's pcscd (pid ${pid}) to stop`);
}

interface OwnPcscd {
  pid: number;
  /** SIGTERM to this pid only; resolves when the process has exited. */
  stop(): Promise<void>;
}

/** A pcscd in the foreground as our child; resolves once it answers on its socket. */
async function startOwnPcscd(): Promise<OwnPcscd> {
  const child: ChildProcess = spawn('pcscd', ['--foreground'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = ''; // in the foreground pcscd logs to stdout
  const keep = (d: Buffer) => { output = (output + d.toString()).slice(-2000); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const pid = child.pid!;
  try {
    await until(() => {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`pcscd exited at start: ${output}`);
      return runningPcscdPid() === pid && existsSync(SOCKET);
    }, 10_000, `our pcscd (pid ${pid}) to listen`);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    pid,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The machine's pcscd back, started by set-up itself. Set-up runs in a session of its own: pcscd
 * daemonises without leaving its caller's process group, and the test runner kills this file's
 * group when the file ends, which would take a pcscd started from here with it.
 */
async function restoreMachinePcscd(): Promise<void> {
  const setup = spawn(process.execPath, ['scripts/setup.mjs'], { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  const code = await new Promise<number | null>((r) => setup.once('exit', r));
  assert.equal(code, 0, 'set-up restarts the machine\'s pcscd');
  const pid = runningPcscdPid();
  assert.ok(pid !== undefined, 'the machine\'s pcscd is running again');
  assert.notEqual(processGroupOf(pid), processGroupOf(process.pid), 'in a process group of its own, not this test file\'s');
}

before(async () => {
  await stopMachinePcscd();
  ours = await startOwnPcscd();
  stack = await startAuthStack();
});
after(async () => {
  // Whatever happened, leave the machine with its own pcscd running and none of ours.
  try {
    await stack?.close();
  } finally {
    await ours?.stop();
    await restoreMachinePcscd();
  }
});

test('pcscd stopping mid-session is a typed error; after it returns the kiosk logs in again', async () => {
  await stack!.insert('yamada-taro');
  const auth = await stack!.service();
  await auth.open(READER);

  const stopped = ours!.pid;
  await ours!.stop();
  ours = undefined;
  assert.equal(commandOf(stopped), undefined, 'our pcscd is gone');
  assert.equal(runningPcscdPid(), undefined, 'no other pcscd took over');

  await assert.rejects(auth.login('1234'), (err: unknown) => {
    assert.ok(err instanceof KioskError, String(err));
    assert.ok(['reader.gone', 'reader.service_unavailable', 'card.removed'].includes(err.kind), `${err.kind}: ${err.message}`);
    return true;
  });
  await auth.close();

  ours = await startOwnPcscd();
  // The PC/SC client re-creates its context with back-off and finds the readers again.
  await until(() => stack!.pcsc.readers().some((r) => r.name === READER), 20_000, 'the reader to come back');
  await stack!.insert('yamada-taro');
  await auth.open(READER);
  const holder = await auth.login('1234');
  assert.equal(holder.revocation, 'good');
  await auth.close();
});
