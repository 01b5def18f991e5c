// What the issuance e2e tests check on the paper and the screen: the PDF the demo queue printed,
// the document the kiosk sent, both verified offline (pdftotext, madoguchi verify), and axe.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { verifyCommand } from '../../electron/cli/commands/verify';
import { PDF_OUTPUT_DIR, pdfText, waitFor } from '../helpers/printers';
import type { KioskFixture } from './kiosk-fixture';
import type { KioskPage } from './page-models/kiosk-page';

export async function accessible(kiosk: KioskPage, what: string): Promise<void> {
  const violations = await kiosk.axe();
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`), [], `axe on ${what}`);
}

/**
 * The certificate the demo queue wrote for this issuance: the job's title carries the issuance id and
 * the document's title. The receipt is bound to the same issuance (`…_receipt_…`), so it is left out
 * by name — never by which file the folder happens to list first (job_10 sorts before job_9).
 */
export async function printedFile(issuanceId: string | null): Promise<string> {
  assert.ok(issuanceId, 'the request has an issuance id');
  return waitFor(() => {
    if (!existsSync(PDF_OUTPUT_DIR)) return undefined;
    const file = readdirSync(PDF_OUTPUT_DIR).find((f) => f.endsWith('.pdf') && f.includes(issuanceId) && !f.includes('_receipt_'));
    return file && statSync(join(PDF_OUTPUT_DIR, file)).size > 0 ? join(PDF_OUTPUT_DIR, file) : undefined;
  }, 20_000, 'the printed PDF in the cups-pdf output folder');
}

/**
 * The document the kiosk sent to the printer, as staff find it (README: `sent-documents/<交付ID>.pdf`
 * next to the kiosk's data), checked to be byte for byte what went to the printer.
 */
export function sentDocument(f: KioskFixture): string {
  const pdf = f.stack.issuance!.lastDocumentPdf();
  assert.ok(pdf, 'the kiosk kept the document it printed');
  const file = join(f.stack.issuance!.sentDir, `${f.stack.issuance!.lastIssuanceId()}.pdf`);
  assert.ok(existsSync(file) && readFileSync(file).equals(Buffer.from(pdf)), `the document as sent is kept at ${file}`);
  return file;
}

/**
 * Both sides of the printer: the document the kiosk sent verifies fully (exit 0: signed QR and
 * page text agree); the printer's output — which CUPS re-distils through PostScript, losing the
 * text layer — verifies its QR (exit 11: genuine QR, text not machine-readable) for the same
 * issuance number. Returns the signed facts of the printed page.
 */
export async function checkPrinted(f: KioskFixture, printed: string, expectText: string[]): Promise<string> {
  const sent = sentDocument(f);
  const full = await verified(sent);
  assert.equal(full.code, 0, `madoguchi verify accepts the document the kiosk printed: ${full.facts.slice(0, 300)}`);
  const text = pdfText(sent);
  // Compared without white space: the layout letter-spaces titles and pdftotext's spacing varies.
  const flat = text.replace(/\s+/g, '');
  for (const t of expectText) assert.ok(flat.includes(t.replace(/\s+/g, '')), `the certificate text carries ${t}`);
  const out = await verified(printed);
  assert.equal(out.code, 11, 'the printer output: QR genuine, text not machine-readable (re-distilled by CUPS)');
  const number = /第([0-9A-Za-z-]+)号/.exec(text)?.[1];
  assert.ok(number && out.facts.includes(number), `the printed paper's signed QR carries issuance number ${number}`);
  return out.facts;
}

/**
 * `madoguchi verify --demo --json <pdf>`: the exit code, and the facts the municipality signed
 * (read back from the QR code on the page image).
 */
export async function verified(file: string): Promise<{ code: number; facts: string }> {
  const write = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await verifyCommand(['--demo', '--json', file]);
    return { code, facts: out };
  } finally {
    process.stdout.write = write;
  }
}
