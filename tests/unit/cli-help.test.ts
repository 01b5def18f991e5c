// Every technician command answers `--help` with its usage and exit 0, and a wrong option is one line
// naming it with exit 2 — run as the technician runs them (child processes), for every command the
// CLI declares, so a new command is covered the day it is declared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ALL_SPECS } from '../../electron/cli/command-list';

const root = fileURLToPath(new URL('../../', import.meta.url));
const BIN = 'bin/madoguchi.mjs';
const STACK = /^\s+at\s/m;

interface Run { status: number | null; stdout: string; stderr: string }

function run(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

const madoguchi = (...args: string[]) => run([BIN, ...args]);
const words = (name: string) => name.split(' ');

test('madoguchi --help lists every declared command and exits 0; no command at all exits 2', async () => {
  for (const flag of ['--help', '-h', 'help']) {
    const r = await madoguchi(flag);
    assert.equal(r.status, 0, `${flag}: ${r.stderr}`);
    assert.match(r.stdout, /^Usage: madoguchi <command>/);
    for (const spec of ALL_SPECS) assert.ok(r.stdout.includes(`madoguchi ${spec.name} `), `${spec.name} listed`);
  }
  const bare = await madoguchi();
  assert.equal(bare.status, 2);
  assert.match(bare.stderr, /^Usage: madoguchi <command>/);
});

test('every command answers --help with its usage and every option, exit 0, without doing its work', async () => {
  // -h once: both flags reach the same check (command-spec.ts asksForHelp).
  const runs = await Promise.all(ALL_SPECS.map(async (spec, i) => {
    const flag = i === 0 ? '-h' : '--help';
    return { spec, flag, r: await madoguchi(...words(spec.name), flag) };
  }));
  for (const { spec, flag, r } of runs) {
    const what = `madoguchi ${spec.name} ${flag}`;
    assert.equal(r.status, 0, `${what}: ${r.stderr}`);
    assert.equal(r.stderr, '', what);
    assert.ok(r.stdout.startsWith(`Usage: madoguchi ${spec.name}`), `${what}: ${r.stdout}`);
    for (const option of Object.keys(spec.options)) assert.ok(r.stdout.includes(`--${option}`), `${what} names --${option}`);
  }
});

test('a command made of subcommands lists them on --help; a missing or unknown subcommand exits 2', async () => {
  for (const group of ['card', 'held']) {
    const subs = ALL_SPECS.filter((s) => s.name.startsWith(`${group} `));
    const help = await madoguchi(group, '--help');
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, new RegExp(`^Usage: madoguchi ${group} <`));
    for (const s of subs) assert.ok(help.stdout.includes(`madoguchi ${s.name} `), `${s.name} listed`);
    const missing = await madoguchi(group);
    assert.equal(missing.status, 2);
    const unknown = await madoguchi(group, 'frobnicate');
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stderr, `madoguchi ${group}: unknown subcommand 'frobnicate' (madoguchi ${group} --help shows the usage) [input.invalid]\n`);
  }
  const command = await madoguchi('frobnicate');
  assert.equal(command.status, 2);
  assert.match(command.stderr, /^madoguchi: unknown command 'frobnicate'/);
});

test('an unknown option on any command is one line naming it, exit 2, nothing on stdout', async () => {
  const runs = await Promise.all(ALL_SPECS.map(async (spec) => ({ spec, r: await madoguchi(...words(spec.name), '--frobnicate') })));
  for (const { spec, r } of runs) {
    const what = `madoguchi ${spec.name} --frobnicate`;
    assert.equal(r.status, 2, `${what}: ${r.stderr}`);
    assert.equal(r.stdout, '', what);
    assert.equal(r.stderr, `madoguchi ${spec.name}: unknown option '--frobnicate' (madoguchi ${spec.name} --help shows the usage) [input.invalid]\n`);
  }
});

test('an option without its value, or an operand too many, is a usage error naming it', async () => {
  const noValue = await madoguchi('verify', 'x.pdf', '--keys');
  assert.equal(noValue.status, 2);
  assert.match(noValue.stderr, /^madoguchi verify: option '--keys' needs a value/);
  const extra = await madoguchi('staff-code', 'now');
  assert.equal(extra.status, 2);
  assert.match(extra.stderr, /^madoguchi staff-code: unexpected argument 'now'/);
  const twoPdfs = await madoguchi('verify', 'a.pdf', 'b.pdf', '--demo');
  assert.equal(twoPdfs.status, 2);
  assert.match(twoPdfs.stderr, /^madoguchi verify: takes one certificate PDF, not 2/);
});

test('the back-office, database, npm start and machine scripts answer --help with their usage, exit 0, and refuse an unknown option', async () => {
  const tools: Array<{ args: string[]; usage: RegExp }> = [
    { args: ['--import', 'tsx', 'backoffice/main.ts'], usage: /^Usage: node --import tsx backoffice\/main\.ts/ },
    { args: ['--import', 'tsx', 'db/main.ts'], usage: /^Usage: node --import tsx db\/main\.ts/ },
    { args: ['--import', 'tsx', 'electron/main/start-dev.ts'], usage: /^Usage: npm start -- \[options\]/ },
    // Both answers come before the script touches the machine (scripts/script-usage.mjs).
    ...['setup', 'teardown', 'test'].map((s) => ({ args: [`scripts/${s}.mjs`], usage: new RegExp(`^Usage: node scripts/${s}\\.mjs`) })),
  ];
  for (const { args, usage } of tools) {
    const help = await run([...args, '--help']);
    assert.equal(help.status, 0, `${args.join(' ')} --help: ${help.stderr}`);
    assert.match(help.stdout, usage);
    const wrong = await run([...args, '--frobnicate']);
    assert.equal(wrong.status, 2, `${args.join(' ')} --frobnicate`);
    assert.match(wrong.stderr, /--frobnicate/);
    assert.doesNotMatch(wrong.stderr, STACK);
  }
});
