// Development: bundle the preload to CommonJS (a sandboxed preload cannot load modules or TS).
import { build } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export async function buildDevPreload(outDir: string): Promise<string> {
  const outfile = join(outDir, 'index.cjs');
  await build({
    entryPoints: [fileURLToPath(new URL('../preload/index.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    logLevel: 'warning',
  });
  return outfile;
}
