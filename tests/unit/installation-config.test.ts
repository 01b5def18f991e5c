// The installation's configuration file in its current shape (the platform's backOffice, printer
// and payment at the top level, a `services` list) and in the earlier shape (all of it under
// `issuance`), which is read as its upgrade with one log line saying what to move. Every mistake
// is one input.invalid naming the file and the field.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isKioskError } from '../../common/errors';
import { loadInstallationConfig } from '../../electron/services/installation/config';
import { loadTestPki } from '../../simulators/testpki';

const KIOSK_KEY = `kiyose-hall-01:${'k'.repeat(43)}`;

describe('installation configuration: current shape, earlier shape, mistakes', () => {
  let dir: string;
  let anchor: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'madoguchi-config-'));
    anchor = join(dir, 'auth-root.der');
    writeFileSync(anchor, (await loadTestPki()).roots.auth);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const base = () => ({
    trust: { mode: 'test', anchorFiles: [anchor] },
    revocation: { failure: 'fail-open' },
    kiosk: { id: 'kiyose-hall-01', site: '清瀬市役所 1階', kind: 'municipal' },
    dataDir: join(dir, 'data'),
  });
  const platformParts = {
    backOffice: { url: 'http://127.0.0.1:8470/', kioskKey: KIOSK_KEY, timeoutMs: 4000 },
    printer: { uri: 'ipp://127.0.0.1:631/printers/madoguchi-pdf' },
    payment: { device: 'test-acceptor' },
    housekeepingSeconds: 30,
  };
  let n = 0;
  function load(doc: unknown) {
    const file = join(dir, `config-${++n}.json`);
    writeFileSync(file, JSON.stringify(doc));
    const lines: string[] = [];
    return { file, lines, load: () => loadInstallationConfig(file, (m) => lines.push(m)) };
  }

  it('reads the current shape: the platform at the top level, the services in menu order, no upgrade line', () => {
    const f = load({ ...base(), ...platformParts, services: ['issuance'] });
    const c = f.load();
    assert.deepEqual(c.services, ['issuance']);
    assert.deepEqual(c.backOffice, { baseUrl: 'http://127.0.0.1:8470/', timeoutMs: 4000, kioskKey: KIOSK_KEY });
    assert.deepEqual(c.printer, { printerUri: 'ipp://127.0.0.1:631/printers/madoguchi-pdf', pollMs: 500 });
    assert.equal(c.paymentDevice, 'test-acceptor');
    assert.equal(c.housekeepingMs, 30_000);
    assert.deepEqual(f.lines, []);
  });

  it('reads the earlier shape as its upgrade, with one line naming what to move', () => {
    const current = load({ ...base(), ...platformParts, services: ['issuance'] }).load();
    const earlier = load({ ...base(), issuance: platformParts });
    const c = earlier.load();
    assert.deepEqual(c, current, 'the same configuration as the file in the current shape');
    assert.equal(earlier.lines.length, 1);
    assert.ok(earlier.lines[0]!.includes(earlier.file), 'names the file');
    assert.match(earlier.lines[0]!, /move issuance\.backOffice, issuance\.printer, issuance\.payment and issuance\.housekeepingSeconds to the top level and add "services": \["issuance"\]/);
  });

  it('a hospital kiosk without certificates: a back office and no services', () => {
    const c = load({ ...base(), kiosk: { id: 'kiyose-hall-01', site: '清瀬病院', kind: 'hospital' }, backOffice: platformParts.backOffice, services: [] }).load();
    assert.deepEqual(c.services, []);
    assert.equal(c.backOffice?.baseUrl, 'http://127.0.0.1:8470/');
    assert.deepEqual([c.printer, c.paymentDevice], [null, null]);
    assert.equal(c.housekeepingMs, 60_000, 'the default round');
  });

  it('a mistake is one input.invalid naming the file and the field', () => {
    const cases: [string, unknown, RegExp][] = [
      ['a service without a module', { ...base(), ...platformParts, services: ['issuance', 'counter'] }, /services\.1: "counter" has no module in this build \(services: issuance, reception, billing\)/],
      ['not a service at all', { ...base(), services: ['parking'] }, /services\.0: Invalid option: expected one of "issuance"/],
      ['issuance without its printer and payment', { ...base(), backOffice: platformParts.backOffice, services: ['issuance'] }, /services\.0: "issuance" needs printer, payment in the configuration/],
      ['a service twice', { ...base(), ...platformParts, services: ['issuance', 'issuance'] }, /services: each service once/],
      ['both shapes at once', { ...base(), ...platformParts, services: ['issuance'], issuance: platformParts }, /issuance: the earlier "issuance" section cannot be combined/],
      ['a back office without the kiosk section', { ...base(), kiosk: undefined, backOffice: { url: 'https://bo.example.lg.jp/' } }, /kiosk: a back office needs the kiosk section/],
      ['plain http off this machine', { ...base(), backOffice: { url: 'http://bo.example.lg.jp/', kioskKey: KIOSK_KEY } }, /backOffice\.url: the back office must be https/],
      ['an earlier-shape file with a mistake', { ...base(), issuance: { ...platformParts, printer: { uri: 'http://printer/' } } }, /printer\.uri: an ipp:\/\/ or ipps:\/\/ printer URI/],
    ];
    for (const [name, doc, message] of cases) {
      const f = load(doc);
      assert.throws(() => f.load(), (err: unknown) => isKioskError(err, 'input.invalid') && err.message.includes(f.file) && message.test(err.message), name);
    }
  });
});
