// Paying: cash / e-money on the acceptor (inserted, still to pay, a cancel that returns what was
// put in), the card terminal (follow the terminal; the kiosk only waits), the linked account (the
// kiosk charges it; nothing to do). Then the 領収証 and 明細書 printing, the patient told to stay.
import type { KioskClient } from '../../../../common/api/client';
import { T } from '../../app/prefs';
import type { MessageKey } from '../../i18n';
import { Heading } from '../../shared/Heading';
import { yen, type Step } from './billing-flow';
import { DueAmount } from './BillScreens';

const DEMO_COINS = [10, 50, 100, 500, 1000, 5000, 10000] as const;

const TITLE: Record<'cash' | 'ic' | 'card' | 'linked', MessageKey> = {
  cash: 'bil.pay.cash.title', ic: 'bil.pay.ic.title', card: 'bil.pay.card.title', linked: 'bil.pay.linked.title',
};

/** Demo mode: the simulated acceptor's coins and IC touch, as the issuance payment screen has them. */
function DemoAcceptor({ client, disabled }: { client: KioskClient; disabled: boolean }) {
  const put = (input: { yen: (typeof DEMO_COINS)[number] } | { ic: true }) => void client['demo.pay'](input).catch(() => undefined);
  return (
    <aside className="demo-money" aria-label="demo" data-testid="demo-money">
      <strong><T k="demo.pay.title" /></strong>
      {DEMO_COINS.map((y) => (
        <button key={y} type="button" className="btn btn-small" disabled={disabled} onClick={() => put({ yen: y })}>¥{yen(y)}</button>
      ))}
      <button type="button" className="btn btn-small" disabled={disabled} onClick={() => put({ ic: true })}><T k="demo.pay.ic" /></button>
    </aside>
  );
}

const CARD_KEYS = [['approve', 'bil.demo.approve'], ['decline', 'bil.demo.decline'], ['cancel', 'bil.demo.cancel'], ['timeout', 'bil.demo.timeout']] as const;

/** Demo mode: the simulated card terminal's keys (what the customer does there), beside the step that uses it. */
export function DemoCardTerminal({ client }: { client: KioskClient }) {
  const press = (card: (typeof CARD_KEYS)[number][0]) => void client['demo.pay']({ card }).catch(() => undefined);
  return (
    <aside className="demo-money" aria-label="demo" data-testid="demo-card-terminal">
      <strong><T k="bil.demo.terminal" /></strong>
      {CARD_KEYS.map(([card, k]) => (
        <button key={card} type="button" className="btn btn-small" onClick={() => press(card)} data-testid={`demo-card-${card}`}><T k={k} /></button>
      ))}
    </aside>
  );
}

export function Paying({ s, client, demo, onCancel }: { s: Extract<Step, { step: 'paying' }>; client: KioskClient; demo: boolean; onCancel: () => void }) {
  const due = s.view.bill?.due ?? 0;
  const acceptor = s.method === 'cash' || s.method === 'ic';
  return (
    <section className="screen center bill-paying" data-method={s.method} data-phase={s.phase ?? ''} aria-busy={s.method === 'linked'}>
      <Heading k={TITLE[s.method]} />
      {acceptor ? (
        <div className="money" data-testid="money" data-inserted={s.inserted} data-remaining={s.remaining}>
          <p className="money-total"><T k="bil.pay.due" /> <T k="bil.amount" vars={{ n: yen(due) }} /></p>
          <p><T k="bil.pay.inserted" /> <T k="bil.amount" vars={{ n: yen(s.inserted) }} /></p>
          <p className="money-remaining"><T k="bil.pay.remaining" /> <T k="bil.amount" vars={{ n: yen(s.remaining) }} /></p>
        </div>
      ) : (
        <DueAmount due={due} label="bil.pay.due" />
      )}
      {s.method === 'cash' && <p className="lead" role="status"><T k="bil.pay.cash.hint" /></p>}
      {s.method === 'card' && <p className="lead" role="status"><T k="bil.pay.card.hint" /></p>}
      {s.method === 'linked' && (
        <>
          <div className="progress" role="progressbar" aria-label="…"><span /></div>
          <p className="lead" role="status"><T k="bil.pay.wait" /></p>
        </>
      )}
      {s.method !== 'linked' && (
        <div className="actions">
          <button type="button" className="btn btn-secondary" disabled={s.cancelling} onClick={onCancel} data-keypad="back" data-testid="pay-cancel"><T k="bil.pay.cancel" /></button>
        </div>
      )}
      {demo && acceptor && <DemoAcceptor client={client} disabled={s.cancelling} />}
      {demo && s.method === 'card' && <DemoCardTerminal client={client} />}
    </section>
  );
}

export function Printing() {
  return (
    <section className="screen center" aria-busy="true">
      <div className="mark mark-ok" aria-hidden="true">✓</div>
      <Heading k="bil.printing.title" />
      <div className="progress" role="progressbar" aria-label="…"><span /></div>
      <p className="alert alert-warn stay" role="status"><T k="bil.pay.wait" /></p>
    </section>
  );
}
