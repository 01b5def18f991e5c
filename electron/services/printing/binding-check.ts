// The wrong-person incident rule (kiosk-domain.md §2.6): before anything is sent, the document must
// be the one made for THIS request — same document id, request id, subject hash and kind as the
// print request (common/documents/binding.ts, the one check every document goes through). A
// timeout, a retry or a queue can then never print another resident's certificate, receipt or
// reception slip: a document from any other request, or of another kind, is refused here.
import { KioskError } from '../../../common/errors';
import { assertDocumentBound } from '../../../common/documents/binding';
import { boundDocumentOf, readDocumentBinding, type DocumentKind } from '../../../templates/binding';
import type { PrintRequest } from './types';

/** What a PDF carries, as read from its bytes (templates/binding's Info keys) and its page count. */
export interface DocumentBinding {
  issuanceId: string;
  requestId: string;
  subjectHash: string;
  /** A reader that knows no kinds reports none (a certificate). */
  kind?: DocumentKind;
  pages: number;
}

export type BindingReader = (pdf: Uint8Array) => DocumentBinding;

/** Returns the document's binding (its page count is used to confirm the sheets printed), or throws print.binding_mismatch. */
export function checkBinding(req: PrintRequest, read: BindingReader = readDocumentBinding): DocumentBinding {
  let b: DocumentBinding;
  try {
    b = read(req.pdf);
  } catch (err) {
    throw new KioskError('print.binding_mismatch', 'The document carries no readable binding; nothing was sent.', { field: 'binding' }, { cause: err });
  }
  assertDocumentBound({ documentId: req.documentId, requestId: req.requestId, subjectHash: req.subjectHash, kind: req.kind }, boundDocumentOf(b), 'print.binding_mismatch');
  if (!Number.isInteger(b.pages) || b.pages < 1) {
    throw new KioskError('print.binding_mismatch', 'The document has no pages; nothing was sent.', { field: 'pages' });
  }
  return b;
}
