// Payment cost against journal length: the append-only journal costs one synced line per payment, so
// the last payments of a long day cost what the first ones did.
// Run: node --import tsx tests/bench/payment-journal.bench.ts [payments]   Last line:
// `payment_journal: payments=<n> first_ms_p50=<x> last_ms_p50=<x> ratio=<x>`
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulatedAcceptor } from '../../simulators/payment/simulated-acceptor';

const n = Number(process.argv[2] ?? 3000);
const dir = mkdtempSync(join(tmpdir(), 'madoguchi-journal-bench-'));
const dev = createSimulatedAcceptor({ mode: 'instant', journalPath: join(dir, 'payment-journal.jsonl') });
const times: number[] = [];
for (let i = 0; i < n; i++) {
  const t0 = performance.now();
  await dev.collect({ paymentId: `pay-${i}`, amount: 300, methods: ['ic'] }, () => undefined);
  times.push(performance.now() - t0);
}
rmSync(dir, { recursive: true, force: true });
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const window = Math.max(1, Math.floor(n / 10));
const first = p50(times.slice(0, window));
const last = p50(times.slice(-window));
console.log(`payment_journal: payments=${n} first_ms_p50=${first.toFixed(3)} last_ms_p50=${last.toFixed(3)} ratio=${(last / first).toFixed(2)}`);
