// Packaging step before electron-builder: bundles the main process (ESM), the preload (CommonJS,
// as sandboxed preloads require) and the technician CLI (bundle-cli.ts) into dist/electron/, and
// builds the UI bundle.
// Native addons stay external: electron-builder rebuilds them for Electron's ABI and unpacks them.
//   node --import tsx electron/main/build-app.ts
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { ensureRendererBuilt } from '../dev-server/build-renderer';
import { bundleCli, NODE_EXTERNALS } from './bundle-cli';

const root = fileURLToPath(new URL('../../', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['electron/main/index.ts'],
  outfile: 'dist/electron/main/index.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  external: NODE_EXTERNALS,
  sourcemap: true,
  // ESM output still meets CommonJS dependencies that call require().
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
await build({
  absWorkingDir: root,
  entryPoints: ['electron/preload/index.ts'],
  outfile: 'dist/electron/preload/index.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'chrome130',
  external: ['electron'],
});
await bundleCli();
await ensureRendererBuilt({ force: true });
process.stderr.write('build-app: dist/electron/{main,preload,cli} and renderer/dist ready\n');
