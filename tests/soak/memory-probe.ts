// Loaded into the soaked kiosk process only
// (node --expose-gc --import tsx --import ./tests/soak/memory-probe.ts electron/main/start-dev.ts …):
// on SIGUSR2 it collects garbage and answers one stderr line `memory-probe: {"rss":…,"heapUsed":…,…}` (bytes).
// With MADOGUCHI_SOAK_SNAPSHOTS=<dir>, a probe that finds `<dir>/next` (a file naming the snapshot) also writes
// a heap snapshot under that name, for comparing two points of a soak in Chromium's memory tools.
// Measurement only: the kiosk's own code has no command for this, so nothing a UI or a remote caller can
// reach collects garbage or dumps memory.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';

const collect = (globalThis as { gc?: () => void }).gc;
process.on('SIGUSR2', () => {
  // Twice: the first full collection can leave objects that only the second finds unreachable (finalizers, weak refs).
  collect?.();
  collect?.();
  const m = process.memoryUsage();
  const dir = process.env.MADOGUCHI_SOAK_SNAPSHOTS;
  let snapshot: string | undefined;
  if (dir && existsSync(join(dir, 'next'))) {
    const name = readFileSync(join(dir, 'next'), 'utf8').trim();
    rmSync(join(dir, 'next'));
    snapshot = writeHeapSnapshot(join(dir, `${name}.heapsnapshot`));
  }
  process.stderr.write(`memory-probe: ${JSON.stringify({ gc: Boolean(collect), rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, snapshot })}\n`);
});
