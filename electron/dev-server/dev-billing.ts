// Hospital payment for the demo kiosk, `npm start` and the tests: the billing settings of the demo
// hospital (the reception's ORCA subset as the cashier, the kiosk's Karte_Uid derived from its id),
// the simulated card terminal (simulators/payment/card-terminal.ts, answered by the demo tray's
// buttons and by tests through demo.pay { card }) and the demo hospital's document key. The kiosk's
// billing module, the incomev3 client, the linked account and the back office's links are the
// production ones; only the terminal and the key are the demo's.
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { demoHospitalSigner } from '../../simulators/hospital';
import { createSimulatedCardTerminal, type CardOutcomeName, type CardTerminalOptions, type SimulatedCardTerminal } from '../../simulators/payment';
import type { BillingParts } from '../services/billing/assemble';
import { karteUidForKiosk, type BillingSettings } from '../services/billing/config';
import type { DevReception } from './dev-reception';

export interface DevBilling {
  settings: BillingSettings;
  parts: BillingParts;
  cardTerminal: SimulatedCardTerminal;
}

export interface DevBillingOptions {
  /** The card terminal's behaviour (default: manual, answered through demo.pay { card }; 90 s bound). */
  cardTerminal?: Omit<CardTerminalOptions, 'journalPath'>;
}

export function startDevBilling(o: { dataDir: string; kioskId: string; reception: DevReception } & DevBillingOptions): DevBilling {
  const cardTerminal = createSimulatedCardTerminal({ mode: 'manual', ...o.cardTerminal, journalPath: join(o.dataDir, 'card-terminal-journal.json') });
  const r = o.reception.settings;
  const settings: BillingSettings = {
    hospital: { name: r.hospitalName, address: '東京都千代田区まどぐち1-2-3', phone: '03-0000-0000' },
    karteUid: karteUidForKiosk(o.kioskId),
    methods: ['cash', 'ic', 'card', 'linked'],
    accounting: { url: r.accounting.url, user: r.accounting.user, password: r.accounting.password, timeoutMs: r.accounting.timeoutMs, allowPlainHttp: r.accounting.allowPlainHttp },
    // Unused: the demo signs with the demo hospital's published key (parts.signer), which `madoguchi verify --demo` knows.
    receiptKey: { keyId: 'unused', privateKey: generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey },
  };
  return { settings, parts: { eligibility: o.reception.parts.eligibility!, cardTerminal, signer: demoHospitalSigner() }, cardTerminal };
}

/** The demo tray's and demo.pay's hold on the terminal. */
export const demoCardOf = (t: SimulatedCardTerminal) => ({ respond: (outcome: CardOutcomeName) => t.respond(outcome) });
