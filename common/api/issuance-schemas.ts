// The certificate-issuance half of the UI↔main contract (schemas only; contract.ts lists the
// commands). What the UI may know: the catalog the back office allows for this holder, the names
// and relationships of the household (to choose members), fees, states and progress — never the
// holder token, the document or the PDF, which stay in the main process.
import { z } from 'zod';

export const CertificateTypeSchema = z.enum(['juminhyo', 'kisai', 'inkan']);
export const ScopeSchema = z.enum(['self', 'household', 'members']);
export const LayoutSchema = z.enum(['household', 'individual']);
export const IssuanceStateSchema = z.enum(['requested', 'authorized', 'paid', 'printing', 'printed', 'synced', 'held', 'failed', 'refunded', 'voided']);

const requestId = z.string().min(1).max(100);
const yen = z.number().int().min(0).max(1_000_000);
/** A refusal's machine reason (e.g. 'under_age', 'outside_hours'); the UI maps it to words. */
const reason = z.string().min(1).max(80);

export const RefusalSchema = z.object({
  reason,
  /** Where the resident can go instead, as the back office words it (e.g. 「市区町村の窓口」). */
  where: z.string().max(300),
});

export const CatalogEntrySchema = z.object({
  type: CertificateTypeSchema,
  label: z.string().max(120),
  fee: yen,
  options: z.array(z.object({ key: z.string().min(1).max(60), label: z.string().max(120), default: z.boolean() })).max(20),
  scopes: z.array(ScopeSchema).max(3),
  available: z.boolean(),
  refusal: RefusalSchema.optional(),
});

export const HouseholdMemberSchema = z.object({
  residentId: z.string().min(1).max(80),
  name: z.string().max(120),
  relationship: z.string().max(40),
});

export const CatalogSchema = z.object({
  entries: z.array(CatalogEntrySchema).max(20),
  household: z.array(HouseholdMemberSchema).max(30),
});

export const IssuanceRequestInputSchema = z.object({
  type: CertificateTypeSchema,
  scope: ScopeSchema,
  memberIds: z.array(z.string().min(1).max(80)).max(30).optional(),
  options: z.record(z.string().max(60), z.boolean()),
  layout: LayoutSchema.optional(),
  /** 1–10 copies, as the convenience-store service allows. */
  copies: z.number().int().min(1).max(10),
}).strict();

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
export const PrinterStatusViewSchema = z.object({
  state: z.enum(['idle', 'processing', 'stopped', 'unreachable']),
  needsStaff: z.boolean(),
  /** Message key, e.g. 'printer.media-empty'. */
  message: z.string().max(80),
});

/** Demo mode: a coin or note put into the simulated acceptor, or an IC card touched. */
export const DemoPaySchema = z.union([
  z.object({ yen: z.union([z.literal(10), z.literal(50), z.literal(100), z.literal(500), z.literal(1000), z.literal(5000), z.literal(10000)]) }).strict(),
  z.object({ ic: z.literal(true) }).strict(),
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
