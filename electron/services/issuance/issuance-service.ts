// The kiosk's certificate issuance: catalog → request (the back office decides and returns the
// signed PDF) → pay → print, each step a transition of the persisted state machine
// (state-machine.ts). The rules that protect residents live here as code paths:
// - no charge before the document exists, and no charge at all when the back office is unreachable;
// - one payment id per request, so the payment device can never take the fee twice for it;
// - the document printed is the one stored for THIS request, checked against its binding first;
//   a timeout or an unclear print is held for staff, never resumed or reprinted automatically;
// - a paid certificate that cannot be printed is refunded;
// - the receipt follows a printed certificate; if it cannot be printed that is recorded, never undone;
// - a held print is printed again only when staff say so, from a fresh back-office copy (reprint.ts).
// - after a crash or power cut, a request caught mid-step is voided, refunded or held (resume.ts).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CertificateChoice } from '../../../common/backoffice-api';
import { KioskError, isKioskError, toKioskError } from '../../../common/errors';
import type { CollectResult } from '../payment/payment-device';
import { createCertificateClient } from './certificate-client';
import { createReceiptPrinting } from './receipt';
import { backOfficeClientOf } from '../sync/http-client';
import { createSyncEngine } from '../sync/sync-engine';
import { createReprint } from './reprint';
import { assertDocumentBound, documentBindingMismatch } from '../../../common/documents/binding';
import { certificateFacts, requestBinding } from './document-binding';
import { resumeOne } from './resume';
import { createRequestStore, type IssuanceState, type RequestRow } from './state-machine';
import type { IssuanceDeps, IssuanceService, PrintOutcome, RequestInput } from './types';

/** The resident's choice in the back office's vocabulary (same limits as the screen and the back office). */
const RequestInputSchema = CertificateChoice.extend({ holderToken: z.string().min(1).max(400) });

const RequestId = z.uuid();
const StaffNote = z.string().trim().min(1).max(200);

function checkRequestId(requestId: string): void {
  if (!RequestId.safeParse(requestId).success) throw new KioskError('input.invalid', 'requestId must be a UUID', { field: 'requestId' });
}

export function createIssuanceService(deps: IssuanceDeps): IssuanceService {
  const clock = () => (deps.clock ?? (() => new Date()))().getTime();
  const store = createRequestStore(deps.db, deps.queue, deps.kioskId, clock);
  // One back-office client for the service (the platform's, when it runs inside the kiosk).
  const http = backOfficeClientOf(deps.backOffice);
  const client = createCertificateClient({ backOffice: http, kioskId: deps.kioskId });
  const log = deps.log ?? (() => undefined);
  /** Requests with a pay/print step running: a double tap must not start a second one. */
  const busy = new Set<string>();

  async function exclusive<T>(requestId: string, fn: () => Promise<T>): Promise<T> {
    if (busy.has(requestId)) throw new KioskError('issuance.invalid_state', 'a step of this request is already running', { state: 'busy' });
    busy.add(requestId);
    try {
      return await fn();
    } finally {
      busy.delete(requestId);
    }
  }

  /** Gives the money back (device refunds are idempotent per payment id) and records it. */
  async function refund(row: RequestRow, detail: string, audit: Record<string, unknown> = {}): Promise<{ state: IssuanceState; refunded: number }> {
    if (!row.paymentId || row.paid === 0) {
      const r = store.transition(row.requestId, 'refunded', { detail, patch: { refunded: 0 }, event: audit });
      return { state: r.state, refunded: 0 };
    }
    try {
      await deps.payment.refund(row.paymentId, row.paid - row.refunded);
    } catch (err) {
      // Money is owed and the device could not return it: staff must, so the request says so.
      const reason = toKioskError(err).message;
      log(`refund failed for ${row.requestId}: ${reason}`);
      if (row.state !== 'failed') store.transition(row.requestId, 'failed', { detail: `refund_failed: ${reason}`, event: { owed: row.paid - row.refunded, ...audit } });
      throw new KioskError('payment.failed', 'the refund could not be paid out; staff will return the money', { reason: 'refund_failed', refunded: 0 });
    }
    const r = store.transition(row.requestId, 'refunded', { detail, patch: { refunded: row.paid }, event: { refunded: row.paid, ...audit } });
    return { state: r.state, refunded: row.paid - row.refunded };
  }

  /** The stored document must be bound to this request before a single byte goes to the printer. */
  function boundDocument(row: RequestRow): { pdf: Uint8Array; title: string } {
    const doc = row.documentJson ? JSON.parse(row.documentJson) as { requestId?: string; issuanceId?: string; subjectHash?: string; issuanceNumber?: string } : null;
    if (!doc || !row.documentPdf) throw new KioskError('issuance.stale_document', undefined, { requestId: row.requestId });
    assertDocumentBound(requestBinding(row), certificateFacts(doc), 'issuance.stale_document');
    return { pdf: row.documentPdf, title: `${row.type} ${doc.issuanceNumber ?? ''}`.trim() };
  }

  async function recordPayment(row: RequestRow, result: CollectResult): Promise<{ state: IssuanceState; change: number }> {
    if (result.status === 'cancelled') throw new KioskError('payment.cancelled', undefined, { refunded: result.refunded });
    if (result.status === 'failed') throw new KioskError('payment.failed', undefined, { reason: result.reason, refunded: result.refunded });
    try {
      const r = store.transition(row.requestId, 'paid', { from: ['authorized'], patch: { paid: result.paid, change: result.change, paymentMethod: result.method },
        event: { paid: result.paid, method: result.method, paymentId: row.paymentId } });
      return { state: r.state, change: result.change };
    } catch (err) {
      // The request was cancelled while the money went in: it goes straight back.
      if (!isKioskError(err, 'issuance.invalid_state')) throw err;
      await deps.payment.refund(row.paymentId!, result.paid);
      throw new KioskError('payment.cancelled', 'the request was cancelled; the money was returned', { refunded: result.paid + result.change });
    }
  }

  async function settlePrint(requestId: string, outcome: PrintOutcome): Promise<{ state: IssuanceState; outcome: PrintOutcome }> {
    if (outcome.status === 'printed') {
      const r = store.transition(requestId, 'printed', { patch: { printJobId: outcome.jobId },
        event: { jobId: outcome.jobId, confirmedBy: outcome.confirmedBy, sheets: outcome.sheets } });
      return { state: r.state, outcome };
    }
    // Whether paper may have come out is kept on the row: staff read it before they decide.
    const patch = { maybePrinted: outcome.maybePrinted, ...(outcome.jobId !== undefined ? { printJobId: outcome.jobId } : {}) };
    if (outcome.status === 'failed' && !outcome.maybePrinted) {
      const row = store.transition(requestId, 'failed', { patch, detail: outcome.reason, event: { maybePrinted: false } });
      const r = await refund(row, `print_failed: ${outcome.reason}`);
      return { state: r.state, outcome };
    }
    // Held, or failed after paper may have come out: staff look at the printer and decide.
    const r = store.transition(requestId, 'held', { patch, detail: outcome.reason, event: { maybePrinted: outcome.maybePrinted } });
    return { state: r.state, outcome };
  }

  const receipts = createReceiptPrinting(deps, store, clock);

  /** The request is 'printing' with its bound document: send it, settle the outcome, then the receipt. */
  async function printAndSettle(requestId: string, onProgress: (p: { phase: string; detail?: string }) => void, reprint: boolean) {
    const row = store.load(requestId);
    const doc = boundDocument(row);
    let outcome: PrintOutcome;
    try {
      outcome = await deps.printer.print({ ...requestBinding(row), pdf: doc.pdf, copies: row.copies, title: doc.title },
        { onProgress, timeoutMs: deps.printTimeoutMs ?? 180_000 });
    } catch (err) {
      const typed = toKioskError(err);
      // A binding mismatch is refused before sending: nothing can have been printed.
      outcome = { status: 'failed', reason: typed.kind, maybePrinted: typed.kind !== 'print.binding_mismatch' };
    }
    const settled = await settlePrint(requestId, outcome);
    const receipt = settled.state === 'printed' ? await receipts.print(requestId, { reprint, onProgress }) : 'none';
    return { ...settled, receipt };
  }

  /** Pushes the outbox until the request's events are all delivered (bounded: an unreachable back
   *  office then refuses or fails the step that needed them, with its own typed error). */
  async function pushEvents(requestId: string): Promise<void> {
    const engine = createSyncEngine({ queue: deps.queue, client: http, kioskId: deps.kioskId, backoff: { baseMs: 100, maxMs: 1000 } });
    const deadline = Date.now() + 10_000;
    while (!store.fullySynced(requestId) && Date.now() < deadline) {
      await engine.drain();
      if (!store.fullySynced(requestId)) await new Promise((r) => setTimeout(r, 200));
    }
  }

  const reprintHeld = createReprint({ store, client, exclusive, printAndSettle, pushEvents, log });

  const service: IssuanceService = {
    async catalog(session) {
      return client.catalog(session.holderToken);
    },

    async request(raw: RequestInput) {
      const parsed = RequestInputSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new KioskError('input.invalid', issue?.message ?? 'invalid request', { field: issue?.path.join('.') ?? 'input' });
      }
      const input = parsed.data;
      const requestId = randomUUID();
      store.create({ requestId, type: input.type, scope: input.scope, copies: input.copies, summary: [] });
      let answer;
      try {
        answer = await client.authorize(requestId, input);
      } catch (err) {
        const typed = toKioskError(err);
        const reason = typeof typed.details.reason === 'string' ? typed.details.reason : typed.kind;
        store.transition(requestId, 'voided', { detail: reason });
        throw typed;
      }
      const doc = answer.document;
      // The answer and its document must both be bound to THIS request (and to each other).
      const expected = requestBinding({ issuanceId: answer.issuanceId, requestId, subjectHash: answer.subjectHash });
      if (answer.requestId !== requestId || documentBindingMismatch(expected, certificateFacts(doc))) {
        store.transition(requestId, 'voided', { detail: 'document_not_bound_to_request' });
        throw new KioskError('issuance.stale_document', 'the back office answered with a document for another request', { requestId });
      }
      store.transition(requestId, 'authorized', {
        patch: { fee: answer.fee, issuanceId: answer.issuanceId, issuanceNumber: answer.issuanceNumber, subjectHash: answer.subjectHash,
          summary: answer.summary, documentJson: JSON.stringify(doc), documentPdf: new Uint8Array(Buffer.from(answer.pdfBase64, 'base64')) },
        event: { fee: answer.fee, issuanceNumber: answer.issuanceNumber },
      });
      return { requestId, fee: answer.fee, summary: answer.summary };
    },

    pay(requestId, onProgress) {
      checkRequestId(requestId);
      return exclusive(requestId, async () => {
        let row = store.load(requestId);
        if (row.state === 'paid') return { state: row.state, change: row.change };
        if (row.state !== 'authorized') throw new KioskError('issuance.invalid_state', `cannot pay a request that is ${row.state}`, { state: row.state });
        if (!row.paymentId) {
          // Persisted BEFORE money is asked for: after a crash, the device is asked about THIS id.
          store.patch(requestId, { paymentId: `pay-${requestId}` });
          row = store.load(requestId);
        }
        const result = await deps.payment.collect({ paymentId: row.paymentId!, amount: row.fee, methods: ['cash', 'ic'] },
          (p) => onProgress({ inserted: p.inserted, remaining: p.remaining }));
        return recordPayment(row, result);
      });
    },

    print(requestId, onProgress) {
      checkRequestId(requestId);
      return exclusive(requestId, async () => {
        const row = store.load(requestId);
        if (row.state !== 'paid') throw new KioskError('issuance.invalid_state', `cannot print a request that is ${row.state}`, { state: row.state });
        try {
          boundDocument(row);
        } catch (err) {
          await refund(store.transition(requestId, 'failed', { detail: 'stale_document' }), 'stale_document');
          throw err;
        }
        store.transition(requestId, 'printing', {});
        return printAndSettle(requestId, onProgress, false);
      });
    },

    async cancel(requestId) {
      checkRequestId(requestId);
      const row = store.load(requestId);
      if (row.state === 'requested' || row.state === 'authorized') {
        deps.payment.cancel();
        const r = store.transition(requestId, 'voided', { from: ['requested', 'authorized'], detail: 'cancelled_by_resident' });
        return { state: r.state, refunded: 0 };
      }
      if (row.state === 'paid' && !busy.has(requestId)) return refund(row, 'cancelled_by_resident');
      throw new KioskError('issuance.invalid_state', `cannot cancel a request that is ${row.state}`, { state: row.state });
    },

    get(requestId) {
      const row = store.get(requestId);
      return row ? { state: row.state, fee: row.fee, paid: row.paid, events: store.events(requestId) } : null;
    },

    async resume() {
      for (const row of store.inStates(['requested', 'authorized', 'paid', 'printing'])) {
        try {
          await resumeOne(row, { store, payment: deps.payment, refund });
        } catch (err) {
          log(`resume of ${row.requestId} failed: ${toKioskError(err).message}`);
        }
      }
      service.settleSynced();
    },

    async resolveHeld(requestId, decision, staffNote, onProgress = () => undefined) {
      checkRequestId(requestId);
      const note = StaffNote.safeParse(staffNote);
      if (!note.success) throw new KioskError('input.invalid', 'staff must say what they found (1–200 characters)', { field: 'staffNote' });
      if (decision === 'reprint') return reprintHeld(requestId, note.data, onProgress);
      const row = store.load(requestId);
      if (row.state !== 'held' && row.state !== 'failed') throw new KioskError('issuance.invalid_state', `request is ${row.state}, not held`, { state: row.state });
      const detail = `staff: ${note.data}`;
      if (decision === 'printed') {
        const r = store.transition(requestId, 'printed', { from: ['held'], detail, event: { confirmedBy: 'staff', staffNote: note.data } });
        return { state: r.state, refunded: 0 };
      }
      if (decision !== 'refund') throw new KioskError('input.invalid', 'decision must be printed, refund or reprint', { field: 'decision' });
      // Through the payment device; one that cannot pay leaves the request 'failed' with the fee owed.
      return refund(row, detail, { staffNote: note.data });
    },

    listHeld() {
      return store.inStates(['held', 'failed']).map((r) => ({
        requestId: r.requestId, state: r.state, type: r.type, issuanceNumber: r.issuanceNumber, paid: r.paid - r.refunded,
        updatedAt: new Date(r.updatedAt).toISOString(), lastDetail: store.events(r.requestId).at(-1)?.detail ?? null, maybePrinted: r.maybePrinted,
      }));
    },

    settleSynced() {
      let n = 0;
      for (const row of store.inStates(['printed', 'refunded', 'voided'])) {
        if (!store.fullySynced(row.requestId)) continue;
        if (row.state === 'printed') store.transition(row.requestId, 'synced', {});
        if (row.state !== 'printed' && row.documentPdf === null && row.summary === null) continue;
        store.wipePersonal(row.requestId);
        n++;
      }
      return n;
    },
  };

  return service;
}
