// Wire shapes of the certificate service (zod → backoffice/openapi.json).
import { z } from 'zod';
import { Id, KioskId } from '../schemas';
import { CertificatesConfig } from './config';

export const CertificateTypeSchema = z.enum(['juminhyo', 'kisai', 'inkan']);
export const Refusal = z.object({ reason: z.string(), where: z.string() });

export const CatalogResponse = z.object({
  entries: z.array(z.object({
    type: CertificateTypeSchema, label: z.string(), fee: z.number().int(),
    options: z.array(z.object({ key: z.string(), label: z.string(), default: z.boolean() })),
    scopes: z.array(z.enum(['self', 'household', 'members'])), available: z.boolean(), refusal: Refusal.optional(),
  })),
  household: z.array(z.object({ residentId: Id, name: z.string(), relationship: z.string() })),
});

export const IssuanceRequest = z.object({
  kioskId: KioskId,
  requestId: z.uuid(),
  type: CertificateTypeSchema,
  scope: z.enum(['self', 'household', 'members']),
  memberIds: z.array(Id).max(20).default([]),
  options: z.partialRecord(z.enum(['householdHead', 'honseki', 'myNumber']), z.boolean()).default({}),
  layout: z.enum(['household', 'individual']).optional(),
  copies: z.number().int().min(1).max(10),
});

export const IssuanceResponse = z.object({
  requestId: z.uuid(),
  issuanceId: Id,
  issuanceNumber: z.string(),
  fee: z.number().int(),
  summary: z.array(z.string()),
  subjectHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The IssuanceDocument (common/documents/types.ts) the PDF renders. */
  document: z.looseObject({ issuanceId: z.string(), requestId: z.string(), subjectHash: z.string(), copies: z.number().int() }),
  /** The municipality-signed PDF, bound to requestId/issuanceId/subjectHash in its metadata. */
  pdfBase64: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/),
});

export const CertificatesConfigResponse = CertificatesConfig;

/** Staff confirmed nothing usable came out of a held print: the kiosk asks for the same issuance again. */
export const ReprintRequest = z.object({
  kioskId: KioskId,
  requestId: z.uuid(),
  /** The kiosk's id for this reprint (also its Idempotency-Key): a retry records it once. */
  reprintId: z.uuid(),
  /** What staff saw at the printer (audit). */
  staffNote: z.string().trim().min(1).max(200),
});

export const ReprintResponse = IssuanceResponse.extend({
  reprint: z.object({
    reprintId: z.uuid(),
    /** How many reprints this issuance has had, this one included. */
    count: z.number().int().min(1),
    /** The fee of a reprint: always 0 (the original fee was paid once). */
    fee: z.literal(0),
  }),
});
