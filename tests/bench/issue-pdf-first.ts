// Child of issue-pdf.ts: the first certificate render in a fresh process. Module loading is Node
// start-up and is excluded; the clock covers the first renderCertificatePdf call, which includes
// reading and parsing the font, the background pattern, signing and the PDF bytes.
import { renderCertificatePdf } from '../../templates/index';
import { demoMunicipality } from '../../simulators/municipality/index';
import { sampleResidentDocument } from '../../simulators/municipality/samples';

const doc = sampleResidentDocument({ members: 4 });
const { signer } = demoMunicipality();
const t0 = performance.now();
const pdf = await renderCertificatePdf(doc, signer);
const firstMs = performance.now() - t0;
process.stdout.write(`${JSON.stringify({ firstMs, bytes: pdf.length })}\n`);
