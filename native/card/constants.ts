// Application identifiers and file numbers of the My Number Card (jpki-card.md §1, §4, §5.1).

export const AID = {
  /** 公的個人認証AP */
  JPKI: Uint8Array.from([0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01]),
  /** 券面事項入力補助AP */
  TEXT: Uint8Array.from([0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08]),
} as const;

/** Short file identifiers (= low byte of the EF ID) in the JPKI AP. */
export const JPKI_SFI = {
  SIGN_CERT: 0x01,
  SIGN_CA_CERT: 0x02,
  TOKEN_INFO: 0x06,
  CERT_FLAGS: 0x08,
  AUTH_CERT: 0x0a,
  AUTH_CA_CERT: 0x0b,
  AUTH_KEY: 0x17,
  AUTH_PIN: 0x18,
  SIGN_KEY: 0x1a,
  SIGN_PASSWORD: 0x1b,
} as const;

/** Short file identifiers in the text AP. */
export const TEXT_SFI = {
  MY_NUMBER: 0x01,
  BASIC4: 0x02,
  TEXT_PIN: 0x11,
} as const;

/** The token label of the My Number Card itself. */
export const MY_NUMBER_CARD_LABEL = 'JPKIAPICCTOKEN2';

/**
 * What carries the JPKI AP, by token label (jpki-card.md §2.1, hospital-2026.md §7): the card, an
 * Android phone's スマホ用電子証明書 or an iPhone's. The old 住基カード (`JPKIAPICCTOKEN`) and any
 * other label are no medium the kiosk takes.
 */
export type CardMedium = 'card' | 'android' | 'iphone';

export const TOKEN_LABEL_MEDIUM: Readonly<Record<string, CardMedium>> = {
  [MY_NUMBER_CARD_LABEL]: 'card',
  JPKIAPGPSETOKEN: 'android',
  JPKIAPIOSTOKEN: 'iphone',
};

/** The medium a token label names, or null (住基カード, unknown labels). */
export function mediumOfTokenLabel(label: string): CardMedium | null {
  return Object.hasOwn(TOKEN_LABEL_MEDIUM, label) ? TOKEN_LABEL_MEDIUM[label]! : null;
}

export const MAX_TRIES = { authPin: 3, signPassword: 5, textPin: 3 } as const;

/** The physical My Number file: FF 10 0C + 12 ASCII digits + FF FF. */
export const MY_NUMBER_FILE_LENGTH = 17;
