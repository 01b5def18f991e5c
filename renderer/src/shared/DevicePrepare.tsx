// Before the card, for a service chosen on the idle screen (reception, payment): what the patient
// will place (a certified reader's first question: card or smartphone, then which phone), then
// "place it" with a picture of that. No session exists yet; placing the card or phone starts the
// shared reading → PIN steps. One component so both services' first screens stay identical; each
// service passes only its own words and voice.
import { T } from '../app/prefs';
import type { Spoken } from '../app/spoken';
import { Speak } from '../app/voice';
import type { MessageKey } from '../i18n';
import { Heading } from './Heading';
import type { CardDevice, PrepareProps } from './service';

const PLACE: Record<CardDevice, { title: MessageKey; hint: MessageKey }> = {
  card: { title: 'rcp.place.card', hint: 'rcp.place.cardHint' },
  android: { title: 'rcp.place.android', hint: 'rcp.place.androidHint' },
  iphone: { title: 'rcp.place.iphone', hint: 'rcp.place.iphoneHint' },
};

/** What differs between the services: the question's title, the two buttons' words, the voice. */
export interface DevicePrepareWords {
  title: MessageKey;
  cancel: MessageKey;
  back: MessageKey;
  speech: (device: CardDevice | null) => Spoken;
}

/** A card or a phone over the reader (one drawing, the device changes). */
function PlaceIcon({ device }: { device: CardDevice }) {
  return (
    <svg className="card-icon" viewBox="0 0 200 130" aria-hidden="true">
      <rect x="40" y="86" width="140" height="36" rx="6" className="reader" />
      {device === 'card' ? (
        <>
          <rect x="40" y="8" width="120" height="76" rx="8" className="card" />
          <rect x="55" y="28" width="22" height="18" rx="3" className="chip" />
        </>
      ) : (
        <>
          <rect x="80" y="2" width="46" height="82" rx="9" className="card" />
          <rect x="87" y="12" width="32" height="56" rx="3" className="chip" />
        </>
      )}
    </svg>
  );
}

export function DevicePrepare({ device, onDevice, onCancel, words }: PrepareProps & { words: DevicePrepareWords }) {
  if (device === null) {
    return (
      <section className="screen center reception-device">
        <Speak parts={words.speech(null)} />
        <Heading k={words.title} />
        <div className="device-choices">
          <button type="button" className="choice device-card" onClick={() => onDevice('card')} data-testid="device-card">
            <span className="choice-name"><T k="rcp.device.card" /></span>
          </button>
          <div className="device-phones" role="group" aria-labelledby="device-phone-label">
            <p id="device-phone-label" className="device-phone-label"><T k="rcp.device.phone" /></p>
            <div className="row">
              <button type="button" className="choice device-phone" onClick={() => onDevice('android')} data-testid="device-android">
                <span className="choice-name"><T k="rcp.device.android" /></span>
              </button>
              <button type="button" className="choice device-phone" onClick={() => onDevice('iphone')} data-testid="device-iphone">
                <span className="choice-name"><T k="rcp.device.iphone" /></span>
              </button>
            </div>
          </div>
        </div>
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={onCancel} data-keypad="back"><T k={words.cancel} /></button>
        </div>
      </section>
    );
  }
  const place = PLACE[device];
  return (
    <section className="screen center" data-device={device}>
      <Speak parts={words.speech(device)} />
      <PlaceIcon device={device} />
      <Heading k={place.title} />
      <p className="lead"><T k={place.hint} /></p>
      <div className="actions">
        <button type="button" className="btn btn-secondary" onClick={() => onDevice(null)} data-keypad="back"><T k={words.back} /></button>
      </div>
    </section>
  );
}
