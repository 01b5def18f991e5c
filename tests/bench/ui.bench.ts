// `npm run bench:ui`: the UI bundle's gzip size and the time to the first interactive screen
// (navigation start → the app's `kiosk-interactive` mark: idle screen with live reader facts)
// in Debian's Chromium against the real stack. Median of several cold page loads.
// Last line: `ui: bundle_kb_gz=<n> first_interactive_ms=<n>`.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { ensureRendererBuilt, RENDERER_DIST } from '../../electron/dev-server/build-renderer';
import { startDevKiosk } from '../../electron/dev-server/dev-kiosk';

const RUNS = Number(process.env.UI_BENCH_RUNS ?? 7);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
}

await ensureRendererBuilt({ force: true });
const sizes = files(RENDERER_DIST).map((f) => ({ f: f.slice(RENDERER_DIST.length + 1), raw: statSync(f).size, gz: gzipSync(readFileSync(f), { level: 9 }).length }));
for (const s of sizes) process.stderr.write(`bundle: ${s.f} ${(s.raw / 1024).toFixed(1)} KB, ${(s.gz / 1024).toFixed(1)} KB gz\n`);
const bundleKbGz = sizes.reduce((n, s) => n + s.gz, 0) / 1024;

const dir = mkdtempSync(join(tmpdir(), 'ui-bench-'));
const stack = await startDevKiosk({ dataDir: join(dir, 'data'), readers: [0] });
const times: number[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    // A fresh profile each run: no HTTP cache, like a kiosk's first start.
    const context = await chromium.launchPersistentContext(join(dir, `profile-${i}`), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      viewport: { width: 1080, height: 1920 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(stack.url);
    await page.locator('html[data-ready="1"]').waitFor();
    const ms = await page.evaluate(() => performance.getEntriesByName('kiosk-interactive')[0]?.startTime ?? NaN);
    times.push(ms);
    process.stderr.write(`run ${i + 1}: first interactive ${ms.toFixed(0)} ms\n`);
    await context.close();
  }
} finally {
  await stack.close();
  rmSync(dir, { recursive: true, force: true });
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? NaN;
process.stdout.write(`ui: bundle_kb_gz=${bundleKbGz.toFixed(1)} first_interactive_ms=${median.toFixed(0)}\n`);
