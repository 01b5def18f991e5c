// Daemons started by set-up (pcscd, dbus-daemon) leave a pid file in /run. A machine that stopped
// without shutting them down — a restored snapshot, a killed container — keeps those files while the
// processes are gone, and the pid may since belong to another program. pcscd then refuses to start
// when that pid is alive ("another pcscd seems to be running") and dbus-daemon whenever the file
// exists at all. This clears such files, and only when the pid is not a live process of that name.
import { readFileSync, rmSync } from 'node:fs';

/** The command name of a live process, or undefined when no process has that pid. */
function commandOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * Removes `pidFile` (and `alsoRemove`, e.g. the daemon's socket) when the pid it names is not a
 * running `processName`. Returns a line saying what it removed, or undefined when nothing was stale.
 */
export function removeStalePidFile(pidFile, processName, alsoRemove = []) {
  let text;
  try {
    // pcscd writes `<pid>\n\0`: the NUL is not whitespace to trim().
    text = readFileSync(pidFile, 'utf8').replace(/\0/g, '').trim();
  } catch {
    return undefined; // no pid file: nothing stale
  }
  const pid = /^\d+$/.test(text) ? Number(text) : undefined;
  if (pid !== undefined && pid > 0 && commandOf(pid) === processName) return undefined;
  rmSync(pidFile, { force: true });
  for (const file of alsoRemove) rmSync(file, { force: true });
  const why = pid === undefined ? 'it names no pid' : `pid ${pid} is not a running ${processName}`;
  return `removed the stale ${pidFile} (${why})`;
}
