// The reference back office, embedded for `npm start` (its demo defaults, loopback, fresh port).
// In production the kiosk talks to a real back office over HTTPS; this is never packaged.
import { mkdirSync } from 'node:fs';
import { startBackOffice } from '../../backoffice/server';

export async function startDevBackOffice(opts: { dataDir: string; log?: (m: string) => void }): Promise<{ url: string; close(): Promise<void> }> {
  mkdirSync(opts.dataDir, { recursive: true });
  const server = await startBackOffice({ port: 0, dataDir: opts.dataDir, demo: true });
  return { url: server.url, close: () => server.close() };
}
