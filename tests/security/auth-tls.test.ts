// Over mutual TLS the kiosk is its client certificate: a certificate that chains to the kiosk CA but
// is not registered to a kiosk id gets nothing (a kiosk key does not stand in for it there), and a
// registered one acts only for the kiosk id it is registered to. Each refusal: nothing changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import { createBackOfficeClient } from '../../electron/services/sync/http-client';
import { kioskKeyOf, testCredentials } from '../helpers/backoffice-access';
import { testStore } from '../helpers/backoffice-store';
import { makeTlsFiles, type TlsFiles } from '../helpers/tls-certs';
import { snapshot } from './input-rig';

let tls: TlsFiles;
before(() => { tls = makeTlsFiles(); });
after(() => { rmSync(tls.dir, { recursive: true, force: true }); });

async function tlsBackOffice(name: string, registerCertificate: boolean): Promise<RunningBackOffice> {
  return startBackOffice({
    ...(await testStore(join(tls.dir, name))), dataDir: join(tls.dir, name),
    tls: { key: tls.read(tls.serverKey), cert: tls.read(tls.serverCert), ca: tls.read(tls.caCert), requestClientCert: true },
    credentials: registerCertificate
      ? { kiosks: [{ kioskId: 'kiosk-tls', kind: 'municipal', certificatePem: tls.read(tls.clientCert).toString() }, ...testCredentials(['kiosk-other']).kiosks!] }
      : testCredentials(['kiosk-tls']),
  });
}

const clientOf = (bo: RunningBackOffice) =>
  createBackOfficeClient({ baseUrl: bo.url, ca: tls.read(tls.caCert), cert: tls.read(tls.clientCert), key: tls.read(tls.clientKey), timeoutMs: 5000 });
const registration = (kioskId: string) => ({ kioskId, site: 'site', kind: 'municipal', softwareVersion: '1' });

test('a client certificate registered to a kiosk acts for that kiosk only', async () => {
  const bo = await tlsBackOffice('registered', true);
  const client = clientOf(bo);
  try {
    assert.equal((await client.request('PUT', '/v1/fleet/kiosks/kiosk-tls', registration('kiosk-tls'))).status, 200);
    const before = snapshot(join(tls.dir, 'registered'));
    const other = await client.request('PUT', '/v1/fleet/kiosks/kiosk-other', registration('kiosk-other'));
    assert.deepEqual([other.status, JSON.parse(other.body).details.reason], [403, 'kiosk_mismatch']);
    // The other kiosk's key, sent by hand over TLS, changes nothing: the certificate decides.
    const keyed = await client.request('PUT', '/v1/fleet/kiosks/kiosk-other', registration('kiosk-other'), { 'kiosk-key': kioskKeyOf('kiosk-other') });
    assert.equal(keyed.status, 403);
    assert.deepEqual(snapshot(join(tls.dir, 'registered')), before);
  } finally {
    client.close();
    await bo.close();
  }
});

test('a certificate from the kiosk CA that is not registered to a kiosk is refused, even with a valid kiosk key', async () => {
  const bo = await tlsBackOffice('unregistered', false);
  const client = clientOf(bo);
  try {
    const before = snapshot(join(tls.dir, 'unregistered'));
    const answers = [
      await client.request('PUT', '/v1/fleet/kiosks/kiosk-tls', registration('kiosk-tls')),
      await client.request('PUT', '/v1/fleet/kiosks/kiosk-tls', registration('kiosk-tls'), { 'kiosk-key': kioskKeyOf('kiosk-tls') }),
      await client.request('GET', '/v1/certificates/config'),
    ];
    for (const a of answers) assert.deepEqual([a.status, JSON.parse(a.body).kind], [401, 'backoffice.unauthenticated']);
    assert.deepEqual(snapshot(join(tls.dir, 'unregistered')), before);
    assert.equal((await client.request('GET', '/v1/health')).status, 200);
  } finally {
    client.close();
    await bo.close();
  }
});
