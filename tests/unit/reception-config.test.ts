// Hospital reception in the installation's configuration: an entry of `services` written as an
// object with its settings (the ORCA password read from its own file, never from this one); a bare
// "reception", a mistake inside the settings and an unreadable password file are each one
// input.invalid naming the file and the field.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { isKioskError } from '../../common/errors';
import { loadInstallationConfig } from '../../electron/services/installation/config';
import { loadTestPki } from '../../simulators/testpki';

let dir: string;
let anchor: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-reception-config-'));
  anchor = join(dir, 'auth-root.der');
  writeFileSync(anchor, (await loadTestPki()).roots.auth);
  writeFileSync(join(dir, 'orca.pass'), 'ormaster-secret\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

const NAI = { code: '01', name: { ja: '内科', en: 'Internal medicine', zh: '内科', ko: '내과' } };
const reception = (over: Record<string, unknown> = {}) => ({
  kind: 'reception', medicalInstitutionCode: '1311111111', hospitalName: '清瀬市民病院',
  eligibility: { url: 'http://127.0.0.1:8790' },
  accounting: { url: 'http://127.0.0.1:8000', user: 'ormaster', passwordFile: join(dir, 'orca.pass') },
  departments: [NAI], ...over,
});
let n = 0;
function write(services: unknown[]): string {
  const file = join(dir, `config-${++n}.json`);
  writeFileSync(file, JSON.stringify({
    trust: { mode: 'test', anchorFiles: [anchor] }, revocation: { failure: 'fail-open' },
    kiosk: { id: 'kiyose-hospital-01', site: '清瀬市民病院 1階', kind: 'hospital' }, services,
  }));
  return file;
}

test('a reception entry is read with its settings and the password from its own file', () => {
  const c = loadInstallationConfig(write([reception()]));
  assert.deepEqual(c.services, ['reception']);
  assert.deepEqual(c.reception, {
    medicalInstitutionCode: '1311111111', hospitalName: '清瀬市民病院', eligibility: { url: 'http://127.0.0.1:8790', timeoutMs: 5000 },
    accounting: { url: 'http://127.0.0.1:8000', user: 'ormaster', password: 'ormaster-secret', timeoutMs: 5000, allowPlainHttp: false },
    departments: [NAI], pendingBoundMs: 10_000,
  });
});

test("the terminal's shared folder is read when given (the number check and 照会番号 registration go through it)", () => {
  const c = loadInstallationConfig(write([reception({ eligibility: { url: 'http://127.0.0.1:8790', folder: '/srv/oqs' } })]));
  assert.deepEqual(c.reception?.eligibility, { url: 'http://127.0.0.1:8790', timeoutMs: 5000, folder: '/srv/oqs' });
});

test('each mistake is one input.invalid naming the file and the field', () => {
  const cases: [string, unknown[], RegExp][] = [
    ['the bare name', ['reception'], /services\.0: "reception" is written as an object/],
    ['a short institution code', [reception({ medicalInstitutionCode: '131111' })], /services\.0\.medicalInstitutionCode: 10 digits/],
    ['a department twice', [reception({ departments: [NAI, NAI] })], /services\.0\.departments: each department code once/],
    ['an unreadable password file', [reception({ accounting: { url: 'http://127.0.0.1:8000', user: 'ormaster', passwordFile: join(dir, 'missing.pass') } })], /services\.0\.accounting\.passwordFile: cannot read .*ENOENT/],
  ];
  for (const [name, services, message] of cases) {
    const file = write(services);
    assert.throws(() => loadInstallationConfig(file), (err: unknown) => isKioskError(err, 'input.invalid') && err.message.includes(file) && message.test(err.message), name);
  }
});
