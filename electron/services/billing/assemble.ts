// Hospital payment on the platform: its database and outbox (the back office hears of each payment),
// the printer for the 領収証 and 明細書, the payment devices — the installation's acceptor for cash
// and IC, the card terminal, the account linked to the card — and the outside systems: the
// eligibility service (the same as reception's: its 照会番号 names the patient) and the accounting
// system's cashier (ORCA incomev3) built from the settings, or given (the demo, tests). A kiosk that
// stopped mid-payment puts every checkout in a safe place before serving anyone (our own ORCA locks
// released, the device's journal asked, never a second collect); housekeeping then retries 入金,
// reverses late card approvals and ages finished checkouts out.
import type { BillingMethodView } from '../../../common/api/billing-schemas';
import type { DepartmentView } from '../../../common/api/contract';
import { KioskError } from '../../../common/errors';
import { prepareHospitalReceiptRenderer, type DocumentSigner } from '../../../templates';
import type { PaymentDevice } from '../payment/payment-device';
import type { Platform } from '../platform/platform';
import { createEligibilityClient } from '../reception/eligibility-client';
import type { EligibilityService } from '../reception/ports';
import type { ReceptionSettings } from '../reception/config';
import { createCheckoutStore } from './checkout-machine';
import { createCheckoutService } from './checkout-service';
import { receiptSigner, type BillingSettings } from './config';
import { createDocumentsRenderer } from './documents';
import { createIncomeClient } from './income-client';
import { createLinkedAccount } from './linked-account';
import { createBillingModule, type BillingModule } from './module';
import { createPaymentLinksClient } from './payment-links-client';
import type { Cashier, PaymentLinks } from './ports';
import type { CardTokenizer, DocumentsRenderer } from './types';

/** What the caller brings instead of the settings (the demo's simulators, tests). */
export interface BillingParts {
  eligibility?: EligibilityService;
  cashier?: Cashier;
  /** The card terminal (method 'card'; it also reads a card once for linking). */
  cardTerminal?: PaymentDevice & CardTokenizer;
  /** The account linked to the card (method 'linked') and the back office's links. */
  linkedAccount?: PaymentDevice;
  links?: PaymentLinks;
  signer?: DocumentSigner;
  renderDocuments?: DocumentsRenderer;
}

/** The device of each method this kiosk offers (the settings' list), when it has one. */
function devicesOf(methods: readonly BillingMethodView[], platform: Platform, parts: BillingParts): Partial<Record<BillingMethodView, PaymentDevice>> {
  const byMethod: Partial<Record<BillingMethodView, PaymentDevice | undefined>> = {
    cash: platform.payment ?? undefined, ic: platform.payment ?? undefined, card: parts.cardTerminal, linked: parts.linkedAccount,
  };
  return Object.fromEntries(methods.flatMap((m) => (byMethod[m] ? [[m, byMethod[m]]] : []))) as Partial<Record<BillingMethodView, PaymentDevice>>;
}

export async function assembleBillingModule(platform: Platform, settings: BillingSettings | null, reception: ReceptionSettings | null, parts: BillingParts = {}): Promise<BillingModule> {
  if (!settings) throw new KioskError('input.invalid', 'services: "billing" needs its settings ({ kind: "billing", hospitalName, … })', { field: 'services' });
  if (!platform.kiosk) throw new KioskError('input.invalid', 'services: "billing" needs the kiosk section', { field: 'kiosk' });
  const eligibility = parts.eligibility ?? (reception ? createEligibilityClient({
    url: reception.eligibility.url, medicalInstitutionCode: reception.medicalInstitutionCode, timeoutMs: reception.eligibility.timeoutMs,
    ...(reception.eligibility.folder ? { folder: reception.eligibility.folder } : {}),
  }) : null);
  if (!eligibility) throw new KioskError('input.invalid', 'services: "billing" names the patient through the eligibility service of the reception entry; add it', { field: 'services' });
  const cashier = parts.cashier ?? createIncomeClient({
    url: settings.accounting.url, user: settings.accounting.user, password: settings.accounting.password, karteUid: settings.karteUid,
    timeoutMs: settings.accounting.timeoutMs, allowPlainHttp: settings.accounting.allowPlainHttp,
  });
  // The card-linked account lives at the back office (links keyed by the hospital's patient ID).
  const linksClient = platform.backOffice && settings.methods.includes('linked') && !parts.links ? createPaymentLinksClient(platform.backOffice.client) : null;
  const links = parts.links ?? linksClient;
  const devices = devicesOf(settings.methods, platform, {
    ...parts, ...(!parts.linkedAccount && linksClient ? { linkedAccount: createLinkedAccount(linksClient, platform.log) } : {}),
  });
  for (const m of settings.methods) if (!devices[m]) platform.log(`billing: "${m}" is configured but this kiosk has no device for it; not offered`);
  const signer = parts.signer ?? receiptSigner(settings.receiptKey);
  const departments: DepartmentView[] = reception?.departments ?? [];
  const checkouts = createCheckoutStore(platform.db, platform.queue, platform.kiosk.id, Date.now);
  const service = createCheckoutService({
    checkouts, cashier, links, devices, tokenizer: parts.cardTerminal ?? null, printer: platform.printer,
    renderDocuments: parts.renderDocuments ?? createDocumentsRenderer({
      hospital: settings.hospital, signer, departmentName: (code) => departments.find((d) => d.code === code)?.name.ja,
    }),
    kioskId: platform.kiosk.id, log: platform.log,
  });
  await service.resume();
  // The first 領収証 should not wait for fonts to be parsed: warmed up now, in the background.
  if (platform.printer) void prepareHospitalReceiptRenderer(signer, 'ja').catch((err: unknown) => platform.log(`billing: 領収証 warm-up failed (${(err as Error).message})`));
  platform.housekeeping.register('billing.recheck', async () => {
    const n = await service.recheck();
    if (n > 0) platform.log(`housekeeping: ${n} checkout(s) recorded, resolved or reversed`);
  });
  platform.housekeeping.register('billing.retention', () => {
    const r = service.housekeep(platform.retentionDays);
    if (r.deleted > 0) platform.log(`housekeeping: ${r.deleted} finished checkout(s) deleted`);
  });
  // A 処理中 eligibility answer at お会計 waits as long as reception's does.
  return createBillingModule({ service, eligibility, log: platform.log, ...(reception ? { pendingBoundMs: reception.pendingBoundMs } : {}) });
}
