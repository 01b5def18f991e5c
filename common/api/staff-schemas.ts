// The staff half of the UI↔main contract (schemas only; contract.ts lists the commands): staff
// settle, at the kiosk's own screen, certificate requests whose print a printer fault held. What
// the screen may show is what staff need to decide and nothing personal: when, which certificate,
// its issuance number, the money, what happened and whether paper may have come out — never a
// name, an address or the document. Staff mode itself lives in the main process (a flag with an
// expiry); the UI holds no token, so a reloaded or replaced page gains nothing.
import { z } from 'zod';
import { CertificateTypeSchema, IssuanceStateSchema, PrintOutcomeViewSchema, PrinterStatusViewSchema } from './issuance-schemas';

const requestId = z.string().min(1).max(100);
const yen = z.number().int().min(0).max(1_000_000);

/** The code as typed; its form (6–8 digits) is checked by the service, where a bad form counts as a wrong try. */
export const StaffUnlockInputSchema = z.object({ code: z.string().min(1).max(16) }).strict();

/** What staff decide for a held request. */
export const HeldDecisionSchema = z.enum(['printed', 'reprint', 'refund']);

/** Why, chosen from preset buttons (no typing at the kiosk); the audit note is worded by the service. */
export const StaffReasonSchema = z.enum(['refilled-paper', 'cleared-jam', 'power-cycled', 'no-paper-out', 'other']);

export const HeldRequestViewSchema = z.object({
  requestId,
  /** 'held': waiting for staff; 'failed': the fee could not be paid back and is owed. */
  state: z.enum(['held', 'failed']),
  type: CertificateTypeSchema,
  issuanceNumber: z.string().max(60).nullable(),
  /** Yen the kiosk still holds for this request (paid minus refunded). */
  paid: yen,
  /** When the request last changed (it was held, or a staff step on it failed). */
  since: z.string().min(10).max(40),
  /** What happened, as a machine word the UI puts in words ('media-jam', 'offline', 'timeout', 'refund-failed' …). */
  what: z.string().regex(/^[a-z0-9._-]{1,60}$/),
  /** Paper may have come out (check the tray); null: not recorded (a request held by older software). */
  maybePrinted: z.boolean().nullable(),
  moneyOwed: z.boolean(),
});

export const StaffHeldSchema = z.object({
  printer: PrinterStatusViewSchema,
  held: z.array(HeldRequestViewSchema).max(100),
});

export const StaffResolveInputSchema = z.object({ requestId, decision: HeldDecisionSchema, reason: StaffReasonSchema }).strict();

export const StaffResolvedSchema = z.object({
  requestId,
  state: IssuanceStateSchema,
  refunded: yen,
  /** A reprint's print outcome. */
  outcome: PrintOutcomeViewSchema.optional(),
  receipt: z.enum(['printed', 'failed', 'none']).optional(),
});

/** Staff mode ended: 'lock' (終了), 'timeout' (the idle policy), 'resident' (a card session started), 'shutdown'. */
export const StaffLockedSchema = z.object({ reason: z.enum(['lock', 'timeout', 'resident', 'shutdown']) });

export type HeldDecisionView = z.infer<typeof HeldDecisionSchema>;
export type StaffReasonView = z.infer<typeof StaffReasonSchema>;
export type HeldRequestView = z.infer<typeof HeldRequestViewSchema>;
export type StaffHeldView = z.infer<typeof StaffHeldSchema>;
export type StaffResolvedView = z.infer<typeof StaffResolvedSchema>;
export type StaffLockReason = z.infer<typeof StaffLockedSchema>['reason'];
