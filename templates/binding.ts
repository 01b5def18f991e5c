// The request binding carried in a certificate PDF's Info dictionary. The printer client reads it
// back from the exact bytes it is about to send and compares it with the current request, so a
// document fetched for one resident can never be printed for another (the 2023 incident's failure).
// The receipt (領収書) carries the same binding plus its document kind 'receipt', so the printer's
// check applies to it too and a receipt can never stand in for a certificate (or the reverse).
// A document without a kind is a certificate (certificates written before kinds existed).
// MadoguchiIssuanceId holds the document's id (common/documents/binding.ts): the issuance id for a
// certificate and its receipt, the reception's ref for a hospital slip; the key keeps its name so
// every document printed so far still reads back.
import { z } from 'zod';
import { KioskError } from '../common/errors';
import { DOCUMENT_KINDS, type BoundDocument, type DocumentKind } from '../common/documents/binding';

export type { DocumentKind } from '../common/documents/binding';

export interface DocumentBinding { issuanceId: string; requestId: string; subjectHash: string; kind?: DocumentKind }

const KEYS = { issuanceId: 'MadoguchiIssuanceId', requestId: 'MadoguchiRequestId', subjectHash: 'MadoguchiSubjectHash', kind: 'MadoguchiDocumentKind' } as const;

const Binding = z.object({
  issuanceId: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/),
  requestId: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/),
  subjectHash: z.string().regex(/^[0-9a-f]{64}$/),
  kind: z.enum(DOCUMENT_KINDS).optional(),
});

/** The four facts the printer compares, from what a PDF carries (no kind written: a certificate). */
export function boundDocumentOf(b: DocumentBinding): BoundDocument {
  return { documentId: b.issuanceId, requestId: b.requestId, subjectHash: b.subjectHash, kind: b.kind ?? 'certificate' };
}

/** Info entries for a new document (plus Keywords, so any PDF viewer shows them). */
export function bindingInfo(b: DocumentBinding): Record<string, string> {
  const valid = Binding.parse(b);
  return {
    [KEYS.issuanceId]: valid.issuanceId,
    [KEYS.requestId]: valid.requestId,
    [KEYS.subjectHash]: valid.subjectHash,
    ...(valid.kind ? { [KEYS.kind]: valid.kind } : {}),
    Keywords: `issuance:${valid.issuanceId} request:${valid.requestId} subject:${valid.subjectHash}${valid.kind ? ` kind:${valid.kind}` : ''}`,
  };
}

/**
 * Reads the binding and the page count from PDF bytes. Throws KioskError 'input.invalid' when the
 * bytes are not a PDF or carry no (or a malformed) binding: such a file must never be printed.
 */
export function readDocumentBinding(pdf: Uint8Array): DocumentBinding & { pages: number } {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  if (!text.startsWith('%PDF-')) throw new KioskError('input.invalid', 'not a PDF file', { field: 'pdf' });
  // The values are ASCII identifiers, written directly — /MadoguchiRequestId (…) — or, as pdfkit
  // does, as indirect string objects: /MadoguchiRequestId 23 0 R … 23 0 obj (…) endobj.
  // A key written twice with different values (e.g. an appended update) counts as no binding.
  const read = (key: string) => {
    const values = new Set<string>();
    for (const m of text.matchAll(new RegExp(`/${key}\\s*(?:\\(([^()\\\\]*)\\)|(\\d+) 0 R)`, 'g'))) {
      const value = m[1] ?? new RegExp(`(?:^|\\s)${m[2]} 0 obj\\s*\\(([^()\\\\]*)\\)\\s*endobj`).exec(text)?.[1];
      values.add(value ?? '');
    }
    return values.size === 1 ? [...values][0] : undefined;
  };
  // A kind key present but unreadable (two values, an unknown word) is a malformed binding, not a certificate.
  const kindWritten = new RegExp(`/${KEYS.kind}[\\s(]`).test(text);
  const found = Binding.safeParse({ issuanceId: read(KEYS.issuanceId), requestId: read(KEYS.requestId), subjectHash: read(KEYS.subjectHash),
    kind: kindWritten ? (read(KEYS.kind) ?? '') : undefined });
  if (!found.success) throw new KioskError('input.invalid', 'the PDF carries no issuance binding', { field: 'pdf' });
  const pages = (text.match(/\/Type \/Page(?![s\w])/g) ?? []).length;
  if (pages === 0) throw new KioskError('input.invalid', 'the PDF has no pages', { field: 'pdf' });
  // No kind written: a certificate (the printer's check reads an absent kind as one).
  const { kind, ...ids } = found.data;
  return { ...ids, ...(kind ? { kind } : {}), pages };
}
