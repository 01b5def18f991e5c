// The events a kiosk's outbox sends to POST /v1/sync/events: their kinds and payloads. The kiosk's
// issuance state machine produces them (one per state change, one per note); the back office checks
// each payload by kind before it moves a record. Kinds the back office does not know are kept as
// they are and move nothing.
import { z } from 'zod';
import { BILLING_EVENT_PAYLOADS } from './billing';
import { DESK_EVENT_PAYLOADS, ReceptionDeskFacts } from './desk';
import { KioskId } from './primitives';

/** A certificate request's states on the kiosk (electron/services/issuance/state-machine.ts). */
export const IssuanceState = z.enum(['requested', 'authorized', 'paid', 'printing', 'printed', 'synced', 'held', 'failed', 'refunded', 'voided']);
export type IssuanceState = z.infer<typeof IssuanceState>;

/** Audited events that change no state (the receipt printed or not, a staff reprint asked or refused). */
export const CertificateNote = z.enum(['receipt_printed', 'receipt_failed', 'reprint_requested', 'reprint_refused']);
export type CertificateNote = z.infer<typeof CertificateNote>;

/** The event kind of a state change or a note: 'certificate.paid', 'certificate.receipt_failed' … */
export const certificateEventKind = (what: IssuanceState | CertificateNote) => `certificate.${what}` as const;

const Yen = z.number().int().min(0).max(100_000_000);
const Ref = z.string().min(1).max(200);

/** What every certificate.* event carries; extra audit fields pass. */
export const CertificateEvent = z.looseObject({
  requestId: Ref,
  kioskId: KioskId.optional(),
  issuanceId: z.string().max(200).nullable().optional(),
  state: z.string().max(40).optional(),
  at: z.string().max(40).optional(),
  // Free audit text (reasons, staff notes): bounded by the payload limit alone.
  detail: z.string().optional(),
});

/** Payloads by kind; any other certificate.* kind is checked as a CertificateEvent. */
export const SYNC_EVENT_PAYLOADS: Readonly<Record<string, z.ZodType<Record<string, unknown>>>> = {
  [certificateEventKind('paid')]: CertificateEvent.extend({ paid: Yen, method: z.string().max(40).optional(), paymentId: z.string().max(200).nullable().optional() }),
  [certificateEventKind('refunded')]: CertificateEvent.extend({ refunded: Yen.optional() }),
  [certificateEventKind('failed')]: CertificateEvent.extend({ owed: Yen.optional(), maybePrinted: z.boolean().nullable().optional() }),
  [certificateEventKind('held')]: CertificateEvent.extend({ maybePrinted: z.boolean().nullable().optional() }),
  'payment.captured': z.looseObject({ paymentRef: Ref, purpose: z.enum(['certificate_fee', 'hospital_bill']), subjectRef: Ref, amountYen: Yen, method: z.string().min(1).max(40) }),
  'reception.created': z.looseObject({ receptionRef: Ref, patientRef: Ref.optional(), department: z.string().min(1).max(40), ...ReceptionDeskFacts.shape }),
  ...DESK_EVENT_PAYLOADS,
  ...BILLING_EVENT_PAYLOADS,
};

/** The payload schema of a kind, or undefined for a kind this vocabulary does not know. */
export function syncPayloadSchema(kind: string): z.ZodType<Record<string, unknown>> | undefined {
  return SYNC_EVENT_PAYLOADS[kind] ?? (kind.startsWith('certificate.') ? CertificateEvent : undefined);
}

/** The envelope of one outbox event on the wire. */
export const SyncEvent = z.object({
  key: z.string().min(1).max(200),
  kind: z.string().min(1).max(60),
  stream: z.string().max(200).nullable(),
  payload: z.unknown(),
  createdAt: z.number().int(),
});
