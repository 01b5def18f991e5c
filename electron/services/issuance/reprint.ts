// Staff's reprint of a held print (kiosk-domain.md §2.6: never reprinted automatically). Staff have
// looked at the printer and found nothing usable, so the kiosk asks the back office for the SAME
// issuance again: the back office decides the rules again now, re-reads the registry, records the
// reprint and answers with a fresh document (same issuance number, no fee). The kiosk never prints a
// document it kept from before, and the request moves held → printing as an audited transition with
// the staff note; the receipt that follows says 【再発行】. No money is asked for.
import { randomUUID } from 'node:crypto';
import { KioskError, toKioskError } from '../../../common/errors';
import { documentBindingMismatch } from '../../../common/documents/binding';
import type { createCertificateClient } from './certificate-client';
import { certificateFacts, requestBinding } from './document-binding';
import type { IssuanceState, RequestStore } from './state-machine';
import type { PrintOutcome, ReceiptOutcome } from './types';

type Progress = (p: { phase: string; detail?: string }) => void;

export interface ReprintDeps {
  store: RequestStore;
  client: Pick<ReturnType<typeof createCertificateClient>, 'reprint'>;
  exclusive<T>(requestId: string, fn: () => Promise<T>): Promise<T>;
  printAndSettle(requestId: string, onProgress: Progress, reprint: boolean): Promise<{ state: IssuanceState; outcome: PrintOutcome; receipt: ReceiptOutcome }>;
  /** Delivers the request's outbox events now: the back office reprints only what it knows was paid and held. */
  pushEvents(requestId: string): Promise<void>;
  log: (m: string) => void;
}

export function createReprint(deps: ReprintDeps) {
  const { store } = deps;
  return (requestId: string, staffNote: string, onProgress: Progress) => deps.exclusive(requestId, async () => {
    const row = store.load(requestId);
    if (row.state !== 'held') throw new KioskError('issuance.invalid_state', `only a held request can be reprinted; this one is ${row.state}`, { state: row.state });
    if (!row.issuanceId || !row.subjectHash) throw new KioskError('issuance.stale_document', 'the request has no issuance to reprint', { requestId });
    // The reprint asked for and not yet answered (the kiosk stopped, or the back office was
    // unreachable): a retry sends the same id and note, so the back office records it once.
    const { reprintId, note } = row.pendingReprint ?? { reprintId: randomUUID(), note: staffNote };
    await deps.pushEvents(requestId);
    // Durable before the call: after a crash the same reprint id is sent again, never a second one.
    store.note(requestId, 'reprint_requested', { detail: `${reprintId} staff: ${note}`, event: { reprintId, staffNote: note }, pendingReprint: { reprintId, note } });

    let answer;
    try {
      answer = await deps.client.reprint(row.issuanceId, { requestId, reprintId, staffNote: note });
    } catch (err) {
      const typed = toKioskError(err);
      // Unreachable: the same reprint stays pending for a retry. Refused: it is closed with the reason.
      if (typed.kind !== 'sync.unreachable') {
        const reason = typeof typed.details.reason === 'string' ? typed.details.reason : typed.kind;
        store.note(requestId, 'reprint_refused', { detail: reason.slice(0, 80), event: { reprintId, reason: reason.slice(0, 80) } });
      }
      deps.log(`reprint of certificate request ${requestId} not started: ${typed.kind} ${typed.message}`);
      throw typed;
    }

    const doc = answer.document;
    // The answer and its fresh document are both bound to this request's issuance, with the same number.
    const expected = requestBinding(row);
    const same = !documentBindingMismatch(expected, certificateFacts(answer)) && !documentBindingMismatch(expected, certificateFacts(doc))
      && answer.issuanceNumber === row.issuanceNumber;
    if (!same) {
      store.note(requestId, 'reprint_refused', { detail: 'document_not_bound_to_request', event: { reprintId, reason: 'document_not_bound_to_request' } });
      throw new KioskError('issuance.stale_document', 'the back office answered with a document for another issuance', { requestId });
    }
    store.transition(requestId, 'printing', {
      from: ['held'], detail: `reprint ${reprintId} (staff: ${note})`,
      patch: { documentJson: JSON.stringify(doc), documentPdf: new Uint8Array(Buffer.from(answer.pdfBase64, 'base64')) },
      event: { reprint: true, reprintId, reprintCount: answer.reprint.count, staffNote: note },
    });
    const r = await deps.printAndSettle(requestId, onProgress, true);
    const after = store.load(requestId);
    return { state: r.state, refunded: r.state === 'refunded' ? after.refunded : 0, outcome: r.outcome, receipt: r.receipt };
  });
}
