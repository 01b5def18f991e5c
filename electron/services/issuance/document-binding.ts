// A certificate request's documents in the terms of the one binding check (common/documents/binding.ts):
// the certificate and its receipt are bound to the request's issuance id, the request itself and the
// hash of its subjects. The back office's answer and the document stored for printing are compared
// with the same function the printer uses on the PDF's bytes.
import type { BoundDocument, DocumentKind } from '../../../common/documents/binding';

interface CertificateIds { issuanceId: string | null; requestId: string; subjectHash: string | null }

/** What the request's document of `kind` must be bound to (an id the request lacks never matches). */
export function requestBinding(ids: CertificateIds, kind: DocumentKind = 'certificate'): BoundDocument {
  return { documentId: ids.issuanceId ?? '\u0000none', requestId: ids.requestId, subjectHash: ids.subjectHash ?? '\u0000none', kind };
}

/** The facts a back-office certificate document (IssuanceDocument, as JSON or parsed) is bound by. */
export function certificateFacts(doc: { issuanceId?: unknown; requestId?: unknown; subjectHash?: unknown }): Partial<BoundDocument> {
  return { documentId: doc.issuanceId as string, requestId: doc.requestId as string, subjectHash: doc.subjectHash as string, kind: 'certificate' };
}
