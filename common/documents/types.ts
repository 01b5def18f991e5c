// What the municipality certifies for ONE issuance request, as zod schemas + inferred types. The back
// office builds an IssuanceDocument, the templates render it, the kiosk checks the binding before it
// prints. Pure: shared by the back office, the main process and the renderer (summaries).
import { z } from 'zod';
import { CertificateType, Copies, Layout, MAX_HOUSEHOLD_MEMBERS } from '../backoffice-api';
import { formatWareki } from '../domain/wareki';

// The certificate type is the back office's vocabulary (common/backoffice-api/certificates.ts).
export { CertificateType };

export const CERTIFICATE_TITLES: Record<CertificateType, string> = {
  juminhyo: '住民票の写し',
  kisai: '住民票記載事項証明書',
  inkan: '印鑑登録証明書',
};

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').refine((s) => {
  try {
    formatWareki(s); // a real calendar date with a printable era
    return true;
  } catch {
    return false;
  }
}, 'a calendar date from 1873 on');
const IsoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'ISO timestamp');
// Printed text: no control characters (they would corrupt the layout and the QR's line format).
const Printed = (max: number) => z.string().min(1).max(max).regex(/^[^\p{Cc}|]*$/u, 'printable text without | or control characters');
const Id = z.string().min(1).max(100).regex(/^[A-Za-z0-9._:-]+$/, 'identifier');

export const Municipality = z.object({
  code: z.string().regex(/^\d{6}$/, '6-digit 全国地方公共団体コード'),
  prefecture: Printed(10),
  name: Printed(20), // e.g. 清瀬市
  mayorTitle: Printed(10), // 市長
  mayorName: Printed(30),
  /** 職務代理者: the deputy's own post (e.g. 副市長) and name; printed 「〇〇市長職務代理者 副市長 氏名」. */
  deputy: z.object({ title: Printed(30), name: Printed(30) }).optional(),
  /** How the municipality ends its certifying sentences: 「証明する。」 (default) or 「証明します。」. */
  closing: z.enum(['する', 'します']).optional(),
});
export type Municipality = z.infer<typeof Municipality>;

export const PersonEntry = z.object({
  residentId: Id,
  name: Printed(40),
  /** null: the reading is not confirmed yet → printed as 「******」 (the 2025-05-26 rule). */
  nameKana: Printed(60).nullable(),
  oldName: Printed(40).optional(),
  dob: IsoDate,
  sex: z.enum(['男', '女']),
  relationship: Printed(20).optional(), // 続柄, only with the option
  becameResidentOn: IsoDate,
  addressSince: IsoDate,
  previousAddress: Printed(120).optional(),
  notifiedOn: IsoDate.optional(),
  honseki: z.object({ honseki: Printed(120), hittosha: Printed(40) }).optional(), // only with the option
  myNumber: z.string().regex(/^\d{12}$/).optional(), // only where allowed AND requested
  foreign: z
    .object({
      nationality: Printed(40),
      residenceStatus: Printed(40),
      periodOfStay: Printed(20),
      expiry: IsoDate,
      cardNumber: z.string().regex(/^[A-Z]{2}\d{8}[A-Z]{2}$/).optional(),
      class30_45: Printed(40),
    })
    .optional(),
});
export type PersonEntry = z.infer<typeof PersonEntry>;

export const ResidentCertificateData = z.object({
  type: CertificateType.extract(['juminhyo', 'kisai']),
  layout: Layout,
  address: Printed(120),
  householdHead: Printed(40),
  wholeHousehold: z.boolean(),
  members: z.array(PersonEntry).min(1).max(MAX_HOUSEHOLD_MEMBERS),
  remarks: z.array(Printed(200)).max(10),
});
export type ResidentCertificateData = z.infer<typeof ResidentCertificateData>;

export const SealCertificateData = z.object({
  type: z.literal(CertificateType.enum.inkan),
  name: Printed(40),
  nameKana: Printed(60).nullable(),
  dob: IsoDate,
  sex: z.enum(['男', '女']),
  address: Printed(120),
  registrationNumber: z.string().regex(/^[0-9A-Za-z-]{1,20}$/),
  sealImagePngBase64: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).max(400_000),
  remarks: z.array(Printed(200)).max(10),
});
export type SealCertificateData = z.infer<typeof SealCertificateData>;

export const IssuanceDocument = z.object({
  issuanceId: Id,
  requestId: Id,
  kioskId: Id,
  issuanceNumber: z.string().regex(/^[0-9A-Za-z-]{1,24}$/),
  municipality: Municipality,
  issuedAt: IsoInstant,
  copies: Copies,
  requesterResidentId: Id,
  /** sha256 hex over requester + subject resident ids + type: binds the document to its request. */
  subjectHash: z.string().regex(/^[0-9a-f]{64}$/),
  data: z.discriminatedUnion('type', [ResidentCertificateData, SealCertificateData]),
});
export type IssuanceDocument = z.infer<typeof IssuanceDocument>;

export const ReceiptData = z.object({
  issuanceId: Id,
  issuanceNumber: z.string().regex(/^[0-9A-Za-z-]{1,24}$/),
  municipality: Municipality,
  kioskId: Id,
  items: z.array(z.object({ label: Printed(40), copies: Copies, unitFee: z.number().int().min(0).max(100_000) })).min(1).max(10),
  total: z.number().int().min(0),
  paidBy: z.enum(['cash', 'ic']),
  change: z.number().int().min(0),
  issuedAt: IsoInstant,
  /** Set on a reprint: the issuance id of the original, printed as 「再発行」. */
  reprintOf: Id.optional(),
});
export type ReceiptData = z.infer<typeof ReceiptData>;

/** The subject hash both sides compute: sha256 hex over requester + sorted subject ids + type. */
export function subjectHashInput(requesterResidentId: string, subjectResidentIds: string[], type: CertificateType): string {
  return [requesterResidentId, [...subjectResidentIds].sort().join(','), type].join('|');
}

/** Canonical subject ids of a document (what subjectHash covers). */
export function subjectResidentIds(doc: IssuanceDocument): string[] {
  return doc.data.type === 'inkan' ? [doc.requesterResidentId] : doc.data.members.map((m) => m.residentId);
}
