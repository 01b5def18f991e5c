// What every route module gets: the store and the server's policies.
import type { RevocationChecker } from '../../common/jpki';
import type { CertificateStore } from '../certificates/certificate-store';
import type { Acquirer } from '../hospital-payments/acquirer';
import type { PaymentLinksStore } from '../hospital-payments/links-store';
import type { OrcaStore } from '../orca/orca-store';
import type { AccessStore } from '../storage/access-store';
import type { BackOfficeStore } from '../storage/store';

export interface AuthPolicy {
  /** Trust anchors for holder auth certificates (J-LIS auth root in production). */
  anchors: Uint8Array[];
  revocation: RevocationChecker | null;
  revocationFailure: 'fail-closed' | 'fail-open';
  challengeTtlMs: number;
  sessionTtlMs: number;
}

export interface BackOfficeContext {
  store: BackOfficeStore;
  /** Registered kiosks and staff, and the eligibility audit. */
  access: AccessStore;
  auth: AuthPolicy;
  /** The medical-accounting system's records (ORCA subset, backoffice/orca/: its own SQLite file). */
  orca?: OrcaStore;
  /** Card-linked payment accounts and their charges (hospital-payments/), and the acquirer they are charged at. */
  paymentLinks?: { store: PaymentLinksStore; acquirer: Acquirer };
  /** Certificate issuance: its records and the municipality's signed-PDF renderer (absent: not offered). */
  certificates?: {
    store: CertificateStore;
    render(doc: unknown): Promise<Uint8Array>;
    /**
     * The clock the service-hours rule reads (6:30–23:00 JST, closed 12/29–1/3); the request's wall
     * clock when absent. Kept apart from the clock of certificate validity and revocation, so tests
     * can pin "inside opening hours" without making live OCSP/CRL answers look like they are from
     * the future.
     */
    hoursClock?: () => number;
  };
}
