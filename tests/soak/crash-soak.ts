// npm run soak:crash -- --kills <n>
// Last line: crash: kills=<n> lost=<n> duplicated=<n>
import { parseArgs } from 'node:util';
import { runKillLoop } from '../crash/kill-loop';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '1000' }, 'backoffice-kill-every': { type: 'string', default: '100' } } });
const kills = Number(values.kills);
if (!Number.isInteger(kills) || kills < 1) {
  console.error('usage: --kills <positive integer>');
  process.exit(2);
}
const r = await runKillLoop({ kills, backofficeKillEvery: Number(values['backoffice-kill-every']), log: (s) => console.log(`soak: ${s}`) });
console.log(`soak: committed=${r.committed} backoffice_kills=${r.backofficeKills} dead=${r.dead} seconds=${r.seconds.toFixed(1)}`);
console.log(`crash: kills=${r.kills} lost=${r.lost} duplicated=${r.duplicated}`);
process.exit(r.lost === 0 && r.duplicated === 0 && r.dead === 0 ? 0 : 1);
