// Crash-test child: records payments (each a durable enqueue of its back-office event), prints "E <key>" once the commit
// returned, and pushes the outbox to the back office — in a loop, until the parent SIGKILLs it at a
// random instant. Leases are short so the next child reclaims what this one held.
// argv: <dbPath> <backofficeUrl> <workerId>; env CRASH_KIOSK_KEY: the kiosk's key at the back office.
import { openKioskDb } from '../../db/kiosk-db';
import { createQueue } from '../../db/queue';
import { createBackOfficeClient } from '../../electron/services/sync/http-client';
import { createSyncEngine } from '../../electron/services/sync/sync-engine';

const [dbPath, url, workerId] = process.argv.slice(2) as [string, string, string];
const db = openKioskDb({ path: dbPath, integrity: 'none' });
const queue = createQueue(db, { defaultMaxAttempts: 1000, backoff: { baseMs: 5, maxMs: 50 } });
const client = createBackOfficeClient({ baseUrl: url, timeoutMs: 500, kioskKey: process.env.CRASH_KIOSK_KEY ?? '' });
const engine = createSyncEngine({ queue, client, kioskId: 'crash-kiosk', batchSize: 25, leaseMs: 400, backoff: { baseMs: 5, maxMs: 50 } });

process.stdout.write('READY\n');
let n = 0;
for (;;) {
  const burst = 1 + Math.floor(Math.random() * 4);
  for (let i = 0; i < burst; i++) {
    const key = `${workerId}-${n++}`;
    const payment = { paymentRef: key, purpose: 'certificate_fee', subjectRef: key, amountYen: 300, method: 'cash' };
    queue.enqueue({ key: `payment:${key}`, kind: 'payment.captured', stream: `certificate_fee:${key}`, payload: payment });
    process.stdout.write(`E payment:${key}\n`);
  }
  await engine.pushOnce().catch(() => undefined);
}
