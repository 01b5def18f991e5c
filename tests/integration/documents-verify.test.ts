// test-lane: free
// `madoguchi verify`: a genuine certificate passes; each kind of forgery fails with its own reason.
// The checks run on the page image (pdftoppm + jsQR) and the page text (pdftotext), as printed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeCertificate, renderCertificatePdf, signPages } from '../../templates/certificate-pdf';
import { verifyCertificatePdf } from '../../templates/verify-certificate';
import { VERIFY_EXIT, verifyCommand } from '../../electron/cli/commands/verify';
import { DEMO_KEY_ID, demoMunicipality, deriveP256Key, nodeDocumentSigner } from '../../simulators/municipality/index';
import { sampleResidentDocument, sampleSealDocument } from '../../simulators/municipality/samples';

const dir = mkdtempSync(join(tmpdir(), 'documents-verify-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const { signer, publicKeys } = demoMunicipality();
let n = 0;
const save = (pdf: Uint8Array) => {
  const path = join(dir, `doc-${n++}.pdf`);
  writeFileSync(path, pdf);
  return path;
};

test('a genuine household certificate (2 sheets) verifies, with every page\'s signed facts', async () => {
  const path = save(await renderCertificatePdf(sampleResidentDocument({ members: 5 }), signer));
  const r = await verifyCertificatePdf(path, publicKeys);
  assert.equal(r.ok, true, r.detail);
  assert.deepEqual(r.pages.map((p) => p.attestation?.persons.length), [4, 1]);
  assert.equal(r.pages[1]!.attestation!.persons[0]!.name, '山田　キヨ');
});

test('a genuine seal certificate verifies; CLI exit 0 with --keys, usage error without keys', async () => {
  const path = save(await renderCertificatePdf(sampleSealDocument(), signer));
  const keys = join(dir, 'keys.json');
  writeFileSync(keys, JSON.stringify({ keys: { [DEMO_KEY_ID]: Buffer.from(publicKeys[DEMO_KEY_ID]!).toString('base64') } }));
  assert.equal(await verifyCommand([path, '--keys', keys]), 0);
  const saved = process.env.MADOGUCHI_DOCUMENT_KEYS;
  delete process.env.MADOGUCHI_DOCUMENT_KEYS;
  try {
    assert.equal(await verifyCommand([path]), VERIFY_EXIT.usage);
  } finally {
    if (saved !== undefined) process.env.MADOGUCHI_DOCUMENT_KEYS = saved;
  }
});

test('edited text (another resident\'s data under a genuine QR) fails: content_mismatch naming the fields', async () => {
  const genuine = sampleResidentDocument({ members: 2 });
  const forged = structuredClone(genuine);
  if (forged.data.type === 'inkan') throw new Error('unexpected');
  forged.data.members[1] = { ...forged.data.members[1]!, name: '鈴木　花子', dob: '1990-01-01' };
  const path = save(await composeCertificate(forged, await signPages(genuine, signer)));
  const r = await verifyCertificatePdf(path, publicKeys);
  assert.equal(r.reason, 'content_mismatch');
  assert.match(r.detail!, /persons\[1\]\.name, persons\[1\]\.dob/);
  assert.equal(await verifyCommand([path, '--demo']), VERIFY_EXIT.content_mismatch);
});

test('a QR whose text was changed after signing fails: bad_signature', async () => {
  const doc = sampleSealDocument();
  const [qr] = await signPages(doc, signer);
  const changed = qr!.replace('1980-02-17', '1981-02-17');
  const forged = structuredClone(doc);
  if (forged.data.type !== 'inkan') throw new Error('unexpected');
  forged.data.dob = '1981-02-17';
  const r = await verifyCertificatePdf(save(await composeCertificate(forged, [changed])), publicKeys);
  assert.equal(r.reason, 'bad_signature');
});

test('signed by a key that claims the municipality\'s key id but is not its key: bad_signature', async () => {
  const impostor = nodeDocumentSigner(DEMO_KEY_ID, deriveP256Key('someone else', DEMO_KEY_ID).privateKey);
  const r = await verifyCertificatePdf(save(await renderCertificatePdf(sampleSealDocument(), impostor)), publicKeys);
  assert.equal(r.reason, 'bad_signature');
});

test('signed by an untrusted key: unknown_key', async () => {
  const other = nodeDocumentSigner('other-city-2025', deriveP256Key('other city', 'other-city-2025').privateKey);
  const path = save(await renderCertificatePdf(sampleSealDocument(), other));
  const r = await verifyCertificatePdf(path, publicKeys);
  assert.equal(r.reason, 'unknown_key');
  assert.equal(await verifyCommand([path, '--demo']), VERIFY_EXIT.unknown_key);
});

test('no QR at all: no_qr', async () => {
  const r = await verifyCertificatePdf(save(await composeCertificate(sampleSealDocument(), [null])), publicKeys);
  assert.equal(r.reason, 'no_qr');
});

test('sheets swapped between positions: page_mismatch', async () => {
  const doc = sampleResidentDocument({ members: 5 });
  const [q1, q2] = await signPages(doc, signer);
  const r = await verifyCertificatePdf(save(await composeCertificate(doc, [q2!, q1!])), publicKeys);
  assert.equal(r.reason, 'page_mismatch');
});

test('a genuine QR in a file bound to another issuance: binding_mismatch', async () => {
  const doc = sampleSealDocument();
  const qrs = await signPages(doc, signer);
  const r = await verifyCertificatePdf(save(await composeCertificate({ ...doc, issuanceId: 'iss-someone-else' }, qrs)), publicKeys);
  assert.equal(r.reason, 'binding_mismatch');
});

test('not a PDF: not_pdf', async () => {
  const path = join(dir, 'notes.pdf');
  writeFileSync(path, 'hello');
  assert.equal((await verifyCertificatePdf(path, publicKeys)).reason, 'not_pdf');
});
