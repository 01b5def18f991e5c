// What the crash soak (tests/crash/kill-loop.ts) and the issuance soak (tests/soak/issuance-kill-loop.ts)
// share: reading a worker's protocol lines (READY once it can be killed, then one line per committed
// fact) and counting, through the chaos proxy, the outbox events the back office really applied.
import type { Readable } from 'node:stream';

/** Hands each complete stdout line but READY to `onLine`; resolves once the worker says READY. */
export function workerReady(stdout: Readable, onLine: (line: string) => void): Promise<void> {
  let buf = '';
  return new Promise<void>((ready) => {
    stdout.on('data', (c: Buffer) => {
      buf += c.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) {
        if (line === 'READY') ready();
        else onLine(line);
      }
    });
  });
}

/** The chaos proxy's observer: how many times the back office answered `applied` for each event key. */
export function countApplied(appliedTimes: Map<string, number>): (path: string, status: number, body: Buffer) => void {
  return (path, status, body) => {
    if (!path.startsWith('/v1/sync/events') || status !== 200) return;
    for (const r of (JSON.parse(body.toString()) as { results: { key: string; status: string }[] }).results) {
      if (r.status === 'applied') appliedTimes.set(r.key, (appliedTimes.get(r.key) ?? 0) + 1);
    }
  };
}
