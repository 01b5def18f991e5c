// CLI: node --import tsx backoffice/main.ts [--port 8470] [--data var/backoffice] [--demo]
// Prints "backoffice: listening <url>" once ready (scripts and tests wait for that line).
import { parseArgs } from 'node:util';
import { startBackOffice } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8470' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: 'var/backoffice' },
    demo: { type: 'boolean', default: false },
    'retention-days': { type: 'string', default: '30' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`backoffice: invalid --port ${values.port}`);
  process.exit(2);
}
const running = await startBackOffice({
  port, host: values.host, dataDir: values.data, demo: values.demo, idempotencyRetentionDays: Number(values['retention-days']),
});
// Handlers first: whoever waits for the "listening" line may signal right after reading it.
const stop = () => { void running.close().then(() => process.exit(0)); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
console.log(`backoffice: listening ${running.url}`);
