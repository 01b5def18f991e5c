// The kiosk as an installation runs it: a configuration file → startInstalledKiosk (what the
// packaged Electron entry calls) → the kiosk API. Real parts throughout: pcscd with a virtual card,
// the reference back office over HTTPS with mutual TLS (a private CA made with openssl), the test
// PKI's OCSP/CRL responder, the cups-pdf printer. Only the payment device is the simulator, plugged
// in as a driver exactly as a hardware driver would be.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import { staffKeyOf, testKey } from '../helpers/backoffice-access';
import { KioskError } from '../../common/errors';
import { loadInstallationConfig } from '../../electron/services/installation/config';
import { startInstalledKiosk, type InstalledKiosk, type PaymentDrivers } from '../../electron/services/installation/installed-kiosk';
import { createBackOfficeClient } from '../../electron/services/sync/http-client';
import { createSimulatedAcceptor } from '../../simulators/payment/simulated-acceptor';
import { startRevocationServer, type RevocationServer } from '../../simulators/testpki';
import { insertCard } from '../../simulators/vcard/vpcd-link';
import { loadDemoWorld, type DemoWorld } from '../../simulators/vcard/world';
import { ensurePrintingStack, PDF_QUEUE_URI, startEvePrinter } from '../helpers/printers';
import { serviceClock } from '../helpers/service-clock';
import { makeTlsFiles, type TlsFiles } from '../helpers/tls-certs';
import { until } from '../helpers/until';

const READER = 'Virtual PCD 00 01';
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'madoguchi.mjs');
const run = promisify(execFile);
const drivers: PaymentDrivers = {
  'test-acceptor': ({ dataDir }) => createSimulatedAcceptor({ mode: 'instant', journalPath: join(dataDir, 'payment-journal.json') }),
};

/** The configuration file as written (loose, so a test can break one part of it). */
interface ConfigDoc {
  trust: unknown;
  revocation: unknown;
  kiosk?: unknown;
  readers?: string[];
  dataDir: string;
  session: { idleSeconds: number; warnSeconds: number };
  backOffice?: { url: string; caFile?: string; clientCertFile?: string; clientKeyFile?: string; staffKey?: string; kioskKey?: string };
  printer?: { uri: string };
  payment?: { device: string };
  housekeepingSeconds?: number;
  services?: string[];
}

describe('an installed kiosk from its configuration file', () => {
  let dir: string;
  let tls: TlsFiles;
  let world: DemoWorld;
  let revocation: RevocationServer;
  let bo: RunningBackOffice;
  let anchorFile: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'madoguchi-install-'));
    await ensurePrintingStack();
    tls = makeTlsFiles();
    world = await loadDemoWorld({ stateDir: join(dir, 'cards') });
    revocation = await startRevocationServer(world.pki);
    bo = await startBackOffice({
      port: 0, dataDir: join(dir, 'backoffice'), demo: true, hoursClock: serviceClock(),
      tls: { key: tls.read(tls.serverKey), cert: tls.read(tls.serverCert), ca: tls.read(tls.caCert), requestClientCert: true },
      // The kiosk is known by its client certificate: registered to its kiosk id, as the operator would.
      // Its staff reprint held prints with their own key and role.
      credentials: {
        kiosks: [{ kioskId: 'kiyose-hall-01', kind: 'municipal', certificatePem: tls.read(tls.clientCert).toString() }],
        staff: [{ staffId: 'kiyose-staff', key: testKey('staff/kiyose-staff'), roles: ['reprint'] }],
      },
    });
    anchorFile = join(dir, 'auth-root.der');
    writeFileSync(anchorFile, world.pki.roots.auth);
  });
  after(async () => {
    await bo?.close();
    await revocation?.close();
    rmSync(dir, { recursive: true, force: true });
    if (tls) rmSync(tls.dir, { recursive: true, force: true });
  });

  /** The configuration a technician writes for a municipal kiosk; `change` edits one part. */
  function configFile(name: string, change: (c: ConfigDoc) => void = () => undefined): string {
    const c: ConfigDoc = {
      trust: { mode: 'test', anchorFiles: [anchorFile] },
      revocation: { ocspUrl: revocation.ocspUrl, crlUrl: revocation.crlUrl('auth'), failure: 'fail-closed' },
      kiosk: { id: 'kiyose-hall-01', site: '清瀬市役所 1階', kind: 'municipal' },
      readers: [READER],
      dataDir: join(dir, `kiosk-${name}`),
      session: { idleSeconds: 45, warnSeconds: 25 },
      backOffice: { url: bo.url, caFile: tls.caCert, clientCertFile: tls.clientCert, clientKeyFile: tls.clientKey, staffKey: staffKeyOf('kiyose-staff') },
      printer: { uri: PDF_QUEUE_URI },
      payment: { device: 'test-acceptor' },
      housekeepingSeconds: 5,
      services: ['issuance'],
    };
    change(c);
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(c, null, 2));
    return file;
  }

  it('serves a resident end to end over mutual TLS: card + PIN, 住民票の写し paid and printed, personal data wiped after sync', async () => {
    const config = loadInstallationConfig(configFile('full'));
    assert.equal(config.backOffice?.baseUrl.startsWith('https://'), true);
    let installed: InstalledKiosk | null = null;
    const card = await insertCard(await world.cardFor('yamada-taro'), { reader: 1 });
    try {
      installed = await startInstalledKiosk({ config, defaultDataDir: join(dir, 'unused'), version: '1.2.3', paymentDrivers: drivers, log: () => undefined });
      const { api } = installed.kiosk;
      const info = await api['system.info']({});
      assert.deepEqual({ demo: info.demo, services: info.services, idle: info.idle }, { demo: false, services: ['issuance'], idle: { idleSec: 45, warnSec: 25 } });

      await api['session.start']({ reader: READER });
      const holder = await api['session.login']({ pin: '1234' });
      assert.equal(holder.revocation, 'good', 'authenticated against the configured anchors and revocation endpoints');
      const catalog = await api['issuance.catalog']({});
      const juminhyo = catalog.entries.find((e) => e.type === 'juminhyo');
      assert.equal(juminhyo?.available, true, 'the back office (over mTLS) answered the holder’s catalog');
      const requested = await api['issuance.request']({ type: 'juminhyo', scope: 'self', options: {}, copies: 1 });
      assert.equal(requested.fee, juminhyo!.fee);
      assert.equal((await api['issuance.pay']({ requestId: requested.requestId })).state, 'paid');
      const printed = await api['issuance.print']({ requestId: requested.requestId });
      assert.equal(printed.outcome.status, 'printed');
      await api['session.end']({ reason: 'user' });

      // The kiosk registered itself and reports its health; the back office knows it by its configuration.
      const client = createBackOfficeClient({ baseUrl: bo.url, ca: tls.read(tls.caCert), cert: tls.read(tls.clientCert), key: tls.read(tls.clientKey) });
      const kioskRow = await until('a heartbeat from the kiosk', async () => {
        const r = await client.request('GET', '/v1/fleet/kiosks/kiyose-hall-01');
        const k = r.status === 200 ? (JSON.parse(r.body) as { site: string; kind: string; lastHeartbeatAt: string | null }) : undefined;
        return k?.lastHeartbeatAt ? k : undefined;
      });
      assert.deepEqual({ site: kioskRow.site, kind: kioskRow.kind }, { site: '清瀬市役所 1階', kind: 'municipal' });

      // Personal data leaves the running kiosk once the back office has the request's events.
      const { platform } = installed;
      const sync = platform.backOffice!.sync;
      await until('the outbox to drain', () => (sync.health().outboxReady === 0 ? true : (sync.nudge(), undefined)), 20_000);
      await platform.housekeeping.runNow();
      const row = platform.db.sqlite.prepare('SELECT state, document_pdf IS NULL AS wiped FROM issuance_requests WHERE request_id = ?').get(requested.requestId) as { state: string; wiped: number };
      assert.deepEqual(row, { state: 'synced', wiped: 1 });
    } finally {
      await installed?.close();
      await card.remove();
    }
  });

  it('staff settle a held print with the installation’s configuration (madoguchi held --config), over mutual TLS', async () => {
    const eve = await startEvePrinter(`madoguchi-install-${process.pid}`);
    const file = configFile('held', (c) => { c.printer!.uri = eve.uri; });
    let installed: InstalledKiosk | null = null;
    const card = await insertCard(await world.cardFor('yamada-taro'), { reader: 1 });
    let requestId = '';
    try {
      installed = await startInstalledKiosk({ config: loadInstallationConfig(file), defaultDataDir: join(dir, 'unused'), version: '1.2.3', paymentDrivers: drivers, log: () => undefined });
      const { api } = installed.kiosk;
      await api['session.start']({ reader: READER });
      await api['session.login']({ pin: '1234' });
      ({ requestId } = await api['issuance.request']({ type: 'inkan', scope: 'self', options: {}, copies: 1 }));
      await api['issuance.pay']({ requestId });
      eve.goOffline();
      try {
        assert.equal((await api['issuance.print']({ requestId })).outcome.status, 'held');
      } finally {
        eve.comeOnline();
      }
      await api['session.end']({ reason: 'user' });
    } finally {
      // Staff use the CLI with the kiosk app stopped.
      await installed?.close();
      await card.remove();
    }
    try {
      const listed = JSON.parse((await run(process.execPath, [BIN, 'held', 'list', '--config', file, '--json'])).stdout) as { requestId: string }[];
      assert.deepEqual(listed.map((h) => h.requestId), [requestId]);
      const out = await run(process.execPath, [BIN, 'held', 'resolve', requestId, 'reprint', '--note', 'printer was switched off', '--config', file]);
      assert.equal((JSON.parse(out.stdout) as { state: string }).state, 'printed', 'reprinted through the configured printer and back office');
    } finally {
      await eve.stop();
    }
  });

  it('holder authentication only when the configuration has no back office and no services', async () => {
    const config = loadInstallationConfig(configFile('auth-only', (c) => { delete c.backOffice; delete c.printer; delete c.payment; delete c.services; }));
    const installed = await startInstalledKiosk({ config, defaultDataDir: join(dir, 'unused'), version: '1.2.3', paymentDrivers: drivers, log: () => undefined });
    try {
      const info = await installed.kiosk.api['system.info']({});
      assert.deepEqual(info.services, []);
      assert.deepEqual(info.services, []);
      assert.deepEqual(installed.modules, []);
      assert.equal(installed.platform.backOffice, null);
    } finally {
      await installed.close();
    }
  });

  it('a payment device this build has no driver for stops the start, naming the field and the drivers it has', async () => {
    const config = loadInstallationConfig(configFile('no-driver', (c) => { c.payment!.device = 'glory-cash'; }));
    await assert.rejects(
      startInstalledKiosk({ config, defaultDataDir: join(dir, 'unused'), version: '1.2.3', paymentDrivers: drivers, log: () => undefined }),
      (err: unknown) => err instanceof KioskError && err.kind === 'input.invalid'
        && /payment\.device: "glory-cash" has no driver in this build \(drivers: test-acceptor\)/.test(err.message),
    );
  });

  it('the back office refuses a kiosk without its client certificate, and the kiosk refuses a back office its CA did not sign', async () => {
    const noClientCert = createBackOfficeClient({ baseUrl: bo.url, ca: tls.read(tls.caCert), timeoutMs: 3000 });
    await assert.rejects(noClientCert.request('GET', '/v1/health'), (err: unknown) => err instanceof KioskError && err.kind === 'sync.unreachable');
    const wrongCa = createBackOfficeClient({ baseUrl: bo.url, ca: tls.read(tls.otherCaCert), cert: tls.read(tls.clientCert), key: tls.read(tls.clientKey), timeoutMs: 3000 });
    await assert.rejects(wrongCa.request('GET', '/v1/health'), (err: unknown) => err instanceof KioskError && err.kind === 'sync.unreachable'
      && /self[- ]signed|unable to verify|certificate/i.test(err.message));
    const good = createBackOfficeClient({ baseUrl: bo.url, ca: tls.read(tls.caCert), cert: tls.read(tls.clientCert), key: tls.read(tls.clientKey) });
    assert.equal((await good.request('GET', '/v1/health')).status, 200);
  });

  it('a configuration mistake is one clear line naming the file and the field', () => {
    const cases: [string, (c: ConfigDoc) => void, RegExp][] = [
      ['plain-http', (c) => { c.backOffice!.url = 'http://backoffice.example.lg.jp/'; }, /backOffice\.url: the back office must be https/],
      ['short-warning', (c) => { c.session.warnSeconds = 10; }, /session\.warnSeconds/],
      ['no-kiosk', (c) => { delete c.kiosk; }, /kiosk: a back office needs the kiosk section/],
      ['cert-without-key', (c) => { delete c.backOffice!.clientKeyFile; }, /clientCertFile and clientKeyFile go together/],
      ['missing-ca', (c) => { c.backOffice!.caFile = join(dir, 'absent-ca.pem'); }, /backOffice\.caFile: cannot read .*absent-ca\.pem: ENOENT/],
      ['bad-printer', (c) => { c.printer!.uri = 'http://printer/'; }, /printer\.uri: an ipp:\/\/ or ipps:\/\/ printer URI/],
      ['loopback-no-key', (c) => { c.backOffice = { url: 'http://127.0.0.1:8470/' }; }, /backOffice\.kioskKey: a plain-http back office needs kioskKey/],
      ['key-of-another-kiosk', (c) => { c.backOffice = { url: 'http://127.0.0.1:8470/', kioskKey: `other-kiosk:${'k'.repeat(43)}` }; },
        /backOffice\.kioskKey: the kiosk key is for another kiosk id/],
    ];
    for (const [name, change, message] of cases) {
      const file = configFile(name, change);
      assert.throws(() => loadInstallationConfig(file), (err: unknown) => err instanceof KioskError && err.kind === 'input.invalid'
        && err.message.includes(file) && message.test(err.message), name);
    }
  });
});
