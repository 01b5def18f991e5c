// Hospital payment (お会計) as the kiosk sees it: chosen on the idle screen before the card (card or
// smartphone), then the shared PIN, then its own flow (the `billingFlow` reducer) from the bill to
// the 領収証 and 明細書.
import type { ServiceModule } from '../../shared/service';
import { BillingFlow } from './BillingFlow';
import { BillingPrepare } from './PrepareScreens';

export { BillingFlow } from './BillingFlow';
export { billingFlow, initialBilling, type BillingAction, type Step as BillingStep } from './billing-flow';

export const billingService: ServiceModule = {
  name: 'billing',
  label: 'bil.start',
  testId: 'to-billing',
  // The card may be taken right after the PIN (releasesCard); the end reminds the patient anyway.
  cardOffFirst: false,
  // The eligibility service names the patient from the card, so the service is named in the login.
  beforeCard: true,
  Flow: BillingFlow,
  Prepare: BillingPrepare,
  startHint: 'bil.startHint',
};
