// Same seed + spec → byte-identical certificates and keys, with or without the key cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTestPki } from '../../simulators/testpki/index';
import type { HolderSpec } from '../../simulators/testpki/index';
import { DeterministicKeyStore, deriveRsaPkcs8 } from '../../simulators/testpki/keys';
import { parseCertificate } from '../../common/jpki/index';

const HANAKO: HolderSpec = {
  id: 'determinism-hanako', name: '佐藤 花子', sex: '2', dob: '19751231', address: '東京都清瀬市元町一丁目2番3号',
  prefectureRomaji: 'Tokyo-to', cityRomaji: 'Kiyose-shi', issuedAt: '2024-04-01', withSignCert: true,
};

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'testpki-'));
  dirs.push(dir);
  return dir;
}
test.after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

test('two PKIs from the same seed on separate fresh caches issue identical bytes', async () => {
  const seed = 'determinism-seed';
  const a = await loadTestPki({ seed, cacheDir: freshDir() });
  const b = await loadTestPki({ seed, cacheDir: freshDir() });
  assert.deepEqual(a.roots, b.roots);
  assert.deepEqual(a.untrustedRoots, b.untrustedRoots);
  const ha = await a.issueHolder(HANAKO);
  const hb = await b.issueHolder(HANAKO);
  assert.deepEqual(ha, hb);
  assert.deepEqual(await a.issueHolder(HANAKO), ha, 'issuing twice from one instance is stable too');
});

test('keys come back from the disk cache unchanged, without being derived again', () => {
  const dir = freshDir();
  const first = new DeterministicKeyStore('cache-seed', dir);
  const key = first.get('holder|x|auth');
  assert.equal(first.generated, 1);
  assert.equal(readdirSync(readdirSync(dir).map((d) => join(dir, d))[0]!).length, 1, 'one cached key file');
  const second = new DeterministicKeyStore('cache-seed', dir);
  assert.deepEqual(second.get('holder|x|auth'), key);
  assert.equal(second.generated, 0, 'read from cache');
  assert.deepEqual(deriveRsaPkcs8('cache-seed', 'holder|x|auth'), key.pkcs8, 'cache holds exactly the derived key');
});

test('a different seed, holder, or generation gives different keys and serials', async () => {
  const base = await loadTestPki();
  const other = await loadTestPki({ seed: 'another-seed', cacheDir: freshDir() });
  const h = await base.issueHolder(HANAKO);
  const hOtherSeed = await other.issueHolder(HANAKO);
  assert.notDeepEqual(h.authKeyPkcs8, hOtherSeed.authKeyPkcs8);
  assert.notDeepEqual(base.roots.auth, other.roots.auth);
  const reissued = await base.issueHolder({ ...HANAKO, generation: 1, address: '東京都清瀬市松山三丁目4番5号' });
  assert.notDeepEqual(reissued.signKeyPkcs8, h.signKeyPkcs8);
  assert.notEqual(parseCertificate(reissued.signCertDer!).serialHex, parseCertificate(h.signCertDer!).serialHex);
  assert.notDeepEqual(h.authKeyPkcs8, h.signKeyPkcs8, 'auth and sign keys differ');
});
