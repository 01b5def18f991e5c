// One line per demo holder on the card tray: which certificates this person can get at the demo
// kiosk, or why not — so a tester picks the right card for 住民票, 印鑑 or a refusal.
// The back office decides for real; these lines only describe the demo data (backoffice/demo).

interface ProfileLike { id: string; kind: string; dob?: string; sealRegistered?: boolean }

/** Card kinds that never reach the certificate menu (authentication fails first). */
const AUTH_FAILS: Record<string, string> = {
  expired: '証明書期限切れ（本人確認できません）',
  revoked: '証明書失効（本人確認できません）',
  blocked: '暗証番号ロック（本人確認できません）',
  untrusted: '発行者不明（本人確認できません）',
  'non-jpki': 'マイナンバーカードではありません',
};

/** Registry flags the demo back office sets on these residents (refusal cases). */
const REGISTRY_CASES: Record<string, string> = {
  'yamada-taro': '住民票の写し（世帯）・印鑑登録証明書が取れます',
  'yamada-hanako': '住民票の写し。印鑑は登録なし（お断りの例）',
  'takahashi-ichiro': '外字（髙）を印刷できない市：お断りの例',
  'takahashi-yuko': '支援措置：窓口へご案内（理由は表示しません）',
  'takahashi-sakura': '外字（髙）を印刷できない市：お断りの例',
  'shibasaki-ken': '住民票の写し。印鑑は廃印（お断りの例）',
  'kobayashi-naoko': '転出届あり：お断りの例',
  'nguyen-van-an': '外国人住民の住民票の写し（手数料300円）',
};

function age(dob: string | undefined, now: Date): number | null {
  if (!dob || !/^\d{8}$/.test(dob)) return null;
  const y = Number(dob.slice(0, 4)), m = Number(dob.slice(4, 6)), d = Number(dob.slice(6, 8));
  let a = now.getFullYear() - y;
  if (now.getMonth() + 1 < m || (now.getMonth() + 1 === m && now.getDate() < d)) a--;
  return a;
}

export function demoHint(p: ProfileLike, now = new Date()): string | undefined {
  if (AUTH_FAILS[p.kind]) return AUTH_FAILS[p.kind];
  if (REGISTRY_CASES[p.id]) return REGISTRY_CASES[p.id];
  const years = age(p.dob, now);
  if (years !== null && years < 15) return '15歳未満：証明書は窓口で（お断りの例）';
  return p.sealRegistered ? '住民票の写し・印鑑登録証明書' : '住民票の写し（印鑑登録なし）';
}
