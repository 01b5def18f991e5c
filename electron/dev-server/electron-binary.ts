// Where Electron's binary is, if it is installed — found WITHOUT requiring the `electron` package,
// whose index.js starts a download from the internet when the binary is missing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function electronBinary(): string | null {
  const pkg = fileURLToPath(new URL('../../node_modules/electron/', import.meta.url));
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const rel = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  const full = join(dist, rel);
  return rel && existsSync(full) ? full : null;
}
