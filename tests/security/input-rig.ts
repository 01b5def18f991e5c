// Shared set-up of the input-hardening tests: a back office on loopback with two registered hospital
// kiosks and certificate issuance on (a stand-in renderer: these tests never look at the PDF), raw
// HTTP requests whose path, Host and headers are sent exactly as written, and a snapshot of every
// row of every database file, so a test can assert that a refused request changed nothing.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteCertificateStore, type CertificateStore } from '../../backoffice/certificates/certificate-store';
import { postgresCertificateStore } from '../../backoffice/certificates/postgres-certificate-store';
import { openPostgresStore } from '../../backoffice/storage/postgres-store';
import { startBackOffice, type BackOfficeOptions, type RunningBackOffice } from '../../backoffice/server';
import { kioskHeaders, testCredentials } from '../helpers/backoffice-access';
import { storeSnapshot, testStore } from '../helpers/backoffice-store';

export const KIOSK_A = 'kiosk-a';
export const KIOSK_B = 'kiosk-b';

export interface Rig {
  bo: RunningBackOffice;
  dir: string;
  port: number;
  close(): Promise<void>;
}

/** `issuance: false`: a back office that does not issue certificates (no renderer, no demo). */
export async function startRig(extra: Partial<BackOfficeOptions> = {}, { issuance = true } = {}): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'bo-input-'));
  const bo = await startBackOffice({
    ...(await testStore(dir)), dataDir: dir, credentials: testCredentials({ [KIOSK_A]: 'hospital', [KIOSK_B]: 'hospital' }),
    ...(issuance ? { certificateRenderer: async () => new Uint8Array(Buffer.from('%PDF-1.7 stand-in')) } : {}), ...extra,
  });
  return { bo, dir, port: Number(new URL(bo.url).port), async close() { await bo.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export interface RawAnswer { status: number; headers: IncomingHttpHeaders; text: string; json: { kind?: string; message?: string; details?: Record<string, unknown> } & Record<string, unknown> }

/** One request over a fresh connection, path and headers as given (Host defaults to 127.0.0.1:port). */
export function raw(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = {};
        try { json = text ? JSON.parse(text) : {}; } catch { /* left empty: the test asserts on it */ }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Bytes written as they are on a fresh socket (what no HTTP client would send); the whole answer. */
export function rawSocket(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (c: Buffer) => { answer += c.toString('utf8'); });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.end(bytes);
  });
}

/** JSON headers of a registered kiosk (its loopback key). */
export const asKiosk = (kioskId: string, more: Record<string, string> = {}) => ({ ...kioskHeaders(kioskId), 'content-type': 'application/json', ...more });

/** Every row of every table of every database file in the data folder, in a stable order. */
export function snapshot(dir: string): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  // On PostgreSQL the back office writes no file: the folder may not even exist.
  for (const file of (existsSync(dir) ? readdirSync(dir) : []).filter((f) => f.endsWith('.db')).sort()) {
    const db = new Database(join(dir, file), { readonly: true, fileMustExist: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
      for (const t of tables) {
        const rows = db.prepare(`SELECT * FROM "${t}"`).all().map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
        out[`${file}:${t}`] = rows.sort();
      }
    } finally {
      db.close();
    }
  }
  // The records on PostgreSQL when the tests run there (tests/helpers/backoffice-store.ts).
  return { ...out, ...storeSnapshot(dir) };
}

/** The folder's certificate records where its back office keeps them (SQLite file, or its PostgreSQL database). */
async function withCertificates<T>(dir: string, fn: (c: CertificateStore) => Promise<T>): Promise<T> {
  const { store: url } = await testStore(dir);
  const db = url ? await openPostgresStore(url) : undefined;
  const certs = db ? postgresCertificateStore(db) : openSqliteCertificateStore(dir);
  try {
    return await fn(certs);
  } finally {
    await certs.close();
    await db?.close();
  }
}

/** An issuance the back office authorized for `kioskId`, as POST /v1/certificates/issuances records it. */
export async function authorizedIssuance(dir: string, kioskId: string, requestId: string, fee = 300): Promise<void> {
  await withCertificates(dir, async (store) => {
    await store.recordIssuance({
      issuanceId: `iss-${requestId}`, requestId, kioskId, residentId: 'resident-1', type: 'juminhyo', copies: 1, fee,
      subjectHash: '0'.repeat(64), createdAt: Date.now(), municipality: '271276', year: 2026, format: (n) => `2026-271276-${String(n).padStart(7, '0')}`,
    });
  });
}

/** The stored issuance row (state and money). */
export function issuanceRow(dir: string, requestId: string) {
  return withCertificates(dir, (store) => store.issuanceByRequest(requestId));
}

/** A sync event as the kiosk's outbox sends it. */
export const event = (key: string, kind: string, payload: unknown, stream: string | null = null) => ({ key, kind, stream, payload, createdAt: 1_765_000_000_000 });
