// The one way a `madoguchi` command declares its usage: a name, one line of what it does, its
// operands and its options with a line of help each. From that declaration come the strict parser
// (node:util parseArgs), the `--help` text and the one-line error naming a wrong option, so no
// command writes its own usage text or its own option checks.
import { parseArgs } from 'node:util';
import { KioskError } from '../../common/errors';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  default?: string | boolean;
  /** The value's placeholder in the usage (`<file>`); string options only. */
  arg?: string;
  help: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
  /** As typed after `madoguchi`: `verify`, `card info`. */
  name: string;
  /** What it does, one line: the command list of `madoguchi --help` shows it. */
  summary: string;
  /** The operands after the name (`<document.pdf>`); none when absent. */
  operands?: string;
  options: O;
  /** Printed after the options: alternative forms, environment, exit codes. */
  notes?: string;
}

/** A command declared once: the literal type of its options is kept for the parsed values. */
export function defineCommand<const O extends OptionSpecs>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

/** A wrong command line: one line naming what is wrong; the CLI exits 2 on it. */
export class UsageError extends KioskError {
  /** `madoguchi verify`, or `madoguchi` itself for an unknown command. */
  readonly program: string;

  constructor(command: string, message: string) {
    const program = command ? `madoguchi ${command}` : 'madoguchi';
    super('input.invalid', `${message} (${program} --help shows the usage)`, { command });
    this.name = 'UsageError';
    this.program = program;
  }

  /** The one line the CLI prints for it. */
  line(): string {
    return `${this.program}: ${this.message} [${this.kind}]`;
  }
}

export const HELP_FLAGS = ['--help', '-h'] as const;

/** `--help`/`-h` among the options (not after `--`, where it would be an operand). */
export function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => (HELP_FLAGS as readonly string[]).includes(a));
}

type ParseConfig<O extends OptionSpecs> = { args: string[]; options: O; strict: true; allowPositionals: true };
export type ParsedCommand<O extends OptionSpecs> = ReturnType<typeof parseArgs<ParseConfig<O>>>;

/** Parses argv strictly against the declaration; a wrong option or operand count is a UsageError. */
export function parseCommand<O extends OptionSpecs>(spec: CommandSpec<O>, argv: readonly string[]): ParsedCommand<O> {
  let parsed: ParsedCommand<O>;
  try {
    parsed = parseArgs({ args: [...argv], options: spec.options, strict: true, allowPositionals: true });
  } catch (err) {
    throw new UsageError(spec.name, describeParseError(err));
  }
  if (spec.operands === undefined && parsed.positionals.length > 0) {
    throw new UsageError(spec.name, `unexpected argument '${parsed.positionals[0]}'`);
  }
  return parsed;
}

function describeParseError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option '${unknown[1]}'`;
  const missing = /^Option '([^' ]+)[^']*' argument missing/.exec(message);
  if (missing) return `option '${missing[1]}' needs a value`;
  return message.split('. ')[0]!;
}

function optionLabel(name: string, o: OptionSpec): string {
  const long = `--${name}${o.type === 'string' ? ` ${o.arg ?? '<value>'}` : ''}`;
  return o.short ? `-${o.short}, ${long}` : long;
}

/** The `--help` text: `Usage: madoguchi <name> …`, what it does, every option, the notes. */
export function usageOf(spec: CommandSpec): string {
  const rows: Array<[string, string]> = Object.entries(spec.options).map(([name, o]) =>
    [optionLabel(name, o), typeof o.default === 'string' ? `${o.help} (default ${o.default})` : o.help]);
  rows.push(['-h, --help', 'print this help and exit']);
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const options = rows.map(([label, help]) => `  ${label.padEnd(width)}${help}`).join('\n');
  const operands = spec.operands ? ` ${spec.operands}` : '';
  const notes = spec.notes ? `\n\n${spec.notes}` : '';
  return `Usage: madoguchi ${spec.name}${operands} [options]\n${spec.summary}\n\nOptions:\n${options}${notes}`;
}

/** One line per command: its full name and what it does. */
export function commandListOf(specs: readonly CommandSpec[]): string {
  const width = Math.max(...specs.map((s) => s.name.length)) + 2;
  return specs.map((s) => `  madoguchi ${s.name.padEnd(width)}${s.summary}`).join('\n');
}

/** The usage of a command made of subcommands (`card`, `held`): one line per subcommand. */
export function groupUsageOf(group: string, subs: readonly CommandSpec[]): string {
  const names = subs.map((s) => s.name.slice(group.length + 1)).join('|');
  return `Usage: madoguchi ${group} <${names}> [options]\n${commandListOf(subs)}\n\n` +
    `madoguchi ${group} <${names}> --help shows its options.`;
}
