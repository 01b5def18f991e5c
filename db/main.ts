// Technician commands for the kiosk database:
//   node --import tsx db/main.ts check  <kiosk.db>           integrity_check + schema version + queue health
//   node --import tsx db/main.ts backup <kiosk.db> <dest.db>  consistent online copy, verified
// Never copy the live file by hand: the -wal file holds committed transactions.
import { parseArgs } from 'node:util';
import { isKioskError } from '../common/errors';
import { openKioskDb } from './kiosk-db';
import { createQueue } from './queue';

const USAGE = `Usage: node --import tsx db/main.ts check <kiosk.db> | backup <kiosk.db> <dest.db>
  check       integrity check, schema version and outbox health, as JSON (exit 0: sound)
  backup      a consistent online copy of the live database, verified
  -h, --help  print this help and exit`;

let args;
try {
  args = parseArgs({ args: process.argv.slice(2), options: { help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: true });
} catch (err) {
  console.error(`db: ${(err as Error).message.split('. ')[0]}\n${USAGE}`);
  process.exit(2);
}
if (args.values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [command, path, dest] = args.positionals;
try {
  if (!path || (command !== 'check' && command !== 'backup') || (command === 'backup' && !dest)) {
    console.error(USAGE);
    process.exit(2);
  }
  const db = openKioskDb({ path, integrity: 'full' });
  if (command === 'check') {
    const s = createQueue(db).stats();
    console.log(JSON.stringify({ schemaVersion: db.schemaVersion, integrity: 'ok', outbox: s }));
  } else {
    await db.backupTo(dest!);
    console.log(`backup written and verified: ${dest}`);
  }
  db.close();
} catch (err) {
  if (isKioskError(err)) {
    console.error(`${err.kind}: ${err.message} ${JSON.stringify(err.details)}`);
    process.exit(1);
  }
  throw err;
}
