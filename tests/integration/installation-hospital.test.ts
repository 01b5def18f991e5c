// A hospital reception kiosk that issues no certificates: its configuration has a back office and
// an empty services list. It still has the whole platform — the kiosk database with its outbox,
// the sync engine and the heartbeat, holder sign-in at the back office — on the real stack: pcscd
// with a virtual card, the test PKI's OCSP/CRL responder, the reference back office over HTTP on
// loopback (the kiosk known by its key). Checked as an operator would: the back office's fleet row
// and last heartbeat for this kiosk, the holder session the back office created after the PIN, the
// kiosk's database file, and a kiosk that offers no certificate commands.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { startBackOffice, type RunningBackOffice } from '../../backoffice/server';
import { isKioskError } from '../../common/errors';
import { loadInstallationConfig } from '../../electron/services/installation/config';
import { startInstalledKiosk, type InstalledKiosk } from '../../electron/services/installation/installed-kiosk';
import { createBackOfficeClient } from '../../electron/services/sync/http-client';
import { startRevocationServer, type RevocationServer } from '../../simulators/testpki';
import { insertCard } from '../../simulators/vcard/vpcd-link';
import { loadDemoWorld, type DemoWorld } from '../../simulators/vcard/world';
import { kioskKeyOf, testCredentials } from '../helpers/backoffice-access';
import { until } from '../helpers/until';

const READER = 'Virtual PCD 00 01';
const KIOSK_ID = 'kiyose-hospital-01';

describe('a hospital-only kiosk (no certificates) has the platform: database, sync, heartbeat, holder sign-in', () => {
  let dir: string;
  let world: DemoWorld;
  let revocation: RevocationServer;
  let bo: RunningBackOffice;
  let anchorFile: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'madoguchi-hospital-'));
    world = await loadDemoWorld({ stateDir: join(dir, 'cards') });
    revocation = await startRevocationServer(world.pki);
    // The back office (SQLite in its data folder) knows this kiosk as a hospital terminal by its key.
    bo = await startBackOffice({ port: 0, dataDir: join(dir, 'backoffice'), demo: true, credentials: testCredentials({ [KIOSK_ID]: 'hospital' }) });
    anchorFile = join(dir, 'auth-root.der');
    writeFileSync(anchorFile, world.pki.roots.auth);
  });
  after(async () => {
    await bo?.close();
    await revocation?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts from a configuration with a back office and services: [], signs the holder in there and reports to the fleet', async () => {
    const dataDir = join(dir, 'kiosk');
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({
      trust: { mode: 'test', anchorFiles: [anchorFile] },
      revocation: { ocspUrl: revocation.ocspUrl, crlUrl: revocation.crlUrl('auth'), failure: 'fail-closed' },
      kiosk: { id: KIOSK_ID, site: '清瀬総合病院 外来受付', kind: 'hospital' },
      readers: [READER],
      dataDir,
      backOffice: { url: bo.url, kioskKey: kioskKeyOf(KIOSK_ID) },
      housekeepingSeconds: 5,
      services: [],
    }));
    const lines: string[] = [];
    const config = loadInstallationConfig(file, (m) => lines.push(m));
    assert.deepEqual(lines, [], 'the current shape needs no upgrade');
    let installed: InstalledKiosk | null = null;
    const card = await insertCard(await world.cardFor('yamada-taro'), { reader: 1 });
    try {
      installed = await startInstalledKiosk({ config, defaultDataDir: join(dir, 'unused'), version: '2.0.0-hospital', paymentDrivers: {}, log: () => undefined });
      const { api } = installed.kiosk;

      // The menu after sign-in offers nothing here, and the certificate commands say so.
      const info = await api['system.info']({});
      assert.deepEqual(info.services, []);
      await assert.rejects(api['issuance.catalog']({}), (e: unknown) => isKioskError(e, 'api.unsupported') && /certificate issuance is not set up/.test(e.message));
      await assert.rejects(api['issuance.request']({ type: 'juminhyo', scope: 'self', options: {}, copies: 1 }), (e: unknown) => isKioskError(e, 'api.unsupported'));

      // The operator's fleet view: the kiosk registered itself as a hospital terminal and beats.
      const client = createBackOfficeClient({ baseUrl: bo.url, kioskKey: kioskKeyOf(KIOSK_ID), timeoutMs: 3000 });
      try {
        const row = await until('the kiosk’s heartbeat at the back office', async () => {
          const r = await client.request('GET', `/v1/fleet/kiosks/${KIOSK_ID}`);
          const k = r.status === 200 ? (JSON.parse(r.body) as { site: string; kind: string; lastHeartbeatAt: string | null }) : undefined;
          return k?.lastHeartbeatAt ? k : undefined;
        });
        assert.deepEqual({ site: row.site, kind: row.kind }, { site: '清瀬総合病院 外来受付', kind: 'hospital' });
      } finally {
        client.close();
      }

      // Card + PIN: the back office verified the card's signature itself and opened a holder session for this kiosk.
      const boDb = new Database(join(dir, 'backoffice', 'backoffice.db'), { readonly: true, fileMustExist: true });
      try {
        const sessionsBefore = boDb.prepare('SELECT COUNT(*) FROM holder_sessions WHERE kiosk_id = ?').pluck().get(KIOSK_ID) as number;
        await api['session.start']({ reader: READER });
        const holder = await api['session.login']({ pin: '1234' });
        assert.equal(holder.revocation, 'good');
        assert.equal(typeof holder.name, 'string', 'the greeting’s name came from the back office’s registry');
        const sessions = boDb.prepare('SELECT resident_id AS residentId, expires_at AS expiresAt FROM holder_sessions WHERE kiosk_id = ?').all(KIOSK_ID) as { residentId: string; expiresAt: number }[];
        assert.equal(sessions.length, sessionsBefore + 1, 'one holder session at the back office after the PIN');
        assert.ok(sessions.at(-1)!.expiresAt > Date.now(), 'and it is live');
        // The last heartbeat carried the sync engine's health (outbox depth, lag).
        const signals = JSON.parse(boDb.prepare('SELECT last_signals FROM kiosks WHERE kiosk_id = ?').pluck().get(KIOSK_ID) as string) as Record<string, unknown>;
        assert.equal(signals.outboxReady, 0);
        assert.equal(typeof signals.lagSeconds, 'number');
      } finally {
        boDb.close();
      }
      await api['session.end']({ reason: 'user' });

      // The platform's parts exist at this kiosk too: the sync engine runs and the housekeeping rounds hold the heartbeat.
      assert.ok(installed.platform.backOffice, 'a back office and its sync engine');
      assert.equal(installed.platform.backOffice.sync.health().deadLetters, 0);
      const tasks = installed.platform.housekeeping.names();
      assert.ok(tasks.includes('fleet.heartbeat'), `the heartbeat is a housekeeping task (tasks: ${tasks.join(', ')})`);
      assert.deepEqual(tasks.filter((t) => t.startsWith('issuance.')), [], 'no certificate work here');
    } finally {
      await installed?.close();
      await card.remove();
    }

    // The kiosk database is in the configured data folder, with its outbox.
    const dbFile = join(dataDir, 'kiosk.db');
    assert.ok(existsSync(dbFile), 'kiosk.db in the configured dataDir');
    const kioskDb = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      const tables = kioskDb.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
      assert.ok(tables.includes('outbox'), `the outbox table (tables: ${tables.join(', ')})`);
    } finally {
      kioskDb.close();
    }
  });
});
