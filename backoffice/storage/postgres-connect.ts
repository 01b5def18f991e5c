// Connecting to the operator's PostgreSQL: the URL (postgres://user:password@host:port/db, with
// libpq's ssl parameters: sslmode=verify-full, sslrootcert=<CA file>, sslcert/sslkey for a client
// certificate), or a CA file given apart. Every connection commits synchronously (synchronous_commit
// on, whatever the server's default): an answered write survives a database crash. A database that
// cannot be reached is one line that names it (without the password) and why.
import pg from 'pg';
import { redactedUrl } from './store-url';

export interface PostgresOptions {
  /** PEM of the CA that signed the database server's certificate: TLS, verified, is then required. */
  ca?: string | Buffer;
  /** Connections per instance (default 20). */
  poolSize?: number;
}


// BIGINT (ms timestamps, yen, COUNT) as numbers: every value here is far below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export async function connectPool(url: string, options: PostgresOptions = {}): Promise<pg.Pool> {
  const ssl = options.ca ? { ca: options.ca, rejectUnauthorized: true } : undefined;
  const pool = new pg.Pool({
    connectionString: url, ...(ssl ? { ssl } : {}), types,
    max: options.poolSize ?? 20, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000,
    options: '-c synchronous_commit=on', application_name: 'madoguchi-backoffice',
  });
  // An idle connection the server dropped is replaced on the next query; it must not crash the process.
  pool.on('error', (err) => console.error(`backoffice: database connection lost: ${err.message}`));
  // Nor may one dropped while checked out between two queries of a transaction: pg emits that on the
  // client, where the pool listens only while it is idle. The transaction's next query fails and the
  // client is released as broken (postgres-store.ts), so only the log line is needed here.
  pool.on('connect', (client) => {
    client.on('error', (err) => console.error(`backoffice: database connection lost: ${err.message}`));
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    const e = err as NodeJS.ErrnoException;
    const why = e.code && !e.message.includes(e.code) ? `${e.code} ${e.message}` : e.message;
    throw new Error(`the database ${redactedUrl(url)} is unreachable: ${why}`, { cause: err });
  }
  return pool;
}
