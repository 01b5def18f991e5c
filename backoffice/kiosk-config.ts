// The configuration a kiosk pulls (GET /v1/fleet/kiosks/{kioskId}/config), joined at request time
// from two stored documents: 'kiosk' (what is about the kiosk itself: the printer policy) and
// 'certificates' (offered types, fees, options and service hours — certificates/config.ts, the one
// the issuance rules decide with). Neither copies the other, so there is one fee table.
import { createHash } from 'node:crypto';
import { KioskError } from '../common/errors';
import { loadCertificatesConfig } from './certificates/config';
import { KioskSettings, type KioskConfigT, type KioskSettingsT } from './schemas';
import type { BackOfficeStore } from './storage/store';

/** Published when an operator has published nothing else. */
export function defaultKioskSettings(): KioskSettingsT {
  return { printerPolicy: { jobTimeoutSeconds: 120, pollSeconds: 3 } };
}

function parseSettings(body: string) {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = KioskSettings.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/**
 * At start: publishes the defaults when no 'kiosk' document is stored, and rewrites once a document
 * of an earlier release — which also carried fees, a municipality, offered kinds and service hours —
 * to its printer policy, so no second fee table stays in storage. A document without a usable
 * printer policy stops the start with a message naming it (nothing would be right to pull).
 */
export async function ensureKioskSettings(store: Pick<BackOfficeStore, 'getConfig' | 'putConfig'>): Promise<void> {
  const doc = await store.getConfig('kiosk');
  if (!doc) {
    await store.putConfig('kiosk', JSON.stringify(defaultKioskSettings()));
    return;
  }
  const settings = parseSettings(doc.body);
  if (!settings) throw new Error("backoffice: the stored configuration document 'kiosk' has no valid printerPolicy {jobTimeoutSeconds, pollSeconds}");
  const canonical = JSON.stringify(settings);
  if (canonical !== doc.body) await store.putConfig('kiosk', canonical);
}

/**
 * The kiosk configuration as of now and its ETag. The ETag is the digest of the body, so it changes
 * whenever either document changes what a kiosk gets (a fee, the printer policy) — and also when a
 * release changes the certificate defaults a back office without a stored 'certificates' document
 * serves, which a pair of document versions would miss.
 */
export async function currentKioskConfig(store: Pick<BackOfficeStore, 'getConfig'>): Promise<{ body: KioskConfigT; etag: string } | undefined> {
  const doc = await store.getConfig('kiosk');
  if (!doc) return undefined;
  const settings = parseSettings(doc.body);
  if (!settings) throw new KioskError('internal', "the stored configuration document 'kiosk' has no valid printerPolicy");
  const body: KioskConfigT = { ...settings, certificates: await loadCertificatesConfig(store) };
  const digest = createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27);
  return { body, etag: `"${digest}"` };
}
