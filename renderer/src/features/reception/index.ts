// Hospital reception (マイナ保険証 at the kiosk) as the kiosk sees it: chosen on the idle screen
// before the card (card or smartphone), then the shared PIN, then its own flow (the
// `receptionFlow` reducer) up to the reception number and the 受付票.
import type { ServiceModule } from '../../shared/service';
import { ReceptionPrepare } from './PrepareScreens';
import { ReceptionFlow } from './ReceptionFlow';

export { ReceptionFlow } from './ReceptionFlow';
export { receptionFlow, initialReception, type ReceptionAction, type Step as ReceptionStep } from './reception-flow';

export const receptionService: ServiceModule = {
  name: 'reception',
  label: 'rcp.start',
  testId: 'to-reception',
  // The card or phone may stay on the reader: its flow reminds the patient to take it at the end.
  cardOffFirst: false,
  // The eligibility service checks the card, so the service is named in the login.
  beforeCard: true,
  Flow: ReceptionFlow,
  Prepare: ReceptionPrepare,
  startHint: 'rcp.startHint',
};
