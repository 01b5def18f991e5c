// Printer faults with a real software printer: ippeveprinter with the test engine
// (simulators/printers/eve-engine.sh). Out of paper, jam and cover-open are printer-state-reasons
// the engine reports to ippeveprinter mid-job; offline is the printer process stopped (SIGSTOP) so
// it stops answering; slow is a per-sheet delay. The kiosk talks to the printer directly here, so
// the printer's own job-impressions-completed is the proof of paper out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { createIppPrinter } from '../../electron/services/printing/ipp-printer';
import { ippCall } from '../../electron/services/printing/ipp-transport';
import type { KioskPrinter, PrintOutcome } from '../../electron/services/printing/types';
import { boundTo, makeTestPdf, readTestBinding, startEvePrinter, waitFor, type EvePrinter } from '../helpers/printers';

let eve: EvePrinter;
let printer: KioskPrinter;

before(async () => {
  eve = await startEvePrinter();
  printer = createIppPrinter({ printerUri: eve.uri, pollMs: 100, requestTimeoutMs: 700, readBinding: readTestBinding });
});
after(async () => {
  await eve?.stop();
});

async function request(pages = 1, copies = 1) {
  const b = { issuanceId: `iss-${randomUUID()}`, requestId: randomUUID(), subjectHash: createHash('sha256').update(randomUUID()).digest('hex') };
  return { ...boundTo(b), pdf: await makeTestPdf(b, ['印鑑登録証明書'], pages), copies, title: 'inkan' };
}

async function jobState(jobId: number): Promise<string> {
  const r = await ippCall(eve.uri, 'Get-Job-Attributes', { operation: { 'job-id': jobId, 'requested-attributes': ['job-state'] } }, { timeoutMs: 2000 });
  return String(r.jobs[0]?.['job-state']);
}

test('a normal print is confirmed by the printer\'s own sheet counter', async () => {
  eve.setFault(null);
  eve.setPageMs(0);
  const before = eve.impressionsTotal();
  const outcome = await printer.print(await request(2, 2), { timeoutMs: 15_000 });
  assert.deepEqual({ ...outcome, jobId: 0 }, { status: 'printed', jobId: 0, confirmedBy: 'printer-counter', sheets: 4 });
  assert.equal(eve.impressionsTotal() - before, 4);
});

for (const fault of ['media-empty', 'media-jam', 'cover-open'] as const) {
  test(`${fault} mid-job: the kiosk waits, staff see printer.${fault}, and the job finishes after the fix`, async () => {
    eve.setPageMs(0);
    eve.setFault(fault);
    const phases: { phase: string; detail?: string }[] = [];
    const printing = printer.print(await request(), { onProgress: (p) => phases.push(p), timeoutMs: 15_000 });
    await waitFor(() => phases.some((p) => p.phase === 'waiting-for-printer' && p.detail === fault), 5000, 'waiting-for-printer');
    const st = await printer.status();
    assert.equal(st.needsStaff, true);
    assert.equal(st.message, `printer.${fault}`);
    eve.setFault(null);
    const outcome = await printing;
    assert.equal(outcome.status, 'printed', JSON.stringify(outcome));
    assert.equal(outcome.status === 'printed' && outcome.confirmedBy, 'printer-counter');
    assert.equal((await printer.status()).message, 'printer.ready');
  });
}

test('out of paper past our deadline: held with the reason, job cancelled, nothing printed; after the fix a new job prints', async () => {
  eve.setPageMs(0);
  eve.setFault('media-empty');
  const before = eve.impressionsTotal();
  const req = await request();
  const held = await printer.print(req, { timeoutMs: 1500 });
  assert.equal(held.status, 'held');
  assert.equal(held.status === 'held' && held.reason, 'media-empty');
  assert.equal(held.status === 'held' && held.maybePrinted, false);
  const staleJob = held.status === 'held' ? held.jobId! : 0;
  assert.equal(await jobState(staleJob), 'canceled', 'the stale job is cancelled, never resumed');
  eve.setFault(null);
  const again: PrintOutcome = await printer.print(req, { timeoutMs: 15_000 });
  assert.equal(again.status, 'printed', JSON.stringify(again));
  assert.notEqual(again.status === 'printed' && again.jobId, staleJob, 'a new job, not the stale one');
  assert.equal(eve.impressionsTotal() - before, 1, 'exactly one sheet came out');
});

test('slow printer: progress while it prints, then printed', async () => {
  eve.setFault(null);
  eve.setPageMs(400);
  const details: string[] = [];
  const outcome = await printer.print(await request(3), { onProgress: (p) => p.phase === 'printing' && p.detail && details.push(p.detail), timeoutMs: 15_000 });
  eve.setPageMs(0);
  assert.equal(outcome.status, 'printed');
  assert.ok(details.includes('1/3') || details.includes('2/3'), `sheet progress seen: ${details.join(' ')}`);
});

test('timeout on a slow job: held with reason timeout, cancelled at the printer, no sheet after', async () => {
  eve.setFault(null);
  eve.setPageMs(600);
  const before = eve.impressionsTotal();
  const outcome = await printer.print(await request(6), { timeoutMs: 1000 });
  eve.setPageMs(0);
  assert.equal(outcome.status, 'held');
  assert.equal(outcome.status === 'held' && outcome.reason, 'timeout');
  const jobId = outcome.status === 'held' ? outcome.jobId! : 0;
  assert.equal(await jobState(jobId), 'canceled');
  const afterCancel = eve.impressionsTotal();
  assert.ok(afterCancel - before < 6, 'the job stopped early');
  assert.equal(outcome.status === 'held' && outcome.maybePrinted, afterCancel > before);
  await new Promise((r) => setTimeout(r, 800));
  assert.equal(eve.impressionsTotal(), afterCancel, 'no sheet after the cancel');
});

test('offline printer: status unreachable, a print is held without sending, and prints once it is back', async () => {
  eve.setFault(null);
  eve.goOffline();
  try {
    const st = await printer.status();
    assert.deepEqual(st, { state: 'unreachable', reasons: ['offline'], acceptingJobs: false, needsStaff: true, message: 'printer.offline' });
    const outcome = await printer.print(await request(), { timeoutMs: 5000 });
    assert.deepEqual(outcome, { status: 'held', reason: 'offline', maybePrinted: false });
  } finally {
    eve.comeOnline();
  }
  const outcome = await printer.print(await request(), { timeoutMs: 15_000 });
  assert.equal(outcome.status, 'printed');
});

test('printer goes offline mid-job: waiting-for-printer, then held offline with maybePrinted when our deadline passes', async () => {
  eve.setFault(null);
  eve.setPageMs(300);
  const phases: { phase: string; detail?: string }[] = [];
  const printing = printer.print(await request(4), { onProgress: (p) => phases.push(p), timeoutMs: 2500 });
  await waitFor(() => phases.some((p) => p.phase === 'printing' && p.detail?.startsWith('1/')), 5000, 'first sheet');
  eve.goOffline();
  let outcome: PrintOutcome;
  try {
    outcome = await printing;
  } finally {
    eve.comeOnline();
    eve.setPageMs(0);
  }
  assert.ok(phases.some((p) => p.phase === 'waiting-for-printer' && p.detail === 'offline'));
  assert.equal(outcome.status, 'held');
  assert.equal(outcome.status === 'held' && outcome.reason, 'offline');
  assert.equal(outcome.status === 'held' && outcome.maybePrinted, true);
  // Back online: the stale job is cancelled before anything else prints.
  const next = await printer.print(await request(), { timeoutMs: 15_000 });
  assert.equal(next.status, 'printed');
  const stale = outcome.status === 'held' ? outcome.jobId! : 0;
  assert.equal(await jobState(stale), 'canceled');
});
