// Builds the UI bundle (renderer/dist) with Vite when it is missing or older than its sources, so
// `npm start`, the UI tests and the benchmark always serve the current UI without a manual step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InlineConfig } from 'vite';

export const RENDERER_DIR = fileURLToPath(new URL('../../renderer/', import.meta.url));
export const RENDERER_DIST = join(RENDERER_DIR, 'dist');
const SOURCES = [join(RENDERER_DIR, 'src'), join(RENDERER_DIR, 'index.html'), fileURLToPath(import.meta.url), fileURLToPath(new URL('../../common/', import.meta.url))];

/**
 * The UI bundle's Vite configuration (kept here, in Node code, rather than in renderer/).
 * No React plugin: esbuild's automatic JSX runtime is all we need. Relative base so the same
 * build loads from app://kiosk/ (Electron) and http://127.0.0.1 (browser bridge).
 */
export function rendererViteConfig(): InlineConfig {
  return {
    root: RENDERER_DIR,
    base: './',
    configFile: false,
    logLevel: 'warn',
    esbuild: { jsx: 'automatic' },
    build: {
      outDir: RENDERER_DIST,
      emptyOutDir: true,
      target: 'chrome120',
      // The polyfill would be inline script; the CSP forbids inline script and Chromium needs none.
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      reportCompressedSize: false,
      rollupOptions: {
        // zod's sources carry esbuild-style pure annotations that Rollup reports and drops; harmless.
        onwarn(warning, warn) {
          if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
        },
      },
    },
  };
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newestMtime(join(path, name))), st.mtimeMs);
}

export function rendererIsStale(): boolean {
  const index = join(RENDERER_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built);
}

/** Builds when stale (or when forced); returns whether a build ran. */
export async function ensureRendererBuilt(opts: { force?: boolean } = {}): Promise<boolean> {
  if (!opts.force && !rendererIsStale()) return false;
  const { build } = await import('vite');
  await build(rendererViteConfig());
  return true;
}
