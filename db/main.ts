// Technician commands for the kiosk database:
//   node --import tsx db/main.ts check  <kiosk.db>           integrity_check + schema version + queue health
//   node --import tsx db/main.ts backup <kiosk.db> <dest.db>  consistent online copy, verified
// Never copy the live file by hand: the -wal file holds committed transactions.
import { isKioskError } from '../common/errors';
import { openKioskDb } from './kiosk-db';
import { createQueue } from './queue';

const [command, path, dest] = process.argv.slice(2);
try {
  if (!path || (command !== 'check' && command !== 'backup') || (command === 'backup' && !dest)) {
    console.error('usage: db/main.ts check <kiosk.db> | backup <kiosk.db> <dest.db>');
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
