// Hospital reception on the platform: its database and outbox (the desk hears of each visit), its
// printer for the 受付票, and the two outside systems — the eligibility service and the accounting
// system (ORCA) — built from the settings, or given (the demo's simulator, tests). A kiosk that
// stopped mid-visit puts every visit in a safe place before serving anyone; housekeeping then
// re-checks unconfirmed eligibility, resolves receptions left open, and wipes and ages out what the
// back office has.
import { KioskError } from '../../../common/errors';
import { prepareReceptionSlipRenderer, renderReceptionSlipPdf } from '../../../templates';
import type { Platform } from '../platform/platform';
import { createReceptionModule, type ReceptionModule } from './module';
import { createEligibilityClient } from './eligibility-client';
import { createOrcaClient } from './orca-client';
import type { AccountingSystem, EligibilityService } from './ports';
import type { ReceptionSettings } from './config';
import { createReceptionService } from './reception-service';
import type { SlipRenderer } from './types';
import { createVisitStore } from './visit-machine';

/** The outside systems and the 受付票 renderer, when the caller brings them instead of the settings. */
export interface ReceptionParts {
  eligibility?: EligibilityService;
  accounting?: AccountingSystem;
  renderSlip?: SlipRenderer;
}

export async function assembleReceptionModule(platform: Platform, settings: ReceptionSettings | null, parts: ReceptionParts = {}): Promise<ReceptionModule> {
  if (!settings) throw new KioskError('input.invalid', 'services: "reception" needs its settings (kind, medicalInstitutionCode, eligibility, accounting, departments)', { field: 'services' });
  if (!platform.kiosk) throw new KioskError('input.invalid', 'services: "reception" needs the kiosk section', { field: 'kiosk' });
  const eligibility = parts.eligibility ?? createEligibilityClient({
    url: settings.eligibility.url, medicalInstitutionCode: settings.medicalInstitutionCode, timeoutMs: settings.eligibility.timeoutMs,
    ...(settings.eligibility.folder ? { folder: settings.eligibility.folder } : {}),
  });
  const accounting = parts.accounting ?? createOrcaClient({
    url: settings.accounting.url, user: settings.accounting.user, password: settings.accounting.password, timeoutMs: settings.accounting.timeoutMs,
    allowPlainHttp: settings.accounting.allowPlainHttp, ...(settings.accounting.physicians ? { physicians: settings.accounting.physicians } : {}),
  });
  const visits = createVisitStore(platform.db, platform.queue, platform.kiosk.id, Date.now);
  const service = createReceptionService({
    visits, eligibility, accounting, printer: platform.printer, renderSlip: parts.renderSlip ?? renderReceptionSlipPdf,
    departments: settings.departments, hospitalName: settings.hospitalName, kioskId: platform.kiosk.id, pendingBoundMs: settings.pendingBoundMs,
    log: platform.log,
  });
  await service.resume();
  // The first 受付票 should not wait for fonts to be parsed: warmed up now, in the background.
  if (platform.printer) void prepareReceptionSlipRenderer(['ja']).catch((err: unknown) => platform.log(`reception: 受付票 warm-up failed (${(err as Error).message})`));
  platform.housekeeping.register('reception.recheck', async () => {
    const n = await service.recheck();
    if (n > 0) platform.log(`housekeeping: ${n} reception visit(s) re-checked or resolved`);
  });
  platform.housekeeping.register('reception.retention', () => {
    const r = service.housekeep(platform.retentionDays);
    if (r.wiped + r.deleted > 0) platform.log(`housekeeping: personal data of ${r.wiped} synced visit(s) wiped, ${r.deleted} finished visit(s) deleted`);
  });
  return createReceptionModule({ service, eligibility, log: platform.log });
}
