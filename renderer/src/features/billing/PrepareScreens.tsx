// Before the card: the shared card-or-phone and "place it" screens, with payment's title and voice;
// the login then names 'billing'.
import { DevicePrepare, type DevicePrepareWords } from '../../shared/DevicePrepare';
import type { PrepareProps } from '../../shared/service';
import { prepareSpeech } from './spoken';

const WORDS: DevicePrepareWords = { title: 'bil.device.title', cancel: 'bil.cancel', back: 'bil.back', speech: prepareSpeech };

export function BillingPrepare(props: PrepareProps) {
  return <DevicePrepare {...props} words={WORDS} />;
}
