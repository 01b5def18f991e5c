// npm run soak:payment -- --runs <n>   (default 50)
// Hospital payments killed with SIGKILL, one per run: each run is a new patient with a new bill in
// the reference back office's ORCA subset, paid at a child kiosk (tests/crash/billing-crash-worker.ts)
// by a random method (cash at the simulated acceptor, card at the simulated terminal, the account
// linked to the card at the back office) and killed at a random point — a named step of the checkout
// or a random instant. The kiosk is then restarted on the same database and device journals, resumed,
// and housekeeping runs once. Then, per run:
//   lost           a device kept money (net of what it gave back) with no 入金 of that amount in ORCA
//                  under its payment key;
//   double_charged the devices kept more than the bill asked, or ORCA holds two 入金 for one key.
// Also counted (and failing the soak): a collect asked by the restarted kiosk, a lock left in ORCA.
// Last line: payment-soak: runs=<n> lost=<n> double_charged=<n>; exits non-zero unless both are 0.
import { parseArgs } from 'node:util';
import { judge, startBillingCrashRig, type KillPoint, type PayMethod } from '../crash/billing-crash-rig';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '50' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('usage: --runs <positive integer>');
  process.exit(2);
}

const METHODS: PayMethod[] = ['cash', 'card', 'linked'];
const POINTS: Record<PayMethod, KillPoint[]> = {
  cash: ['bill_shown', 'paying', 'approved', 'paid', 'recorded', 'printing', 'anytime', 'anytime'],
  card: ['bill_shown', 'paying', 'approved', 'paid', 'recorded', 'printing', 'anytime', 'anytime'],
  // A charge of the linked account has no customer step to be caught in.
  linked: ['bill_shown', 'approved', 'paid', 'recorded', 'printing', 'anytime', 'anytime'],
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

const t0 = Date.now();
const rig = await startBillingCrashRig({ bundled: true });
// How long a whole payment takes from the kiosk's start, per method (measured on uncut payments), so a
// random instant falls anywhere in it and a little past its end.
const whole: Record<PayMethod, number> = { cash: 0, card: 0, linked: 0 };
for (const m of METHODS) {
  const uncut = await rig.killAt('anytime', m, await rig.newPatient({ linked: m === 'linked' }), `soak-calibrate-${m}`, 30_000);
  if (uncut.reached !== 'ended done') throw new Error(`an uncut ${m} payment ended ${uncut.reached}`);
  whole[m] = uncut.ms;
}
console.log(`soak: a whole payment takes ${METHODS.map((m) => `${m}=${whole[m].toFixed(0)}ms`).join(' ')} from the kiosk's start`);
let lost = 0, doubleCharged = 0, recollects = 0, locksLeft = 0;
const endStates = new Map<string, number>();
const reached = new Map<string, number>();
try {
  for (let run = 1; run <= runs; run++) {
    const method = pick(METHODS);
    const point = pick(POINTS[method]);
    const patientId = await rig.newPatient({ linked: method === 'linked' });
    const checkoutId = `soak${run}`;
    const { reached: at } = await rig.killAt(point, method, patientId, checkoutId, Math.floor(Math.random() * whole[method] * 1.1));
    const k = rig.restart();
    try {
      // Where the random instant caught the checkout: its state on disk as the kiosk died.
      const where = point === 'anytime' ? `anytime(${k.checkouts.get(checkoutId)?.state ?? 'not_started'})` : at;
      reached.set(`${method}@${where}`, (reached.get(`${method}@${where}`) ?? 0) + 1);
      await k.service.resume();
      await k.service.recheck();
      const f = await rig.facts(k, checkoutId);
      const j = judge(f);
      if (j.lost) lost++;
      if (j.doubleCharged) doubleCharged++;
      if (k.collects.length > 0) recollects++;
      if (f.lockHeld) locksLeft++;
      const state = f.row?.state ?? 'never_created';
      endStates.set(state, (endStates.get(state) ?? 0) + 1);
      if (j.lost || j.doubleCharged || k.collects.length > 0 || f.lockHeld) {
        console.log(`soak: run ${run} ${method}@${at}: state=${state} kept=${JSON.stringify([...f.kept])} deposited=${JSON.stringify([...f.deposited])} collects=${k.collects.length} lock=${f.lockHeld}`);
      }
    } finally {
      k.close();
    }
    if (run % 10 === 0) console.log(`soak: ${run}/${runs} runs, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
} finally {
  await rig.close();
}
const list = (m: Map<string, number>) => [...m].sort().map(([k, n]) => `${k}=${n}`).join(' ');
console.log(`soak: kill points ${list(reached)}`);
console.log(`soak: checkouts after restart ${list(endStates)}`);
console.log(`soak: recollects=${recollects} locks_left=${locksLeft} seconds=${((Date.now() - t0) / 1000).toFixed(1)}`);
console.log(`payment-soak: runs=${runs} lost=${lost} double_charged=${doubleCharged}`);
process.exit(lost === 0 && doubleCharged === 0 && recollects === 0 && locksLeft === 0 ? 0 : 1);
