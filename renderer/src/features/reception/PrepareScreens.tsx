// Before the card: the shared card-or-phone and "place it" screens, with reception's title and voice.
import { DevicePrepare, type DevicePrepareWords } from '../../shared/DevicePrepare';
import type { PrepareProps } from '../../shared/service';
import { prepareSpeech } from './spoken';

const WORDS: DevicePrepareWords = { title: 'rcp.device.title', cancel: 'rcp.cancel', back: 'rcp.back', speech: prepareSpeech };

export function ReceptionPrepare(props: PrepareProps) {
  return <DevicePrepare {...props} words={WORDS} />;
}
