// One line per demo holder on the card tray: which certificates this person can get at the demo
// kiosk, or why not — so a tester picks the right card for 住民票, 印鑑 or a refusal.
// The back office decides for real; these lines only describe the demo data (backoffice/demo).
// Each line is a code; the tray shows it in the kiosk's language (renderer i18n `demo.hint.<code>`).

interface ProfileLike { id: string; kind: string; dob?: string; sealRegistered?: boolean; quirks?: { tokenLabel?: string }; generation?: 0 | 1 }

/**
 * Card kinds that never reach the certificate menu: authentication fails first, or the card is not
 * read as a My Number Card at all (an old 住基 card) — whatever the registry would allow that person.
 * An Android phone's token is taken like the card; an iPhone's is refused (see IPHONE_LABEL).
 */
const AUTH_FAILS: Record<string, string> = {
  expired: 'authFails',
  revoked: 'authFails',
  blocked: 'authFails',
  untrusted: 'authFails',
  'non-jpki': 'notCard',
  'old-token': 'notCard',
};

/** The kiosk refuses an iPhone's token (native/card/jpki-ap.ts): it never reaches the menu. */
const IPHONE_LABEL = 'JPKIAPIOSTOKEN';

/** Registry flags the demo back office sets on these residents (refusal cases). */
const REGISTRY_CASES: Record<string, string> = {
  'yamada-taro': 'household',
  'yamada-hanako': 'noSealRefused',
  'takahashi-ichiro': 'gaiji',
  'takahashi-yuko': 'support',
  'takahashi-sakura': 'gaiji',
  'shibasaki-ken': 'sealAbolished',
  'kobayashi-naoko': 'movedOut',
  'nguyen-van-an': 'foreign',
};

function age(dob: string | undefined, now: Date): number | null {
  if (!dob || !/^\d{8}$/.test(dob)) return null;
  const y = Number(dob.slice(0, 4)), m = Number(dob.slice(4, 6)), d = Number(dob.slice(6, 8));
  let a = now.getFullYear() - y;
  if (now.getMonth() + 1 < m || (now.getMonth() + 1 === m && now.getDate() < d)) a--;
  return a;
}

export function demoHint(p: ProfileLike, now = new Date()): string | undefined {
  // The same person after certificate renewal: what that shows is what survives it (照会番号, a linked account).
  if (p.generation === 1) return 'renewed';
  if (AUTH_FAILS[p.kind]) return AUTH_FAILS[p.kind];
  if (p.quirks?.tokenLabel === IPHONE_LABEL) return 'notCard';
  if (REGISTRY_CASES[p.id]) return REGISTRY_CASES[p.id];
  const years = age(p.dob, now);
  if (years !== null && years < 15) return 'under15';
  return p.sealRegistered ? 'seal' : 'noSeal';
}
