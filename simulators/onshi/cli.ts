// Command-line entry: runs the online-eligibility simulator until interrupted.
//   node --import tsx simulators/onshi/cli.ts [--dir var/onshi] [--port 0] [--encoding UTF-8|Shift_JIS]
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startOnshiSimulator } from './index';

const { values } = parseArgs({
  options: { dir: { type: 'string', default: 'var/onshi' }, port: { type: 'string', default: '0' }, encoding: { type: 'string', default: 'UTF-8' } },
});
const encoding = values.encoding === 'Shift_JIS' ? 'Shift_JIS' : 'UTF-8';
const sim = await startOnshiSimulator({ dir: resolve(values.dir), port: Number(values.port), encoding });
console.log(`online eligibility simulator: ${sim.url}  req=${sim.reqDir}  res=${sim.resDir}`);
const stop = () => { void sim.close().then(() => process.exit(0)); };
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
