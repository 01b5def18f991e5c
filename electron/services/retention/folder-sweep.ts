// A folder that receives one file per resident (the demo printer's PDF output, the demo's copies of
// the documents it sent) keeps only its newest few: enough for staff to look at the last prints,
// never months of residents' certificates. Run at start and in every housekeeping round.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Keeps the `keep` newest plain files of `dir` (by modification time) and deletes the rest; returns how many went. */
export function keepNewestFiles(dir: string, keep: number): number {
  if (!Number.isInteger(keep) || keep < 0) throw new RangeError(`keep must be a whole number ≥ 0 (got ${keep})`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0; // no folder: nothing kept
  }
  const files: { path: string; mtime: number }[] = [];
  for (const name of names) {
    const path = join(dir, name);
    try {
      const st = statSync(path);
      if (st.isFile()) files.push({ path, mtime: st.mtimeMs });
    } catch {
      // gone meanwhile
    }
  }
  files.sort((a, b) => b.mtime - a.mtime);
  let removed = 0;
  for (const f of files.slice(keep)) {
    rmSync(f.path, { force: true });
    removed++;
  }
  return removed;
}
