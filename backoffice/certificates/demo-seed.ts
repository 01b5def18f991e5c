// Demo registry facts the certificates print, and the refusal cases, on top of backoffice/demo's
// residents (the virtual cards' profiles). Dev/test only. Which profile exercises what:
//   yamada-taro      世帯主 of H0001 (清瀬市, 個人番号 printing allowed), active seal → both certificates print
//   yamada-hanako    no seal registration → 印鑑: not_registrant
//   yamada-shota     under 15 (refused himself); his furigana is unconfirmed → printed as 「******」
//   yamada-ume       消除者 (deceased) in H0001 → never printed; choosing her is refused 'deceased'
//   takahashi-*      川崎市 refuses 外字 (髙) → unprintable_characters; takahashi-yuko has DV support
//                    measures (dv_support: the kiosk only sends her to the window)
//   shibasaki-ken    さいたま市 (prints 﨑, 職務代理者 signs); his seal was abolished (廃印) → seal_abolished
//   kobayashi-naoko  転出届 filed → moved_out
//   nguyen-van-an    foreign resident (国籍・在留資格 on the 住民票), 大阪市 fees ¥300
import type { BackOfficeStore } from '../storage/store';
import { demoSealImagePngBase64 } from '../../simulators/municipality';
import { loadProfiles } from '../../simulators/vcard/profiles';
import type { CertificateStore, ResidentDetailsT } from './certificate-store';

const iso = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

export async function seedCertificateDemo(store: BackOfficeStore, certs: CertificateStore): Promise<void> {
  const profiles = loadProfiles();
  const heads = new Map(profiles.filter((p) => p.relationship === '世帯主').map((p) => [p.householdId, p]));
  await store.transaction(async () => {
    for (const p of profiles) {
      const head = heads.get(p.householdId) ?? p;
      const bornHere = p.relationship === '子';
      const details: ResidentDetailsT = {
        furiganaConfirmed: p.id !== 'yamada-shota',
        becameResidentOn: bornHere ? iso(p.dob) : '2012-04-01',
        addressSince: bornHere ? iso(p.dob) : '2012-04-01',
        ...(bornHere ? {} : { previousAddress: '東京都東村山市本町１－１－１', notifiedOn: '2012-04-02' }),
        ...(p.kind === 'foreign-resident'
          ? { foreign: { nationality: 'ベトナム', residenceStatus: '技術・人文知識・国際業務', periodOfStay: '5年', expiry: '2029-07-03', class30_45: '中長期在留者' } }
          : { honseki: { honseki: `${p.address.replace(/[０-９].*$/, '')}１番地`, hittosha: head.name } }),
        myNumber: p.myNumber,
      };
      await certs.putDetails(p.id, details);
    }
    const flag = async (id: string, patch: Partial<{ movedOut: boolean; dvProtection: boolean; deceased: boolean }>) => {
      const r = await store.getResident(id);
      if (r) await store.upsertResident({ ...r, ...patch });
    };
    await flag('takahashi-yuko', { dvProtection: true });
    await flag('kobayashi-naoko', { movedOut: true });
    for (const p of profiles) {
      const seal = await store.getSeal(p.id);
      // The registered impression: the surname in a red ring, as a real 印影 scan would show.
      if (seal) await store.upsertSeal({ ...seal, imagePng: new Uint8Array(Buffer.from(demoSealImagePngBase64(p.name), 'base64')), abolished: p.id === 'shibasaki-ken' });
    }
    const taro = await store.getResident('yamada-taro');
    if (taro) {
      await store.upsertResident({ ...taro, residentId: 'yamada-ume', name: '山田\u3000うめ', nameKana: 'ヤマダ\u3000ウメ', nameAlt: null, sex: '2', dob: '19300101',
        relationship: '母', deceased: true });
      await certs.putDetails('yamada-ume', { furiganaConfirmed: true, becameResidentOn: '2012-04-01', addressSince: '2012-04-01' });
    }
  });
}

/** The demo municipality's signer and the real templates: what a municipality's 証明発行サーバ does. */
export async function demoCertificateRenderer(): Promise<(doc: unknown) => Promise<Uint8Array>> {
  const [{ renderCertificatePdf }, { demoSignerFor }, { IssuanceDocument }] = await Promise.all([
    import('../../templates'), import('../../simulators/municipality'), import('../../common/documents/types'),
  ]);
  // Each municipality signs its own certificates with its own key.
  return (doc) => {
    const parsed = IssuanceDocument.parse(doc);
    return renderCertificatePdf(parsed, demoSignerFor(parsed.municipality.code));
  };
}
