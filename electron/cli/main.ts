// `madoguchi` — the technician CLI. Every failure is one clear line on stderr and a non-zero exit.
import { toKioskError } from '../../common/errors';
import { isCardChild, reportCardExit, runCardInChild } from './card-process';
import { cardCommand } from './commands/card';

const USAGE = `usage: madoguchi <command>
  card info  [--reader <name|index>] [--json]   readers, card present, token label, PIN tries left
  card login [--reader <name|index>] [--config <file>] [--pin-stdin]
                                                authenticate the holder; print the certificate facts
  card text  [--reader <name|index>] [--pin-stdin] [--my-number]
                                                basic 4 info (text-assist PIN); My Number only with --my-number
  vcard [--profile <id>] [--reader 0|1]          insert a virtual demo card until this process ends
  vcard --list [--json]                          list the demo card profiles
  verify <pdf> [--keys <file.json>] [--demo] [--json]
                                                check a printed certificate's signed QR offline (exit 0 genuine)
  held list --db <kiosk.db> [--json]             certificate requests whose print is held for staff
  held resolve <requestId> printed|reprint --note <text> --db <kiosk.db> --kiosk-id <id>
               [--backoffice <url> --printer <ipp uri> [--device <ipp uri>]]
                                                staff's audited decision; reprint fetches a fresh copy, no fee
  staff-code                                    make the staff code hash for the configuration (asks twice)`;

async function reportedCard(args: string[]): Promise<number> {
  let code = 1;
  try {
    code = await cardCommand(args);
    return code;
  } catch (err) {
    const e = toKioskError(err);
    process.stderr.write(`madoguchi: ${e.message} [${e.kind}]\n`);
    return code;
  } finally {
    reportCardExit(code);
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'card':
        // The card work runs in a child that may be unable to exit (card-process.ts).
        if (!isCardChild()) return await runCardInChild(rest);
        return await reportedCard(rest);
      case 'vcard': {
        const { vcardCommand } = await import('./commands/vcard');
        return await vcardCommand(rest);
      }
      case 'verify': {
        const { verifyCommand } = await import('./commands/verify');
        return await verifyCommand(rest);
      }
      case 'staff-code': {
        const { staffCodeCommand } = await import('./commands/staff-code');
        return await staffCodeCommand(rest);
      }
      case 'held': {
        const { heldCommand } = await import('./commands/held');
        return await heldCommand(rest);
      }
      case undefined:
      case 'help':
      case '--help':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        process.stderr.write(`madoguchi: unknown command '${command}'\n${USAGE}\n`);
        return 2;
    }
  } catch (err) {
    const e = toKioskError(err);
    process.stderr.write(`madoguchi: ${e.message} [${e.kind}]\n`);
    return 1;
  }
}
