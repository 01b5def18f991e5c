// Bundles the technician CLI (electron/cli/madoguchi.ts) for the package, as build-app.ts bundles
// the main process: ESM for Node, native addons external (rebuilt for Electron's ABI when packaging).
// The development tools the CLI reaches only on request — `vcard`, `verify --demo`, `card login`
// without --config — live in simulators/, electron/demo/ and electron/dev-server/, which never ship:
// each import of them is replaced by a module that refuses with api.unsupported when it is loaded.
import { build, type Plugin } from 'esbuild';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export const NODE_EXTERNALS = ['electron', 'pcsclite', 'better-sqlite3'];
/** Folders that are never packaged (electron-builder.yml excludes them too). */
export const DEV_ONLY_FOLDERS = ['simulators', join('electron', 'demo'), join('electron', 'dev-server')];
export const CLI_BUNDLE = 'dist/electron/cli/madoguchi.js';

function devOnlyFolderOf(path: string): string | undefined {
  const rel = relative(root, path);
  return DEV_ONLY_FOLDERS.find((folder) => rel === folder || rel.startsWith(`${folder}${sep}`));
}

const leaveOutDevTools: Plugin = {
  name: 'leave-out-dev-tools',
  setup(b) {
    b.onResolve({ filter: /^\.{1,2}\// }, (args) => {
      const path = resolve(args.resolveDir, args.path);
      return devOnlyFolderOf(path) ? { path, namespace: 'dev-only' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'dev-only' }, (args) => {
      const what = `${relative(root, args.path).split(sep).join('/')} is a development tool, not part of the packaged kiosk`;
      return {
        resolveDir: root,
        loader: 'js',
        contents: `const { KioskError } = require('./common/errors.ts');\nthrow new KioskError('api.unsupported', ${JSON.stringify(what)});\n`,
      };
    });
  },
};

export interface CliBundle {
  outfile: string;
  /** Every source file in the bundle, relative to the repository. */
  inputs: string[];
}

export async function bundleCli(outfile = CLI_BUNDLE): Promise<CliBundle> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['electron/cli/madoguchi.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: NODE_EXTERNALS,
    plugins: [leaveOutDevTools],
    metafile: true,
    logLevel: 'error',
    // ESM output still meets CommonJS dependencies (and the stubs above) that call require().
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return { outfile: isAbsolute(outfile) ? outfile : join(root, outfile), inputs: Object.keys(result.metafile.inputs) };
}
