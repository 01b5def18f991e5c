// Every technician command answers `--help` with its usage and exit 0, and a wrong option is one line
// naming it with exit 2, for every command the CLI declares, so a new command is covered the day it is
// declared. The launcher (bin/madoguchi.mjs) is run as the technician runs it for the main usage, one
// command's help and one wrong option; the whole matrix of command lines goes through the same
// main(argv) in one child process (tests/helpers/cli-in-process.ts) instead of a Node start per line.
import { before, test } from 'node:test';
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

const launcher = (...args: string[]) => run([BIN, ...args]);
const words = (name: string) => name.split(' ');

/** The command lines the tests below ask about, answered in one process; filled before the tests. */
const answers = new Map<string, Run>();
const key = (args: string[]) => JSON.stringify(args);
function matrix(): string[][] {
  const lines: string[][] = [['-h'], ['help'], ['frobnicate']];
  ALL_SPECS.forEach((spec, i) => lines.push([...words(spec.name), i === 0 ? '-h' : '--help'], [...words(spec.name), '--frobnicate']));
  for (const group of ['card', 'held']) lines.push([group, '--help'], [group], [group, 'frobnicate']);
  lines.push(['verify', 'x.pdf', '--keys'], ['staff-code', 'now'], ['verify', 'a.pdf', 'b.pdf', '--demo']);
  return lines;
}
before(async () => {
  const lines = matrix();
  const r = await run(['--import', 'tsx', 'tests/helpers/cli-in-process.ts', JSON.stringify(lines)]);
  assert.equal(r.status, 0, r.stderr);
  const results = JSON.parse(r.stdout) as { status: number; stdout: string; stderr: string }[];
  lines.forEach((args, i) => answers.set(key(args), results[i]!));
});
/** A command line's answer: from the launcher for the few that name it, else from the in-process run. */
async function madoguchi(...args: string[]): Promise<Run> {
  const answer = answers.get(key(args));
  if (!answer) throw new Error(`madoguchi ${args.join(' ')} is not in the matrix`);
  return answer;
}

test('the launcher: --help lists every declared command and exits 0; no command at all exits 2; a command\'s --help and a wrong option as in-process', async () => {
  const help = await launcher('--help');
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /^Usage: madoguchi <command>/);
  for (const spec of ALL_SPECS) assert.ok(help.stdout.includes(`madoguchi ${spec.name} `), `${spec.name} listed`);
  const bare = await launcher();
  assert.equal(bare.status, 2);
  assert.match(bare.stderr, /^Usage: madoguchi <command>/);
  // The same answers through the launcher as through main() in one process (the matrix below).
  const [verifyHelp, wrong] = await Promise.all([launcher('verify', '--help'), launcher('held', 'list', '--frobnicate')]);
  assert.deepEqual(verifyHelp, await madoguchi('verify', '--help'));
  assert.equal(wrong.status, 2);
  assert.deepEqual(wrong, await madoguchi('held', 'list', '--frobnicate'));
});

test('madoguchi -h and help list every declared command and exit 0', async () => {
  for (const flag of ['-h', 'help']) {
    const r = await madoguchi(flag);
    assert.equal(r.status, 0, `${flag}: ${r.stderr}`);
    assert.match(r.stdout, /^Usage: madoguchi <command>/);
    for (const spec of ALL_SPECS) assert.ok(r.stdout.includes(`madoguchi ${spec.name} `), `${spec.name} listed`);
  }
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
  // Each is its own Node start (a second or more); side by side, the two cores share them.
  const runs = await Promise.all(tools.map(async ({ args, usage }) => ({ args, usage, help: await run([...args, '--help']), wrong: await run([...args, '--frobnicate']) })));
  for (const { args, usage, help, wrong } of runs) {
    assert.equal(help.status, 0, `${args.join(' ')} --help: ${help.stderr}`);
    assert.match(help.stdout, usage);
    assert.equal(wrong.status, 2, `${args.join(' ')} --frobnicate`);
    assert.match(wrong.stderr, /--frobnicate/);
    assert.doesNotMatch(wrong.stderr, STACK);
  }
});
