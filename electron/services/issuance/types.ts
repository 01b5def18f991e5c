// The issuance service's public shapes (the UI engineer's screens call IssuanceService).
import type { KioskDb } from '../../../db/kiosk-db';
import type { KioskQueue } from '../../../db/queue';
import type { CertificateType } from '../../../common/documents/types';
import type { PaymentDevice } from '../payment/payment-device';
import type { KioskPrinter, PrintOutcome } from '../printing/types';
import type { IssuanceState } from './state-machine';

export type { IssuanceState } from './state-machine';
export type { CertificateType } from '../../../common/documents/types';
export type { KioskPrinter, PrintOutcome, PrintRequest } from '../printing/types';
export type Scope = 'self' | 'household' | 'members';

export interface CatalogEntry {
  type: CertificateType;
  label: string;
  fee: number;
  options: { key: string; label: string; default: boolean }[];
  scopes: Scope[];
  available: boolean;
  refusal?: { reason: string; where: string };
}

export interface RequestInput {
  holderToken: string;
  type: CertificateType;
  scope: Scope;
  memberIds?: string[];
  options: Record<string, boolean>;
  layout?: 'household' | 'individual';
  copies: number;
}

export interface IssuanceView {
  state: IssuanceState;
  fee: number;
  paid: number;
  events: { at: string; state: IssuanceState; detail?: string }[];
}

export interface IssuanceService {
  catalog(session: { holderToken: string }): Promise<{ entries: CatalogEntry[]; household: { residentId: string; name: string; relationship: string }[] }>;
  request(input: RequestInput): Promise<{ requestId: string; fee: number; summary: string[] }>;
  pay(requestId: string, onProgress: (p: { inserted: number; remaining: number }) => void): Promise<{ state: IssuanceState; change: number }>;
  print(requestId: string, onProgress: (p: { phase: string; detail?: string }) => void): Promise<{ state: IssuanceState; outcome: PrintOutcome }>;
  cancel(requestId: string): Promise<{ state: IssuanceState; refunded: number }>;
  get(requestId: string): IssuanceView | null;
  resume(): Promise<void>;
  /** Staff, for a held request: 'printed' (the paper came out) or 'refund' (it did not). Audited. */
  resolveHeld(requestId: string, decision: 'printed' | 'refund', staffNote: string): Promise<{ state: IssuanceState; refunded: number }>;
  /** Moves printed requests whose events the back office acknowledged to 'synced' and deletes their
   *  document and personal data from the kiosk; returns how many were settled. */
  settleSynced(): number;
}

export interface IssuanceDeps {
  db: KioskDb;
  queue: KioskQueue;
  backOffice: { baseUrl: string; timeoutMs?: number; ca?: string | Buffer; cert?: string | Buffer; key?: string | Buffer };
  printer: KioskPrinter;
  payment: PaymentDevice;
  kioskId: string;
  clock?: () => Date;
  /** Print timeout handed to the printer (default 180 s: kiosk prints can take 2 minutes). */
  printTimeoutMs?: number;
  log?: (msg: string) => void;
}
