// `madoguchi staff-code` — makes the installation's staff code hash. The technician types the new
// code twice (not echoed); the hash line goes to standard output, to be put in the configuration
// file as `"staff": { "codeHash": "<line>" }`. The code itself is never printed or written anywhere.
// Without a terminal (scripts) the two codes are the first two lines of standard input.
import { KioskError } from '../../../common/errors';
import { hashStaffCode, STAFF_CODE } from '../../services/staff/staff-code';
import { STAFF_CODE as STAFF_CODE_COMMAND } from '../command-list';
import { parseCommand } from '../command-spec';
import { readSecret } from '../prompt';

async function stdinLines(n: number): Promise<string[]> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.split('\n').length > n) break;
  }
  return text.split(/\r?\n/).slice(0, n).map((l) => l.trim());
}

export async function staffCodeCommand(argv: string[]): Promise<number> {
  parseCommand(STAFF_CODE_COMMAND, argv);
  let first: string;
  let second: string;
  if (process.stdin.isTTY) {
    first = await readSecret('new staff code (6–8 digits): ', false);
    second = await readSecret('the same code again: ', false);
  } else {
    [first = '', second = ''] = await stdinLines(2);
  }
  if (!STAFF_CODE.test(first)) throw new KioskError('input.invalid', 'a staff code is 6 to 8 digits', { field: 'code' });
  if (first !== second) throw new KioskError('input.invalid', 'the two codes differ; nothing was made', { field: 'code' });
  process.stdout.write(`${await hashStaffCode(first)}\n`);
  process.stderr.write('put this line in the configuration file as "staff": { "codeHash": "…" } and restart the kiosk app\n');
  return 0;
}
