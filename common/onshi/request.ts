// The request files the clinic's system drops into the terminal's req folder:
// the number-based check (QualificationConfirmSearchInfo, kiosk-domain.md §3.1) and the 照会番号
// batch registration (CHOSEN.referenceRegistrationList, our names). Both ways, either encoding.
import { z } from 'zod';
import { KioskError } from '../errors';
import { BLOCKS, CHOSEN, REFERENCE_REGISTRATION_ELEMENTS, ROOT, SEARCH_ELEMENTS } from './elements';
import type { XmlEncoding } from './result';
import { messageOf } from './result-xml';
import { blockOf, entriesOf, leavesOf, leavesTree } from './tree';
import { buildXmlText, CHARACTER_CODE, decodeXml, encodeXml, parseXmlTree } from './xml-codec';

const ymd = z.string().regex(/^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/, 'yyyyMMdd');

/** 保険者番号: 8 digits, or 6 (国民健康保険) optionally left-padded with spaces to 8 as the terminal writes it. */
const insurerNumber = z.string().regex(/^(\d{8}|\s{0,2}\d{6})$/, '8 digits, or 6 for 国保');

export const RequestHeaderSchema = z.object({
  QualificationConfirmationDate: ymd,
  MedicalInstitutionCode: z.string().regex(/^\d{10}$/, '10 digits'),
  ArbitraryFileIdentifier: z.string().regex(/^[A-Za-z0-9+/=_-]{1,64}$/, 'up to 64 letters, digits or +/=_-'),
});
export type RequestHeader = z.infer<typeof RequestHeaderSchema>;

export const InsuredNumbersSchema = z.object({
  InsurerNumber: insurerNumber,
  InsuredCardSymbol: z.string().max(38),
  InsuredIdentificationNumber: z.string().min(1).max(38),
  InsuredBranchNumber: z.string().regex(/^\d{2}$/, '2 digits').optional(),
  Birthdate: ymd,
});
export type InsuredNumbers = z.infer<typeof InsuredNumbersSchema>;

export const QualificationConfirmRequestSchema = z.object({
  header: RequestHeaderSchema,
  search: InsuredNumbersSchema.extend({ LimitApplicationCertificateRelatedConsFlg: z.enum(['0', '1']).optional() }),
});
export type QualificationConfirmRequest = z.infer<typeof QualificationConfirmRequestSchema>;

export const ReferenceRegistrationRequestSchema = z.object({
  header: RequestHeaderSchema,
  entries: z.array(InsuredNumbersSchema.extend({ [CHOSEN.referenceNumber]: z.string().regex(/^[0-9A-Za-z-]{1,20}$/, '1–20 letters or digits') }))
    .min(1).max(1000),
});
export type ReferenceRegistrationRequest = z.infer<typeof ReferenceRegistrationRequestSchema>;

function checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new KioskError('input.invalid', `${what}: ${issue?.path.join('/')}: ${issue?.message}`, { field: String(issue?.path.at(-1) ?? what) });
}

const HEADER_NAMES = ['QualificationConfirmationDate', 'MedicalInstitutionCode', 'ArbitraryFileIdentifier'] as const;

function headerTree(h: RequestHeader, encoding: XmlEncoding) {
  return { ...leavesTree(h, HEADER_NAMES), CharacterCodeIdentifier: CHARACTER_CODE[encoding] };
}

export function buildQualificationRequest(req: QualificationConfirmRequest, encoding: XmlEncoding): Uint8Array {
  const r = checked(QualificationConfirmRequestSchema, req, 'qualification request');
  const tree = { [ROOT]: { MessageHeader: headerTree(r.header, encoding), MessageBody: { [BLOCKS.searchInfo]: leavesTree(r.search, SEARCH_ELEMENTS) } } };
  return encodeXml(buildXmlText(tree, encoding), encoding);
}

/** Throws 'input.invalid' naming what is wrong (the terminal answers such a file with an error result). */
export function parseQualificationRequest(bytes: Uint8Array): QualificationConfirmRequest & { encoding: XmlEncoding } {
  const { xml, encoding } = decodeXml(bytes);
  const { header, body } = messageOf(parseXmlTree(xml));
  const search = blockOf(body, BLOCKS.searchInfo, `${ROOT}/MessageBody`);
  if (!search) throw new KioskError('input.invalid', `the request has no ${BLOCKS.searchInfo}`, { field: BLOCKS.searchInfo });
  const req = checked(QualificationConfirmRequestSchema, {
    header: leavesOf(header, HEADER_NAMES, 'MessageHeader'), search: leavesOf(search, SEARCH_ELEMENTS, BLOCKS.searchInfo),
  }, 'qualification request');
  return { ...req, encoding };
}

export function buildReferenceRegistrationRequest(req: ReferenceRegistrationRequest, encoding: XmlEncoding): Uint8Array {
  const r = checked(ReferenceRegistrationRequestSchema, req, 'reference registration');
  const list = { [CHOSEN.referenceRegistrationInfo]: r.entries.map((e) => leavesTree(e, REFERENCE_REGISTRATION_ELEMENTS)) };
  const tree = { [ROOT]: { MessageHeader: headerTree(r.header, encoding), MessageBody: { [CHOSEN.referenceRegistrationList]: list } } };
  return encodeXml(buildXmlText(tree, encoding), encoding);
}

export function parseReferenceRegistrationRequest(bytes: Uint8Array): ReferenceRegistrationRequest & { encoding: XmlEncoding } {
  const { xml, encoding } = decodeXml(bytes);
  const { header, body } = messageOf(parseXmlTree(xml));
  const list = blockOf(body, CHOSEN.referenceRegistrationList, `${ROOT}/MessageBody`);
  const entries = entriesOf(list, CHOSEN.referenceRegistrationInfo, CHOSEN.referenceRegistrationList)
    .map((e) => leavesOf(e, REFERENCE_REGISTRATION_ELEMENTS, CHOSEN.referenceRegistrationInfo));
  const req = checked(ReferenceRegistrationRequestSchema, { header: leavesOf(header, HEADER_NAMES, 'MessageHeader'), entries }, 'reference registration');
  return { ...req, encoding };
}

/**
 * The person key of the number-based check and of 照会番号 registration: 保険者番号+記号+番号+枝番
 * (spaces of the padded 保険者番号 ignored). Never a certificate serial: it survives card renewal.
 */
export function insuredPersonKey(n: Pick<InsuredNumbers, 'InsurerNumber' | 'InsuredCardSymbol' | 'InsuredIdentificationNumber' | 'InsuredBranchNumber'>): string {
  return [n.InsurerNumber.trim(), n.InsuredCardSymbol.trim(), n.InsuredIdentificationNumber.trim(), (n.InsuredBranchNumber ?? '').trim()].join('|');
}
