// What to do when the renderer dies: reload with back-off, and after too many losses in a window
// relaunch the whole app (anchors: ≤ 3 reloads per 10 min, usable again ≤ 5 s). Pure policy.
export interface RelaunchPolicy {
  maxReloads: number;
  windowMs: number;
  /** Delay before the n-th reload in the window (0-based). */
  backoffMs: number[];
}

export const DEFAULT_RELAUNCH_POLICY: RelaunchPolicy = { maxReloads: 3, windowMs: 10 * 60_000, backoffMs: [0, 1000, 4000] };

export type RecoveryAction = { kind: 'reload'; delayMs: number } | { kind: 'relaunch' } | { kind: 'ignore' };

/** `clean-exit` happens on our own shutdown; everything else is a loss to recover from. */
export function recoveryFor(reason: string, lossTimes: number[], now: number, policy: RelaunchPolicy = DEFAULT_RELAUNCH_POLICY): RecoveryAction {
  if (reason === 'clean-exit') return { kind: 'ignore' };
  const recent = lossTimes.filter((t) => now - t < policy.windowMs).length;
  if (recent >= policy.maxReloads) return { kind: 'relaunch' };
  return { kind: 'reload', delayMs: policy.backoffMs[Math.min(recent, policy.backoffMs.length - 1)] ?? 0 };
}
