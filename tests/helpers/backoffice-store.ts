// Which store the back-office tests run on. By default the embedded SQLite store in each test's data
// folder. With MADOGUCHI_TEST_BACKOFFICE_STORE set to a PostgreSQL cluster's base URL
// (postgres://user@host:port/, as tests/integration/backoffice-postgres.test.ts sets it) every data
// folder gets a database of its own, so a test that reopens its folder finds its records again and
// two tests never see each other's.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { postgresBin } from './postgres';

export const TEST_STORE_ENV = 'MADOGUCHI_TEST_BACKOFFICE_STORE';

/** 'postgres' when this process's back-office tests run on PostgreSQL. */
export const testStoreKind = (): 'sqlite' | 'postgres' => (process.env[TEST_STORE_ENV] ? 'postgres' : 'sqlite');

function databaseUrl(dataDir: string): { name: string; url: string; admin: string } {
  const base = new URL(process.env[TEST_STORE_ENV]!);
  const name = `bo_${createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 24)}`;
  const at = (db: string) => { const u = new URL(base); u.pathname = `/${db}`; return u.toString(); };
  return { name, url: at(name), admin: at('postgres') };
}

/** startBackOffice's `store` for a data folder: nothing (SQLite there), or its own PostgreSQL database. */
export async function testStore(dataDir: string): Promise<{ store?: string }> {
  if (testStoreKind() === 'sqlite') return {};
  const { name, url, admin } = databaseUrl(dataDir);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return { store: url };
}

const CERTIFICATE_TABLES = new Set(['resident_details', 'issuance_counters', 'issuances', 'issuance_events', 'issuance_params', 'issuance_reprints']);
const ACCESS_TABLES = new Set(['kiosk_credentials', 'staff_credentials', 'eligibility_audit']);
const sqliteFileOf = (table: string) => (CERTIFICATE_TABLES.has(table) ? 'certificates.db' : ACCESS_TABLES.has(table) ? 'access.db' : 'backoffice.db');

/**
 * Every row of every table of the folder's PostgreSQL database (empty on SQLite, whose files the
 * caller reads itself), read synchronously through psql so a snapshot stays a plain function.
 */
export function storeSnapshot(dataDir: string): Record<string, unknown[]> {
  if (testStoreKind() === 'sqlite') return {};
  const { url } = databaseUrl(dataDir);
  const bin = postgresBin();
  const psql = bin && existsSync(join(bin, 'psql')) ? join(bin, 'psql') : 'psql';
  const run = (sql: string) => execFileSync(psql, [url, '-X', '-A', '-t', '-F', '\u001f', '-R', '\u001e', '-c', sql], { encoding: 'utf8' })
    .split('\u001e').map((r) => r.trim()).filter(Boolean);
  const tables = run("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
  if (tables.length === 0) return {};
  const text = run(tables.map((t) => `SELECT '${t}', coalesce(json_agg(t), '[]')::text FROM "${t}" t`).join(' UNION ALL '));
  const out: Record<string, unknown[]> = {};
  for (const record of text) {
    const [table, json] = record.split('\u001f');
    // Named as on SQLite (the file that holds these records there), so tests read either alike.
    out[`${sqliteFileOf(table!)}:${table}`] = (JSON.parse(json ?? '[]') as unknown[]).map((r) => JSON.stringify(r)).sort();
  }
  return out;
}
