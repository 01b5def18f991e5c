// The demo world: the private test PKI plus one virtual card per profile, deterministic for a seed
// (same keys, certificates and card data on every machine). Revoked profiles' certificates are
// registered with the PKI's revocation registry on load, so OCSP/CRL answer "revoked" for them.
import { KioskError } from '../../common/errors';
import { DEFAULT_SEED, loadTestPki, type HolderSpec, type IssuedHolder, type TestPki } from '../testpki';
import { deriveRsaPkcs8 } from '../testpki/keys';
import { VirtualCard, type VirtualCardConfig } from './card';
import { cardFactsFor, loadProfiles, type HolderProfile } from './profiles';

export interface DemoWorld {
  pki: TestPki;
  profiles: HolderProfile[];
  /**
   * A fresh VirtualCard for the profile (retry counters persist in stateDir per profile id).
   * generation 1: the same card after its certificates were renewed (a profile with `renewal`).
   */
  cardFor(profileId: string, opts?: CardOptions): Promise<VirtualCard>;
  /** The certificates and keys issued for the profile (what its card holds), as first issued or renewed. */
  holderFor(profileId: string, opts?: { generation?: CertificateGeneration }): Promise<IssuedHolder>;
  /** The card configuration, e.g. to build a card with changed quirks for one test. */
  cardConfigFor(profileId: string, opts?: CardOptions): Promise<VirtualCardConfig>;
}

/** 0: the certificates the card was issued with; 1: after their renewal (profiles with `renewal`). */
export type CertificateGeneration = 0 | 1;
export interface CardOptions { stateDir?: string; generation?: CertificateGeneration }

/** Whole years of age on a YYYY-MM-DD day. */
function ageOn(dob: string, day: string): number {
  const d = day.replaceAll('-', '');
  return Number(d.slice(0, 4)) - Number(dob.slice(0, 4)) - (d.slice(4) < dob.slice(4) ? 1 : 0);
}

/** YYYY-MM-DD in Japan `days` days before `now`. */
function japanDayBefore(now: Date, days: number): string {
  return new Date(now.getTime() + 9 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The profile's certificate request; `now` places a relative expiry (expiredDaysAgo) and the renewal
 * day. Generation 1 is the renewal: the same holder, issued on the renewal day, its validity to the
 * 5th birthday after it, new keys and serials (the test PKI derives them per generation).
 */
export function holderSpecFor(p: HolderProfile, now: Date = new Date(), generation: CertificateGeneration = 0): HolderSpec {
  if (generation === 1) {
    if (!p.renewal) throw new KioskError('input.invalid', `demo card '${p.id}' has no renewed certificates (profiles.json: renewal)`, { field: 'generation' });
    const renewedOn = japanDayBefore(now, p.renewal.daysAgo);
    return { ...holderSpecFor(p, now), issuedAt: renewedOn, withSignCert: ageOn(p.dob, renewedOn) >= 15, generation: 1 };
  }
  return {
    id: p.id, name: p.name, sex: p.sex, dob: p.dob, address: p.address,
    ...(p.nameAlt ? { nameAlt: p.nameAlt } : {}),
    ...(p.addressAlt ? { addressAlt: p.addressAlt } : {}),
    prefectureRomaji: p.prefectureRomaji, cityRomaji: p.cityRomaji,
    issuedAt: p.issuedAt,
    ...(p.notAfter ? { notAfter: p.notAfter } : {}),
    ...(p.expiredDaysAgo !== undefined ? { notAfter: japanDayBefore(now, p.expiredDaysAgo) } : {}),
    // No signature certificate is issued under 15 (§11.2).
    withSignCert: ageOn(p.dob, p.issuedAt) >= 15,
    hierarchy: p.kind === 'untrusted' ? 'untrusted' : 'test',
  };
}

export async function loadDemoWorld(opts: { seed?: string; cacheDir?: string; stateDir?: string } = {}): Promise<DemoWorld> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const pki = await loadTestPki({ seed, ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}) });
  const profiles = loadProfiles();
  const issued = new Map<string, Promise<IssuedHolder>>();
  let textApKey: Uint8Array | undefined;

  const profile = (id: string): HolderProfile => {
    const p = profiles.find((x) => x.id === id);
    if (!p) throw new KioskError('input.invalid', `no demo card profile '${id}' (see: madoguchi vcard --list)`, { field: 'profile' });
    return p;
  };
  const holderFor = (id: string, o: { generation?: CertificateGeneration } = {}): Promise<IssuedHolder> => {
    const p = profile(id);
    const generation = o.generation ?? 0;
    const key = `${id}|g${generation}`;
    let h = issued.get(key);
    if (!h) {
      h = pki.issueHolder(holderSpecFor(p, new Date(), generation));
      issued.set(key, h);
    }
    return h;
  };

  // 異動: the certificates are revoked some time after issuance, well before "today".
  for (const p of profiles.filter((x) => x.revoked)) {
    const h = await holderFor(p.id);
    const revokedAt = new Date(Date.parse(`${p.issuedAt}T00:00:00+09:00`) + 30 * 86_400_000);
    pki.revoke(h.authCertDer, p.revoked!.reason, revokedAt);
    if (h.signCertDer) pki.revoke(h.signCertDer, p.revoked!.reason, revokedAt);
  }

  // A renewed card is the same card (same id, PINs, retry counters and card facts) with new certificates.
  const cardConfigFor = async (id: string, o: CardOptions = {}): Promise<VirtualCardConfig> => {
    const p = profile(id);
    const h = await holderFor(id, { generation: o.generation ?? 0 });
    // One text-AP key for every demo card: deterministic and derived once (≈40 ms).
    textApKey ??= deriveRsaPkcs8(seed, 'vcard|text-ap');
    const stateDir = o.stateDir ?? opts.stateDir;
    return {
      id: p.id,
      kind: p.kind === 'non-jpki' ? 'non-jpki' : 'my-number',
      auth: { certDer: h.authCertDer, keyPkcs8: h.authKeyPkcs8, caDer: h.authCaDer },
      ...(h.signCertDer && h.signKeyPkcs8 ? { sign: { certDer: h.signCertDer, keyPkcs8: h.signKeyPkcs8, caDer: h.signCaDer } } : {}),
      pins: { auth: p.authPin, sign: p.signPassword, text: p.textPin },
      holder: { myNumber: p.myNumber, name: p.name, address: p.address, dob: p.dob, sex: p.sex },
      facts: cardFactsFor(p),
      textApKeyPkcs8: textApKey,
      ...(p.pinTriesLeft ? { initialTries: p.pinTriesLeft } : {}),
      ...(p.quirks ? { quirks: p.quirks } : {}),
      ...(stateDir ? { stateDir } : {}),
    };
  };

  return {
    pki,
    profiles,
    holderFor,
    cardConfigFor,
    async cardFor(id, o = {}) {
      return new VirtualCard(await cardConfigFor(id, o));
    },
  };
}
