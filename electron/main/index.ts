// Production entry of the packaged kiosk (bundled to dist/electron/main/index.js). Reads the
// installation's configuration, starts the main-process services and the hardened shell.
// No simulators, no browser bridge: those exist only in start-dev.ts / electron/dev-server.
import { app } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAuthConfigFile } from '../services/auth/config';
import { createCardAuthService } from '../services/auth/holder-auth-service';
import { createKioskService } from '../services/kiosk/kiosk-service';
import { PcscService } from '../../native/pcsc/pcsc-service';
import { acquireSingleInstance, runKioskShell } from './shell';

const log = (m: string) => process.stderr.write(`madoguchi: ${m}\n`);

async function main(): Promise<void> {
  if (!acquireSingleInstance(process.env.MADOGUCHI_DATA_DIR)) return;
  const configPath = process.env.MADOGUCHI_CONFIG ?? join(app.getPath('userData'), 'config.json');
  const authConfig = loadAuthConfigFile(configPath);
  const pcsc = await PcscService.start({ log });
  const auth = await createCardAuthService({ ...authConfig, log }, { pcsc });
  const kiosk = createKioskService({ auth, version: app.getVersion(), idle: { idleSec: 60, warnSec: 30 }, log });
  await runKioskShell({
    api: kiosk.api,
    events: kiosk.events,
    shutdown: async () => {
      await kiosk.shutdown();
      await pcsc.close();
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
