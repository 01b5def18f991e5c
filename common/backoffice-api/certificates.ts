// The certificate service on the wire (backoffice/certificates ↔ electron/services/issuance): what a
// holder may request (catalog), one request and its answer, a staff reprint. The kiosk's UI contract
// (common/api/issuance-schemas.ts) derives its shapes from these.
import { z } from 'zod';
import { COPIES, MAX_HOUSEHOLD_MEMBERS } from './limits';
import { Base64, Id, KioskId, Sha256Hex, Yen } from './primitives';
import { Refusal } from './refusals';

/** 住民票の写し, 住民票記載事項証明書, 印鑑登録証明書. */
export const CertificateType = z.enum(['juminhyo', 'kisai', 'inkan']);
export type CertificateType = z.infer<typeof CertificateType>;
/** Whom a 住民票 covers: the holder, the whole household, or chosen members. */
export const Scope = z.enum(['self', 'household', 'members']);
export type Scope = z.infer<typeof Scope>;
export const Layout = z.enum(['household', 'individual']);
export type Layout = z.infer<typeof Layout>;
/** Items a 住民票 may print on request: 世帯主・続柄, 本籍・筆頭者, 個人番号. */
export const CertificateOption = z.enum(['householdHead', 'honseki', 'myNumber']);
export type CertificateOption = z.infer<typeof CertificateOption>;

export const Copies = z.number().int().min(COPIES.min).max(COPIES.max);
export const MemberIds = z.array(Id).max(MAX_HOUSEHOLD_MEMBERS);
export const CertificateOptions = z.partialRecord(CertificateOption, z.boolean());

export const HouseholdMember = z.object({ residentId: Id, name: z.string().max(120), relationship: z.string().max(40) });

export const CatalogEntry = z.object({
  type: CertificateType,
  label: z.string().max(120),
  fee: Yen,
  options: z.array(z.object({ key: CertificateOption, label: z.string().max(120), default: z.boolean() })).max(CertificateOption.options.length),
  scopes: z.array(Scope).max(Scope.options.length),
  available: z.boolean(),
  refusal: Refusal.optional(),
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;

export const Catalog = z.object({
  entries: z.array(CatalogEntry).max(CertificateType.options.length),
  household: z.array(HouseholdMember).max(MAX_HOUSEHOLD_MEMBERS),
});
export type Catalog = z.infer<typeof Catalog>;

/** What the resident chose: the same shape on the screen, in the kiosk service and at the back office. */
export const CertificateChoice = z.object({
  type: CertificateType,
  scope: Scope,
  memberIds: MemberIds.optional(),
  options: CertificateOptions,
  layout: Layout.optional(),
  copies: Copies,
});
export type CertificateChoice = z.infer<typeof CertificateChoice>;

export const IssuanceRequest = z.object({
  kioskId: KioskId,
  requestId: z.uuid(),
  ...CertificateChoice.shape,
  memberIds: MemberIds.default([]),
  options: CertificateOptions.default({}),
});
export type IssuanceRequest = z.input<typeof IssuanceRequest>;

export const IssuanceAnswer = z.object({
  requestId: z.uuid(),
  issuanceId: Id,
  issuanceNumber: z.string(),
  fee: Yen,
  summary: z.array(z.string()),
  subjectHash: Sha256Hex,
  /** The IssuanceDocument (common/documents/types.ts) the PDF renders. */
  document: z.looseObject({ issuanceId: z.string(), requestId: z.string(), subjectHash: z.string(), copies: z.number().int() }),
  /** The municipality-signed PDF, bound to requestId/issuanceId/subjectHash in its metadata. */
  pdfBase64: Base64.min(1),
});
export type IssuanceAnswer = z.infer<typeof IssuanceAnswer>;

/** Staff confirmed nothing usable came out of a held print: the kiosk asks for the same issuance again. */
export const ReprintRequest = z.object({
  kioskId: KioskId,
  requestId: z.uuid(),
  /** The kiosk's id for this reprint (also its Idempotency-Key): a retry records it once. */
  reprintId: z.uuid(),
  /** What staff saw at the printer (audit). */
  staffNote: z.string().trim().min(1).max(200),
});

export const ReprintAnswer = IssuanceAnswer.extend({
  reprint: z.object({
    reprintId: z.uuid(),
    /** How many reprints this issuance has had, this one included. */
    count: z.number().int().min(1),
    /** The fee of a reprint: always 0 (the original fee was paid once). */
    fee: z.literal(0),
  }),
});
export type ReprintAnswer = z.infer<typeof ReprintAnswer>;
