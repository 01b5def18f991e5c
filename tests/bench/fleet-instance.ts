// One back-office instance of bench:fleet, in a process of its own (two instances use both cores):
// the library with demo residents, service hours pinned inside opening hours (the fleet requests
// certificates whatever the time of the run), and the store named on the command line.
// Usage: node --import tsx tests/bench/fleet-instance.ts <dataDir> <credentials.json> [postgres://…]
import { readFileSync } from 'node:fs';
import { startBackOffice } from '../../backoffice/server';
import type { CredentialsT } from '../../backoffice/credentials';
import { serviceClock } from '../helpers/service-clock';

const [dataDir, credentialsFile, store] = process.argv.slice(2);
const bo = await startBackOffice({
  dataDir: dataDir!, demo: true, hoursClock: serviceClock(), port: 0,
  credentials: JSON.parse(readFileSync(credentialsFile!, 'utf8')) as CredentialsT, ...(store ? { store } : {}),
});
process.on('SIGTERM', () => { void bo.close().then(() => process.exit(0)); });
console.log(`backoffice: listening ${bo.url}`);
