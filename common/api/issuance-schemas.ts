// The certificate-issuance half of the UI↔main contract (schemas only; contract.ts lists the
// commands). What the UI may know: the catalog the back office allows for this holder, the names
// and relationships of the household (to choose members), fees, states and progress — never the
// holder token, the document or the PDF, which stay in the main process.
// The catalog, a choice, refusals, states and the printer's status are the back office's vocabulary
// (common/backoffice-api): derived here, never redeclared, so the screen accepts exactly what the
// back office does (members and copies within the same limits).
import { z } from 'zod';
import {
  Catalog, CatalogEntry, CertificateChoice, CertificateType, HouseholdMember, IssuanceState, Layout, PrinterStatusView as PrinterStatus, Refusal, Scope,
} from '../backoffice-api';

export { MAX_HOUSEHOLD_MEMBERS, COPIES, REFUSAL_MESSAGE_KEYS, WHERE_MESSAGE_KEYS, RefusalReason, Where } from '../backoffice-api';
export type { RefusalReason as RefusalReasonView, Where as WhereView } from '../backoffice-api';

export const CertificateTypeSchema = CertificateType;
export const ScopeSchema = Scope;
export const LayoutSchema = Layout;
export const IssuanceStateSchema = IssuanceState;

const requestId = z.string().min(1).max(100);
const yen = z.number().int().min(0).max(1_000_000);

export const RefusalSchema = Refusal;
export const CatalogEntrySchema = CatalogEntry;
export const HouseholdMemberSchema = HouseholdMember;
export const CatalogSchema = Catalog;
export const IssuanceRequestInputSchema = CertificateChoice.strict();

export const IssuanceRequestedSchema = z.object({
  requestId,
  fee: yen,
  /** Lines of the confirmation screen (type, people, options, copies), worded by the service. */
  summary: z.array(z.string().max(300)).max(40),
});

export const RequestRefSchema = z.object({ requestId }).strict();

export const PaidSchema = z.object({ state: IssuanceStateSchema, change: yen });

export const PrintOutcomeViewSchema = z.object({
  status: z.enum(['printed', 'held', 'failed']),
  /** printer-state-reason (media-empty, media-jam, offline …) or 'timeout'; absent when printed. */
  reason: z.string().max(80).optional(),
  /** The paper may have come out: staff check before a refund or a reprint. */
  maybePrinted: z.boolean().optional(),
  sheets: z.number().int().min(0).max(1000).optional(),
});

export const PrintedSchema = z.object({ state: IssuanceStateSchema, outcome: PrintOutcomeViewSchema });
export const CancelledSchema = z.object({ state: IssuanceStateSchema, refunded: yen });
export const IssuanceStatusSchema = z.object({ requestId, state: IssuanceStateSchema, fee: yen, paid: yen });

export const PaymentProgressSchema = z.object({ requestId, inserted: yen, remaining: yen, method: z.enum(['cash', 'ic']).optional() });
export const IssuanceProgressSchema = z.object({
  requestId,
  /** 'sending' | 'printing' | 'waiting-for-printer' from the printer; the service may add its own. */
  phase: z.string().min(1).max(40),
  detail: z.string().max(200).optional(),
});
export const PrinterStatusViewSchema = PrinterStatus;

/** Demo mode: a coin or note put into the simulated acceptor, or an IC card touched. */
export const DemoPaySchema = z.union([
  z.object({ yen: z.union([z.literal(10), z.literal(50), z.literal(100), z.literal(500), z.literal(1000), z.literal(5000), z.literal(10000)]) }).strict(),
  z.object({ ic: z.literal(true) }).strict(),
  /** What the customer does at the demo card terminal (hospital payment): approve, decline, cancel, or let it time out. */
  z.object({ card: z.enum(['approve', 'decline', 'cancel', 'timeout']) }).strict(),
]);

export type CertificateTypeView = z.infer<typeof CertificateTypeSchema>;
export type ScopeView = z.infer<typeof ScopeSchema>;
export type CatalogEntryView = z.infer<typeof CatalogEntrySchema>;
export type CatalogView = z.infer<typeof CatalogSchema>;
export type HouseholdMemberView = z.infer<typeof HouseholdMemberSchema>;
export type IssuanceRequestInput = z.infer<typeof IssuanceRequestInputSchema>;
export type IssuanceStateView = z.infer<typeof IssuanceStateSchema>;
export type PrintOutcomeView = z.infer<typeof PrintOutcomeViewSchema>;
export type PrinterStatusView = z.infer<typeof PrinterStatusViewSchema>;
