// The hospital-payment half of the UI↔main contract (schemas only; contract.ts lists the commands).
// After the consultation the patient places the card (login naming 'billing': the card's one
// signature goes to the eligibility service, whose answer names the patient by the hospital's
// patient ID), sees the bill the accounting system (ORCA incomev3) computed with its breakdown, pays
// once (cash / IC e-money on the acceptor, a credit card on the card terminal, or the account linked
// to the card), and takes the 領収証 and 診療明細書. What the screen may know: amounts, the
// breakdown, 負担割合, the payment's outcome. Never the name, insured numbers or a card number.
import { z } from 'zod';

export const checkoutId = z.string().min(1).max(100);
const yen = z.number().int().min(0).max(99_999_999);

/** How the patient pays: cash or IC e-money on the acceptor, a credit card on the card terminal, the account linked to the card. */
export const BillingMethodSchema = z.enum(['cash', 'ic', 'card', 'linked']);

/** The checkout's step (electron/services/billing/checkout-machine.ts holds the transitions). */
export const CheckoutStateSchema = z.enum([
  /** The bill is being looked up (incomev3 01/01 then 01/02, the patient locked at this kiosk). */
  'looking_up',
  /** The bill is on the screen with its amount and breakdown; nothing is taken yet. */
  'bill_shown',
  /** Written BEFORE the device is asked to take money: a restart asks the device's journal what happened. */
  'paying',
  /** The device took the money (its journal says so); the accounting system is told next (idempotent 入金). */
  'paid',
  /** The accounting system recorded the 入金 (one payment ↔ one 伝票番号); the documents are next. */
  'recorded',
  /** 領収証 and 明細書 came out (or were held: printing is not a condition of the payment). */
  'done',
  /** Nothing to pay today (no unpaid bill). */
  'nothing_due',
  /** The patient goes to the desk (deskReason says why); no money was taken, or staff settle it (held). */
  'sent_to_desk',
  /** Money was taken but could not be recorded or refunded automatically: staff settle it (staff screen). */
  'held',
  /** Money taken was returned in full (a held payment refunded by staff, or a card approval reversed). */
  'refunded',
  /** Ended before money was taken (cancelled, declined and left, session ended). */
  'abandoned',
]);

/** Why the patient is sent to the desk. */
export const BillingDeskReasonSchema = z.enum([
  'no_patient_id', 'eligibility_unavailable', 'accounting_unavailable', 'locked_elsewhere', 'bill_changed', 'device_fault', 'pin_last_try', 'share_unknown', 'other',
]);

/** One 部 of the 点数表 on the bill (the 領収証's categories): ORCA's code and its points. */
export const BillCategorySchema = z.object({
  /** A00 初・再診料, B00 医学管理等, C00 在宅医療, D00 検査, E00 画像診断, F00 投薬, G00 注射, H00 リハビリテーション, I00 精神科専門療法, J00 処置, K00 手術, L00 麻酔, M00 放射線治療, N00 病理診断, … */
  code: z.string().regex(/^[A-Z][0-9]{2}$/),
  points: z.number().int().min(0).max(9_999_999),
});

export const BillViewSchema = z.object({
  /** ORCA's 伝票番号. */
  invoiceNumber: z.string().regex(/^[0-9]{1,10}$/),
  /** 診療日 yyyy-MM-dd. */
  performedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** 診療科 code, when the bill names one. */
  department: z.string().max(4).optional(),
  /** 請求額 (what this bill asks in all) and what was already paid on it; due = total − paid. */
  total: yen,
  alreadyPaid: yen,
  due: yen,
  /** 負担割合 in percent. */
  ratioPercent: z.number().int().min(0).max(100).optional(),
  /** 保険: total points, 医療費 (10割), the patient's insured share. */
  insurance: z.object({ points: z.number().int().min(0), medicalCost: yen, patientShare: yen }),
  /** What a 公費 programme paid (absent: none). */
  publicAid: yen.optional(),
  /** 保険外 (自費) in yen. */
  outOfInsurance: yen,
  /** A 高額療養費 / 特定疾病 monthly limit applied. */
  limitApplied: z.boolean(),
  categories: z.array(BillCategorySchema).max(20),
});

export const CheckoutPaymentSchema = z.object({
  method: BillingMethodSchema,
  status: z.enum(['collecting', 'paid', 'declined', 'cancelled', 'failed', 'timeout']),
  /** Inserted so far (cash), what was kept, and the change given. */
  inserted: yen,
  paid: yen,
  change: yen,
  /** Returned to the patient after a cancel or a fault (cash). */
  refunded: yen,
  /** Declined / failed: the device's reason in its words' key (e.g. 'insufficient_funds', 'jam'). */
  reason: z.string().max(60).optional(),
});

export const DocumentsViewSchema = z.object({
  status: z.enum(['pending', 'printed', 'held', 'failed']),
  reason: z.string().max(80).optional(),
});

export const CheckoutViewSchema = z.object({
  checkoutId,
  state: CheckoutStateSchema,
  bill: BillViewSchema.optional(),
  /** The methods this kiosk takes now ('linked' only when this patient has a linked account). */
  methods: z.array(BillingMethodSchema).max(4),
  /** The patient has linked a payment account to their card (brand and last 4 digits to recognise it). */
  linkedAccount: z.object({ brand: z.string().max(20), last4: z.string().regex(/^[0-9]{4}$/) }).optional(),
  payment: CheckoutPaymentSchema.optional(),
  documents: DocumentsViewSchema,
  deskReason: BillingDeskReasonSchema.optional(),
  /** Further unpaid bills of this patient after this one (billing.start again pays the next). */
  moreUnpaid: z.number().int().min(0).max(500),
});

export const CheckoutRefSchema = z.object({ checkoutId }).strict();
/** `language`: the words beside the Japanese on the 領収証 and 明細書 printed right after the payment (default ja). */
export const BillingPayInputSchema = z.object({ checkoutId, method: BillingMethodSchema, language: z.enum(['ja', 'en', 'zh', 'ko']).optional() }).strict();
/** `language`: the 領収証's and 明細書's words beside the Japanese. */
export const BillingPrintInputSchema = z.object({ checkoutId, language: z.enum(['ja', 'en', 'zh', 'ko']).optional() }).strict();

/** Linking a payment account to the card (after card + PIN, the credit card on the terminal once). */
export const LinkViewSchema = z.object({
  status: z.enum(['linked', 'declined', 'cancelled', 'timeout', 'unlinked']),
  account: z.object({ brand: z.string().max(20), last4: z.string().regex(/^[0-9]{4}$/) }).optional(),
});

export const BillingProgressSchema = z.object({
  checkoutId,
  state: CheckoutStateSchema,
  /** 'looking_up', 'collecting' (with inserted/remaining), 'authorizing' (card terminal), 'recording', 'documents', the printer's phases. */
  phase: z.string().min(1).max(40).optional(),
  inserted: yen.optional(),
  remaining: yen.optional(),
});

export type BillingMethodView = z.infer<typeof BillingMethodSchema>;
export type CheckoutStateView = z.infer<typeof CheckoutStateSchema>;
export type BillingDeskReasonView = z.infer<typeof BillingDeskReasonSchema>;
export type BillView = z.infer<typeof BillViewSchema>;
export type CheckoutPaymentView = z.infer<typeof CheckoutPaymentSchema>;
export type CheckoutView = z.infer<typeof CheckoutViewSchema>;
export type LinkView = z.infer<typeof LinkViewSchema>;
export type BillingProgressView = z.infer<typeof BillingProgressSchema>;
