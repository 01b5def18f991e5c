// The reference back office as a library: startBackOffice() → { url, close() }. Loopback by
// default; the embedded default of `npm start` and of the tests. TLS termination for a real
// deployment belongs in front of it (or pass `tls` to serve HTTPS directly).
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { RevocationChecker } from '../common/jpki';
import { openSqliteCertificateStore, type CertificateStore } from './certificates/certificate-store';
import { provisionCredentials, type CredentialsT } from './credentials';
import { answerClientError } from './http/client-error';
import { createInputGuard } from './http/input';
import { createHandler } from './http/serve';
import { ensureKioskSettings } from './kiosk-config';
import { openOrcaStore, type OrcaStore } from './orca/orca-store';
import { simulatedAcquirer } from './hospital-payments/acquirer';
import { openPaymentLinksStore } from './hospital-payments/links-store';
import { postgresPaymentLinksStore } from './hospital-payments/postgres-links-store';
import { provisionOrcaOperators } from './orca/operators';
import { allRoutes } from './routes';
import type { BackOfficeContext } from './routes/context';
import { openSqliteAccessStore, type AccessStore } from './storage/access-store';
import { isPostgresUrl, redactedUrl } from './storage/store-url';
import type { PostgresBackOfficeStore } from './storage/postgres-store';
import { openSqliteBackOfficeStore } from './storage/sqlite-async';
import type { BackOfficeStore } from './storage/store';

export interface BackOfficeOptions {
  port?: number;
  host?: string;
  dataDir: string;
  /** Seed demo residents matching the virtual cards (dev/test only; loads backoffice/demo). */
  demo?: boolean;
  /** Where the records live (default: SQLite in dataDir): a `postgres://…` URL (TLS by its sslmode /
   *  sslrootcert parameters, or `storeCa`) or a store. On PostgreSQL the registered kiosks and staff
   *  and the issued certificates live in that database too; on SQLite, in access.db and
   *  certificates.db next to backoffice.db in dataDir. */
  store?: BackOfficeStore | string;
  /** PEM of the CA of the PostgreSQL server's certificate: TLS to the database, verified. */
  storeCa?: string | Buffer;
  trustAnchors?: Uint8Array[];
  revocation?: RevocationChecker | null;
  revocationFailure?: 'fail-closed' | 'fail-open';
  /** How long idempotency answers are kept for replay (default 24 hours, the usual practice for
   *  idempotency keys: a kiosk retries within minutes; its outbox events have their own keys). */
  idempotencyRetentionHours?: number;
  /** The same in days (older configurations); wins over idempotencyRetentionHours when given. */
  idempotencyRetentionDays?: number;
  clock?: () => number;
  /** Only for the certificate rules' service hours (tests pin it inside opening hours); default `clock`. */
  hoursClock?: () => number;
  /** Renders the municipality-signed certificate PDF (templates/ renderCertificatePdf with the
   *  municipality's signer). Demo mode uses the demo municipality when none is given. */
  certificateRenderer?: (doc: unknown) => Promise<Uint8Array>;
  tls?: { key: string | Buffer; cert: string | Buffer; ca?: string | Buffer; requestClientCert?: boolean };
  /** Who may call (credentials.ts): kiosks by client certificate (or kiosk key on plain-HTTP loopback),
   *  staff by key and role. Provisioned at start; earlier ones stay in `<dataDir>/access.db`. */
  credentials?: CredentialsT;
  /** Where certificate files named in `credentials` are read from (default: the working directory). */
  credentialsDir?: string;
  /** Host names this server answers for besides loopback names and its bind address (DNS rebinding). */
  hostNames?: string[];
  /** Browser origins allowed to call (default none: a request with any other Origin is a 403). */
  allowedOrigins?: string[];
}

export interface RunningBackOffice {
  url: string;
  store: BackOfficeStore;
  /** Registered kiosks, staff and the eligibility audit. */
  access: AccessStore;
  /** The medical-accounting system's records (ORCA subset): orca.db in dataDir. */
  orca: OrcaStore;
  close(): Promise<void>;
}

const DAY_MS = 24 * 3600_000;

interface Stores { store: BackOfficeStore; certificates: CertificateStore; access: AccessStore }

/** The records, the issued certificates and the access records: all three in PostgreSQL when it is
 *  the store, so instances sharing the database share them; otherwise SQLite files in dataDir. */
async function openStores(options: BackOfficeOptions): Promise<Stores> {
  const { store } = options;
  const inDataDir = (s: BackOfficeStore): Stores => ({ store: s, certificates: openSqliteCertificateStore(options.dataDir), access: openSqliteAccessStore(options.dataDir) });
  if (store === undefined) return inDataDir(openSqliteBackOfficeStore(options.dataDir));
  if (typeof store !== 'string') {
    if (store.kind === 'sqlite' || !('query' in store)) return inDataDir(store);
    const pg = store as PostgresBackOfficeStore;
    return { store: pg, ...(await postgresRecords(pg)) };
  }
  if (!isPostgresUrl(store)) throw new Error(`the store ${redactedUrl(store)} is not a postgres:// URL`);
  // Loaded only when asked for: the embedded default never loads the PostgreSQL driver.
  const { openPostgresStore } = await import('./storage/postgres-store');
  const pg = await openPostgresStore(store, options.storeCa ? { ca: options.storeCa } : {});
  return { store: pg, ...(await postgresRecords(pg)) };
}

async function postgresRecords(pg: PostgresBackOfficeStore): Promise<Omit<Stores, 'store'>> {
  const { postgresCertificateStore } = await import('./certificates/postgres-certificate-store');
  const { postgresAccessStore } = await import('./storage/postgres-access-store');
  return { certificates: postgresCertificateStore(pg), access: postgresAccessStore(pg) };
}

export async function startBackOffice(options: BackOfficeOptions): Promise<RunningBackOffice> {
  const { store, certificates: certificateStore, access } = await openStores(options);
  const clock = options.clock ?? Date.now;
  const anchors = [...(options.trustAnchors ?? [])];
  if (options.demo) {
    // Imported lazily: only demo mode may reach the simulators.
    const { seedDemo } = await import('./demo/seed');
    anchors.push(...(await seedDemo(store)).anchors);
  }
  if (options.credentials) await provisionCredentials(access, options.credentials, options.credentialsDir);
  let render = options.certificateRenderer;
  if (options.demo) {
    const { seedCertificateDemo, demoCertificateRenderer } = await import('./certificates/demo-seed');
    await seedCertificateDemo(store, certificateStore);
    render ??= await demoCertificateRenderer();
  }
  // ORCA is a separate system with its own operators and records: its own file, whatever the store.
  const orca = openOrcaStore(options.dataDir);
  if (options.demo) (await import('./orca/demo')).seedOrcaDemo(orca);
  if (options.credentials) provisionOrcaOperators(orca, options.credentials);
  // Card-linked payment accounts: in PostgreSQL when it is the store, else their own file; the acquirer is the simulator.
  const linksStore = store.kind === 'sqlite' || !('query' in store) ? openPaymentLinksStore(options.dataDir) : postgresPaymentLinksStore(store as PostgresBackOfficeStore);
  const paymentLinks = { store: linksStore, acquirer: simulatedAcquirer() };
  // Fees, offered types and hours live in the 'certificates' document alone; 'kiosk' holds the printer policy.
  await ensureKioskSettings(store);
  const ctx: BackOfficeContext = {
    store,
    access,
    orca,
    paymentLinks,
    ...(render ? { certificates: { store: certificateStore, render, ...(options.hoursClock ? { hoursClock: options.hoursClock } : {}) } } : {}),
    auth: { anchors, revocation: options.revocation ?? null, revocationFailure: options.revocationFailure ?? 'fail-closed', challengeTtlMs: 120_000, sessionTtlMs: 10 * 60_000 },
  };
  const retentionMs = options.idempotencyRetentionDays !== undefined
    ? Math.max(1, options.idempotencyRetentionDays) * DAY_MS
    : Math.max(1, options.idempotencyRetentionHours ?? 24) * 3600_000;
  // Replays past their window, and holder sessions and challenges past their expiry, are deleted at
  // start and every hour: nothing about a resident's visit stays longer than it can be used.
  const purge = async () => {
    await store.purgeResponses(clock() - retentionMs);
    await store.purgeExpiredAuth(clock());
  };
  await purge();
  const purgeTimer = setInterval(() => { purge().catch((err: Error) => console.error(`backoffice: purging expired answers and sessions failed: ${err.message}`)); }, 3600_000);
  purgeTimer.unref();

  const host = options.host ?? '127.0.0.1';
  const guard = createInputGuard(host, { hostNames: options.hostNames ?? [], allowedOrigins: options.allowedOrigins ?? [] });
  const handler = createHandler(allRoutes(ctx), store, clock, guard, access);
  const listener = (req: Parameters<typeof handler>[0], res: Parameters<typeof handler>[1]) => { void handler(req, res); };
  // Headers beyond 16 KiB are refused by the parser; clientError answers that (and junk) in JSON.
  // A missing Host is left to the input guard, which answers it in JSON too.
  const limits = { maxHeaderSize: 16 * 1024, requireHostHeader: false };
  const server: Server = options.tls
    ? createHttpsServer({ ...limits, key: options.tls.key, cert: options.tls.cert, ca: options.tls.ca, requestCert: options.tls.requestClientCert ?? false, rejectUnauthorized: options.tls.requestClientCert ?? false }, listener)
    : createHttpServer(limits, listener);
  server.on('clientError', answerClientError);
  server.keepAliveTimeout = 30_000;
  // A client that declares a body and never sends it holds a socket for 2 min at most (Node: 5 min);
  // a 4 MiB sync batch still fits on a slow mobile link.
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${port}`,
    store,
    access,
    orca,
    async close() {
      clearInterval(purgeTimer);
      await new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); });
      await certificateStore.close();
      await access.close();
      orca.close();
      await paymentLinks.store.close();
      await store.close();
    },
  };
}
