// No resident's document stays in the spooler: after the kiosk's print the job's document file
// (/var/spool/cups/d<job>-001) is gone, also on a CUPS configured to keep documents, and a document
// kept from before (a crash between print and purge) is purged by the check the kiosk runs at start.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIppPrinter, JOB_NAME_PREFIX } from '../../electron/services/printing/ipp-printer';
import { ippCall } from '../../electron/services/printing/ipp-transport';
import { ensurePrintingStack, makeTestPdf, readTestBinding, waitFor, PDF_QUEUE_URI } from '../helpers/printers';

const SPOOL = '/var/spool/cups';
const CUPSD_CONF = '/etc/cups/cupsd.conf';
const docFile = (jobId: number) => join(SPOOL, `d${String(jobId).padStart(5, '0')}-001`);
const hash = (s: string) => createHash('sha256').update(s).digest('hex');

/** A CUPS configured to keep documents (its default for a day): what a technician's machine may have. */
async function cupsKeepsDocuments(): Promise<void> {
  const conf = readFileSync(CUPSD_CONF, 'utf8').replace(/^PreserveJobFiles .*$/m, 'PreserveJobFiles Yes');
  writeFileSync(CUPSD_CONF, conf);
  for (const pid of spawnSync('pgrep', ['-x', 'cupsd'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)) process.kill(Number(pid), 'SIGHUP');
  await new Promise((r) => setTimeout(r, 500));
  // cupsd reopens its listeners after the reload: wait until the queue answers again.
  await waitFor(async () => (await ippCall(PDF_QUEUE_URI, 'Get-Printer-Attributes', { operation: { 'requested-attributes': ['printer-state'] } }, { timeoutMs: 1000 }).then(() => true, () => false)), 10_000, 'cupsd back after its reload');
}

after(async () => {
  await ensurePrintingStack(); // PreserveJobFiles No again, cupsd reloaded
});

async function jobState(jobId: number): Promise<{ state: string; preserved: unknown } | undefined> {
  try {
    const r = await ippCall(PDF_QUEUE_URI, 'Get-Job-Attributes', { operation: { 'job-id': jobId, 'requested-attributes': ['job-state', 'job-preserved'] } }, { timeoutMs: 3000 });
    return { state: String(r.jobs[0]?.['job-state']), preserved: r.jobs[0]?.['job-preserved'] };
  } catch {
    return undefined; // purged: CUPS no longer knows the job
  }
}

async function printOne(what: string) {
  const printer = createIppPrinter({ printerUri: PDF_QUEUE_URI, pollMs: 100, readBinding: readTestBinding });
  const binding = { issuanceId: `iss-${randomUUID()}`, requestId: randomUUID(), subjectHash: hash(what) };
  const pdf = await makeTestPdf(binding, ['住民票の写し', '氏名 窓口 花子']);
  const req = { documentId: binding.issuanceId, requestId: binding.requestId, subjectHash: binding.subjectHash, kind: 'certificate' as const };
  const outcome = await printer.print({ ...req, pdf, copies: 1, title: 'juminhyo' }, { timeoutMs: 30_000 });
  assert.equal(outcome.status, 'printed', JSON.stringify(outcome));
  return outcome.jobId!;
}

test('after a print no document file of its job is left in the CUPS spool; the job history stays', async () => {
  await ensurePrintingStack();
  const jobId = await printOne('resident-1|juminhyo');
  assert.equal(existsSync(docFile(jobId)), false, `${docFile(jobId)} left behind`);
  assert.deepEqual(await jobState(jobId), { state: 'completed', preserved: false }, 'history without the document');
});

test('a CUPS that keeps documents keeps none of the kiosk\'s: the job is purged as it ends', async () => {
  await ensurePrintingStack();
  await cupsKeepsDocuments();
  const jobId = await printOne('resident-2|juminhyo');
  assert.equal(existsSync(docFile(jobId)), false, `${docFile(jobId)} left behind`);
  assert.equal(await jobState(jobId), undefined, 'purged with its document');
});

test('the check at start purges a kiosk job whose document CUPS kept (a crash between print and purge), and leaves others\' jobs alone', async (t) => {
  await ensurePrintingStack();
  await cupsKeepsDocuments();
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-spool-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, await makeTestPdf({ issuanceId: 'iss-crash', requestId: 'r', subjectHash: hash('x') }, ['氏名 窓口 花子']));
  const submit = (title: string) => Number(/-(\d+) /.exec(execFileSync('lp', ['-h', '127.0.0.1:631', '-U', 'madoguchi', '-d', 'madoguchi-pdf', '-t', title, file], { encoding: 'utf8' }))?.[1]);
  const ours = submit(`${JOB_NAME_PREFIX}iss-crash juminhyo`);
  const theirs = submit('someone else\'s letter');
  for (const id of [ours, theirs]) await waitFor(async () => (await jobState(id))?.state === 'completed', 20_000, `job ${id} completed`);
  assert.ok(existsSync(docFile(ours)), 'CUPS kept the document (the situation the check is for)');

  const lines: string[] = [];
  const printer = createIppPrinter({ printerUri: PDF_QUEUE_URI, pollMs: 100, log: (m) => lines.push(m) });
  await printer.sweepStale!();
  assert.equal(existsSync(docFile(ours)), false, 'the kiosk\'s kept document is purged');
  assert.equal(await jobState(ours), undefined);
  assert.equal((await jobState(theirs))?.state, 'completed', 'a job the kiosk did not send is not its to purge');
  assert.ok(lines.some((l) => l.includes(`jobs ${ours}`) || l.includes(`, ${ours}`)), `logged: ${lines.join(' | ')}`);
  // Its document was kept for the test: removed now by its owner.
  await ippCall(PDF_QUEUE_URI, 'Cancel-Job', { operation: { 'job-id': theirs, 'requesting-user-name': 'madoguchi', 'purge-job': true } }, { timeoutMs: 3000 });
  assert.equal(existsSync(docFile(theirs)), false);
});
