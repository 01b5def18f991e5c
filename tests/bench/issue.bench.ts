// npm run bench:issue — certificate issuance latency with the back office on loopback.
//   pdf_first_ms / pdf_warm_ms: the DOCUMENTS renderer's own figures (tests/bench/issue-pdf.ts,
//   measurePdfRender(): first render in a fresh process, and the warm p50).
//   pin_to_print_p95_ms: from the holder's successful sign-in at the back office (PIN accepted,
//   challenge signed) through authorize + signed-PDF fetch + instant payment + the IPP job accepted
//   by the printer (ippeveprinter), p95 over ROUNDS requests.
// Last line exactly: issue: pdf_first_ms=<n> pdf_warm_ms=<p50> pin_to_print_p95_ms=<n>
import { startIssuanceStack } from '../integration/issuance-stack';

const ROUNDS = Number(process.env.ISSUE_BENCH_ROUNDS ?? 30);
const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!;

async function pdfFigures(): Promise<{ first: number; warm: number }> {
  const path = './issue-pdf';
  const mod = await import(/* @vite-ignore */ path) as { measurePdfRender(): Promise<{ firstMs: number; warmP50Ms: number }> };
  const r = await mod.measurePdfRender();
  return { first: r.firstMs, warm: r.warmP50Ms };
}

const s = await startIssuanceStack();
try {
  const latencies: number[] = [];
  for (let i = 0; i < ROUNDS + 3; i++) {
    const holderToken = await s.holderToken('yamada-taro');
    const t0 = performance.now();
    const { requestId } = await s.service.request({ holderToken, type: 'juminhyo', scope: 'household', options: { householdHead: true }, copies: 1 });
    await s.service.pay(requestId, () => undefined);
    let accepted = 0;
    const res = await s.service.print(requestId, (ev) => { if (ev.phase === 'printing' && !accepted) accepted = performance.now(); });
    if (res.state !== 'printed' || !accepted) throw new Error(`round ${i}: ${res.state} ${JSON.stringify(res.outcome)}`);
    if (i >= 3) latencies.push(accepted - t0); // the first rounds warm the back office and the font cache
  }
  const pdf = await pdfFigures().catch((err: unknown) => { console.error(`pdf figures unavailable: ${String(err)}`); return { first: NaN, warm: NaN }; });
  console.log(`pin_to_print: rounds=${latencies.length} p50_ms=${p(latencies, 0.5).toFixed(1)} p95_ms=${p(latencies, 0.95).toFixed(1)}`);
  console.log(`issue: pdf_first_ms=${Math.round(pdf.first)} pdf_warm_ms=${pdf.warm.toFixed(1)} pin_to_print_p95_ms=${Math.round(p(latencies, 0.95))}`);
} finally {
  await s.close();
}
