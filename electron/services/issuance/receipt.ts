// The receipt (領収書) of a paid certificate, printed once the certificate is confirmed printed.
// The money and the certificate are already settled at that point, so a receipt that does not come
// out never changes the request's state: it is an audited event ('receipt_failed', reaching the back
// office too) and the resident is told calmly to ask staff for one. The receipt carries the request's
// binding with kind 'receipt', so the printer's pre-send check refuses it for any other request.
import { CERTIFICATE_TITLES, Municipality, type CertificateType } from '../../../common/documents/types';
import { toKioskError } from '../../../common/errors';
import { renderReceiptPdf } from '../../../templates/receipt-pdf';
import type { RequestRow, RequestStore } from './state-machine';
import type { IssuanceDeps, ReceiptOutcome } from './types';
import { requestBinding } from './document-binding';

/** A receipt is short: a printer that cannot put it out within this is reported, not waited for. */
const DEFAULT_RECEIPT_TIMEOUT_MS = 60_000;

export function createReceiptPrinting(deps: IssuanceDeps, store: RequestStore, clock: () => number) {
  async function render(row: RequestRow, reprint: boolean): Promise<Uint8Array> {
    const doc = JSON.parse(row.documentJson ?? 'null') as { municipality?: unknown } | null;
    const municipality = Municipality.parse(doc?.municipality);
    const unitFee = Math.round(row.fee / row.copies);
    return renderReceiptPdf({
      issuanceId: row.issuanceId!, issuanceNumber: row.issuanceNumber!, municipality, kioskId: deps.kioskId,
      items: [{ label: CERTIFICATE_TITLES[row.type as CertificateType] ?? row.type, copies: row.copies, unitFee }],
      total: unitFee * row.copies, paidBy: row.paymentMethod === 'ic' ? 'ic' : 'cash', change: row.change,
      issuedAt: new Date(clock()).toISOString(), ...(reprint ? { reprintOf: row.issuanceId! } : {}),
    }, { requestId: row.requestId, subjectHash: row.subjectHash! });
  }

  return {
    /**
     * Prints the receipt of a printed request that was paid for. Never throws: the outcome is
     * recorded ('receipt_printed' with the job id, or 'receipt_failed' with the reason) and returned.
     */
    async print(requestId: string, opts: { reprint: boolean; onProgress: (p: { phase: string; detail?: string }) => void }): Promise<ReceiptOutcome> {
      const row = store.load(requestId);
      if (row.state !== 'printed' || row.paid === 0 || row.fee === 0) return 'none';
      opts.onProgress({ phase: 'receipt' });
      let reason: string;
      let maybePrinted = false;
      try {
        const pdf = await render(row, opts.reprint);
        const outcome = await deps.printer.print(
          { ...requestBinding(row, 'receipt'), pdf, copies: 1, title: `receipt ${row.issuanceNumber}` },
          // Only a printer that needs someone is passed on (the screen calls staff); the rest is the certificate's story.
          { onProgress: (p) => { if (p.phase === 'waiting-for-printer') opts.onProgress(p); }, timeoutMs: deps.receiptTimeoutMs ?? DEFAULT_RECEIPT_TIMEOUT_MS },
        );
        if (outcome.status === 'printed') {
          store.note(requestId, 'receipt_printed', { ...(opts.reprint ? { detail: 'reprint' } : {}), event: { jobId: outcome.jobId, reprint: opts.reprint } });
          opts.onProgress({ phase: 'receipt-printed' });
          return 'printed';
        }
        reason = outcome.reason;
        maybePrinted = outcome.maybePrinted;
        // A receipt job left in the printer must not come out later for the next resident.
        if (outcome.jobId !== undefined) await deps.printer.cancel(outcome.jobId).catch(() => undefined);
      } catch (err) {
        reason = toKioskError(err).kind;
      }
      store.note(requestId, 'receipt_failed', { detail: reason.slice(0, 80), event: { reason: reason.slice(0, 80), maybePrinted, reprint: opts.reprint } });
      deps.log?.(`receipt of certificate request ${requestId} not printed (${reason}); the resident was asked to see staff`);
      opts.onProgress({ phase: 'receipt-failed', detail: reason.slice(0, 80) });
      return 'failed';
    },
  };
}
