// `npm start`: the kiosk in demo mode on this machine. Starts the main-process services with the
// demo world (virtual cards in a tray, test PKI, reference back office) and then the UI:
//   - the Electron window when Electron's binary is installed,
//   - else Chromium in app mode when a display exists,
//   - else (or with --no-window) only the loopback UI, announced as `kiosk ui: <url>`.
// Options: --no-window · --kiosk (Chromium full-screen kiosk mode) · --port <n> · --data-dir <dir>
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDevKiosk } from '../dev-server/dev-kiosk';
import { startDevBackOffice } from '../dev-server/dev-backoffice';
import { electronBinary } from '../dev-server/electron-binary';

const root = fileURLToPath(new URL('../../', import.meta.url));
const log = (m: string) => process.stderr.write(`madoguchi: ${m}\n`);

const { values: args } = parseArgs({
  options: {
    'no-window': { type: 'boolean', default: false },
    kiosk: { type: 'boolean', default: false },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
  },
  allowPositionals: false,
});

const inElectron = Boolean(process.versions.electron);
const dataDir = args['data-dir'] ?? join(root, 'var', 'dev');
mkdirSync(dataDir, { recursive: true });

if (!inElectron && !args['no-window'] && electronBinary()) {
  // Re-run this same entry inside Electron; it then opens the kiosk window below.
  const child = spawn(electronBinary()!, [join(root, 'electron/main/dev-entry.mjs'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const backOffice = await startDevBackOffice({ dataDir: join(dataDir, 'backoffice'), log });
  const kiosk = await startDevKiosk({ dataDir, ...(args.port ? { port: Number(args.port) } : {}), log });
  log(`back office: ${backOffice.url}`);
  let browser: ChildProcess | null = null;
  const stop = async () => {
    browser?.kill('SIGTERM');
    await kiosk.close();
    await backOffice.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  if (inElectron) {
    const { runKioskShell } = await import('./shell');
    const { buildDevPreload } = await import('../dev-server/dev-preload');
    await runKioskShell({
      api: kiosk.kiosk.api,
      events: kiosk.kiosk.events,
      shutdown: async () => {
        await kiosk.close();
        await backOffice.close();
      },
      rendererDir: join(root, 'renderer', 'dist'),
      preloadPath: await buildDevPreload(join(dataDir, 'preload')),
      mode: { production: false },
      log,
    });
  } else {
    process.stdout.write(`kiosk ui: ${kiosk.url}\n`);
    const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
    if (!args['no-window'] && display && existsSync('/usr/bin/chromium')) {
      const profile = join(dataDir, 'chromium-profile');
      browser = spawn('/usr/bin/chromium', [`--app=${kiosk.url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-translate', ...(args.kiosk ? ['--kiosk'] : [])], { stdio: 'ignore' });
      browser.on('exit', () => void stop());
    }
  }
}
