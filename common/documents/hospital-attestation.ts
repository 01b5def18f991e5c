// The signed QR on every page of the hospital's 領収証 and 診療明細書: the page's facts (which document,
// 伝票番号, patient ID, 診療日, 発行日, 領収額, 総点, page x/y, reprint or not) and the hospital's ECDSA
// P-256 signature over them. Same scheme as the certificates' attestation (attestation.ts) with its own
// magic, so a receipt's QR can never pass for a certificate's or the reverse. A verifier decodes the
// QR from the page image, checks the signature with a trusted hospital key, then checks that the
// page's text prints every signed fact. Pure: the renderer and every verifier agree byte for byte.
import { formatWareki, parseCalendarDate } from '../domain/wareki';
import { fromBase64Url, normalizeForComparison, toBase64Url } from './attestation';

export const HOSPITAL_ATTESTATION_MAGIC = 'MDH1';

/** Which paper the page is: the 領収証 or a page of the 診療明細書. */
export type HospitalDocumentPart = 'receipt' | 'statement';
export const HOSPITAL_DOCUMENT_TITLES: Record<HospitalDocumentPart, string> = { receipt: '領収証', statement: '診療明細書' };

export interface HospitalPageAttestation {
  keyId: string;
  part: HospitalDocumentPart;
  /** The document's id (its binding's documentId, printed in the footer). */
  documentId: string;
  invoiceNumber: string;
  patientId: string;
  /** 診療日 and 発行日 (Japan calendar dates), YYYY-MM-DD. */
  performedOn: string;
  issuedOn: string;
  /** 領収額 and 総点. */
  received: number;
  totalPoints: number;
  page: number;
  pages: number;
  reprint: boolean;
}

/** The exact bytes the hospital signs: every line of the QR text except the signature line. */
export function hospitalAttestationMessage(a: HospitalPageAttestation): string {
  return [HOSPITAL_ATTESTATION_MAGIC, a.keyId, a.part, a.documentId, a.invoiceNumber, a.patientId, a.performedOn, a.issuedOn,
    String(a.received), String(a.totalPoints), `${a.page}/${a.pages}`, a.reprint ? 'R:1' : 'R:0'].join('\n');
}

/** The QR text: the message and a final `S:` line with the base64url signature (P1363 r‖s). */
export function encodeHospitalAttestation(a: HospitalPageAttestation, signature: Uint8Array): string {
  return `${hospitalAttestationMessage(a)}\nS:${toBase64Url(signature)}`;
}

export function isHospitalAttestation(text: string): boolean {
  return text.startsWith(`${HOSPITAL_ATTESTATION_MAGIC}\n`);
}

export function decodeHospitalAttestation(text: string):
  { attestation: HospitalPageAttestation; message: string; signature: Uint8Array } | { error: 'not_attestation' | 'malformed' } {
  const lines = text.split('\n');
  if (lines[0] !== HOSPITAL_ATTESTATION_MAGIC) return { error: 'not_attestation' };
  if (lines.length !== 13 || !lines[12]!.startsWith('S:')) return { error: 'malformed' };
  const [, keyId, part, documentId, invoiceNumber, patientId, performedOn, issuedOn, received, totalPoints, pageOf, reprint] = lines as string[] as [
    string, string, string, string, string, string, string, string, string, string, string, string];
  const pageMatch = /^(\d{1,3})\/(\d{1,3})$/.exec(pageOf);
  const wellFormed = keyId !== '' && (part === 'receipt' || part === 'statement') && /^[A-Za-z0-9._:-]{1,100}$/.test(documentId)
    && /^[0-9]{1,10}$/.test(invoiceNumber) && /^[0-9A-Za-z-]{1,20}$/.test(patientId) && isDate(performedOn) && isDate(issuedOn)
    && /^\d{1,9}$/.test(received) && /^\d{1,8}$/.test(totalPoints) && pageMatch !== null && (reprint === 'R:1' || reprint === 'R:0');
  const signature = fromBase64Url(lines[12]!.slice(2));
  if (!wellFormed || !signature) return { error: 'malformed' };
  return {
    attestation: {
      keyId, part, documentId, invoiceNumber, patientId, performedOn, issuedOn, received: Number(received), totalPoints: Number(totalPoints),
      page: Number(pageMatch[1]), pages: Number(pageMatch[2]), reprint: reprint === 'R:1',
    },
    message: lines.slice(0, -1).join('\n'),
    signature,
  };
}

/** ¥1,234 as the documents print amounts and points: digits grouped by 3. */
export function grouped(n: number): string {
  return n.toLocaleString('en-US');
}

/** Each signed fact as the page prints it, for comparison with the page's extracted text. */
export function hospitalPrintedFacts(a: HospitalPageAttestation): { field: string; text: string }[] {
  const facts = [
    { field: 'title', text: HOSPITAL_DOCUMENT_TITLES[a.part] },
    { field: 'invoiceNumber', text: `伝票番号 ${a.invoiceNumber}` },
    { field: 'patientId', text: `患者ID ${a.patientId}` },
    { field: 'performedOn', text: `診療日 ${formatWareki(a.performedOn)}` },
    { field: 'issuedOn', text: `発行日 ${formatWareki(a.issuedOn)}` },
    { field: 'received', text: `領収額 ${grouped(a.received)}円` },
    { field: 'totalPoints', text: `総点 ${grouped(a.totalPoints)}点` },
    { field: 'page', text: `${a.page}/${a.pages}頁` },
    { field: 'documentId', text: `文書ID ${a.documentId}` },
  ];
  if (a.reprint) facts.push({ field: 'reprint', text: '【再発行】' });
  return facts;
}

/**
 * Signed facts the page text does not print (empty when the page matches its QR). A page that
 * says 【再発行】 under a QR signed as an original is a mismatch too: the mark cannot be added.
 */
export function hospitalMissingFacts(a: HospitalPageAttestation, pageText: string): string[] {
  const page = normalizeForComparison(pageText);
  const missing = hospitalPrintedFacts(a).filter((f) => !page.includes(normalizeForComparison(f.text))).map((f) => f.field);
  if (!a.reprint && page.includes(normalizeForComparison('【再発行】'))) missing.push('reprint');
  return missing;
}

function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  try {
    parseCalendarDate(s);
    return true;
  } catch {
    return false;
  }
}
