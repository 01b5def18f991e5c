// CLI: node --import tsx backoffice/main.ts [--port 8470] [--data var/backoffice] [--demo] [--credentials <file>]
//   [--tls-cert <pem> --tls-key <pem> [--tls-client-ca <pem>]] — all options: --help (cli-options.ts).
// --credentials: the kiosks (certificate or loopback key) and staff allowed to call (credentials.ts).
// Prints "backoffice: listening <url>" once ready (scripts and tests wait for that line).
import { toKioskError } from '../common/errors';
import { parseCli, USAGE } from './cli-options';
import { readCredentialsFile } from './credentials';
import { startBackOffice, type RunningBackOffice } from './server';

const cli = parseCli(process.argv.slice(2));
if ('help' in cli) {
  console.log(USAGE);
  process.exit(0);
}
if ('error' in cli) {
  console.error(`backoffice: ${cli.error}\n\n${USAGE}`);
  process.exit(2);
}

let running: RunningBackOffice;
try {
  const provisioned = cli.credentialsFile ? readCredentialsFile(cli.credentialsFile) : undefined;
  running = await startBackOffice({
    ...cli.options,
    ...(provisioned ? { credentials: provisioned.credentials, credentialsDir: provisioned.baseDir } : {}),
  });
} catch (err) {
  // A wrong file, a port in use, a newer database: one line that says what, not a stack trace.
  console.error(`backoffice: cannot start: ${toKioskError(err).message}`);
  process.exit(1);
}
// Handlers first: whoever waits for the "listening" line may signal right after reading it.
const stop = () => { void running.close().then(() => process.exit(0)); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// A back office nobody may call is a set-up mistake worth one line (health still answers).
if ((await running.access.kioskCount()) === 0) console.error('backoffice: no kiosk is registered (--credentials <file>): every route but /v1/health answers 401');
console.log(`backoffice: listening ${running.url}`);
