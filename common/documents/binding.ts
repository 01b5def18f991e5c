// What binds a printed document to the person it was made for (kiosk-domain.md §2.6, the
// wrong-person incident rule): the document's id, the request being served, the hash of the
// subjects it names, and what kind of document it is. A certificate, its receipt, a hospital
// reception slip and a hospital receipt carry the same four facts, and every place that asks "is
// this document bound to this request" asks it through documentBindingMismatch(): the printer
// before a byte is sent, the issuance service when the back office answers and before it prints.
// Pure: runs in main, in the back office and in tests.
import { KioskError, type ErrorKind } from '../errors';

export const DOCUMENT_KINDS = ['certificate', 'receipt', 'reception-slip', 'hospital-receipt'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface BoundDocument {
  /** The document's own id: a certificate's (and its receipt's) issuance id, a reception's ref. */
  documentId: string;
  requestId: string;
  subjectHash: string;
  kind: DocumentKind;
}

const FIELDS = ['documentId', 'requestId', 'subjectHash', 'kind'] as const;

/** The first field in which `found` is not bound to `expected` (null: bound). Missing counts as different. */
export function documentBindingMismatch(expected: BoundDocument, found: Partial<Record<keyof BoundDocument, unknown>>): keyof BoundDocument | null {
  return FIELDS.find((f) => found[f] !== expected[f]) ?? null;
}

/**
 * Throws `errorKind` when `found` is not bound to `expected`. The details name only the field: the
 * values are ids and a hash, never personal data, but they do not belong in a log either.
 */
export function assertDocumentBound(expected: BoundDocument, found: Partial<Record<keyof BoundDocument, unknown>>,
  errorKind: Extract<ErrorKind, 'print.binding_mismatch' | 'issuance.stale_document'>): void {
  const field = documentBindingMismatch(expected, found);
  if (field === null) return;
  const message = field === 'kind'
    ? `The document is a ${String(found.kind ?? 'document of no kind')}, the request is for a ${expected.kind}; nothing was sent.`
    : `The document's ${field} differs from the request's; nothing was sent.`;
  throw new KioskError(errorKind, message, { field });
}
