// The payment kiosk of the billing crash tests and the payment soak, as the production assembly
// builds it minus the screens: the kiosk database and outbox, the checkout service, the cashier
// client (incomev3 over HTTP to the reference back office's ORCA subset, this kiosk's Karte_Uid),
// the simulated acceptor and card terminal with their journals ON DISK (the devices' memory across
// a kill), and the card-linked account charging the back office with the kiosk's own credential.
// The child that gets killed (billing-crash-worker.ts) and the restarted kiosk of the parent are
// both built here, from the same files, so the restart sees exactly what the dead kiosk left.
import { join } from 'node:path';
import { openKioskDb, type KioskDb } from '../../db/kiosk-db';
import { createQueue } from '../../db/queue';
import { createCheckoutStore, type CheckoutStore } from '../../electron/services/billing/checkout-machine';
import { createCheckoutService } from '../../electron/services/billing/checkout-service';
import { karteUidForKiosk } from '../../electron/services/billing/config';
import { createIncomeClient } from '../../electron/services/billing/income-client';
import { createLinkedAccount } from '../../electron/services/billing/linked-account';
import { createPaymentLinksClient, type PaymentLinksClient } from '../../electron/services/billing/payment-links-client';
import type { BillingDeps, CheckoutService } from '../../electron/services/billing/types';
import type { CollectRequest, PaymentDevice } from '../../electron/services/payment/payment-device';
import { createBackOfficeClient } from '../../electron/services/sync/http-client';
import {
  createSimulatedAcceptor, createSimulatedCardTerminal, type CardTerminalOptions, type SimulatedAcceptor, type SimulatedAcceptorOptions, type SimulatedCardTerminal,
} from '../../simulators/payment';

export const CRASH_KIOSK_ID = 'billing-crash-kiosk';
export const CRASH_KARTE_UID = karteUidForKiosk(CRASH_KIOSK_ID);
/** The demo ORCA's operator (backoffice/orca/demo.ts seeds it). */
const ORCA_USER = { user: 'ormaster', password: 'ormaster' };

export interface CrashKioskOptions {
  /** The kiosk's data folder: kiosk.db and the two device journals. */
  dir: string;
  orcaUrl: string;
  backOfficeUrl: string;
  /** `<kioskId>:<key>` of the kiosk registered to the hospital at the back office. */
  kioskKey: string;
  acceptor?: Omit<SimulatedAcceptorOptions, 'journalPath'>;
  terminal?: Omit<CardTerminalOptions, 'journalPath'>;
  /** Wraps the checkout store (the worker's kill points); default as is. */
  wrapStore?: (s: CheckoutStore) => CheckoutStore;
  extra?: Partial<Pick<BillingDeps, 'printer' | 'renderDocuments' | 'newId' | 'clock'>>;
}

export interface CrashKiosk {
  db: KioskDb;
  checkouts: CheckoutStore;
  service: CheckoutService;
  acceptor: SimulatedAcceptor;
  terminal: SimulatedCardTerminal;
  links: PaymentLinksClient;
  /** paymentIds each device was asked to collect by THIS kiosk (a restart must ask none). */
  collects: string[];
  close(): void;
}

/** A device that tells which payments it was asked to collect. */
function counted(device: PaymentDevice, collects: string[]): PaymentDevice {
  return {
    collect: (req: CollectRequest, onProgress) => { collects.push(req.paymentId); return device.collect(req, onProgress); },
    refund: (id, amount) => device.refund(id, amount),
    cancel: () => device.cancel(),
    ...(device.lookup ? { lookup: (id: string) => device.lookup!(id) } : {}),
  };
}

export function openCrashKiosk(o: CrashKioskOptions): CrashKiosk {
  const db = openKioskDb({ path: join(o.dir, 'kiosk.db') });
  const store = createCheckoutStore(db, createQueue(db), CRASH_KIOSK_ID, Date.now);
  const checkouts = o.wrapStore ? o.wrapStore(store) : store;
  const cashier = createIncomeClient({ url: o.orcaUrl, ...ORCA_USER, karteUid: CRASH_KARTE_UID, timeoutMs: 5_000 });
  const http = createBackOfficeClient({ baseUrl: o.backOfficeUrl, kioskKey: o.kioskKey, timeoutMs: 5_000 });
  const links = createPaymentLinksClient(http);
  const acceptor = createSimulatedAcceptor({ mode: 'manual', ...o.acceptor, journalPath: join(o.dir, 'acceptor-journal.jsonl') });
  const terminal = createSimulatedCardTerminal({ mode: 'manual', ...o.terminal, journalPath: join(o.dir, 'terminal-journal.jsonl') });
  const linked = createLinkedAccount(links);
  const collects: string[] = [];
  const cashDevice = counted(acceptor, collects);
  const service = createCheckoutService({
    checkouts, cashier, links,
    devices: { cash: cashDevice, ic: cashDevice, card: counted(terminal, collects), linked: counted(linked, collects) },
    tokenizer: null, printer: o.extra?.printer ?? null, renderDocuments: o.extra?.renderDocuments ?? null, kioskId: CRASH_KIOSK_ID,
    ...(o.extra?.newId ? { newId: o.extra.newId } : {}),
    ...(o.extra?.clock ? { clock: o.extra.clock } : {}),
  });
  return {
    db, checkouts, service, acceptor, terminal, links, collects,
    close() { cashier.close(); http.close(); db.close(); },
  };
}
