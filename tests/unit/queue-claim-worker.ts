// Child process for queue-semantics.test.ts: one sync worker with its own connection to the kiosk
// database (argv[2]). It opens the file, says "ready", waits for "go" on stdin (so both workers start
// claiming at the same moment), then claims, "sends" and acks small batches until nothing is left to claim,
// and prints one JSON line: every lease it got, in order, with the time it got it.
import { createInterface } from 'node:readline';
import { openKioskDb } from '../../db/kiosk-db';
import { createQueue } from '../../db/queue';

const path = process.argv[2];
if (!path) throw new Error('usage: queue-claim-worker.ts <kiosk.db>');
const db = openKioskDb({ path });
const queue = createQueue(db);

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) if (line.trim() === 'go') break;
lines.close();

const leases: { id: number; token: string; at: number }[] = [];
let acked = 0;
for (let round = 0; ; round++) {
  // Batches of 1–4 vary the interleaving; a long lease so that nothing comes back by expiry.
  const jobs = queue.claim({ limit: 1 + (round % 4), leaseMs: 10 * 60_000 });
  if (jobs.length === 0) break;
  const at = Date.now();
  for (const j of jobs) leases.push({ id: j.id, token: j.leaseToken, at });
  // "Sending" the batch happens outside any transaction, as in the sync engine: the other worker
  // claims meanwhile.
  await new Promise((r) => setTimeout(r, 1));
  acked += queue.ack(jobs);
}
db.close();
process.stdout.write(`${JSON.stringify({ pid: process.pid, leases, acked })}\n`);
