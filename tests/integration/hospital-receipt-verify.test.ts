// test-lane: free
// `madoguchi verify` on the hospital's 領収証 and 明細書: a genuine one passes (every page, with the
// signed facts listed); a changed amount under a genuine QR, a QR whose facts were edited, a key
// nobody trusts, a reprint passed off as the original (or the reverse), a page of another receipt and
// a PDF bound to another checkout each fail with their own reason. Checked on the page image
// (pdftoppm + jsQR) and text (pdftotext), as printed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkHospitalReceipt, type HospitalReceiptData } from '../../common/documents/hospital-receipt';
import { encodeHospitalAttestation, hospitalAttestationMessage, type HospitalPageAttestation } from '../../common/documents/hospital-attestation';
import { composeHospitalReceipt, renderHospitalReceiptPdf } from '../../templates/hospital-receipt';
import { verifyCertificatePdf } from '../../templates/verify-certificate';
import { VERIFY_EXIT, verifyCommand } from '../../electron/cli/commands/verify';
import { DEMO_HOSPITAL_KEY_ID, demoHospitalKeys } from '../../simulators/hospital/index';
import { deriveP256Key, nodeDocumentSigner } from '../../simulators/municipality/index';
import { sampleHospitalReceipt } from '../../simulators/hospital/samples';

const dir = mkdtempSync(join(tmpdir(), 'hospital-verify-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const { signer, publicKeys } = demoHospitalKeys();
const BINDING = { documentId: 'chk-91-1', requestId: 'chk-91', subjectHash: 'ef'.repeat(32) };
let n = 0;
const save = (pdf: Uint8Array) => {
  const path = join(dir, `doc-${n++}.pdf`);
  writeFileSync(path, pdf);
  return path;
};

/** Signs the given pages' facts as the hospital would (optionally changed after signing). */
const signed = (edit?: (a: HospitalPageAttestation) => HospitalPageAttestation) => async (pages: HospitalPageAttestation[]) =>
  Promise.all(pages.map(async (a) => {
    const signature = await signer.sign(new TextEncoder().encode(hospitalAttestationMessage(a)));
    return encodeHospitalAttestation(edit ? edit(a) : a, signature);
  }));

/** A document drawn from `printed` whose QR codes carry `signedData`'s facts, signed genuinely. */
async function forged(printed: HospitalReceiptData, signedData: HospitalReceiptData, binding = BINDING): Promise<string> {
  let qr: string[] = [];
  await composeHospitalReceipt(signedData, binding, async (pages) => (qr = await signed()(pages)), DEMO_HOSPITAL_KEY_ID);
  return save(await composeHospitalReceipt(printed, binding, async () => qr, DEMO_HOSPITAL_KEY_ID));
}

test('a genuine 領収証 with a 2-page 明細書 verifies; the CLI lists the signed facts (--demo, and --keys)', async () => {
  const path = save(await renderHospitalReceiptPdf(sampleHospitalReceipt({ extraItems: 30 }), BINDING, signer));
  const r = await verifyCertificatePdf(path, publicKeys);
  assert.equal(r.ok, true, r.detail);
  assert.deepEqual(r.pages.map((p) => p.hospital?.part), ['receipt', 'statement', 'statement']);
  assert.deepEqual([r.pages[0]!.hospital!.received, r.pages[0]!.hospital!.invoiceNumber, r.pages[0]!.hospital!.reprint], [sampleHospitalReceipt({ extraItems: 30 }).patientTotal, '0000123', false]);
  const cli = execFileSync('node', ['--import', 'tsx', 'electron/cli/madoguchi.ts', 'verify', path, '--demo'], { encoding: 'utf8' });
  assert.match(cli, /^genuine: 領収証・診療明細書 伝票番号 0000123 issued 2026-12-07, 3 page\(s\), key hospital-demo-2026/);
  assert.match(cli, /patient ID 00002 {2}診療日 2026-12-07 {2}領収額 \d+円 {2}総点 \d+点/);
  const keys = join(dir, 'keys.json');
  writeFileSync(keys, JSON.stringify({ keys: { [DEMO_HOSPITAL_KEY_ID]: Buffer.from(publicKeys[DEMO_HOSPITAL_KEY_ID]!).toString('base64') } }));
  assert.equal(await verifyCommand([path, '--keys', keys, '--json']), 0);
});

test('a changed amount under the genuine QR fails: content_mismatch naming 領収額', async () => {
  const genuine = checkHospitalReceipt(sampleHospitalReceipt({}));
  const printed = structuredClone(genuine);
  printed.patientTotal += 1000;
  printed.insurance.patientShare += 1000;
  printed.payment.received += 1000;
  const r = await verifyCertificatePdf(await forged(printed, genuine), publicKeys);
  assert.equal(r.reason, 'content_mismatch');
  assert.match(r.detail ?? '', /page 1: .*received/);
  assert.equal(await verifyCommand([await forged(printed, genuine), '--demo']), VERIFY_EXIT.content_mismatch);
});

test('a QR whose amount was edited after signing fails: bad_signature', async () => {
  const data = checkHospitalReceipt(sampleHospitalReceipt({}));
  let qr: string[] = [];
  await composeHospitalReceipt(data, BINDING, async (pages) => (qr = await signed((a) => ({ ...a, received: a.received + 1000 }))(pages)), DEMO_HOSPITAL_KEY_ID);
  const r = await verifyCertificatePdf(save(await composeHospitalReceipt(data, BINDING, async () => qr, DEMO_HOSPITAL_KEY_ID)), publicKeys);
  assert.equal(r.reason, 'bad_signature', r.detail);
});

test('a receipt signed by a key nobody trusts fails: unknown_key', async () => {
  const other = nodeDocumentSigner('hospital-x', deriveP256Key('somebody else', 'hospital-x').privateKey);
  const r = await verifyCertificatePdf(save(await renderHospitalReceiptPdf(sampleHospitalReceipt({}), BINDING, other)), publicKeys);
  assert.equal(r.reason, 'unknown_key');
});

test('the 【再発行】 mark cannot be removed, nor added under an original\'s QR: content_mismatch naming reprint', async () => {
  const original = checkHospitalReceipt(sampleHospitalReceipt({}));
  const reprint = checkHospitalReceipt(sampleHospitalReceipt({ reprint: true }));
  const stripped = await verifyCertificatePdf(await forged(original, reprint), publicKeys);
  assert.equal(stripped.reason, 'content_mismatch');
  assert.match(stripped.detail ?? '', /reprint/);
  const added = await verifyCertificatePdf(await forged(reprint, original), publicKeys);
  assert.equal(added.reason, 'content_mismatch');
  assert.match(added.detail ?? '', /reprint/);
});

test('another receipt\'s page swapped in fails: page_mismatch; a PDF bound to another checkout: binding_mismatch', async () => {
  const data = checkHospitalReceipt(sampleHospitalReceipt({}));
  const otherBill = { ...data, invoiceNumber: '0000999' };
  let qr: string[] = [];
  let otherQr: string[] = [];
  await composeHospitalReceipt(data, BINDING, async (pages) => (qr = await signed()(pages)), DEMO_HOSPITAL_KEY_ID);
  await composeHospitalReceipt(otherBill, BINDING, async (pages) => (otherQr = await signed()(pages)), DEMO_HOSPITAL_KEY_ID);
  const swapped = await verifyCertificatePdf(save(await composeHospitalReceipt(data, BINDING, async () => [qr[0]!, otherQr[1]!], DEMO_HOSPITAL_KEY_ID)), publicKeys);
  assert.equal(swapped.reason, 'page_mismatch', swapped.detail);
  // The Info dictionary rewritten to bind the file to another checkout (same length: the xref stays valid;
  // the page text is in deflated streams, so only the binding changes).
  const genuine = Buffer.from(await composeHospitalReceipt(data, BINDING, async () => qr, DEMO_HOSPITAL_KEY_ID));
  const rebound = Buffer.from(genuine.toString('latin1').replaceAll(BINDING.documentId, 'chk-92-1'), 'latin1');
  assert.notDeepEqual(rebound, genuine);
  const r = await verifyCertificatePdf(save(rebound), publicKeys);
  assert.equal(r.reason, 'binding_mismatch', r.detail);
});
