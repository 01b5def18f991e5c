// One binding check for every printed document (common/documents/binding.ts): a certificate, its
// receipt, a hospital reception slip or a hospital receipt bound to another request, to other
// subjects, or of another kind is refused with print.binding_mismatch before the printer hears a
// single request. The printer here is a loopback HTTP server that counts what reaches it; a
// document that IS bound goes on to the printer (which answers nothing useful: held, offline).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import PDFDocument from 'pdfkit';
import { bindingInfo } from '../../templates/binding';
import type { BoundDocument, DocumentKind } from '../../common/documents/binding';
import { createIppPrinter } from '../../electron/services/printing';
import { isKioskError } from '../../common/errors';

const hash = (s: string) => createHash('sha256').update(s).digest('hex');

async function pdfBoundTo(b: BoundDocument): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A6' });
  Object.assign(doc.info, { Title: b.kind, ...bindingInfo({ issuanceId: b.documentId, requestId: b.requestId, subjectHash: b.subjectHash, kind: b.kind }) });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => doc.on('end', () => r()));
  doc.text(`${b.kind} ${b.documentId}`);
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

async function countingPrinter(t: { after: (fn: () => Promise<void>) => void }) {
  let requests = 0;
  // It hangs up on every request: to the kiosk, a printer that is offline.
  const server = createServer((req) => { requests++; req.socket.destroy(); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  const printer = createIppPrinter({ printerUri: `ipp://127.0.0.1:${(server.address() as AddressInfo).port}/printers/slip`, requestTimeoutMs: 500, pollMs: 50 });
  return { printer, requests: () => requests };
}

const bound = (kind: DocumentKind, who: string): BoundDocument => ({ documentId: `${kind}-${randomUUID()}`, requestId: randomUUID(), subjectHash: hash(who), kind });

test('a document bound to another request, other subjects, another document or of another kind is refused before anything reaches the printer', async (t) => {
  const { printer, requests } = await countingPrinter(t);
  for (const kind of ['reception-slip', 'hospital-receipt', 'certificate', 'receipt'] as const) {
    const mine = bound(kind, 'patient-1');
    const pdf = await pdfBoundTo(mine);
    const otherKind: DocumentKind = kind === 'reception-slip' ? 'hospital-receipt' : 'reception-slip';
    for (const [field, asked] of [
      ['requestId', { ...mine, requestId: randomUUID() }],
      ['subjectHash', { ...mine, subjectHash: hash('patient-2') }],
      ['documentId', { ...mine, documentId: `${kind}-${randomUUID()}` }],
      ['kind', { ...mine, kind: otherKind }],
    ] as const) {
      await assert.rejects(printer.print({ ...asked, pdf, copies: 1, title: kind }),
        (e) => isKioskError(e, 'print.binding_mismatch') && e.details.field === field, `${kind}: ${field}`);
    }
  }
  assert.equal(requests(), 0, 'the printer heard nothing');

  // The same document asked for as what it is passes the check and goes to the printer.
  const slip = bound('reception-slip', 'patient-1');
  const outcome = await printer.print({ ...slip, pdf: await pdfBoundTo(slip), copies: 1, title: 'reception' }, { timeoutMs: 2000 });
  assert.equal(outcome.status, 'held');
  assert.ok(requests() > 0, 'a bound document reaches the printer');
});
