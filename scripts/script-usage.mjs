// The plain-JavaScript scripts' one way to read their command line (node:util parseArgs, strict):
// `--help`/`-h` prints the script's usage and exits 0; an unknown option is one line naming it, the
// usage, and exit 2 — before the script changes anything on the machine.
import { parseArgs } from 'node:util';

/**
 * @param {string} name the script as typed, e.g. 'scripts/test.mjs'
 * @param {string} usage the text --help prints (first line `Usage: node <name> …`)
 * @param {{ operands?: boolean }} [opts] whether the script takes operands (e.g. test files)
 * @returns {string[]} the operands
 */
export function scriptOperands(name, usage, opts = {}) {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2), options: { help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: opts.operands ?? false,
    });
  } catch (err) {
    const why = /^Unknown option '([^']+)'/.exec(err.message)?.[1];
    process.stderr.write(`${name}: ${why ? `unknown option '${why}'` : err.message.split('. ')[0]}\n${usage}\n`);
    process.exit(2);
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return parsed.positionals;
}
