// npm run soak:crash -- --kills <n> [--backoffice-kill-every <n>]
// SIGKILLs kiosk processes serving residents on the production issuance path (issuance-kill-loop.ts).
// Exits non-zero when anything was lost, duplicated or charged twice, when nothing was committed,
// or when kiosk processes died by themselves.
// Last line: crash: kills=<n> committed=<n> lost=<n> duplicated=<n> double_charged=<n>
import { parseArgs } from 'node:util';
import { runIssuanceSoak } from './issuance-kill-loop';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '1000' }, 'backoffice-kill-every': { type: 'string', default: '100' } } });
const kills = Number(values.kills);
const every = Number(values['backoffice-kill-every']);
if (!Number.isInteger(kills) || kills < 1 || !Number.isInteger(every) || every < 0) {
  console.error('usage: --kills <positive integer> [--backoffice-kill-every <n, 0 = never>]');
  process.exit(2);
}
const r = await runIssuanceSoak({ kills, backofficeKillEvery: every, log: (s) => console.log(`soak: ${s}`) });
const states = Object.entries(r.states).sort().map(([s, n]) => `${s}=${n}`).join(' ');
console.log(`soak: requests ${states} (after the final restart's resume and drain)`);
console.log(`soak: failed requests ${Object.entries(r.failures).map(([k, n]) => `${k}=${n}`).join(' ') || 'none'}`);
console.log(`soak: self_exits=${r.selfExits} backoffice_kills=${r.backofficeKills} unrefunded=${r.unrefunded} redriven_dead_letters=${r.redriven} seconds=${r.seconds.toFixed(1)}`);
console.log(`crash: kills=${r.kills} committed=${r.committed} lost=${r.lost} duplicated=${r.duplicated} double_charged=${r.doubleCharged}`);
const ok = r.committed > 0 && r.lost === 0 && r.duplicated === 0 && r.doubleCharged === 0 && r.unrefunded === 0 && r.selfExits === 0;
if (r.committed === 0) console.error('crash: nothing was committed — the soak exercised nothing');
process.exit(ok ? 0 : 1);
