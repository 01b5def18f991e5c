// test-lane: free
// TLS to the database: a cluster that takes TLS connections only (over TCP), the back office pointed
// at it by the CA of the server's certificate (--store-ca / storeCa) or by the URL's own libpq
// parameters; a certificate of another CA, or no TLS at all, is one clear refusal at start.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startBackOffice } from '../../backoffice/server';
import { kioskHeaders, testCredentials } from '../helpers/backoffice-access';
import { postgresMissing, startPostgres, type PostgresCluster } from '../helpers/postgres';
import { makeTlsFiles, type TlsFiles } from '../helpers/tls-certs';

const missing = postgresMissing();
let tls: TlsFiles;
let cluster: PostgresCluster;
let dir: string;
let records: string;
before(async () => {
  if (missing) return;
  tls = makeTlsFiles();
  cluster = await startPostgres({ tls: { cert: tls.serverCert, key: tls.serverKey } });
  records = await cluster.createDatabase('records');
  dir = mkdtempSync(join(tmpdir(), 'bo-pg-tls-'));
});
after(async () => {
  await cluster?.stop();
  if (tls) rmSync(tls.dir, { recursive: true, force: true });
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function syncOneEvent(store: string, key: string, storeCa?: Buffer) {
  const bo = await startBackOffice({ dataDir: join(dir, key), store, ...(storeCa ? { storeCa } : {}), credentials: testCredentials(['kiosk-1']) });
  try {
    const res = await fetch(`${bo.url}/v1/sync/events`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...kioskHeaders('kiosk-1') },
      body: JSON.stringify({ kioskId: 'kiosk-1', events: [{ key, kind: 'kiosk.note', stream: null, payload: {}, createdAt: 1 }] }),
    });
    return ((await res.json()) as { results: { status: string }[] }).results[0]!.status;
  } finally {
    await bo.close();
  }
}

test('the CA of the database server given apart: records go over verified TLS', { skip: missing }, async () => {
  assert.equal(await syncOneEvent(records, 'via-ca-file', tls.read(tls.caCert)), 'applied');
});

test("the URL's sslmode=verify-full and sslrootcert: records go over verified TLS", { skip: missing }, async () => {
  assert.equal(await syncOneEvent(`${records}?sslmode=verify-full&sslrootcert=${encodeURIComponent(tls.caCert)}`, 'via-url'), 'applied');
});

test('a server certificate of another CA, or no TLS, stops the start with the reason', { skip: missing }, async () => {
  await assert.rejects(syncOneEvent(records, 'other-ca', tls.read(tls.otherCaCert)),
    (err: Error) => /^the database postgres:\/\/postgres@127\.0\.0\.1:\d+\/records is unreachable: .*certificate/i.test(err.message));
  await assert.rejects(syncOneEvent(records, 'plain'),
    (err: Error) => /is unreachable: .*no encryption/.test(err.message));
});
