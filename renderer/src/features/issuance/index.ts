// Certificate issuance (住民票の写し, 記載事項証明書, 印鑑登録証明書) as the kiosk sees it: the
// flow component (its state is the `issuanceFlow` reducer) and how the service menu offers it.
import type { ServiceModule } from '../../shared/service';
import { IssuanceFlow } from './IssuanceFlow';

export { IssuanceFlow } from './IssuanceFlow';
export { issuanceFlow, initialIssuance, type IssuanceAction, type Step as IssuanceStep } from './issuance-flow';

export const issuanceService: ServiceModule = {
  name: 'issuance',
  label: 'auth.toCertificates',
  testId: 'to-certificates',
  // A resident arriving at night learns the hours before placing the card.
  idleNote: 'idle.hours',
  // No choice is offered while the card is still on the reader (J-LIS's 取り忘れ対策).
  cardOffFirst: true,
  Flow: IssuanceFlow,
};
