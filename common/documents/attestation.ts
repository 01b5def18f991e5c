// The anti-forgery attestation printed as a QR code on every page of a certificate: the facts that
// page prints (issuance, type, date, page x/y, address, each person's name/DOB/sex, the seal
// registration number) plus the municipality's ECDSA P-256 signature over them. A verifier decodes
// the QR from the page IMAGE, checks the signature with a trusted key, then checks that every signed
// fact is also what the page's text says. Pure: the line format and the comparison rules live here
// so the renderer and every verifier agree byte for byte.
import { formatWareki, parseCalendarDate } from '../domain/wareki';
import { CertificateType } from './types';

export const ATTESTATION_MAGIC = 'MDG1';

export interface AttestedPerson { name: string; dob: string; sex: '男' | '女' }

export interface PageAttestation {
  keyId: string;
  issuanceId: string;
  issuanceNumber: string;
  type: CertificateType;
  /** Issue date (Japan calendar date), YYYY-MM-DD. */
  issuedOn: string;
  page: number;
  pages: number;
  address: string;
  persons: AttestedPerson[];
  /** 印鑑登録番号, for the seal certificate. */
  registrationNumber?: string;
}

export type AttestationParseError = 'not_attestation' | 'malformed';

/** The exact bytes the municipality signs: every line of the QR text except the signature line. */
export function attestationMessage(a: PageAttestation): string {
  const lines = [ATTESTATION_MAGIC, a.keyId, a.issuanceId, a.issuanceNumber, a.type, a.issuedOn, `${a.page}/${a.pages}`, a.address];
  for (const p of a.persons) lines.push(`P:${p.name}|${p.dob}|${p.sex}`);
  if (a.registrationNumber !== undefined) lines.push(`R:${a.registrationNumber}`);
  return lines.join('\n');
}

/** The QR text: the message and a final `S:` line with the base64url signature (P1363 r‖s). */
export function encodeAttestation(a: PageAttestation, signature: Uint8Array): string {
  return `${attestationMessage(a)}\nS:${toBase64Url(signature)}`;
}

export function decodeAttestation(text: string): { attestation: PageAttestation; message: string; signature: Uint8Array } | { error: AttestationParseError } {
  const lines = text.split('\n');
  if (lines[0] !== ATTESTATION_MAGIC) return { error: 'not_attestation' };
  const sigLine = lines.at(-1) ?? '';
  if (lines.length < 10 || !sigLine.startsWith('S:')) return { error: 'malformed' };
  const [, keyId, issuanceId, issuanceNumber, type, issuedOn, pageOf, address] = lines as [string, string, string, string, string, string, string, string];
  const typed = CertificateType.safeParse(type);
  const pageMatch = /^(\d{1,3})\/(\d{1,3})$/.exec(pageOf);
  if (!typed.success || !pageMatch || !isDate(issuedOn)) return { error: 'malformed' };
  const persons: AttestedPerson[] = [];
  let registrationNumber: string | undefined;
  for (const line of lines.slice(8, -1)) {
    if (line.startsWith('P:')) {
      const [name, dob, sex] = line.slice(2).split('|');
      if (!name || !dob || !isDate(dob) || (sex !== '男' && sex !== '女')) return { error: 'malformed' };
      persons.push({ name, dob, sex });
    } else if (line.startsWith('R:') && registrationNumber === undefined) {
      registrationNumber = line.slice(2);
    } else {
      return { error: 'malformed' };
    }
  }
  const signature = fromBase64Url(sigLine.slice(2));
  if (!signature || persons.length === 0) return { error: 'malformed' };
  const attestation: PageAttestation = {
    keyId, issuanceId, issuanceNumber, type: typed.data, issuedOn,
    page: Number(pageMatch[1]), pages: Number(pageMatch[2]), address, persons,
    ...(registrationNumber !== undefined ? { registrationNumber } : {}),
  };
  return { attestation, message: lines.slice(0, -1).join('\n'), signature };
}

/** Each signed fact as the page must print it, for comparison with the page's extracted text. */
export function printedFacts(a: PageAttestation): { field: string; text: string }[] {
  const facts = [
    { field: 'issuanceNumber', text: a.issuanceNumber },
    { field: 'issuedOn', text: formatWareki(a.issuedOn, { withSeireki: true }) },
    { field: 'page', text: `${a.page}/${a.pages}` },
    { field: 'address', text: a.address },
  ];
  a.persons.forEach((p, i) => {
    facts.push({ field: `persons[${i}].name`, text: p.name });
    facts.push({ field: `persons[${i}].dob`, text: formatWareki(p.dob) });
  });
  if (a.registrationNumber !== undefined) facts.push({ field: 'registrationNumber', text: a.registrationNumber });
  return facts;
}

/**
 * Normal form for comparing signed facts with extracted page text: NFKC (full-width digits and
 * letters → ASCII, as printed or not) and no whitespace at all (line wrapping, 全角 spaces in names,
 * and the extractor's column spacing must not matter).
 */
export function normalizeForComparison(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

/** Signed facts that the page text does not contain (empty when the page matches its QR). */
export function missingFacts(a: PageAttestation, pageText: string): string[] {
  const page = normalizeForComparison(pageText);
  return printedFacts(a).filter((f) => !page.includes(normalizeForComparison(f.text))).map((f) => f.field);
}

function isDate(s: string): boolean {
  try {
    parseCalendarDate(s);
    return /^\d{4}-\d{2}-\d{2}$/.test(s);
  } catch {
    return false;
  }
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < chars; j++) out += B64URL[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const ch of text) {
    acc = (acc << 6) | B64URL.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
