// Bytes ↔ XML text for the eligibility files. The encoding is decided from the XML declaration,
// else from CharacterCodeIdentifier (0 UTF-8, 1 Shift_JIS), else UTF-8. Decoding is strict (a byte
// sequence that is not valid in its encoding is refused, never replaced); encoding to Shift_JIS
// refuses a character that has no Shift_JIS form instead of writing '?'.
// Shift_JIS here is what Japanese Windows writes under that name (Windows-31J / CP932).
import iconv from 'iconv-lite';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { KioskError } from '../errors';
import type { XmlEncoding } from './result';

const SJIS_LABELS = new Set(['shift_jis', 'shift-jis', 'sjis', 'x-sjis', 'windows-31j', 'cp932', 'ms_kanji']);
const UTF8_LABELS = new Set(['utf-8', 'utf8']);

/** CharacterCodeIdentifier for an encoding, and back. */
export const CHARACTER_CODE: Record<XmlEncoding, '0' | '1'> = { 'UTF-8': '0', Shift_JIS: '1' };

function asciiHead(bytes: Uint8Array, max: number): string {
  let s = '';
  for (let i = 0; i < Math.min(bytes.length, max); i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

export function detectEncoding(bytes: Uint8Array): XmlEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'UTF-8';
  const head = asciiHead(bytes, 200);
  const decl = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(head);
  if (decl) {
    const label = decl[1]!.toLowerCase();
    if (SJIS_LABELS.has(label)) return 'Shift_JIS';
    if (UTF8_LABELS.has(label)) return 'UTF-8';
    throw new KioskError('input.invalid', `the XML declares an encoding this exchange does not use: ${decl[1]}`, { field: 'encoding' });
  }
  // Element names are ASCII in both encodings, so the identifier can be found before decoding.
  const id = /<CharacterCodeIdentifier>\s*([01])\s*</.exec(asciiHead(bytes, 4096));
  return id?.[1] === '1' ? 'Shift_JIS' : 'UTF-8';
}

/** A result of a few persons is a few kilobytes; anything near this is not one. */
export const MAX_XML_BYTES = 1_000_000;

export function decodeXml(bytes: Uint8Array): { xml: string; encoding: XmlEncoding } {
  if (!(bytes instanceof Uint8Array)) throw new KioskError('input.invalid', 'the XML must be bytes', { field: 'xml' });
  if (bytes.length > MAX_XML_BYTES) throw new KioskError('input.invalid', `the XML is larger than ${MAX_XML_BYTES} bytes`, { field: 'xml' });
  const encoding = detectEncoding(bytes);
  try {
    const xml = new TextDecoder(encoding === 'UTF-8' ? 'utf-8' : 'shift_jis', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { xml, encoding };
  } catch (err) {
    throw new KioskError('input.invalid', `the XML is not valid ${encoding}`, { field: 'encoding' }, { cause: err });
  }
}

export function encodeXml(xml: string, encoding: XmlEncoding): Uint8Array {
  if (encoding === 'UTF-8') return new TextEncoder().encode(xml);
  const bytes = new Uint8Array(iconv.encode(xml, 'Shift_JIS'));
  if (new TextDecoder('shift_jis').decode(bytes) !== xml) {
    const bad = [...xml].find((c) => new TextDecoder('shift_jis').decode(iconv.encode(c, 'Shift_JIS')) !== c);
    throw new KioskError('input.invalid', `a character has no Shift_JIS form: ${bad ?? '?'}`, { field: 'encoding' });
  }
  return bytes;
}

/** Blocks that may repeat: always arrays, even with one entry. */
const REPEATING = new Set([
  'ResultOfQualificationConfirmation', 'SpecificDiseasesCertificateInfo', 'PublicExpenseCertificateInfo', 'ReferenceNumberRegistrationInfo',
]);

/** Parse XML text into plain objects; element values stay strings exactly as written (no trimming, no numbers). */
export function parseXmlTree(xml: string): Record<string, unknown> {
  // No eligibility file has a DTD; refusing one keeps entity expansion out of the parser's reach.
  if (/<!DOCTYPE/i.test(xml)) throw new KioskError('input.invalid', 'the XML carries a DOCTYPE', { field: 'xml' });
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new KioskError('input.invalid', `the XML is malformed (line ${valid.err.line}): ${valid.err.msg}`, { field: 'xml' });
  }
  const parser = new XMLParser({
    ignoreAttributes: true, ignoreDeclaration: true, ignorePiTags: true, trimValues: false, parseTagValue: false,
    processEntities: true, isArray: (name) => REPEATING.has(name),
  });
  return parser.parse(xml) as Record<string, unknown>;
}

export function buildXmlText(tree: Record<string, unknown>, encoding: XmlEncoding): string {
  const builder = new XMLBuilder({ format: true, indentBy: '    ', suppressEmptyNode: false, processEntities: true });
  return `<?xml version="1.0" encoding="${encoding}" standalone="no"?>\n${builder.build(tree) as string}`;
}
