// Printing through CUPS to the cups-pdf queue: the document that comes out is the one sent, the job
// carries the issuance id, and a document bound to another request never reaches the spooler.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIppPrinter } from '../../electron/services/printing/ipp-printer';
import { ippCall } from '../../electron/services/printing/ipp-transport';
import { isKioskError } from '../../common/errors';
import { ensurePrintingStack, boundTo, makeTestPdf, readTestBinding, pdfText, waitFor, PDF_OUTPUT_DIR, PDF_QUEUE_URI } from '../helpers/printers';

const hash = (s: string) => createHash('sha256').update(s).digest('hex');

before(async () => {
  await ensurePrintingStack();
});

async function queueJobNames(): Promise<string[]> {
  const r = await ippCall(PDF_QUEUE_URI, 'Get-Jobs', { operation: { 'requesting-user-name': 'madoguchi', 'which-jobs': 'all', 'requested-attributes': ['job-id', 'job-name'] } }, { timeoutMs: 3000 });
  return r.jobs.map((j) => String(j['job-name'] ?? ''));
}

test('a certificate printed to the cups-pdf queue comes out with the same fields, named after its issuance id', async () => {
  const printer = createIppPrinter({ printerUri: PDF_QUEUE_URI, pollMs: 100, readBinding: readTestBinding });
  const binding = { issuanceId: `iss-${randomUUID()}`, requestId: randomUUID(), subjectHash: hash('resident-1|juminhyo') };
  const pdf = await makeTestPdf(binding, ['住民票の写し', '氏名 窓口 花子']);
  const pdfFromRequest = join(mkdtempSync(join(tmpdir(), 'madoguchi-print-')), 'sent.pdf');
  writeFileSync(pdfFromRequest, pdf);

  const status = await printer.status();
  assert.equal(status.state, 'idle');
  assert.equal(status.needsStaff, false);
  assert.equal(status.message, 'printer.ready');

  const phases: string[] = [];
  const outcome = await printer.print({ ...boundTo(binding), pdf, copies: 1, title: 'juminhyo' }, { onProgress: (p) => phases.push(p.phase), timeoutMs: 30_000 });
  assert.equal(outcome.status, 'printed', JSON.stringify(outcome));
  assert.ok(outcome.status === 'printed' && outcome.jobId > 0);
  // cups-pdf is the end of the line (no paper path, no sheet counter): the weaker confirmation, said so.
  assert.equal(outcome.status === 'printed' && outcome.confirmedBy, 'job-completed-and-printer-idle');
  assert.deepEqual(phases.slice(0, 2), ['sending', 'printing']);

  // cups-pdf names its output job_<cups job id>-<title>.pdf (Label 1 in its instance config).
  const jobId = outcome.status === 'printed' ? outcome.jobId : 0;
  const file = await waitFor(
    () => (existsSync(PDF_OUTPUT_DIR) ? readdirSync(PDF_OUTPUT_DIR).find((f) => f.startsWith(`job_${jobId}-`)) : undefined),
    10_000,
    'the cups-pdf output file',
  );
  assert.match(pdfText(pdfFromRequest), /窓口 花子/);
  const text = pdfText(join(PDF_OUTPUT_DIR, file));
  assert.ok(text.includes(`No. ${binding.issuanceId} page 1/1`), `the issuance number on the printed page: ${text}`);
  assert.ok((await queueJobNames()).some((n) => n.includes(binding.issuanceId)), 'the CUPS job is named after the issuance id');
});

test('a document bound to another request is refused before anything is sent', async () => {
  const printer = createIppPrinter({ printerUri: PDF_QUEUE_URI, pollMs: 100, readBinding: readTestBinding });
  const mine = { issuanceId: `iss-${randomUUID()}`, requestId: randomUUID(), subjectHash: hash('resident-1|inkan') };
  const someoneElses = { issuanceId: `iss-${randomUUID()}`, requestId: randomUUID(), subjectHash: hash('resident-2|inkan') };
  const pdf = await makeTestPdf(someoneElses, ['印鑑登録証明書', '氏名 別人 太郎']);

  for (const [field, req] of [
    ['documentId', { ...mine, requestId: someoneElses.requestId, subjectHash: someoneElses.subjectHash }],
    ['requestId', { ...someoneElses, requestId: mine.requestId }],
    ['subjectHash', { ...someoneElses, subjectHash: mine.subjectHash }],
  ] as const) {
    await assert.rejects(
      printer.print({ ...boundTo(req), pdf, copies: 1, title: 'inkan' }),
      (err) => isKioskError(err, 'print.binding_mismatch') && err.details.field === field,
    );
  }
  // A file without any binding is refused too.
  await assert.rejects(
    printer.print({ ...boundTo(mine), pdf: new TextEncoder().encode('%PDF-1.4 not a certificate'), copies: 1, title: 'x' }),
    (err) => isKioskError(err, 'print.binding_mismatch'),
  );
  const names = await queueJobNames();
  assert.ok(!names.some((n) => n.includes(mine.issuanceId) || n.includes(someoneElses.issuanceId)), 'no job reached CUPS');
});

test('bad print requests get input.invalid, not a crash', async () => {
  const printer = createIppPrinter({ printerUri: PDF_QUEUE_URI, readBinding: readTestBinding });
  const b = { issuanceId: 'iss-1', requestId: 'r1', subjectHash: hash('x') };
  const pdf = await makeTestPdf(b, ['x']);
  await assert.rejects(printer.print({ ...boundTo(b), pdf, copies: 11, title: 't' }), (e) => isKioskError(e, 'input.invalid') && e.details.field === 'copies');
  await assert.rejects(printer.print({ ...boundTo(b), subjectHash: 'nothex', pdf, copies: 1, title: 't' }), (e) => isKioskError(e, 'input.invalid'));
  assert.throws(() => createIppPrinter({ printerUri: 'file:///etc/passwd' }));
});
