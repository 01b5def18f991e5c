// `madoguchi` — the technician CLI. Every failure is one clear line on stderr and a non-zero exit;
// a wrong command line exits 2, and `--help` on any command prints its usage and exits 0. The
// commands and their usage are declared once in command-list.ts.
import { toKioskError } from '../../common/errors';
import { isCardChild, reportCardExit, runCardInChild } from './card-process';
import { ALL_SPECS, COMMANDS } from './command-list';
import { asksForHelp, commandListOf, groupUsageOf, HELP_FLAGS, parseCommand, usageOf, UsageError } from './command-spec';

const USAGE = `Usage: madoguchi <command> [options]\n${commandListOf(ALL_SPECS)}\n\n` +
  "madoguchi <command> --help shows a command's options.";

const isHelpFlag = (arg: string | undefined) => arg !== undefined && (HELP_FLAGS as readonly string[]).includes(arg);

/** In the card child: runs the command and hands its exit code to the parent (card-process.ts). */
async function reportedCard(run: () => Promise<number>): Promise<number> {
  let code = 1;
  try {
    code = await run();
    return code;
  } catch (err) {
    code = err instanceof UsageError ? 2 : 1;
    report(err);
    return code;
  } finally {
    reportCardExit(code);
  }
}

function report(err: unknown): void {
  if (err instanceof UsageError) {
    process.stderr.write(`${err.line()}\n`);
    return;
  }
  const e = toKioskError(err);
  process.stderr.write(`madoguchi: ${e.message} [${e.kind}]\n`);
}

async function dispatch(command: string, rest: string[]): Promise<number> {
  const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command]! : undefined;
  if (!entry) throw new UsageError('', `unknown command '${command}'`);
  if ('spec' in entry) {
    if (asksForHelp(rest)) return help(usageOf(entry.spec));
    return await (await entry.load())(rest);
  }
  const [sub, ...args] = rest;
  if (sub === undefined || isHelpFlag(sub)) {
    if (sub !== undefined) return help(groupUsageOf(command, entry.subs));
    process.stderr.write(`${groupUsageOf(command, entry.subs)}\n`);
    return 2;
  }
  const spec = entry.subs.find((s) => s.name === `${command} ${sub}`);
  if (!spec) throw new UsageError(command, `unknown subcommand '${sub}'`);
  if (asksForHelp(args)) return help(usageOf(spec));
  if (command === 'card' && !isCardChild()) {
    // The card work runs in a child that may be unable to exit; a wrong command line never gets there.
    parseCommand(spec, args);
    return await runCardInChild(rest);
  }
  const run = async () => (await entry.load())(sub, args);
  return command === 'card' ? await reportedCard(run) : await run();
}

function help(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (command === 'help' || isHelpFlag(command)) return help(USAGE);
  try {
    return await dispatch(command, rest);
  } catch (err) {
    report(err);
    return err instanceof UsageError ? 2 : 1;
  }
}
