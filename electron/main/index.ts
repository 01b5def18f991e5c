// Production entry of the packaged kiosk (bundled to dist/electron/main/index.js). Reads the
// installation's configuration, starts the main-process services and the hardened shell.
// No simulators, no browser bridge: those exist only in start-dev.ts / electron/dev-server.
import { app } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadInstallationConfig } from '../services/installation/config';
import { openKioskLog, type KioskLog } from '../services/logging/kiosk-log';
import { startInstalledKiosk } from '../services/installation/installed-kiosk';
import { PAYMENT_DRIVERS } from './payment-drivers';
import { acquireSingleInstance, runKioskShell } from './shell';

// stderr, and the log file a technician reads (`madoguchi logs`) once it is open.
let fileLog: KioskLog | null = null;
const log = (m: string) => {
  process.stderr.write(`madoguchi: ${m}\n`);
  fileLog?.write(m);
};

async function main(): Promise<void> {
  if (!acquireSingleInstance(process.env.MADOGUCHI_DATA_DIR)) return;
  fileLog = await openKioskLog({ dataDir: process.env.MADOGUCHI_DATA_DIR ?? app.getPath('userData') });
  const configPath = process.env.MADOGUCHI_CONFIG ?? join(app.getPath('userData'), 'config.json');
  const installed = await startInstalledKiosk({
    config: loadInstallationConfig(configPath, log),
    defaultDataDir: process.env.MADOGUCHI_DATA_DIR ?? app.getPath('userData'),
    version: app.getVersion(),
    paymentDrivers: PAYMENT_DRIVERS,
    log,
  });
  await runKioskShell({
    api: installed.kiosk.api,
    events: installed.kiosk.events,
    shutdown: async () => {
      await installed.close();
      await fileLog?.close();
    },
    rendererDir: join(app.getAppPath(), 'renderer', 'dist'),
    // A sandboxed preload must be CommonJS; build-app.ts bundles it next to this file's folder.
    preloadPath: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
    mode: { production: app.isPackaged },
    log,
  });
}

main().catch((err: unknown) => {
  log(`fatal: ${err instanceof Error ? err.message : String(err)}`);
  app.exit(1);
});
