/** Types for scripts/stale-pid.mjs (plain JavaScript: set-up runs before dependencies are installed). */
export function removeStalePidFile(pidFile: string, processName: string, alsoRemove?: string[]): string | undefined;
