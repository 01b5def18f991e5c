// The receipt after a certificate, and staff's reprint of a held print, with the real parts: the
// back office on loopback, the kiosk database, the simulated acceptor and ippeveprinter over IPP.
// What people notice: the receipt comes out after the certificate (and only for its own request); a
// receipt that cannot print leaves the certificate printed and paid, recorded for staff; a held
// print that staff reprint comes out again with the same issuance number from a fresh back-office
// copy, the receipt says 【再発行】, the fee is taken once, and the back office knows it was a reprint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { isKioskError } from '../../common/errors';
import { readDocumentBinding } from '../../templates';
import { createSyncEngine } from '../../electron/services/sync/sync-engine';
import { createBackOfficeClient } from '../../electron/services/sync/http-client';
import { pdfText } from '../helpers/printers';
import { startIssuanceStack, type IssuanceStack } from './issuance-stack';

let s: IssuanceStack;
before(async () => { s = await startIssuanceStack({ receiptTimeoutMs: 3000 }); });
after(async () => { await s.close(); });

async function syncAll(): Promise<void> {
  const client = createBackOfficeClient({ baseUrl: s.bo.url, kioskKey: s.kioskKey });
  await createSyncEngine({ queue: s.queue, client, kioskId: 'kiosk-test-1' }).drain();
  client.close();
}
const flat = (t: string) => t.replace(/\s+/g, '');
const details = (requestId: string) => s.service.get(requestId)!.events.map((e) => `${e.state} ${e.detail ?? ''}`.trim());
const reprintsAtBackOffice = (issuanceId: string) => {
  const db = new Database(join(s.dir, 'backoffice', 'certificates.db'), { readonly: true });
  try {
    return db.prepare('SELECT staff_note FROM issuance_reprints WHERE issuance_id = ?').pluck().all(issuanceId) as string[];
  } finally {
    db.close();
  }
};

async function paidRequest(copies: number) {
  const holderToken = await s.holderToken('yamada-taro');
  const r = await s.service.request({ holderToken, type: 'juminhyo', scope: 'self', options: {}, copies });
  await s.service.pay(r.requestId, () => undefined);
  return r;
}

test('the receipt follows the certificate: its own job, bound to the request as a receipt, with the total', async () => {
  const r = await paidRequest(2);
  const before = s.eve!.outputs().length;
  const phases: string[] = [];
  const printed = await s.service.print(r.requestId, (p) => phases.push(p.phase));
  assert.deepEqual([printed.state, printed.outcome.status, printed.receipt], ['printed', 'printed', 'printed']);
  assert.ok(phases.includes('receipt') && phases.includes('receipt-printed'), phases.join(','));
  const out = s.eve!.outputs();
  assert.equal(out.length, before + 2);
  const receiptPdf = new Uint8Array(readFileSync(out.at(-1)!));
  const binding = readDocumentBinding(receiptPdf);
  assert.deepEqual([binding.requestId, binding.kind], [r.requestId, 'receipt']);
  assert.equal(binding.issuanceId, readDocumentBinding(new Uint8Array(readFileSync(out.at(-2)!))).issuanceId);
  const text = flat(pdfText(out.at(-1)!));
  assert.ok(text.includes('領収書') && text.includes('400円') && text.includes('住民票の写し'), text);
  assert.ok(!text.includes('【再発行】'));
  assert.ok(details(r.requestId).some((d) => d.startsWith('printed receipt_printed')), details(r.requestId).join(' | '));

  // The printer's pre-send check runs on receipts too: for another request, or sent as a certificate, it is refused unsent.
  const req = { documentId: binding.issuanceId, requestId: r.requestId, subjectHash: binding.subjectHash, kind: 'certificate' as const, pdf: receiptPdf, copies: 1, title: 'receipt' };
  await assert.rejects(s.printer.print({ ...req, requestId: '00000000-0000-4000-8000-000000000000', kind: 'receipt' }), (e) => isKioskError(e, 'print.binding_mismatch') && e.details.field === 'requestId');
  await assert.rejects(s.printer.print(req), (e) => isKioskError(e, 'print.binding_mismatch') && e.details.field === 'kind');
  assert.equal(s.eve!.outputs().length, before + 2);
});

test('a receipt the printer cannot put out leaves the certificate printed and paid; the failure is audited and reaches the back office', async () => {
  const r = await paidRequest(1);
  const taken = s.payment.netTaken();
  const before = s.eve!.outputs().length;
  let detail = '';
  try {
    const res = await s.service.print(r.requestId, (p) => {
      if (p.phase === 'receipt') s.eve!.setFault('media-empty'); // the tray runs out right after the certificate
      if (p.phase === 'receipt-failed') detail = p.detail ?? '';
    });
    assert.deepEqual([res.state, res.outcome.status, res.receipt], ['printed', 'printed', 'failed']);
  } finally {
    s.eve!.setFault(null);
  }
  assert.equal(detail, 'media-empty');
  assert.equal(s.service.get(r.requestId)!.state, 'printed');
  assert.equal(s.payment.netTaken(), taken, 'nothing refunded, nothing taken again');
  assert.ok(details(r.requestId).includes('printed receipt_failed: media-empty'), details(r.requestId).join(' | '));
  await new Promise((ok) => setTimeout(ok, 500));
  assert.equal(s.eve!.outputs().length, before + 1, 'only the certificate came out; the stuck receipt job was cancelled');

  await syncAll();
  const keys = (await s.bo.store.eventKeys()).filter((k) => k.startsWith(`certificate:${r.requestId}:receipt_failed:`));
  assert.equal(keys.length, 1);
});

test('held → staff reprint → printed: a fresh back-office copy with the same number, 【再発行】 receipt, fee once, audited', async () => {
  const r = await paidRequest(1);
  const taken = s.payment.netTaken();
  s.eve!.goOffline();
  let held;
  try {
    held = await s.service.print(r.requestId, () => undefined);
  } finally {
    s.eve!.comeOnline();
  }
  assert.equal(held.state, 'held');
  const stored = s.db.sqlite.prepare('SELECT issuance_id, issuance_number, document_pdf, document_json FROM issuance_requests WHERE request_id = ?').get(r.requestId) as
    { issuance_id: string; issuance_number: string; document_pdf: Buffer; document_json: string };
  const before = s.eve!.outputs().length;

  const res = await s.service.resolveHeld(r.requestId, 'reprint', 'tray empty, nothing came out');
  assert.deepEqual([res.state, res.refunded, res.outcome?.status, res.receipt], ['printed', 0, 'printed', 'printed']);
  const out = s.eve!.outputs();
  assert.equal(out.length, before + 2);
  const cert = readDocumentBinding(new Uint8Array(readFileSync(out.at(-2)!)));
  assert.deepEqual([cert.kind ?? 'certificate', cert.requestId, cert.issuanceId], ['certificate', r.requestId, stored.issuance_id]);
  assert.match(flat(pdfText(out.at(-2)!)), new RegExp(stored.issuance_number));
  // Fetched again, not the kiosk's old copy: a new document (issued now) replaced the stored one.
  const now = s.db.sqlite.prepare('SELECT document_pdf, document_json FROM issuance_requests WHERE request_id = ?').get(r.requestId) as { document_pdf: Buffer; document_json: string };
  assert.ok(!Buffer.from(now.document_pdf).equals(stored.document_pdf));
  assert.notEqual(JSON.parse(now.document_json).issuedAt, JSON.parse(stored.document_json).issuedAt);
  assert.ok(flat(pdfText(out.at(-1)!)).includes('【再発行】'));

  assert.equal(s.payment.netTaken(), taken, 'no second charge');
  assert.equal(s.service.get(r.requestId)!.paid, 200);
  const audit = details(r.requestId);
  assert.ok(audit.some((d) => /^held reprint_requested: [0-9a-f-]{36} staff: tray empty, nothing came out$/.test(d)), audit.join(' | '));
  assert.ok(audit.some((d) => /^printing reprint [0-9a-f-]{36} \(staff: tray empty, nothing came out\)$/.test(d)), audit.join(' | '));
  assert.deepEqual(reprintsAtBackOffice(stored.issuance_id), ['tray empty, nothing came out']);

  await syncAll();
  const keys = (await s.bo.store.eventKeys()).filter((k) => k.startsWith(`certificate:${r.requestId}:`));
  assert.ok(keys.includes(`certificate:${r.requestId}:printing:2`) && keys.includes(`certificate:${r.requestId}:printed`), keys.join(' '));
});

test('a reprint is refused unless the request is held: nothing printed, nothing recorded', async () => {
  const printed = await paidRequest(1);
  await s.service.print(printed.requestId, () => undefined);
  const paidOnly = await paidRequest(1);
  const before = s.eve!.outputs().length;
  for (const [id, state] of [[printed.requestId, 'printed'], [paidOnly.requestId, 'paid']] as const) {
    await assert.rejects(s.service.resolveHeld(id, 'reprint', 'checked the tray'), (e) => isKioskError(e, 'issuance.invalid_state') && e.details.state === state);
  }
  await assert.rejects(s.service.resolveHeld(paidOnly.requestId, 'reprint', '  '), (e) => isKioskError(e, 'input.invalid') && e.details.field === 'staffNote');
  assert.equal(s.eve!.outputs().length, before);
  const row = s.db.sqlite.prepare('SELECT issuance_id FROM issuance_requests WHERE request_id = ?').pluck().get(printed.requestId) as string;
  assert.deepEqual(reprintsAtBackOffice(row), []);
  await s.service.cancel(paidOnly.requestId);

  // The back office refuses too, whatever a kiosk sends: a printed issuance gets no free second copy.
  await syncAll();
  const answer = await fetch(`${s.bo.url}/v1/certificates/issuances/${row}/reprints`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': '11111111-1111-4111-8111-111111111111', 'kiosk-key': s.kioskKey, 'staff-key': s.staffKey },
    body: JSON.stringify({ kioskId: 'kiosk-test-1', requestId: printed.requestId, reprintId: '11111111-1111-4111-8111-111111111111', staffNote: 'again' }),
  });
  assert.equal(answer.status, 403);
  assert.equal(((await answer.json()) as { details: { reason: string } }).details.reason, 'not_reprintable');
});
