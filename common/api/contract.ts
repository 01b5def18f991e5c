// The one contract between the kiosk UI and the main process. Every command and every pushed event
// is declared here with its zod schema; both transports (Electron IPC and the loopback HTTP/WebSocket
// bridge) validate against these schemas on both sides, so neither side trusts the other's bytes.
// Services implement `KioskApi` and never learn which transport carries them.
import { z } from 'zod';
import { ERROR_KINDS, type ErrorKind } from '../errors';
import {
  CancelledSchema, CatalogSchema, DemoPaySchema, IssuanceProgressSchema, IssuanceRequestedSchema, IssuanceRequestInputSchema,
  IssuanceStatusSchema, PaidSchema, PaymentProgressSchema, PrintedSchema, PrinterStatusViewSchema, RequestRefSchema,
} from './issuance-schemas';
import { BillingPayInputSchema, BillingPrintInputSchema, BillingProgressSchema, CheckoutRefSchema, CheckoutViewSchema, LinkViewSchema } from './billing-schemas';
import { DeskPaymentActionSchema, DeskPaymentsInputSchema, DeskPaymentsViewSchema, DeskRefundInputSchema, DeskSettleHeldInputSchema } from './desk-payments-schemas';
import { DeskTodayInputSchema, DeskViewSchema } from './desk-schemas';
import { ChooseInputSchema, ReceptionMediumSchema, ReceptionProgressSchema, RegisterInputSchema, VisitRefSchema, VisitViewSchema } from './reception-schemas';
import { StaffHeldSchema, StaffLockedSchema, StaffResolvedSchema, StaffResolveInputSchema, StaffUnlockInputSchema } from './staff-schemas';
import { VoiceCheckInputSchema, VoiceCheckSchema, VoiceSayInputSchema } from './voice-schemas';

const readerName = z.string().min(1).max(200);
const isoDate = z.string().min(10).max(40);

export const ReaderSchema = z.object({ name: readerName, cardPresent: z.boolean() });

export const CardOverviewSchema = z.object({
  reader: readerName,
  /** Tries left on the 4-digit user-authentication PIN (3 = full, 0 = blocked). */
  authPinTriesLeft: z.number().int().min(0).max(15),
  /** What was placed: the card itself or a phone's token (screens say "take your phone"). */
  medium: ReceptionMediumSchema.optional(),
});

/**
 * What the UI may know about an authenticated holder: the certificate's facts and nothing more
 * personal. The subject and full serial stay in the main process (the serial identifies the card).
 */
export const HolderViewSchema = z.object({
  issuer: z.string().max(300),
  notBefore: isoDate,
  notAfter: isoDate,
  serialTail: z.string().regex(/^[0-9A-F]{0,4}$/),
  revocation: z.enum(['good', 'unchecked']),
  authenticatedAt: isoDate,
  /** The registered name for the greeting, from the back office's sign-in (absent without issuance). */
  name: z.string().max(120).optional(),
});

/** 'staff': staff mode was entered at this kiosk, which ends any resident's session first. */
export const SessionEndReasonSchema = z.enum(['user', 'timeout', 'card_removed', 'shutdown', 'staff']);

export const IdlePolicySchema = z.object({
  /** Seconds without a touch before the warning appears. */
  idleSec: z.number().int().min(5).max(3600),
  /** Seconds the warning stays up; WCAG 2.2.1 asks for at least 20. */
  warnSec: z.number().int().min(20).max(600),
});

/** The resident services a kiosk can offer after sign-in; the installation's `services` list picks them. */
export const ResidentServiceSchema = z.enum(['issuance', 'reception', 'billing', 'counter']);
export type ResidentService = z.infer<typeof ResidentServiceSchema>;
/** How the kiosk's messages (logs, api.unsupported) name each service. */
export const RESIDENT_SERVICE_TITLES: Record<ResidentService, string> = {
  issuance: 'certificate issuance', reception: 'hospital reception', billing: 'hospital payment', counter: 'counter work',
};

export const SystemInfoSchema = z.object({
  version: z.string().max(40),
  demo: z.boolean(),
  idle: IdlePolicySchema,
  /** The services this kiosk offers after sign-in, in menu order (only those wired and configured). */
  services: z.array(ResidentServiceSchema).max(4).default([]),
  /** Staff mode exists here (the installation has a staff code and issuance is wired). */
  staff: z.boolean().optional(),
  /** Demo mode only: the demo staff code, printed on the demo tray like the demo PINs (not a secret). */
  demoStaffCode: z.string().regex(/^[0-9]{6,8}$/).optional(),
});

export const DemoHolderSchema = z.object({
  id: z.string().min(1).max(80),
  name: z.string().max(120),
  kind: z.string().max(80),
  /** The demo PIN is printed on the tray so testers can type it; it is not a real secret. */
  pin: z.string().max(16),
  insertedIn: z.number().int().min(0).max(1).nullable(),
  /** One line for testers: which certificate this holder can (or cannot) get, and why. */
  hint: z.string().max(200).optional(),
});

const empty = z.object({}).strict();

export const commands = {
  'system.info': { input: empty, output: SystemInfoSchema },
  'card.readers': { input: empty, output: z.array(ReaderSchema).max(16) },
  /** Opens an exclusive session on the card in `reader` and reports the PIN tries left. */
  'session.start': { input: z.object({ reader: readerName }).strict(), output: CardOverviewSchema },
  /**
   * Verifies the PIN on the card; size-bounded here, the PIN's form is checked by the service.
   * `service`: the service the resident chose before the card. When that service brings its own
   * challenge authority (reception: the eligibility service), it verifies the card's one signature
   * instead of the back office, and the visit starts with its answer; any other service signs in at
   * the back office as without it. `medium` says whether a card or a phone was placed.
   */
  'session.login': {
    input: z.object({ pin: z.string().min(1).max(16), service: ResidentServiceSchema.optional(), medium: ReceptionMediumSchema.optional() }).strict(),
    output: HolderViewSchema,
  },
  /** Unpowers the card and wipes everything known about the holder. Idempotent. */
  'session.end': { input: z.object({ reason: SessionEndReasonSchema }).strict(), output: z.object({ ended: z.boolean() }) },
  /** What this holder may request now (types, fees, options, household); needs an authenticated session. */
  'issuance.catalog': { input: empty, output: CatalogSchema },
  /** The back office authorizes and returns the document (kept in main); nothing is charged yet. */
  'issuance.request': { input: IssuanceRequestInputSchema, output: IssuanceRequestedSchema },
  /** Collects the fee on the payment device; progress arrives as payment.progress. */
  'issuance.pay': { input: RequestRefSchema, output: PaidSchema },
  /** Prints the request's own document; progress as issuance.progress, printer faults as printer.status. */
  'issuance.print': { input: RequestRefSchema, output: PrintedSchema },
  /** Stops a request before printing; any money inserted or paid is returned. */
  'issuance.cancel': { input: RequestRefSchema, output: CancelledSchema },
  'issuance.status': { input: RequestRefSchema, output: IssuanceStatusSchema },
  /** The session's reception visit (after a login naming 'reception'); while 'checking' it asks the service again. */
  'reception.visit': { input: empty, output: VisitViewSchema },
  /** Consent (包括同意 or individual), 公費 利用する / 提供しない, 電子処方箋 electronic / paper: recorded with the eligibility service. */
  'reception.choose': { input: ChooseInputSchema, output: VisitViewSchema },
  /** Registers the reception in the accounting system (once per visit) and prints the 受付票; progress as reception.progress. */
  'reception.register': { input: RegisterInputSchema, output: VisitViewSchema },
  /** Prints the 受付票 again after a printer fault (the reception itself is not registered again). */
  'reception.print': { input: VisitRefSchema, output: VisitViewSchema },
  /** The session's checkout (after a login naming 'billing'): the next unpaid bill looked up and shown, or the open one. */
  'billing.checkout': { input: empty, output: CheckoutViewSchema },
  /** Takes the amount due with `method` (exactly once), records the 入金, then the documents; progress as billing.progress. */
  'billing.pay': { input: BillingPayInputSchema, output: CheckoutViewSchema },
  /** Stops before money is kept: cash inserted is returned, the bill is unlocked. */
  'billing.cancel': { input: CheckoutRefSchema, output: CheckoutViewSchema },
  /** Prints the 領収証 and 診療明細書 (again after a printer fault: marked as a reprint only when one came out before). */
  'billing.print': { input: BillingPrintInputSchema, output: CheckoutViewSchema },
  /** Links a payment account to this card (the credit card on the terminal once); the back office keeps the token. */
  'billing.link': { input: empty, output: LinkViewSchema },
  /** Removes the card's linked payment account. */
  'billing.unlink': { input: empty, output: LinkViewSchema },
  /** Checks the staff code (lockout after 5 wrong), ends any resident session, enters staff mode; answers the held list. */
  'staff.unlock': { input: StaffUnlockInputSchema, output: StaffHeldSchema },
  /** The held requests (no personal data) and the printer's state now; staff mode only. */
  'staff.held': { input: empty, output: StaffHeldSchema },
  /** Staff's audited decision on one held request: printed, reprint (no fee) or refund; staff mode only. */
  'staff.resolve': { input: StaffResolveInputSchema, output: StaffResolvedSchema },
  /** Leaves staff mode (終了); staff mode only. */
  'staff.lock': { input: empty, output: z.object({ locked: z.literal(true) }) },
  /** Today's visits at the hospital's reception kiosks (the back office's desk, staff key); staff mode at a kiosk offering reception only. */
  'desk.today': { input: DeskTodayInputSchema, output: DeskViewSchema },
  /** The day's payments of the hospital's kiosks: unpaid bills, held payments, refunds, the settlement reconciled (staff mode, billing). */
  'desk.payments': { input: DeskPaymentsInputSchema, output: DeskPaymentsViewSchema },
  /** Staff refund (part of) a payment made at this kiosk: the device returns it and the accounting system records the 返金. */
  'desk.refund': { input: DeskRefundInputSchema, output: DeskPaymentActionSchema },
  /** Staff settle a held payment: record it in the accounting system now, or refund it. */
  'desk.settle_held': { input: DeskSettleHeldInputSchema, output: DeskPaymentActionSchema },
  /** At start: which languages the window can speak; main answers its own and reports missing voices. */
  'voice.check': { input: VoiceCheckInputSchema, output: VoiceCheckSchema },
  /** Speaks one message with the main process's offline engine (a new one cuts the last one short). */
  'voice.say': { input: VoiceSayInputSchema, output: z.object({ spoken: z.boolean() }) },
  'demo.holders': { input: empty, output: z.array(DemoHolderSchema).max(100) },
  'demo.insert': { input: z.object({ id: z.string().min(1).max(80), reader: z.number().int().min(0).max(1) }).strict(), output: z.array(DemoHolderSchema).max(100) },
  'demo.remove': { input: z.object({ reader: z.number().int().min(0).max(1) }).strict(), output: z.array(DemoHolderSchema).max(100) },
  /** Demo mode: a coin/note into the simulated acceptor, or an IC card touched. */
  'demo.pay': { input: DemoPaySchema, output: z.object({ accepted: z.boolean() }) },
} as const;

export const events = {
  'card.event': z.object({ type: z.enum(['reader-added', 'reader-removed', 'card-inserted', 'card-removed']), reader: readerName }),
  'session.ended': z.object({ reason: SessionEndReasonSchema }),
  'demo.changed': z.array(DemoHolderSchema).max(100),
  'payment.progress': PaymentProgressSchema,
  'issuance.progress': IssuanceProgressSchema,
  'printer.status': PrinterStatusViewSchema,
  'staff.locked': StaffLockedSchema,
  'reception.progress': ReceptionProgressSchema,
  'billing.progress': BillingProgressSchema,
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<K extends CommandName> = z.infer<Commands[K]['input']>;
export type CommandOutput<K extends CommandName> = z.infer<Commands[K]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = z.infer<(typeof events)[K]>;

/** What main-process services implement and what the renderer's client offers. */
export type KioskApi = { [K in CommandName]: (input: CommandInput<K>) => Promise<CommandOutput<K>> };

export type Reader = z.infer<typeof ReaderSchema>;
export type CardOverviewView = z.infer<typeof CardOverviewSchema>;
export type HolderView = z.infer<typeof HolderViewSchema>;
export type SessionEndReason = z.infer<typeof SessionEndReasonSchema>;
export type SystemInfo = z.infer<typeof SystemInfoSchema>;
export type DemoHolder = z.infer<typeof DemoHolderSchema>;

/** A typed event source: services push, transports forward. */
export interface KioskEvents {
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}

export const ErrorPayloadSchema = z.object({
  kind: z.enum(Object.keys(ERROR_KINDS) as [ErrorKind, ...ErrorKind[]]),
  message: z.string().max(2000),
  details: z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean()])).optional(),
});

/** Every reply on every transport has this shape. */
export const EnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorPayloadSchema }),
]);
export type Envelope = z.infer<typeof EnvelopeSchema>;

export const commandNames = Object.keys(commands) as CommandName[];
export const eventNames = Object.keys(events) as EventName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

export type {
  CatalogEntryView, CatalogView, CertificateTypeView, HouseholdMemberView, IssuanceRequestInput, IssuanceStateView, PrintOutcomeView,
  PrinterStatusView, ScopeView,
} from './issuance-schemas';
export type {
  ChoicesView, DepartmentView, EligibilityOutcomeView, EligibilityView, NextStepView, ReceptionMediumView, ReceptionProgressView, StaffFlagView, VisitStateView, VisitView,
} from './reception-schemas';
export type { DeskRowView, DeskView } from './desk-schemas';
export type {
  BillingDeskReasonView, BillingMethodView, BillingProgressView, BillView, CheckoutPaymentView, CheckoutStateView, CheckoutView, LinkView,
} from './billing-schemas';
export type { DeskPaymentRowView, DeskPaymentsView, SettlementView } from './desk-payments-schemas';
export { DESK_IDLE_SEC, DESK_REFRESH_SEC } from './desk-schemas';
export type { VoiceCheckView, VoiceLangView } from './voice-schemas';
export type {
  HeldDecisionView, HeldRequestView, StaffHeldView, StaffLockReason, StaffReasonView, StaffResolvedView,
} from './staff-schemas';
