// The issuance service's public shapes (the kiosk session service and its screens call IssuanceService).
import type { KioskDb } from '../../../db/kiosk-db';
import type { KioskQueue } from '../../../db/queue';
import type { Catalog, CertificateChoice } from '../../../common/backoffice-api';
import type { PaymentDevice } from '../payment/payment-device';
import type { KioskPrinter, PrintOutcome } from '../printing/types';
import type { BackOfficeClient, BackOfficeClientOptions } from '../sync/http-client';
import type { IssuanceState } from './state-machine';

export type { IssuanceState } from './state-machine';
export type { CatalogEntry, CertificateType, Scope } from '../../../common/backoffice-api';
export type { KioskPrinter, PrintOutcome, PrintRequest } from '../printing/types';
/** What the resident chose (the back office's vocabulary), and the holder's back-office session. */
export type RequestInput = CertificateChoice & { holderToken: string };

/** The receipt after a printed certificate: 'none' when nothing was paid (no receipt is due). */
export type ReceiptOutcome = 'printed' | 'failed' | 'none';

/** What staff decide for a held request. 'reprint': nothing usable came out; a fresh copy is fetched
 *  from the back office and printed, no second fee. */
export type HeldDecision = 'printed' | 'refund' | 'reprint';

export interface IssuanceView {
  state: IssuanceState;
  fee: number;
  paid: number;
  events: { at: string; state: IssuanceState; detail?: string }[];
}

export interface IssuanceService {
  catalog(session: { holderToken: string }): Promise<Catalog>;
  request(input: RequestInput): Promise<{ requestId: string; fee: number; summary: string[] }>;
  pay(requestId: string, onProgress: (p: { inserted: number; remaining: number }) => void): Promise<{ state: IssuanceState; change: number }>;
  /** Prints the certificate and, once it is confirmed printed and was paid for, its receipt
   *  (progress phases 'receipt', then 'receipt-printed' or 'receipt-failed'). */
  print(requestId: string, onProgress: (p: { phase: string; detail?: string }) => void): Promise<{ state: IssuanceState; outcome: PrintOutcome; receipt: ReceiptOutcome }>;
  cancel(requestId: string): Promise<{ state: IssuanceState; refunded: number }>;
  get(requestId: string): IssuanceView | null;
  resume(): Promise<void>;
  /** Staff, for a held request: 'printed' (the paper came out), 'refund' (it did not), or 'reprint'
   *  (it did not: print a fresh copy from the back office, same issuance number, no second fee).
   *  Audited with the staff note. A reprint reports its print and receipt outcomes. A refund goes
   *  through the payment device; one it cannot pay leaves the request 'failed' with the fee owed
   *  (throws payment.failed), and a later refund on that failed request settles it. */
  resolveHeld(requestId: string, decision: HeldDecision, staffNote: string, onProgress?: (p: { phase: string; detail?: string }) => void):
    Promise<{ state: IssuanceState; refunded: number; outcome?: PrintOutcome; receipt?: ReceiptOutcome }>;
  /** Requests waiting for staff (held, or failed with money owed), oldest first. */
  listHeld(): { requestId: string; state: IssuanceState; type: string; issuanceNumber: string | null; paid: number; updatedAt: string;
    lastDetail: string | null; maybePrinted: boolean | null }[];
  /** Moves printed requests whose events the back office acknowledged to 'synced' and deletes their
   *  document and personal data from the kiosk; returns how many were settled. */
  settleSynced(): number;
}

export interface IssuanceDeps {
  db: KioskDb;
  queue: KioskQueue;
  /** The kiosk's back-office client (the platform's), or where the back office is and how this kiosk
   *  proves who it is (client certificate, or kiosk key on loopback) for a client of the service's own. */
  backOffice: BackOfficeClient | BackOfficeClientOptions;
  printer: KioskPrinter;
  payment: PaymentDevice;
  kioskId: string;
  clock?: () => Date;
  /** Print timeout handed to the printer (default 180 s: kiosk prints can take 2 minutes). */
  printTimeoutMs?: number;
  /** Deadline for the receipt after the certificate (default 60 s): the resident is not kept waiting for it. */
  receiptTimeoutMs?: number;
  log?: (msg: string) => void;
}
