// test-lane: free
// Hospital payment in the installation's configuration: an entry of `services` written as an object
// (the ORCA password and the hospital's document key read from their own files), the accounting block
// of the reception entry used when billing names none, and each mistake one input.invalid naming the
// file and the field — a key that is not ECDSA P-256 PKCS#8 included, since every receipt is signed with it.
import assert from 'node:assert/strict';
import { generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { isKioskError } from '../../common/errors';
import { BillingSettingsSchema, billingNeeds, karteUidForKiosk, receiptSigner, resolveBillingSettings } from '../../electron/services/billing/config';
import { loadInstallationConfig } from '../../electron/services/installation/config';
import { loadTestPki } from '../../simulators/testpki';

let dir: string;
let anchor: string;
const keys = { p256: '', sec1: '', rsa: '', p384: '' };
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-billing-config-'));
  anchor = join(dir, 'auth-root.der');
  writeFileSync(anchor, (await loadTestPki()).roots.auth);
  writeFileSync(join(dir, 'orca.pass'), 'ormaster-secret\n');
  const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const files: Record<keyof typeof keys, string> = {
    p256: p256.export({ type: 'pkcs8', format: 'pem' }) as string,
    sec1: p256.export({ type: 'sec1', format: 'pem' }) as string,
    rsa: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    p384: generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
  for (const [name, pem] of Object.entries(files)) {
    keys[name as keyof typeof keys] = join(dir, `${name}.key`);
    writeFileSync(keys[name as keyof typeof keys], pem);
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

const billing = (over: Record<string, unknown> = {}) => ({
  kind: 'billing', hospitalName: '清瀬市民病院', hospitalAddress: '東京都清瀬市竹丘3-1-1', hospitalPhone: '042-491-0011',
  karteUid: '6F1C2A4E-0D3B-4C51-9A8E-1B2C3D4E5F60', methods: ['cash', 'ic', 'card', 'linked'],
  accounting: { url: 'http://127.0.0.1:8000', user: 'ormaster', passwordFile: join(dir, 'orca.pass') },
  receiptKey: { keyFile: keys.p256, keyId: 'kiyose-2026' }, ...over,
});
const RECEPTION_ACCOUNTING = { url: 'https://weborca.example.jp/api', user: 'kiosk', password: 'from-reception', timeoutMs: 8000, allowPlainHttp: false };

test('a billing entry is read with its settings, the password and the document key from their own files', async () => {
  const s = resolveBillingSettings(BillingSettingsSchema.parse(billing()), 'services.1', null);
  assert.deepEqual(s.hospital, { name: '清瀬市民病院', address: '東京都清瀬市竹丘3-1-1', phone: '042-491-0011' });
  assert.equal(s.karteUid, '6f1c2a4e-0d3b-4c51-9a8e-1b2c3d4e5f60', 'one spelling of the terminal, whatever the file wrote');
  assert.deepEqual(s.methods, ['cash', 'ic', 'card', 'linked']);
  assert.deepEqual(s.accounting, { url: 'http://127.0.0.1:8000', user: 'ormaster', password: 'ormaster-secret', timeoutMs: 5000, allowPlainHttp: false });
  // The key signs as the receipts' QR expects: P-256, r‖s, checked with its public half.
  const signer = receiptSigner(s.receiptKey);
  const payload = new TextEncoder().encode('MDH1\nkiyose-2026\nreceipt');
  const signature = await signer.sign(payload);
  assert.equal(signer.keyId, 'kiyose-2026');
  assert.equal(signature.length, 64);
  assert.ok(verify('sha256', payload, { key: s.receiptKey.privateKey, dsaEncoding: 'ieee-p1363' }, signature));
});

test("without its own accounting block the reception entry's is used; with neither it is refused naming the field", () => {
  const file = BillingSettingsSchema.parse(billing({ accounting: undefined }));
  assert.deepEqual(resolveBillingSettings(file, 'services.1', { accounting: { ...RECEPTION_ACCOUNTING, physicians: { '01': '10001' } } }).accounting, RECEPTION_ACCOUNTING);
  assert.throws(() => resolveBillingSettings(file, 'services.1', null), (err: unknown) => isKioskError(err, 'input.invalid') && /^services\.1\.accounting: /.test(err.message));
});

test('a document key that is not ECDSA P-256 in PKCS#8, or cannot be read, is refused naming the field', () => {
  const cases: [string, string, RegExp][] = [
    ['SEC1 PEM', keys.sec1, /not a PKCS#8 PEM private key/],
    ['RSA', keys.rsa, /not an ECDSA P-256 key \(got rsa\)/],
    ['P-384', keys.p384, /not an ECDSA P-256 key \(got ec secp384r1\)/],
    ['missing', join(dir, 'missing.key'), /cannot read .*ENOENT/],
  ];
  for (const [name, keyFile, message] of cases) {
    const file = BillingSettingsSchema.parse(billing({ receiptKey: { keyFile, keyId: 'kiyose-2026' } }));
    assert.throws(() => resolveBillingSettings(file, 'services.1', null),
      (err: unknown) => isKioskError(err, 'input.invalid') && err.message.startsWith('services.1.receiptKey.keyFile: ') && message.test(err.message), name);
  }
});

test('each mistake in the entry is one input.invalid naming the file and the field', () => {
  let n = 0;
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['a Karte_Uid that is no UUID', billing({ karteUid: 'kiosk-1' }), /services\.0\.karteUid: a UUID/],
    ['a method twice', billing({ methods: ['cash', 'cash'] }), /services\.0\.methods: each method once/],
    ['a method nobody has', billing({ methods: ['bitcoin'] }), /services\.0\.methods\.0: /],
    ['no method', billing({ methods: [] }), /services\.0\.methods: /],
    ['a phone in words', billing({ hospitalPhone: 'call us' }), /services\.0\.hospitalPhone: digits and hyphens/],
    ['a key id with a line break', billing({ receiptKey: { keyFile: keys.p256, keyId: 'a\nb' } }), /services\.0\.receiptKey\.keyId: /],
    ['no address', billing({ hospitalAddress: '' }), /services\.0\.hospitalAddress: /],
  ];
  for (const [name, entry, message] of cases) {
    const file = join(dir, `config-${++n}.json`);
    writeFileSync(file, JSON.stringify({
      trust: { mode: 'test', anchorFiles: [anchor] }, revocation: { failure: 'fail-open' },
      kiosk: { id: 'kiyose-hospital-01', site: '清瀬市民病院 1階', kind: 'hospital' }, services: [entry],
    }));
    assert.throws(() => loadInstallationConfig(file), (err: unknown) => isKioskError(err, 'input.invalid') && err.message.includes(file) && message.test(err.message), name);
  }
});

test('what the offered methods need of the platform: the acceptor for cash/IC/card, the back office for the linked account', () => {
  assert.deepEqual(billingNeeds({ methods: ['cash', 'linked'] }), ['kiosk', 'printer', 'payment', 'backOffice']);
  assert.deepEqual(billingNeeds({ methods: ['linked'] }), ['kiosk', 'printer', 'backOffice']);
  assert.deepEqual(billingNeeds({ methods: ['card'] }), ['kiosk', 'printer', 'payment']);
});

test("a kiosk's derived Karte_Uid is a UUID, the same after a restart, another kiosk's differs", () => {
  const a = karteUidForKiosk('kiyose-hospital-01');
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(BillingSettingsSchema.shape.karteUid.safeParse(a).success, true);
  assert.equal(karteUidForKiosk('kiyose-hospital-01'), a);
  assert.notEqual(karteUidForKiosk('kiyose-hospital-02'), a);
});
