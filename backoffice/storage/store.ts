// The back office's storage contract. Routes use BackOfficeStore, the asynchronous shape: SQLite
// (the embedded default) implements the synchronous records (sqlite-store.ts) and is wrapped
// (sqlite-async.ts); PostgreSQL implements it directly (postgres-store.ts), so several instances can
// share one database.

export interface StoredResponse {
  scope: string;
  key: string;
  requestHash: string;
  status: number;
  body: string;
  createdAt: number;
}

export interface ResidentRow {
  residentId: string;
  name: string;
  nameKana: string;
  nameAlt?: string | null;
  sex: '1' | '2' | '9';
  dob: string;
  address: string;
  municipalityCode: string;
  householdId: string;
  relationship: string;
  movedOut: boolean;
  dvProtection: boolean;
  deceased: boolean;
  unprintableCharacters: boolean;
}

export interface SealRow {
  residentId: string;
  registrationNumber: string;
  imagePng: Uint8Array;
  abolished: boolean;
}

/** A JPKI certificate → resident link. Keyed by fingerprint: serials change on every renewal. */
export interface CertificateLink {
  sha256FingerprintHex: string;
  serialHex: string;
  issuer: string;
  residentId: string;
  notBefore: number;
  notAfter: number;
  /** 'demo' seeding, or 'jlis' (紐付け情報 delivered by J-LIS on issuance/renewal). */
  source: string;
}

export interface InsuranceRow {
  residentId: string;
  insurerNumber: string;
  insurerName: string;
  symbol: string;
  number: string;
  branch: string;
  cardClassification: string;
  personalFamily: '1' | '2';
  qualificationDate: string;
  contributionRatio: string;
  limitFlag?: string | null;
  valid: boolean;
}

export interface EventApplyResult {
  key: string;
  /** 'rejected': refused for good (reason, field); nothing was recorded. */
  status: 'applied' | 'duplicate' | 'conflict' | 'rejected';
  reason?: string;
  field?: string;
}

export type EventRefusal = { reason: string; field?: string };

/** A reception.* event as the desk reads it. */
export interface ReceptionEventRow { kioskId: string; key: string; kind: string; payloadJson: string; createdAt: number }

export interface KioskEventIn { key: string; kind: string; stream: string | null; payloadJson: string; createdAt: number }

/** The synchronous store (better-sqlite3): what openSqliteStore returns. */
export interface SyncBackOfficeStore extends StoreRecords {
  transaction<T>(fn: () => T): T;
  close(): void;
  /**
   * Kiosk events pushed from outboxes; applied exactly once per kiosk and key (two kiosks may use the
   * same key). `accept` runs for an event not seen before, before it is recorded: a refusal it
   * returns is answered 'rejected' and nothing is recorded.
   */
  applyEvent(kioskId: string, e: KioskEventIn, now: number, accept?: () => EventRefusal | undefined): EventApplyResult;
}

type Async<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never };

/** The store the routes use: every record method answers a promise. */
export interface BackOfficeStore extends Async<StoreRecords> {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in one transaction: every store call made inside it (in its async context) joins it.
   * A transaction inside a transaction joins the outer one.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Runs `fn` holding (scope, key) exclusively against every instance on the same database, in one
   * transaction with what `fn` writes (PostgreSQL: an advisory transaction lock). SQLite has one
   * process writing: the caller's in-process serialisation is enough, and `fn` runs as it is.
   */
  exclusive<T>(scope: string, key: string, fn: () => Promise<T>): Promise<T>;
  /** As SyncBackOfficeStore.applyEvent; the kiosk-event key is claimed by the database's unique key.
   *  `accept` may wait (it moves the issuance the event is about, in the same transaction). */
  applyEvent(kioskId: string, e: KioskEventIn, now: number, accept?: () => Promise<EventRefusal | undefined> | EventRefusal | undefined): Promise<EventApplyResult>;
  /**
   * Inside a transaction, before a batch's applyEvent calls: claims the batch's new events in one
   * statement (PostgreSQL; each applyEvent would otherwise be a round trip of its own). applyEvent
   * then finds its event claimed; `release` withdraws, in the same transaction, the claims no
   * applyEvent took (events deferred or refused before they were applied). Absent: nothing to save.
   */
  claimEvents?(kioskId: string, events: readonly KioskEventIn[], now: number): Promise<{ release(): Promise<void> }>;
  close(): Promise<void>;
}

/** The records, as the synchronous store offers them (the async store: each answers a promise). */
export interface StoreRecords {
  // Idempotency (HTTP Idempotency-Key and sync event keys)
  getResponse(scope: string, key: string): StoredResponse | undefined;
  putResponse(r: StoredResponse): void;
  purgeResponses(olderThan: number): number;

  eventCount(): number;
  eventKeys(): string[];

  // Registry
  upsertResident(r: ResidentRow): void;
  getResident(residentId: string): ResidentRow | undefined;
  householdOf(householdId: string): ResidentRow[];
  upsertSeal(s: SealRow): void;
  getSeal(residentId: string): SealRow | undefined;
  linkCertificate(l: CertificateLink): void;
  findCertificateLink(sha256FingerprintHex: string): CertificateLink | undefined;

  // Holder sessions
  putChallenge(c: { challengeId: string; challenge: Uint8Array; kioskId: string; expiresAt: number }): void;
  /** Returns the challenge once and deletes it (single use). */
  takeChallenge(challengeId: string): { challenge: Uint8Array; kioskId: string; expiresAt: number } | undefined;
  putSession(s: { token: string; residentId: string; kioskId: string; expiresAt: number }): void;
  getSession(token: string): { residentId: string; kioskId: string; expiresAt: number } | undefined;
  /** Deletes holder sessions and challenges that expired before `now`; returns how many rows went. */
  purgeExpiredAuth(now: number): number;

  // Certificate requests

  // Eligibility
  upsertInsurance(i: InsuranceRow): void;
  insuranceOf(residentId: string): InsuranceRow | undefined;
  insuranceByNumbers(insurerNumber: string, symbol: string, number: string): InsuranceRow | undefined;

  // Hospital accounting
  putReception(r: { receptionRef: string; patientRef: string; department: string; kioskId: string; receivedAt: number }): void;
  /** kioskId: the kiosk that took the reception; its bill and payments belong to that kiosk alone. */
  getReception(receptionRef: string): { receptionRef: string; patientRef: string; department: string; kioskId: string; receivedAt: number } | undefined;
  putBill(b: { billRef: string; receptionRef: string; totalYen: number; copayYen: number }): void;
  getBill(billRef: string): { billRef: string; receptionRef: string; copayYen: number; paidYen: number } | undefined;
  addPayment(p: { paymentRef: string; billRef: string; amountYen: number; method: string; kioskId: string; paidAt: number }): void;
  hasPayment(paymentRef: string): boolean;

  // Reception desk: what reception kiosks reported about visits (their reception.* events), by the
  // kiosk's time of the event, from ≤ t < to, oldest first.
  receptionEvents(kioskIds: readonly string[], from: number, to: number): ReceptionEventRow[];
  /** Payment desk: what payment kiosks reported about payments (their billing.* events), the same way. */
  billingEvents(kioskIds: readonly string[], from: number, to: number): ReceptionEventRow[];

  // Fleet
  upsertKiosk(k: { kioskId: string; site: string; kind: string; softwareVersion: string; registeredAt: number }): void;
  getKiosk(kioskId: string): { kioskId: string; site: string; kind: string; registeredAt: number; lastHeartbeatAt: number | null } | undefined;
  /** false: no such kiosk (nothing recorded). */
  recordHeartbeat(kioskId: string, at: number, signalsJson: string): boolean;

  // Configuration documents with a version (the ETag)
  getConfig(name: string): { body: string; version: number } | undefined;
  putConfig(name: string, body: string): number;
}
