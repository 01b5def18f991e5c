// After sign-in: who was confirmed, the card's expiry, and the services this kiosk offers. With
// one service this is the one button of old (no extra step for a store kiosk's residents); with
// several, a question and a large button each; with none, a calm ending (take your card).
import type { HolderView } from '../../../common/api/contract';
import { expiresSoon } from '../app/flow';
import { T, usePrefs } from '../app/prefs';
import { Heading } from './Heading';
import type { ServiceModule } from './service';

export type MenuEntry = Pick<ServiceModule, 'name' | 'label' | 'testId' | 'cardOffFirst'>;

function dateText(iso: string, lang: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'Asia/Tokyo' }).format(d);
}

export function AuthenticatedScreen({ holder, cardPresent, services, onOpen, onDone }: {
  holder: HolderView;
  cardPresent: boolean;
  /** The services this kiosk offers, in menu order. */
  services: readonly MenuEntry[];
  onOpen: (service: MenuEntry['name']) => void;
  onDone: () => void;
}) {
  const { lang } = usePrefs();
  const waitsForCard = cardPresent && services.some((s) => s.cardOffFirst);
  return (
    <section className="screen" data-services={services.length}>
      {holder.name ? <Heading k="auth.titleNamed" vars={{ name: holder.name }} /> : <Heading k="auth.title" />}
      {cardPresent ? (
        <p className="alert alert-warn card-reminder" role="alert" data-testid="take-card">
          <T k="auth.removeCard" />
        </p>
      ) : (
        <p className="alert alert-ok" role="status">
          <T k="auth.cardTaken" />
        </p>
      )}
      {/* Only what a resident can act on: the card's expiry (issuer, serial and the revocation
          check are the kiosk's business, kept in its log, not on the resident's screen). */}
      <dl className="facts" data-testid="holder-facts">
        <dt><T k="auth.validUntil" /></dt>
        <dd data-testid="valid-until">{dateText(holder.notAfter, lang)}</dd>
      </dl>
      {expiresSoon(holder.notAfter, new Date()) && (
        <p className="alert alert-warn" data-testid="renew-soon">
          <T k="auth.renewSoon" />
        </p>
      )}
      {services.length === 0 && (
        <p className="lead" data-testid="nothing-here">
          <T k="menu.none" />
        </p>
      )}
      {services.length > 1 && (
        <p className="lead" data-testid="menu-choose">
          <T k="menu.choose" />
        </p>
      )}
      {waitsForCard && (
        <p className="lead" data-testid="take-card-first">
          <T k="auth.takeCardFirst" />
        </p>
      )}
      <div className={services.length > 1 ? 'actions service-menu-many' : 'actions'} data-testid="service-menu">
        {services.map((s) => (
          <button key={s.name} type="button" className="btn btn-primary" disabled={s.cardOffFirst && cardPresent} onClick={() => onOpen(s.name)} data-testid={s.testId} data-service={s.name}>
            <T k={s.label} />
          </button>
        ))}
        <button type="button" className={services.length > 0 ? 'btn btn-secondary' : 'btn btn-primary'} onClick={onDone}>
          <T k="auth.done" />
        </button>
      </div>
    </section>
  );
}
