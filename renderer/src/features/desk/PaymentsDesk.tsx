// The desk's 「会計」 tab: the day's settlement first (what a cashier closes the day with) beside the
// bills the accounting system still waits for, then the payments held for staff with their two
// decisions across the screen, and the day's payments with a refund each. Figures from main's
// desk.payments, asked as the reception tab asks (use-desk-feed.ts); a refund or a decision opens
// PaymentAction and asks again after it.
import { useState, type MutableRefObject } from 'react';
import type { KioskClient } from '../../../../common/api/client';
import { T } from '../../app/prefs';
import { timeOfDay } from './desk-view';
import { PaymentAction } from './PaymentAction';
import { HeldTable, PaymentsTable, SettlementBox, UnpaidTable, type PaymentAsk } from './PaymentTables';
import { loadErrorKey } from './payments-view';
import './payments-desk.css';
import { useDeskFeed, type DeskFeedControls } from './use-desk-feed';

export function PaymentsDesk({ client, onLocked, feedRef }: {
  client: KioskClient;
  onLocked: () => void;
  /** The screen's taps and its idle warning reach this tab's feed through it. */
  feedRef: MutableRefObject<DeskFeedControls | null>;
}) {
  const feed = useDeskFeed((refresh) => client['desk.payments']({ refresh }), onLocked);
  feedRef.current = feed;
  const [ask, setAsk] = useState<PaymentAsk | null>(null);
  const { view, error } = feed;
  return (
    <div className="pay-desk" role="tabpanel" aria-labelledby="desk-tab-payments" data-testid="pay-desk">
      <div className="desk-bar">
        {view && <span className="desk-updated" data-testid="desk-updated"><T k="desk.updated" vars={{ time: timeOfDay(view.fetchedAt) }} /></span>}
        <button type="button" className="btn btn-secondary btn-small" onClick={feed.tapNow} data-testid="desk-refresh"><T k="desk.refresh" /></button>
      </div>
      {error && (
        <p className="alert alert-error" role="alert" data-testid="desk-error" data-kind={error}>
          <T k={loadErrorKey(error)} vars={{ time: view ? timeOfDay(view.fetchedAt) : '—' }} />
        </p>
      )}
      {view && view.accounting !== 'available' && (
        <p className="alert alert-warn" data-testid="pay-accounting">
          ⚠ <T k={view.accounting === 'unavailable' ? 'desk.pay.accounting.unavailable' : 'desk.pay.accounting.none'} />
        </p>
      )}
      {view && (
        <div className="pay-grid">
          <SettlementBox view={view} />
          <div className="pay-block">
            <h2 id="pay-unpaid-title"><T k="desk.pay.unpaid.title" /> <span className="pay-count" data-testid="pay-unpaid-count">{view.unpaid.length}</span></h2>
            <UnpaidTable rows={view.unpaid} />
          </div>
          <div className="pay-block pay-block-wide">
            <h2 id="pay-held-title">⚠ <T k="desk.pay.held.title" /> <span className="pay-count" data-testid="pay-held-count">{view.held.length}</span></h2>
            <HeldTable rows={view.held} onAsk={setAsk} />
          </div>
          <div className="pay-block pay-block-wide">
            <h2 id="pay-list-title"><T k="desk.pay.list.title" /> <span className="pay-count">{view.payments.length}</span></h2>
            <PaymentsTable rows={view.payments} onAsk={setAsk} />
          </div>
        </div>
      )}
      {ask && (
        <PaymentAction client={client} ask={ask} onTap={feed.tap} onClose={(changed) => { setAsk(null); if (changed) feed.tapNow(); }} />
      )}
    </div>
  );
}
