// Lint = the project's layering rules. Each folder's runtime decides what it may import;
// a violation is an error, so "where does this code run?" is always answerable from its path.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const nodeBuiltins = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto'], message: 'Node built-ins are not available here.' };
const electronPkg = { group: ['electron'], message: 'Only electron/main and electron/preload may import electron.' };
const layer = (name, why) => ({ group: [`**/${name}/*`, `**/${name}`], message: why });

const UI = layer('renderer', 'Only the renderer may import renderer code.');
const MAIN = layer('electron', 'Main-process code is reached through the contract, not imported.');
const NATIVE = layer('native', 'Card access is a main-process service; reach it through electron/services.');
const DB = layer('db', 'The database is main-process only.');
const BACKOFFICE = layer('backoffice', 'The back office is a separate server; talk to it over HTTP.');
const SIMULATORS = layer('simulators', 'Simulators are dev/test stand-ins and are never packaged.');
const WIRE = layer('backoffice-api', 'The back-office vocabulary is for backoffice/, electron/services and common/; the UI reads it through common/api.');
const SQLITE = { group: ['better-sqlite3'], message: 'SQL lives in db/ (typed repositories); use openKioskDb and a db/ module instead.' };

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

// renderer/src/features/<name>/: one feature never imports another's files (what two share lives in
// renderer/src/shared, which imports no feature), and the rest of the renderer (app/) reaches a
// feature only through its index.
// Resolved from the file's own folder, so '../staff/x' and '../../features/staff/x' are the same.
const FEATURES = fileURLToPath(new URL('renderer/src/features', import.meta.url));
const SHARED = fileURLToPath(new URL('renderer/src/shared', import.meta.url));
const featureOf = (file) => {
  const r = relative(FEATURES, file);
  return r === '' || r.startsWith('..') || isAbsolute(r) ? null : r.split(sep)[0];
};
const featureBoundaries = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const from = featureOf(context.filename);
    const check = (source) => {
      if (typeof source?.value !== 'string' || !source.value.startsWith('.')) return;
      const target = resolve(dirname(context.filename), source.value);
      const to = featureOf(target);
      if (!to || to === from) return;
      if (from) return context.report({ node: source, message: `features/${from} must not import features/${to}: move what both need to renderer/src/shared.` });
      if (!relative(SHARED, context.filename).startsWith('..')) return context.report({ node: source, message: `Shared code must not import features/${to}.` });
      if (!/^(index(\.tsx?)?)?$/.test(relative(resolve(FEATURES, to), target))) {
        context.report({ node: source, message: `Import features/${to} through its index ('features/${to}'), not its files.` });
      }
    };
    return {
      ImportDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ImportExpression: (n) => check(n.source),
    };
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'var/**', 'test-results/**', 'renderer/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', fetch: 'readonly', crypto: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', queueMicrotask: 'readonly', setImmediate: 'readonly', structuredClone: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // common/: pure TypeScript that runs in the browser, in main and in the back office.
  { files: ['common/**/*.ts'], rules: restrict(nodeBuiltins, electronPkg, UI, MAIN, NATIVE, DB, BACKOFFICE, SIMULATORS) },
  // common/backoffice-api/: the one wire vocabulary of kiosk and back office; zod and common/ only.
  {
    files: ['common/backoffice-api/**/*.ts'],
    rules: restrict(nodeBuiltins, electronPkg, UI, MAIN, NATIVE, DB, BACKOFFICE, SIMULATORS,
      { regex: '^(?!zod$|\\./|\\.\\./(?!\\.\\./))', message: 'The wire vocabulary imports only zod and common/.' }),
  },
  // renderer/: browser only; talks to main through common/api.
  { files: ['renderer/**/*.{ts,tsx}'], rules: restrict(nodeBuiltins, electronPkg, MAIN, NATIVE, DB, BACKOFFICE, SIMULATORS, WIRE) },
  { files: ['renderer/src/**/*.{ts,tsx}'], plugins: { renderer: { rules: { 'feature-boundaries': featureBoundaries } } }, rules: { 'renderer/feature-boundaries': 'error' } },
  // native/: Node, card hardware access. Knows nothing of Electron, the UI or the database.
  { files: ['native/**/*.ts'], rules: restrict(electronPkg, UI, MAIN, DB, BACKOFFICE, SIMULATORS, WIRE) },
  // db/: Node, the kiosk's SQLite database.
  { files: ['db/**/*.ts'], rules: restrict(electronPkg, UI, MAIN, NATIVE, BACKOFFICE, SIMULATORS, WIRE) },
  // electron/services/: Node; never the electron package, never the simulators
  // (the dev entry electron/main/start-dev.ts wires simulators in explicitly).
  // None of electron/ talks to SQLite itself: the kiosk database is reached through db/'s repositories.
  { files: ['electron/services/**/*.ts'], rules: restrict(electronPkg, UI, BACKOFFICE, SIMULATORS, SQLITE) },
  // The platform and the session core serve every resident service and know none of them: a
  // service is a module assembled on top (electron/services/installation/service-list.ts).
  {
    files: ['electron/services/platform/**/*.ts', 'electron/services/kiosk/**/*.ts'],
    rules: restrict(electronPkg, UI, BACKOFFICE, SIMULATORS, SQLITE,
      layer('issuance', 'The platform and the session core know no resident service; the service is a module assembled on top (installation/service-list.ts).')),
  },
  // electron/cli/: its dev tools (vcard, verify --demo, card login without --config) reach simulators/
  // and electron/demo/ on request; the packaged bundle leaves them out (electron/main/bundle-cli.ts).
  { files: ['electron/cli/**/*.ts', 'electron/dev-server/**/*.ts'], rules: restrict(SQLITE) },
  // …nor through KioskDb's raw connection: `db.sqlite` is for db/'s own modules.
  { files: ['electron/**/*.ts'], rules: { 'no-restricted-properties': ['error', { property: 'sqlite', message: "The raw connection is db/'s: call a repository (db/*.ts) instead." }] } },
  // electron/main/: the packaged entry and shell. Never the simulators, the demo wiring or the
  // browser bridge — except the dev entry and the build script, which exist to use them.
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/start-dev.ts', 'electron/main/build-app.ts'],
    rules: restrict(UI, BACKOFFICE, SIMULATORS, SQLITE, WIRE, layer('dev-server', 'The browser bridge and demo wiring are dev-only.'), layer('demo', 'The demo environment is dev-only.')),
  },
  // backoffice/: its own server. Shares only pure code with the kiosk.
  { files: ['backoffice/**/*.ts'], rules: restrict(electronPkg, UI, MAIN, NATIVE, DB) },
  // simulators/: dev/test stand-ins for hardware and external services.
  { files: ['simulators/**/*.ts'], rules: restrict(electronPkg, UI, MAIN, DB, BACKOFFICE, WIRE) },
);
