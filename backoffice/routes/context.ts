// What every route module gets: the store and the server's policies.
import type { RevocationChecker } from '../../common/jpki';
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
  auth: AuthPolicy;
  municipalityCode: string;
}
