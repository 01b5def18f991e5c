// Fleet presence: the kiosk registers itself at the back office (site, kind, software version)
// and then reports its health with every housekeeping round — the outbox lag and depth, the
// printer's state, the languages the kiosk cannot speak. The back office's fleet view is what the
// operator watches; a heartbeat that does not arrive is logged here and shows there as silence.
import { toKioskError } from '../../../common/errors';
import type { KioskPrinter } from '../printing/types';
import type { BackOfficeClient } from '../sync/http-client';
import type { SyncEngine } from '../sync/sync-engine';
import type { KioskIdentity } from './platform';

export interface FleetPresenceOptions {
  kiosk: KioskIdentity;
  softwareVersion: string;
  client: BackOfficeClient;
  sync: SyncEngine;
  printer: KioskPrinter | null;
  /** More health signals (voice guidance: 'ok' or the languages without a voice). */
  signals?: () => { voice?: string };
  log: (m: string) => void;
}

/** The heartbeat task: registers the kiosk until the back office has it, then reports its health. */
export function createFleetHeartbeat(o: FleetPresenceOptions): () => Promise<void> {
  const kioskId = o.kiosk.id;
  let registered = false;
  const register = async () => {
    const answer = await o.client.request('PUT', `/v1/fleet/kiosks/${encodeURIComponent(kioskId)}`,
      { kioskId, site: o.kiosk.site, kind: o.kiosk.kind, softwareVersion: o.softwareVersion.slice(0, 40) });
    registered = answer.status === 200;
  };
  return async () => {
    try {
      if (!registered) await register();
      const status = o.printer ? await o.printer.status().catch(() => null) : null;
      const voice = o.signals?.().voice;
      await o.sync.heartbeat({
        ...(status ? { printer: (status.needsStaff ? status.message : status.state).slice(0, 40) } : {}),
        ...(voice ? { voice: voice.slice(0, 40) } : {}),
      });
    } catch (err) {
      // The sync engine's own back-off covers the outbox; a missed heartbeat is only logged.
      o.log(`heartbeat not delivered: ${toKioskError(err).message}`);
    }
  };
}
