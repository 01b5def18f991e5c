// The back-office CLI's options (main.ts): parsed without throwing, so `--help` prints the usage and
// a wrong option prints what is wrong — never a stack trace. TLS takes the library's options
// (startBackOffice({ tls })): certificate and key, and a client CA that turns on mutual TLS.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { BackOfficeOptions } from './server';
import { isPostgresUrl, redactedUrl } from './storage/store-url';

export const USAGE = `Usage: node --import tsx backoffice/main.ts [options]

  --port <n>              port to listen on (default 8470; 0 = any free port)
  --host <address>        address to bind (default 127.0.0.1)
  --data <dir>            data folder (default var/backoffice)
  --demo                  seed the demo residents and certificates (development only)
  --retention-hours <n>   how long Idempotency-Key answers are kept for replay (default 24)
  --retention-days <n>    the same in days (wins over --retention-hours)
  --store <url>           keep the records in PostgreSQL: postgres://user:password@host:5432/db
                          (default: SQLite in --data; or MADOGUCHI_BACKOFFICE_STORE); TLS by the
                          URL's sslmode=verify-full&sslrootcert=<ca.pem>, or --store-ca
  --store-ca <file>       CA (PEM) of the database server's certificate: TLS to it, verified
  --credentials <file>    kiosks and staff allowed to call (JSON; see backoffice/credentials.ts)
  --tls-cert <file>       serve HTTPS with this certificate (PEM) ...
  --tls-key <file>        ... and its private key (PEM)
  --tls-client-ca <file>  mutual TLS: require a client certificate issued by this CA (PEM)
  --host-name <name>      a DNS name this server answers for (repeatable; loopback names always)
  --allowed-origin <url>  a browser origin allowed to call (repeatable; default none)
  -h, --help              print this help and exit

Prints "backoffice: listening <url>" once ready.`;

export type CliResult =
  | { help: true }
  | { error: string }
  | { options: Omit<BackOfficeOptions, 'credentials' | 'credentialsDir'>; credentialsFile?: string };

function readPem(path: string, what: string): Buffer | string {
  try {
    return readFileSync(path);
  } catch (err) {
    return `cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
  }
}

export function parseCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): CliResult {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string', default: '8470' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string', default: 'var/backoffice' },
        demo: { type: 'boolean', default: false },
        'retention-hours': { type: 'string', default: '24' },
        'retention-days': { type: 'string' },
        store: { type: 'string' },
        'store-ca': { type: 'string' },
        credentials: { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'tls-client-ca': { type: 'string' },
        'host-name': { type: 'string', multiple: true },
        'allowed-origin': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    return { error: (err as Error).message };
  }
  if (values.help) return { help: true };
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) return { error: `invalid --port ${values.port}` };
  const retentionFlag = values['retention-days'] !== undefined ? 'retention-days' : 'retention-hours';
  const retentionText = values[retentionFlag] ?? '';
  const retention = Number(retentionText);
  if (!/^\d+$/.test(retentionText) || retention < 1) return { error: `invalid --${retentionFlag} ${retentionText}` };
  const options: Omit<BackOfficeOptions, 'credentials' | 'credentialsDir'> = {
    port, host: values.host, dataDir: values.data, demo: values.demo,
    ...(retentionFlag === 'retention-days' ? { idempotencyRetentionDays: retention } : { idempotencyRetentionHours: retention }),
    hostNames: values['host-name'] ?? [], allowedOrigins: values['allowed-origin'] ?? [],
  };
  const store = values.store ?? env.MADOGUCHI_BACKOFFICE_STORE;
  if (store !== undefined) {
    if (!isPostgresUrl(store)) return { error: `--store takes a postgres://… URL, not ${JSON.stringify(redactedUrl(store).slice(0, 80))}` };
    options.store = store;
  }
  if (values['store-ca']) {
    if (!options.store) return { error: '--store-ca goes with --store postgres://…' };
    const ca = readPem(values['store-ca'], '--store-ca');
    if (typeof ca === 'string') return { error: ca };
    options.storeCa = ca;
  }
  const { 'tls-cert': certFile, 'tls-key': keyFile, 'tls-client-ca': caFile } = values;
  if (certFile || keyFile || caFile) {
    if (!certFile || !keyFile) return { error: '--tls-cert and --tls-key go together (and --tls-client-ca needs both)' };
    const cert = readPem(certFile, '--tls-cert');
    const key = readPem(keyFile, '--tls-key');
    const ca = caFile ? readPem(caFile, '--tls-client-ca') : undefined;
    for (const v of [cert, key, ca]) if (typeof v === 'string') return { error: v };
    options.tls = { cert: cert as Buffer, key: key as Buffer, ...(ca ? { ca: ca as Buffer, requestClientCert: true } : {}) };
  }
  return { options, ...(values.credentials ? { credentialsFile: values.credentials } : {}) };
}
