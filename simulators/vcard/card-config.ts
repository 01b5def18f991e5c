// What a virtual card is made of: plain bytes and PKCS#8 keys (no dependency on the test PKI), the
// holder's text data, and the switchable quirks where real cards disagree (jpki-card.md §12, X).
import type { Basic4, CardFacts } from './card-data';
import { fromHex } from './apdu';

export interface CardQuirks {
  /** Extended Lc/Le accepted (off: 67 00, to test the client's 256-byte fallback). §12 #9 */
  extendedLength: boolean;
  /** SW for READ BINARY at or beyond the end of the EF. §12 #9 */
  eofSw: '6B00' | '6282';
  /** Re-selecting the current AP clears verified PINs (OpenSC's reading) or not. §12 #7 */
  reselectClearsVerify: boolean;
  /** Empty VERIFY of an already-verified key answers 63 Cx (as one card did) or 90 00. §12 #7 */
  emptyVerifyAfterLogin: 'tries' | '9000';
  /** The first APDU after power-on is answered 6F 00 and otherwise ignored. §12 #7 */
  sixF00AfterPowerOn: boolean;
  /** EF 0006 label; on JPKIAPGPSETOKEN the auth certificate needs the auth PIN. §12 #3 */
  tokenLabel: 'JPKIAPICCTOKEN2' | 'JPKIAPICCTOKEN' | 'JPKIAPGPSETOKEN' | 'JPKIAPIOSTOKEN';
  /** 基本4情報 outer length in long form even when short would do. §12 #2 */
  basic4LongForm: boolean;
  /** Which §2.2 ATR the card presents. §12 #13 */
  atr: 'contact' | 'contactless';
  /** A warm reset clears verified PINs (ISO behaviour). One implementation saw only unpower clear them. */
  warmResetClearsVerify: boolean;
}

export const DEFAULT_QUIRKS: Readonly<CardQuirks> = {
  extendedLength: true,
  eofSw: '6B00',
  reselectClearsVerify: false,
  emptyVerifyAfterLogin: 'tries',
  sixF00AfterPowerOn: false,
  tokenLabel: 'JPKIAPICCTOKEN2',
  basic4LongForm: false,
  atr: 'contact',
  warmResetClearsVerify: true,
};

/** OpenSC's "JPKI (02)" contact ATR (extended length in its capabilities) and "JPKI (06)" contactless. */
export const ATRS = {
  contact: fromHex('3B DA 13 FF 81 31 FB 46 80 12 39 2F 31 C1 73 C6 01 C0 3B'),
  contactless: fromHex('3B 88 80 01 00 00 05 E0 B3 81 A1 00 7F'),
} as const;

export interface CertificateAndKey {
  certDer: Uint8Array;
  keyPkcs8: Uint8Array;
  caDer: Uint8Array;
}

export interface VirtualCardConfig {
  /** Stable card id: names the persisted retry counters. Plain file-name characters only. */
  id: string;
  /** `non-jpki`: an unrelated IC card; every My Number AP SELECT answers 6A 82. */
  kind?: 'my-number' | 'non-jpki';
  auth: CertificateAndKey;
  /** Absent for holders under 15 (no sign certificate, EF 0008 first byte ≠ 8F). */
  sign?: CertificateAndKey;
  /** Demo values. `card` is the 住基/共通AP PIN (holders are told to reuse the auth PIN digits). */
  pins: { auth: string; sign?: string; text: string; card?: string };
  holder: Basic4 & { myNumber: string };
  facts: CardFacts & { securityCode: string };
  /** Key of the text AP (EF 0013, signs EF 0003 and certifies itself in EF 0004); generated if absent. */
  textApKeyPkcs8?: Uint8Array;
  initialTries?: { auth?: number; sign?: number; text?: number };
  quirks?: Partial<CardQuirks>;
  /** Where retry counters persist (default var/vcard/state). */
  stateDir?: string;
}
