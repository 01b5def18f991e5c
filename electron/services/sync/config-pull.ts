// Pulls the kiosk configuration with If-None-Match — the printer policy and the municipalities'
// certificate configuration (offered types, fees, options, service hours; the back office's
// KioskConfig) — and keeps the last good copy in the kiosk database, so a kiosk that starts
// offline still knows its fees.
import { KioskError } from '../../../common/errors';
import type { KioskDb } from '../../../db/kiosk-db';
import type { BackOfficeClient } from './http-client';

export interface PulledConfig {
  body: unknown;
  etag: string | null;
  changed: boolean;
  fromCache: boolean;
}

export function createConfigPuller(db: KioskDb, client: BackOfficeClient, kioskId: string, clock: () => number = Date.now) {
  const read = db.sqlite.prepare('SELECT etag, body FROM config_cache WHERE name = ?');
  const write = db.sqlite.prepare(`INSERT INTO config_cache VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET
    etag = excluded.etag, body = excluded.body, fetched_at = excluded.fetched_at`);

  return async function pullConfig(): Promise<PulledConfig> {
    const cached = read.get('kiosk') as { etag: string | null; body: string } | undefined;
    let answer;
    try {
      answer = await client.request('GET', `/v1/fleet/kiosks/${encodeURIComponent(kioskId)}/config`, undefined,
        cached?.etag ? { 'if-none-match': cached.etag } : {});
    } catch (err) {
      if (cached) return { body: JSON.parse(cached.body), etag: cached.etag, changed: false, fromCache: true };
      throw err;
    }
    if (answer.status === 304 && cached) return { body: JSON.parse(cached.body), etag: cached.etag, changed: false, fromCache: false };
    if (answer.status !== 200) {
      if (cached) return { body: JSON.parse(cached.body), etag: cached.etag, changed: false, fromCache: true };
      throw new KioskError(answer.status >= 500 ? 'sync.server_error' : 'sync.rejected', `config: HTTP ${answer.status}`);
    }
    const etag = answer.headers.etag ?? null;
    db.relaxed(() => write.run('kiosk', etag, answer.body, clock()));
    return { body: JSON.parse(answer.body), etag, changed: true, fromCache: false };
  };
}
