// The production printer topology: the kiosk prints to a local CUPS queue whose device is the
// physical printer on the network (here ippeveprinter with the fault-injecting engine), and asks the
// printer itself (deviceUri) for its state and its sheet counter. What CUPS does in each case was
// observed on this stack and is asserted here next to what the kiosk does:
// - CUPS's ipp backend waits for the printer's job to end, then calls the job completed; its own
//   job-impressions-completed counts pages its filters produced, not sheets out of the printer.
// - A fault at the printer: CUPS keeps the job "processing" and relays the printer's reasons.
// - The printer cancels or aborts the job: the backend exits "cancel job", CUPS cancels its job.
// - The printer forgets the job (power cycle): CUPS calls it completed (cups-ipp-missing-job-history).
// - A queue with ?waitjob=false: CUPS calls the job completed as soon as the printer has the document.
// - The printer unreachable: CUPS retries for as long as it takes; its queue stays idle until a job
//   comes, so only the printer itself tells the kiosk it is offline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { createIppPrinter } from '../../electron/services/printing/ipp-printer';
import { ippCall } from '../../electron/services/printing/ipp-transport';
import type { KioskPrinter, PrintOutcome } from '../../electron/services/printing/types';
import { boundTo, makeTestPdf, readTestBinding, startChainedQueue, startEvePrinter, waitFor, type ChainedQueue, type EvePrinter } from '../helpers/printers';

let eve: EvePrinter;
let queue: ChainedQueue;
let printer: KioskPrinter;

const kioskPrinter = (q: ChainedQueue) => createIppPrinter({ printerUri: q.uri, deviceUri: eve.uri, pollMs: 100, requestTimeoutMs: 700, readBinding: readTestBinding });

before(async () => {
  eve = await startEvePrinter('madoguchi-chain-device');
  queue = await startChainedQueue(eve);
  printer = kioskPrinter(queue);
});
after(async () => {
  queue?.remove();
  await eve?.stop();
});

async function request(pages = 1, copies = 1) {
  const b = { issuanceId: `iss-${randomUUID()}`, requestId: randomUUID(), subjectHash: createHash('sha256').update(randomUUID()).digest('hex') };
  return { ...boundTo(b), pdf: await makeTestPdf(b, ['住民票の写し'], pages), copies, title: 'juminhyo' };
}

/** The printer's own record of the job CUPS forwarded (CUPS passes the job name on). */
async function deviceJob(issuanceId: string): Promise<{ state: string; impressionsCompleted: unknown } | undefined> {
  const r = await ippCall(eve.uri, 'Get-Jobs', { operation: { 'which-jobs': 'all', 'requested-attributes': ['job-name', 'job-state', 'job-impressions-completed'] } }, { timeoutMs: 2000 });
  const j = r.jobs.find((x) => String(x['job-name']).includes(issuanceId));
  return j && { state: String(j['job-state']), impressionsCompleted: j['job-impressions-completed'] };
}

/** The id CUPS gave the job the kiosk sent for this issuance. */
const cupsJobId = (q: ChainedQueue, issuanceId: string) => waitFor(async () => (await q.jobIdsNamed(issuanceId))[0], 5000, 'the CUPS job');

const settled = (p: Promise<unknown>) => Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), 0))]);

test('a job through the CUPS queue is printed on the printer\'s own sheet counter', async () => {
  eve.setFault(null);
  eve.setPageMs(100);
  const before = eve.impressionsTotal();
  const req = await request(2, 2);
  const outcome = await printer.print(req, { timeoutMs: 15_000 });
  assert.deepEqual({ ...outcome, jobId: 0 }, { status: 'printed', jobId: 0, confirmedBy: 'printer-counter', sheets: 4 });
  assert.equal(eve.impressionsTotal() - before, 4, 'four sheets came out of the printer');
  assert.deepEqual(await deviceJob(req.documentId), { state: 'completed', impressionsCompleted: 4 });
  assert.equal((await queue.job(outcome.status === 'printed' ? outcome.jobId : 0)).state, 'completed');
});

test('a queue that says completed at hand-over: the kiosk still waits for the sheets to be counted', async () => {
  const handOver = await startChainedQueue(eve, { waitJob: false });
  try {
    eve.setFault(null);
    eve.setPageMs(300);
    const before = eve.impressionsTotal();
    const req = await request(3);
    const printing = kioskPrinter(handOver).print(req, { timeoutMs: 15_000 });
    const id = await cupsJobId(handOver, req.documentId);
    await waitFor(async () => (await handOver.job(id)).state === 'completed', 5000, 'CUPS to call the job completed');
    const sheetsWhenCupsSaidCompleted = eve.impressionsTotal() - before;
    assert.ok(sheetsWhenCupsSaidCompleted < 3, `CUPS said completed with ${sheetsWhenCupsSaidCompleted} of 3 sheets out`);
    const outcome = await printing;
    assert.deepEqual({ ...outcome, jobId: 0 }, { status: 'printed', jobId: 0, confirmedBy: 'printer-counter', sheets: 3 });
    assert.equal(eve.impressionsTotal() - before, 3, 'printed is reported once all three sheets are out');
  } finally {
    eve.setPageMs(0);
    handOver.remove();
  }
});

test('out of paper at the printer: staff see the printer\'s reason, the kiosk waits, and reports printed once the sheet is counted', async () => {
  eve.setPageMs(0);
  eve.setFault('media-empty');
  const before = eve.impressionsTotal();
  const req = await request();
  const phases: { phase: string; detail?: string }[] = [];
  const printing = printer.print(req, { onProgress: (p) => phases.push(p), timeoutMs: 15_000 });
  await waitFor(() => phases.some((p) => p.phase === 'waiting-for-printer' && p.detail === 'media-empty'), 5000, 'waiting-for-printer');
  const st = await printer.status();
  assert.equal(st.message, 'printer.media-empty');
  assert.equal(st.needsStaff, true);
  assert.ok(st.reasons.includes('media-empty-warning'), `the printer's own reasons: ${st.reasons.join(',')}`);
  const cups = await queue.job(await cupsJobId(queue, req.documentId));
  assert.equal(cups.state, 'processing', 'CUPS holds the job while the printer waits');
  assert.equal(await settled(printing), false, 'no outcome while the printer waits for paper');
  assert.equal(eve.impressionsTotal(), before);
  eve.setFault(null);
  const outcome = await printing;
  assert.deepEqual({ ...outcome, jobId: 0 }, { status: 'printed', jobId: 0, confirmedBy: 'printer-counter', sheets: 1 });
  assert.equal(eve.impressionsTotal() - before, 1);
  assert.equal((await printer.status()).message, 'printer.ready');
});

test('a jam that outlasts our deadline: held with media-jam, cancelled in CUPS and at the printer, no sheet comes out later', async () => {
  eve.setPageMs(0);
  eve.setFault('media-jam');
  const before = eve.impressionsTotal();
  const req = await request();
  const outcome = await printer.print(req, { timeoutMs: 2000 });
  assert.deepEqual({ ...outcome, jobId: 0 }, { status: 'held', jobId: 0, reason: 'media-jam', maybePrinted: false });
  assert.equal((await queue.job(outcome.status === 'held' ? outcome.jobId! : 0)).state, 'canceled');
  await waitFor(async () => (await deviceJob(req.documentId))?.state === 'canceled', 3000, 'the printer to cancel its job');
  eve.setFault(null);
  await new Promise((r) => setTimeout(r, 800));
  assert.equal(eve.impressionsTotal(), before, 'the jammed job never printed after the jam was cleared');
});

test('the job cancelled at the printer\'s panel: CUPS cancels too, its own page count says 1, the kiosk reports failed', async () => {
  eve.setPageMs(0);
  eve.setFault('media-empty');
  const before = eve.impressionsTotal();
  const req = await request();
  const phases: string[] = [];
  const printing = printer.print(req, { onProgress: (p) => phases.push(p.phase), timeoutMs: 15_000 });
  await waitFor(() => phases.includes('waiting-for-printer'), 5000, 'waiting-for-printer');
  const r = await ippCall(eve.uri, 'Get-Jobs', { operation: { 'requested-attributes': ['job-id', 'job-name'] } }, { timeoutMs: 2000 });
  const atDevice = Number(r.jobs.find((j) => String(j['job-name']).includes(req.documentId))?.['job-id']);
  await ippCall(eve.uri, 'Cancel-Job', { operation: { 'job-id': atDevice, 'requesting-user-name': 'staff' } }, { timeoutMs: 2000 });
  let outcome: PrintOutcome;
  try {
    outcome = await printing;
  } finally {
    eve.setFault(null);
  }
  // Through a spooler the kiosk cannot rule out paper (maybePrinted): staff look before a refund.
  assert.deepEqual({ ...outcome, jobId: 0 }, { status: 'failed', jobId: 0, reason: 'job-canceled', maybePrinted: true });
  const cups = await queue.job(outcome.jobId!);
  assert.equal(cups.state, 'canceled');
  assert.equal(cups.message, 'Print job canceled at printer.');
  assert.equal(cups.impressionsCompleted, 1, 'CUPS counts the page its filters produced');
  assert.equal(eve.impressionsTotal(), before, 'while no sheet came out of the printer');
});

test('the printer power-cycled with the job in it: CUPS calls the job completed, the kiosk does not call it printed', async () => {
  eve.setPageMs(0);
  eve.setFault('media-jam');
  const before = eve.impressionsTotal();
  const req = await request();
  const phases: { phase: string; detail?: string }[] = [];
  const printing = printer.print(req, { onProgress: (p) => phases.push(p), timeoutMs: 15_000 });
  await waitFor(() => phases.some((p) => p.detail === 'media-jam'), 5000, 'waiting-for-printer');
  await eve.powerCycle(); // the technician switches it off and on, which clears the jam and the job
  eve.setFault(null);
  const outcome = await printing;
  assert.deepEqual({ ...outcome, jobId: 0 }, { status: 'held', jobId: 0, reason: 'unconfirmed', maybePrinted: true });
  const cups = await queue.job(outcome.status === 'held' ? outcome.jobId! : 0);
  assert.equal(cups.state, 'completed', 'CUPS calls the lost job completed');
  assert.ok(cups.printerStateReasons.includes('cups-ipp-missing-job-history'), cups.printerStateReasons.join(','));
  assert.equal(eve.impressionsTotal(), before, 'no sheet came out');
});

test('the printer offline: the kiosk sees it through deviceUri while the CUPS queue looks ready, and sends nothing', async () => {
  eve.setFault(null);
  eve.goOffline();
  try {
    assert.deepEqual(await printer.status(), { state: 'unreachable', reasons: ['offline'], acceptingJobs: false, needsStaff: true, message: 'printer.offline' });
    const q = await queue.queueState();
    assert.deepEqual({ state: q.state, accepting: q.accepting }, { state: 'idle', accepting: true }, 'CUPS does not know the printer is gone');
    const req = await request();
    assert.deepEqual(await printer.print(req, { timeoutMs: 5000 }), { status: 'held', reason: 'offline', maybePrinted: false });
    assert.deepEqual(await queue.jobIdsNamed(req.documentId), [], 'no job reached CUPS');
  } finally {
    eve.comeOnline();
  }
  assert.equal((await printer.status()).message, 'printer.ready');
});

test('the printer goes offline mid-job: CUPS keeps retrying, the kiosk holds at its deadline and cancels the stale job before the next print', async () => {
  eve.setFault(null);
  eve.setPageMs(300);
  const before = eve.impressionsTotal();
  const req = await request(6);
  const phases: { phase: string; detail?: string }[] = [];
  const printing = printer.print(req, { onProgress: (p) => phases.push(p), timeoutMs: 3000 });
  await waitFor(() => phases.some((p) => p.detail?.startsWith('1/')), 5000, 'the first sheet');
  eve.goOffline();
  let outcome: PrintOutcome;
  let cupsWhileOffline: string;
  try {
    await waitFor(() => phases.some((p) => p.detail === 'offline'), 5000, 'waiting-for-printer offline');
    cupsWhileOffline = (await queue.job(await cupsJobId(queue, req.documentId))).state;
    outcome = await printing;
  } finally {
    eve.comeOnline();
  }
  assert.equal(cupsWhileOffline, 'processing', 'CUPS keeps the job while the printer is unreachable');
  assert.deepEqual({ ...outcome, jobId: 0 }, { status: 'held', jobId: 0, reason: 'offline', maybePrinted: true });
  // CUPS drops its job at once; its cancel cannot reach the printer, which goes on with the job when
  // it answers again. The kiosk's next print cancels it there first.
  assert.equal((await queue.job(outcome.status === 'held' ? outcome.jobId! : 0)).state, 'canceled');
  eve.setPageMs(0);
  const next = await printer.print(await request(), { timeoutMs: 15_000 });
  assert.equal(next.status, 'printed', JSON.stringify(next));
  const stale = await deviceJob(req.documentId);
  assert.equal(stale?.state, 'canceled', 'the stale job is cancelled at the printer, never finished');
  assert.ok(Number(stale?.impressionsCompleted) < 6, `stopped at ${String(stale?.impressionsCompleted)} of 6 sheets`);
  assert.equal(eve.impressionsTotal() - before, Number(stale?.impressionsCompleted) + 1, 'the stale job\'s sheets and the new one, nothing else');
});

test('between prints, housekeeping cancels at the printer the job a deadline gave up on; it never touches a print under way', async () => {
  eve.setFault(null);
  eve.setPageMs(300);
  const req = await request(6);
  const phases: { phase: string; detail?: string }[] = [];
  const printing = printer.print(req, { onProgress: (p) => phases.push(p), timeoutMs: 3000 });
  await waitFor(() => phases.some((p) => p.detail?.startsWith('1/')), 5000, 'the first sheet');
  eve.goOffline();
  let outcome: PrintOutcome;
  try {
    outcome = await printing;
  } finally {
    eve.comeOnline();
  }
  assert.equal(outcome.status, 'held');
  // The printer is back and would finish all six sheets for nobody: the sweep stops it now.
  await printer.sweepStale!();
  const stale = await deviceJob(req.documentId);
  assert.equal(stale?.state, 'canceled', 'the stale job is cancelled at the printer as soon as it answers');
  assert.ok(Number(stale?.impressionsCompleted) < 6, `stopped at ${String(stale?.impressionsCompleted)} of 6 sheets`);

  // A sweep asked for while a print runs stands aside: the print is not cancelled.
  eve.setPageMs(200);
  const next = await request(3);
  const nextPhases: { phase: string; detail?: string }[] = [];
  const nextPrint = printer.print(next, { onProgress: (p) => nextPhases.push(p), timeoutMs: 15_000 });
  await waitFor(() => nextPhases.some((p) => p.detail?.startsWith('1/')), 5000, 'the first sheet of the next print');
  await printer.sweepStale!();
  assert.deepEqual({ ...(await nextPrint), jobId: 0 }, { status: 'printed', jobId: 0, confirmedBy: 'printer-counter', sheets: 3 });
});
