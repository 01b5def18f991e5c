// What a resident service's feature (features/<service>/index.ts) hands the kiosk: its flow
// component and how the service menu offers it. The app knows services only through these
// (app/services.ts lists them); a feature never imports another feature.
import type { ComponentType } from 'react';
import type { KioskClient } from '../../../common/api/client';
import type { ResidentService } from '../../../common/api/contract';
import type { MessageKey } from '../i18n';

/** What the kiosk gives a service's flow once the resident chose it. */
export interface ServiceFlowProps {
  client: KioskClient;
  demo: boolean;
  /** The signed-in resident's registered name, when the card has one. */
  holderName?: string | undefined;
  /** The visit is over (finished, or the resident stops): the kiosk ends the session. */
  onFinish: () => void;
  /** Whether the kiosk's idle timer applies on the current step (paying and printing are not idleness). */
  onIdleApplies: (applies: boolean) => void;
  /** Opens the staff code dialog (e.g. a held print settled on the spot); null where there is no staff mode. */
  onStaff: (() => void) | null;
}

/** How the flow reducer treats a service (pure data, so the reducer is unit-tested in Node). */
export interface ServicePolicy {
  name: ResidentService;
  /** J-LIS's 取り忘れ対策: the service starts only once the card is off the reader. */
  cardOffFirst: boolean;
}

export interface ServiceModule extends ServicePolicy {
  /** The words on its button in the menu after sign-in. */
  label: MessageKey;
  /** The menu button's test id (kept stable for the end-to-end tests). */
  testId: string;
  /** Said on the idle screen before the card and the PIN (e.g. its service hours), if anything. */
  idleNote?: MessageKey;
  Flow: ComponentType<ServiceFlowProps>;
}
