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
  /** What the patient placed, for a service chosen before the card (the end says "take your card/phone"). */
  device?: CardDevice | undefined;
  /** Whether the card (or phone) is still on the reader. */
  cardOnReader?: boolean | undefined;
}

/** What a resident places on the reader: the card, or a phone carrying its certificate. */
export type CardDevice = 'card' | 'android' | 'iphone';

/** A service chosen before the card (hospital reception): its own steps up to "place it". */
export interface PrepareProps {
  /** The device chosen so far (null: not yet asked). */
  device: CardDevice | null;
  onDevice: (device: CardDevice | null) => void;
  onCancel: () => void;
}

/** How the flow reducer treats a service (pure data, so the reducer is unit-tested in Node). */
export interface ServicePolicy {
  name: ResidentService;
  /** J-LIS's 取り忘れ対策: the service starts only once the card is off the reader. */
  cardOffFirst: boolean;
  /**
   * Chosen on the idle screen before the card, and named in the login (its own party checks the
   * card, e.g. the online-eligibility service); after the PIN its flow opens without the menu.
   * Such a service never uses the last PIN try: with one left the patient is sent to the desk.
   */
  beforeCard?: boolean;
}

export interface ServiceModule extends ServicePolicy {
  /** The words on its button in the menu after sign-in. */
  label: MessageKey;
  /** The menu button's test id (kept stable for the end-to-end tests). */
  testId: string;
  /** Said on the idle screen before the card and the PIN (e.g. its service hours), if anything. */
  idleNote?: MessageKey;
  Flow: ComponentType<ServiceFlowProps>;
  /** beforeCard services: the steps from the idle screen's button up to "place it". */
  Prepare?: ComponentType<PrepareProps>;
  /** beforeCard services: a line under the idle screen's button (e.g. "with a phone too"). */
  startHint?: MessageKey;
}
