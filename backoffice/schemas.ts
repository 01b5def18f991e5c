// Wire shapes of the back-office API (zod). The OpenAPI file is generated from these and the route
// table, and a test fails when backoffice/openapi.json drifts from them.
import { z } from 'zod';
import { Base64 as WireBase64, HeartbeatPrinter, Id, KioskId, SyncEvent, Yyyymmdd } from '../common/backoffice-api';
import { CertificatesConfig } from './certificates/config';

export { Id, KioskId, SyncEvent, Yyyymmdd };
export { BillRequest, BillResponse, EligibilityRequest, EligibilityResponse, PaymentRequest, ReceptionRequest, ReceptionResponse } from '../common/backoffice-api';

export const ErrorBody = z.object({
  kind: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

export const Base64 = WireBase64.max(16_384);

export const HealthResponse = z.object({ status: z.literal('ok'), time: z.string(), version: z.string() });

// Holder authentication
export const ChallengeRequest = z.object({ kioskId: KioskId });
export const ChallengeResponse = z.object({ challengeId: Id, challenge: Base64, expiresAt: z.string() });
export const VerifyRequest = z.object({ challengeId: Id, authCertDer: Base64, signature: Base64 });
export const VerifyResponse = z.object({
  sessionToken: z.string(),
  residentId: Id,
  expiresAt: z.string(),
  certificate: z.object({ serialHex: z.string(), sha256FingerprintHex: z.string(), notAfter: z.string() }),
  revocation: z.enum(['good', 'unchecked']),
  /** The resident's name as registered, for the kiosk's greeting (shown to the holder who just proved who they are). */
  name: z.string().optional(),
});

// Resident registry
export const RefusalFlags = z.object({
  movedOut: z.boolean(),
  dvProtection: z.boolean(),
  deceased: z.boolean(),
  unprintableCharacters: z.boolean(),
});
export const HouseholdMember = z.object({ residentId: Id, name: z.string(), nameKana: z.string(), relationship: z.string(), dob: Yyyymmdd });
export const ResidentResponse = z.object({
  residentId: Id,
  name: z.string(),
  nameKana: z.string(),
  sex: z.enum(['1', '2', '9']),
  dob: Yyyymmdd,
  address: z.string(),
  municipalityCode: z.string(),
  householdId: Id,
  relationship: z.string(),
  flags: RefusalFlags,
  seal: z.object({ registered: z.boolean(), registrationNumber: z.string().optional(), abolished: z.boolean() }),
  household: z.array(HouseholdMember),
});
export const SealImageResponse = z.object({ residentId: Id, registrationNumber: z.string(), imagePng: Base64 });

// Fleet
export const KioskRegistration = z.object({ kioskId: KioskId, site: z.string().min(1).max(100), kind: z.enum(['municipal', 'hospital', 'store']), softwareVersion: z.string().max(40) });
export const KioskResponse = z.object({ kioskId: KioskId, site: z.string(), kind: z.string(), registeredAt: z.string(), lastHeartbeatAt: z.string().nullable() });
export const Heartbeat = z.object({
  lagSeconds: z.number().min(0),
  outboxReady: z.number().int().min(0),
  deadLetters: z.number().int().min(0),
  clockSkewSeconds: z.number(),
  printer: HeartbeatPrinter.optional(),
  reader: z.string().max(40).optional(),
  /** Voice guidance: 'ok', or 'missing:<langs>' when the kiosk has no voice for an offered language. */
  voice: z.string().max(40).optional(),
});
export const HeartbeatResponse = z.object({ received: z.literal(true), serverTime: z.string() });

// Configuration
/** The stored 'kiosk' configuration document: only what is about the kiosk itself. */
export const KioskSettings = z.object({
  printerPolicy: z.object({ jobTimeoutSeconds: z.number().int(), pollSeconds: z.number().int() }),
});
/**
 * What a kiosk pulls: its settings, and the municipalities' certificate configuration exactly as
 * GET /v1/certificates/config serves it (offered types, fees, options, layouts, hours) — the one the
 * issuance rules decide with, so the fee a kiosk shows is the fee it is charged.
 */
export const KioskConfig = KioskSettings.extend({ certificates: CertificatesConfig });

// Outbox sync
/** Each event is checked on its own (routes/sync-events.ts): a malformed one is answered 'rejected', not the batch. */
export const SyncBatchRequest = z.object({ kioskId: KioskId, events: z.array(z.union([SyncEvent, z.unknown()])).min(1).max(1000) });
/** 'rejected': refused for good, never applied (details in `reason`, e.g. not_owner: the event is about
 *  another kiosk's record). */
export const SyncItemResult = z.object({ key: z.string(), status: z.enum(['applied', 'duplicate', 'conflict', 'deferred', 'rejected']), reason: z.string().max(200).optional(),
  /** Where a rejected event is wrong (e.g. payload.paid). */
  field: z.string().max(200).optional() });
export const SyncBatchResponse = z.object({ results: z.array(SyncItemResult) });

export type KioskSettingsT = z.infer<typeof KioskSettings>;
export type KioskConfigT = z.infer<typeof KioskConfig>;
