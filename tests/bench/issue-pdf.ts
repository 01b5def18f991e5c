// PDF render figures for `npm run bench:issue` (measurePdfRender) and on their own:
//   node --import tsx tests/bench/issue-pdf.ts
// first: the first certificate in a FRESH process (median of FIRST_RUNS child processes; Node
// start-up and module loading excluded, font loading included). naiveFirst: the same certificate by
// plain pdfkit with the whole font registered (issue-pdf-naive.ts), measured the same way in the
// same run, alternating with ours, so the ratio holds on any machine. warm: p50 per page over
// WARM_RUNS renders of a full household sheet (4 persons, 1 page) in this process after a warm-up.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { renderCertificatePdf } from '../../templates/index';
import { demoMunicipality } from '../../simulators/municipality/index';
import { sampleResidentDocument } from '../../simulators/municipality/samples';

const run = promisify(execFile);
const FIRST_RUNS = Number(process.env.PDF_FIRST_RUNS ?? 5);
const WARM_RUNS = Number(process.env.PDF_WARM_RUNS ?? 200);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

async function firstInFreshProcess(file: './issue-pdf-first.ts' | './issue-pdf-naive.ts'): Promise<number> {
  const child = fileURLToPath(new URL(file, import.meta.url));
  const { stdout } = await run(process.execPath, ['--import', 'tsx', child], { maxBuffer: 1 << 20 });
  return (JSON.parse(stdout.trim().split('\n').at(-1)!) as { firstMs: number }).firstMs;
}

export async function measurePdfRender(): Promise<{ firstMs: number; naiveFirstMs: number; warmP50Ms: number }> {
  const firsts: number[] = [];
  const naive: number[] = [];
  for (let i = 0; i < FIRST_RUNS; i++) {
    firsts.push(await firstInFreshProcess('./issue-pdf-first.ts'));
    naive.push(await firstInFreshProcess('./issue-pdf-naive.ts'));
  }
  const { signer } = demoMunicipality();
  const doc = sampleResidentDocument({ members: 4 });
  for (let i = 0; i < 30; i++) await renderCertificatePdf(doc, signer); // JIT and caches
  const times: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const t0 = performance.now();
    await renderCertificatePdf(doc, signer);
    times.push(performance.now() - t0);
  }
  return { firstMs: median(firsts), naiveFirstMs: median(naive), warmP50Ms: median(times) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await measurePdfRender();
  console.log(`pdf: first_ms=${r.firstMs.toFixed(1)} naive_first_ms=${r.naiveFirstMs.toFixed(1)} warm_p50_ms=${r.warmP50Ms.toFixed(2)} (first: median of ${FIRST_RUNS} fresh processes; warm: ${WARM_RUNS} renders of a 1-page household sheet)`);
}
