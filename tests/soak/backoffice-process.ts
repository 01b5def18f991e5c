// The reference back office as its own process for the crash soak (so it can be SIGKILLed and
// restarted on the same data): demo registry and templates, the soak kiosk's credentials, and service
// hours pinned to a weekday noon so the soak runs at any hour. Prints "listening <url>" when ready.
// env: SOAK_BO_DATA (data directory), SOAK_BO_CREDENTIALS (CredentialsT as JSON)
import type { CredentialsT } from '../../backoffice/credentials';
import { startBackOffice } from '../../backoffice/server';
import { serviceClock } from '../helpers/service-clock';

const dataDir = process.env.SOAK_BO_DATA;
const credentials = process.env.SOAK_BO_CREDENTIALS;
if (!dataDir || !credentials) throw new Error('SOAK_BO_DATA and SOAK_BO_CREDENTIALS are required');
const bo = await startBackOffice({ port: 0, dataDir, demo: true, hoursClock: serviceClock(), credentials: JSON.parse(credentials) as CredentialsT });
process.on('SIGTERM', () => void bo.close().then(() => process.exit(0)));
process.stdout.write(`listening ${bo.url}\n`);
