// Demo data matching the virtual cards (simulators/vcard/profiles.json): residents, households,
// seals, insurance, and the certificate links for each card's auth certificate issued by the test
// PKI. Dev/test only — the back office proper never imports simulators.
//
// How a real municipality fills certificate_links: J-LIS delivers 紐付け情報 (the link between a
// 利用者証明用電子証明書's serial/issuer and the 住民票コード) to the municipality's certificate
// server on issuance, renewal and re-issue; the connector inserts one row per certificate with its
// validity. A renewed certificate is a NEW row for the same resident, so the link survives renewal.
import { parseCertificate } from '../../common/jpki';
import { loadTestPki, type HolderSpec } from '../../simulators/testpki';
import { loadProfiles, type HolderProfile } from '../../simulators/vcard/profiles';
import { holderSpecFor } from '../../simulators/vcard/world';
import type { BackOfficeStore } from '../storage/store';
import { demoSealPng } from './seal-image';

export type DemoProfile = HolderProfile;

/** The virtual cards' holder profiles (simulators/vcard/profiles.json). */
export function loadDemoProfiles(): DemoProfile[] {
  return loadProfiles();
}

/** The exact test PKI spec the virtual card is issued with, so certificate fingerprints match. */
export function holderSpecOf(p: DemoProfile): HolderSpec {
  return holderSpecFor(p);
}

export async function seedDemo(store: BackOfficeStore, opts: { withCertificates?: boolean } = {}): Promise<{ anchors: Uint8Array[]; residents: number; links: number }> {
  const profiles = loadDemoProfiles();
  const pki = await loadTestPki();
  let links = 0;
  const certs = new Map<string, Uint8Array>();
  if (opts.withCertificates !== false) {
    for (const p of profiles) certs.set(p.id, (await pki.issueHolder(holderSpecOf(p))).authCertDer);
  }
  await store.transaction(async () => {
    for (const [i, p] of profiles.entries()) {
      await store.upsertResident({
        residentId: p.id, name: p.name, nameKana: p.nameKana, nameAlt: p.nameAlt ?? null, sex: p.sex, dob: p.dob, address: p.address,
        municipalityCode: p.municipalityCode, householdId: p.householdId, relationship: p.relationship,
        // Profiles carry no registry flags; tests and operators set them on the record.
        movedOut: false, dvProtection: false, deceased: false, unprintableCharacters: false,
      });
      if (p.sealRegistered) await store.upsertSeal({ residentId: p.id, registrationNumber: `IN-${String(i + 1).padStart(6, '0')}`, imagePng: demoSealPng(i), abolished: false });
      await store.upsertInsurance({
        residentId: p.id, insurerNumber: p.relationship === '世帯主' ? '06132013' : '06132013', insurerName: '見本健康保険組合',
        symbol: p.householdId, number: String(1000 + i), branch: p.relationship === '世帯主' ? '00' : String(i % 100).padStart(2, '0'),
        cardClassification: '01', personalFamily: p.relationship === '世帯主' ? '1' : '2', qualificationDate: '20200401',
        contributionRatio: Number(p.dob.slice(0, 4)) <= 1950 ? '010' : '030', limitFlag: null, valid: p.kind !== 'expired',
      });
      const der = certs.get(p.id);
      if (der) {
        const f = parseCertificate(der);
        await store.linkCertificate({ sha256FingerprintHex: f.sha256FingerprintHex, serialHex: f.serialHex, issuer: f.issuer, residentId: p.id,
          notBefore: f.notBefore.getTime(), notAfter: f.notAfter.getTime(), source: 'demo' });
        links++;
      }
    }
  });
  return { anchors: [pki.roots.auth], residents: profiles.length, links };
}
