// The wrong-person incident rule (kiosk-domain.md §2.6): before anything is sent, the document must
// be the one certified for THIS request — same issuance id, request id and subject hash as the
// request the kiosk is serving. A timeout, a retry or a queue can then never print another
// resident's certificate: a document from any other request is refused here.
import { KioskError } from '../../../common/errors';
import { readDocumentBinding } from '../../../templates/binding';
import type { PrintRequest } from './types';

export interface DocumentBinding {
  issuanceId: string;
  requestId: string;
  subjectHash: string;
  /** 'certificate' or 'receipt'; a reader that knows no kinds reports none (a certificate). */
  kind?: 'certificate' | 'receipt';
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
  for (const field of ['issuanceId', 'requestId', 'subjectHash'] as const) {
    if (b[field] !== req[field]) {
      // The values are ids and a hash, never personal data, but the details name only the field.
      throw new KioskError('print.binding_mismatch', `The document's ${field} differs from the print request's; nothing was sent.`, { field });
    }
  }
  // A receipt sent as a certificate (or the reverse) is the wrong document for this job.
  if ((b.kind ?? 'certificate') !== (req.kind ?? 'certificate')) {
    throw new KioskError('print.binding_mismatch', `The document is a ${b.kind ?? 'certificate'}, the print request is for a ${req.kind ?? 'certificate'}; nothing was sent.`, { field: 'kind' });
  }
  if (!Number.isInteger(b.pages) || b.pages < 1) {
    throw new KioskError('print.binding_mismatch', 'The document has no pages; nothing was sent.', { field: 'pages' });
  }
  return b;
}
