// Offline verification of a certificate PDF, or of a hospital's 領収証 and 明細書 (their own QR kind,
// signed by the hospital): what is PRINTED is what is checked. Each page is
// rasterised (pdftoppm), its QR decoded from the pixels (jsQR), the signature checked against the
// trusted municipality keys, and every signed fact looked up in the page's text (pdftotext).
import { execFile } from 'node:child_process';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { decodeAttestation, missingFacts, type PageAttestation } from '../common/documents/attestation';
import { decodeHospitalAttestation, hospitalMissingFacts, isHospitalAttestation, type HospitalPageAttestation } from '../common/documents/hospital-attestation';
import { readDocumentBinding } from './binding';

const run = promisify(execFile);

export type VerifyFailure = 'not_pdf' | 'no_qr' | 'malformed_qr' | 'unknown_key' | 'bad_signature' | 'content_mismatch' | 'page_mismatch' | 'binding_mismatch'
  | 'text_unreadable';

export interface VerifyResult {
  ok: boolean;
  reason?: VerifyFailure;
  /** One line a person can act on, e.g. which page and which field. */
  detail?: string;
  /** Each page's signed facts: `attestation` for a certificate, `hospital` for a 領収証 / 明細書 page. */
  pages: { page: number; attestation: PageAttestation | null; hospital?: HospitalPageAttestation }[];
}

/** One page's QR, whatever kind of document signed it, reduced to what the checks need. */
interface DecodedPage {
  keyId: string;
  page: number;
  pages: number;
  /** Same on every page of one document. */
  documentKey: string;
  /** The id the PDF's binding must carry. */
  documentId: string;
  /** What a person reads as the document's number (交付番号 or 伝票番号). */
  number: string;
  message: string;
  signature: Uint8Array;
  missing(pageText: string): string[];
  entry: { attestation: PageAttestation | null; hospital?: HospitalPageAttestation };
}

function decodePage(qrText: string): DecodedPage | { error: string } {
  if (isHospitalAttestation(qrText)) {
    const h = decodeHospitalAttestation(qrText);
    if ('error' in h) return h;
    const a = h.attestation;
    return {
      keyId: a.keyId, page: a.page, pages: a.pages, documentKey: `H|${a.documentId}|${a.invoiceNumber}`, documentId: a.documentId,
      number: `伝票番号 ${a.invoiceNumber}`, message: h.message, signature: h.signature,
      missing: (text) => hospitalMissingFacts(a, text), entry: { attestation: null, hospital: a },
    };
  }
  const c = decodeAttestation(qrText);
  if ('error' in c) return c;
  const a = c.attestation;
  return {
    keyId: a.keyId, page: a.page, pages: a.pages, documentKey: `C|${a.issuanceId}|${a.issuanceNumber}`, documentId: a.issuanceId,
    number: a.issuanceNumber, message: c.message, signature: c.signature, missing: (text) => missingFacts(a, text), entry: { attestation: a },
  };
}

const fail = (reason: VerifyFailure, detail: string, pages: VerifyResult['pages']): VerifyResult => ({ ok: false, reason, detail, pages });

export async function verifyCertificatePdf(pdfPath: string, trustedKeys: Record<string, Uint8Array>): Promise<VerifyResult> {
  const bytes = await readFile(pdfPath);
  if (!bytes.subarray(0, 5).equals(Buffer.from('%PDF-'))) return fail('not_pdf', 'the file is not a PDF', []);
  const dir = await mkdtemp(join(tmpdir(), 'madoguchi-verify-'));
  try {
    // The bottom-left 30 % × 40 % of an A4 page at 200 dpi: where the layout prints the QR.
    const images = await rasterise(pdfPath, dir, 'qr', ['-r', '200', '-x', '0', '-y', '1633', '-W', '667', '-H', '706']);
    if (images.length === 0) return fail('not_pdf', 'the PDF has no readable pages', []);
    const pages: VerifyResult['pages'] = [];
    const unreadablePages: number[] = [];
    let first: DecodedPage | null = null;
    for (let i = 0; i < images.length; i++) {
      const page = i + 1;
      const qrText = (await decodeQr(images[i]!)) ?? (await decodeQrFullPage(pdfPath, dir, page));
      if (qrText === null) return fail('no_qr', `page ${page}: no verification QR code found`, pages);
      const decoded = decodePage(qrText);
      if ('error' in decoded) return fail('malformed_qr', `page ${page}: the QR code is not a certificate or hospital receipt attestation (${decoded.error})`, pages);
      pages.push({ page, ...decoded.entry });
      const spki = trustedKeys[decoded.keyId];
      if (!spki) return fail('unknown_key', `page ${page}: signed with key '${decoded.keyId}', which is not a trusted document key`, pages);
      const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
      const good = nodeVerify('sha256', Buffer.from(decoded.message, 'utf8'), { key, dsaEncoding: 'ieee-p1363' }, decoded.signature);
      if (!good) return fail('bad_signature', `page ${page}: the QR code's signature does not verify with key '${decoded.keyId}'`, pages);
      if (decoded.page !== page || decoded.pages !== images.length) return fail('page_mismatch', `page ${page} of ${images.length} carries the QR of page ${decoded.page}/${decoded.pages}`, pages);
      first ??= decoded;
      if (decoded.documentKey !== first.documentKey) return fail('page_mismatch', `page ${page} belongs to another document (${decoded.number})`, pages);
      const { stdout } = await run('pdftotext', ['-raw', '-f', String(page), '-l', String(page), '-enc', 'UTF-8', pdfPath, '-'], { maxBuffer: 8 << 20 });
      const missing = decoded.missing(stdout);
      if (missing.length > 0 && textIsUnreadable(stdout)) {
        // A copy re-distilled by a print spooler (CUPS → PostScript → Ghostscript) or a scan keeps
        // the page image but not its text. The signature still proves the QR's facts; only a person
        // can compare them with the page now, so this is its own verdict, never "genuine".
        unreadablePages.push(page);
        continue;
      }
      if (missing.length > 0) return fail('content_mismatch', `page ${page}: the printed text does not match the signed QR (${missing.join(', ')})`, pages);
    }
    const binding = safeBinding(bytes);
    if (binding && first && binding.issuanceId !== first.documentId) return fail('binding_mismatch', `the file is bound to document ${binding.issuanceId} but its pages attest ${first.documentId}`, pages);
    if (unreadablePages.length > 0) {
      return fail('text_unreadable', `page(s) ${unreadablePages.join(', ')}: every QR code is genuine, but the page text cannot be read by machine (a re-distilled or scanned copy): compare the signed facts with the paper by eye`, pages);
    }
    return { ok: true, pages };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * True when a page's extracted text has no Japanese at all. Every certificate page prints kana and
 * kanji (title, labels, certifying sentence), so their total absence means the text layer is gone
 * (fonts re-encoded without a Unicode map), not that someone changed a field.
 */
function textIsUnreadable(pageText: string): boolean {
  return !/[\u3040-\u30ff\u3400-\u9fff]/u.test(pageText);
}

function safeBinding(bytes: Uint8Array): { issuanceId: string } | null {
  try {
    return readDocumentBinding(bytes);
  } catch {
    return null;
  }
}

/** Renders every page (greyscale PNG) and returns the image paths in page order. */
async function rasterise(pdfPath: string, dir: string, prefix: string, args: string[]): Promise<string[]> {
  try {
    await run('pdftoppm', ['-gray', '-png', ...args, pdfPath, join(dir, prefix)], { maxBuffer: 1 << 20 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('pdftoppm not found: install poppler-utils', { cause: err });
    return [];
  }
  const files = (await readdir(dir)).filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'));
  const pageOf = (f: string) => Number(/-(\d+)\.png$/.exec(f)?.[1] ?? 0);
  return files.sort((a, b) => pageOf(a) - pageOf(b)).map((f) => join(dir, f));
}

async function decodeQr(pngPath: string): Promise<string | null> {
  const png = PNG.sync.read(await readFile(pngPath));
  const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height, { inversionAttempts: 'dontInvert' });
  if (!found) return null;
  // jsQR returns byte-mode data as Latin-1 text when it cannot tell the encoding: use the raw bytes.
  return new TextDecoder('utf-8', { fatal: false }).decode(Uint8Array.from(found.binaryData));
}

/** Fallback when the QR is not where our layout puts it: search the whole page at 200 dpi. */
async function decodeQrFullPage(pdfPath: string, dir: string, page: number): Promise<string | null> {
  const [image] = await rasterise(pdfPath, dir, `full${page}`, ['-r', '200', '-f', String(page), '-l', String(page)]);
  return image ? decodeQr(image) : null;
}
