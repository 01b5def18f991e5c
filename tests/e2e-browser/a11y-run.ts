// `npm run test:a11y`: the accessibility tests (every screen in ja and en with axe and the 200 %
// reflow; the keypad-only flow with the spoken outcomes), then one summary line, printed last:
//   a11y: screens=<n> violations=<n> overflow_200=<n> keypad_flow=<ok|fail> spoken_outcomes=<n>/<m>
// Exits non-zero when a test failed or a goal is missed (violations=0, overflow_200=0,
// keypad_flow=ok, every outcome spoken with m ≥ 6).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { A11Y_DIR } from './a11y-checks';

// The resident tour and the reception and payment screens have their own files (here in all four
// languages, both orientations, axe, 200 %): each passes or fails the run; the line's counts are the
// certificate screens'.
const FILES = ['tests/e2e-browser/screens-tour.test.ts', 'tests/e2e-browser/a11y-screens.test.ts', 'tests/e2e-browser/a11y-keypad-voice.test.ts', 'tests/e2e-browser/a11y-reception.test.ts', 'tests/e2e-browser/a11y-billing.test.ts'];

rmSync(A11Y_DIR, { recursive: true, force: true });
// The full sweep: every screen in all four languages (npm test looks in 日本語 and English only).
const run = spawnSync(process.execPath, ['scripts/test.mjs', ...FILES], { stdio: 'inherit', env: { ...process.env, MADOGUCHI_SWEEP: 'full' } });

const read = (name: string): Record<string, unknown> => {
  const p = join(A11Y_DIR, `${name}.json`);
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>) : {};
};
const screens = read('screens');
const keypad = read('keypad-voice');
const num = (v: unknown) => (typeof v === 'number' ? v : NaN);
const spoken = typeof keypad.spoken_outcomes === 'string' ? keypad.spoken_outcomes : '0/0';
const [n, m] = spoken.split('/').map(Number) as [number, number];
const line = `a11y: screens=${num(screens.screens)} violations=${num(screens.violations)} overflow_200=${num(screens.overflow_200)} keypad_flow=${keypad.keypad_flow === 'ok' ? 'ok' : 'fail'} spoken_outcomes=${spoken}`;
const met = run.status === 0 && num(screens.screens) > 0 && screens.violations === 0 && screens.overflow_200 === 0 && keypad.keypad_flow === 'ok' && n === m && m >= 6;
process.stdout.write(`${line}\n`);
process.exit(met ? 0 : 1);
