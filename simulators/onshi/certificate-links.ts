// J-LIS's link of a user-authentication certificate to a person, as the national service uses it to
// find who placed a card: one explicit row per certificate. A renewal issues a new certificate (new
// key pair, serial and validity) and J-LIS links it to the SAME person, so the renewed certificate
// joins the table beside the one it replaces and the holder stays the same insured person — and keeps
// the same 照会番号, which the service keys on the insured person, never on a certificate.
// A certificate is named by its opaque subject CN, derived as the test PKI derives it: the CN follows
// the holder and the generation, not the day the card was made, so a card whose dates are placed
// relative to today (expiredDaysAgo, renewal.daysAgo) is still recognised tomorrow. (The real link is
// kept by serial number; a demo serial changes with those dates.)
import { DEFAULT_SEED } from '../testpki';
import { checkHolderSpec, planHolder } from '../testpki/holder';
import { loadProfiles, type HolderProfile } from '../vcard/profiles';
import { holderSpecFor, type CertificateGeneration } from '../vcard/world';

export interface CertificateLink {
  /** The auth certificate's subject CN. */
  authCn: string;
  /** The person J-LIS links it to: the demo holder (simulators/vcard/profiles.json). */
  profileId: string;
  /** 0: the certificate the card was issued with; 1: its renewal. */
  generation: CertificateGeneration;
}

/** Every demo card's certificate(s): the first issue of each, plus the renewal of those renewed. */
export function certificateLinks(seed = DEFAULT_SEED, profiles: HolderProfile[] = loadProfiles()): CertificateLink[] {
  const rows: CertificateLink[] = [];
  for (const p of profiles) {
    const generations: CertificateGeneration[] = p.renewal ? [0, 1] : [0];
    for (const generation of generations) {
      const authCn = planHolder(seed, checkHolderSpec(holderSpecFor(p, new Date(), generation))).authCn;
      rows.push({ authCn, profileId: p.id, generation });
    }
  }
  return rows;
}

/** The table as the card check looks it up: subject CN → the person's profile id. */
export function linkedPersonByCn(links: CertificateLink[]): Map<string, string> {
  return new Map(links.map((l) => [l.authCn, l.profileId]));
}
