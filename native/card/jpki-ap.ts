// 公的個人認証AP (JPKI AP) client: detection by AID + token label, certificates, PIN state,
// VERIFY and signatures. APDU budget on the fast path (SFI + extended Le): a login (SELECT,
// read auth cert, VERIFY, SIGN) is 4 commands; detection (SELECT, label, tries) is 3.
// Phones: an Android token (JPKIAPGPSETOKEN) is taken when the caller accepts phones; its auth
// certificate is readable only after the auth PIN, so its login is VERIFY → certificate → SIGN.
// An iPhone token (JPKIAPIOSTOKEN) is recognised and refused: the phone confirms its holder with
// Face ID / Touch ID, and what its token then expects from a reader is not publicly documented.
import { KioskError } from '../../common/errors';
import { swHex } from '../apdu/apdu';
import { errorForStatus, SW, triesFromSw } from '../apdu/status-words';
import type { CardTransport } from '../transport';
import { MAX_CERTIFICATE_BYTES } from './budgets';
import { CardApplication, type CardAppOptions } from './card-session-base';
import { AID, JPKI_SFI, MAX_TRIES, mediumOfTokenLabel, type CardMedium } from './constants';
import { assertCompleteDer } from './der-check';
import { readSfiBytes } from './ef-reader';
import { fourDigitPinBytes, signPasswordBytes, wipe } from './pin-format';

export interface JpkiDetection {
  tokenLabel: string;
  /** The card itself or a phone's token (only an accepted medium is ever reported). */
  medium: CardMedium;
  authPinTriesLeft: number;
  /**
   * From EF 0008. Reading it costs a fourth command, so it is filled only by
   * `detect({ signCertStatus: true })`; otherwise undefined (ask `hasSignCertificate()` later).
   */
  hasSignCert?: boolean;
  atrHex: string;
}

export interface DetectOptions {
  /** Also read EF 0008 (a fourth command): fills `hasSignCert`. */
  signCertStatus?: boolean;
  /** Take an Android phone's token (default: the card only). An iPhone's is refused either way. */
  acceptPhones?: boolean;
}

/** The card pads (P1 00, PKCS#1 v1.5): the input is a DER DigestInfo of at most 245 bytes. */
const MAX_SIGN_INPUT = 245;
const RSA2048_SIGNATURE = 256;

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}

function refusePhoneUnlessTaken(medium: 'android' | 'iphone', tokenLabel: string, acceptPhones: boolean): void {
  if (!acceptPhones) {
    throw new KioskError('card.phone_not_supported', `this kiosk takes the card itself, not a phone (${tokenLabel})`, { medium, tokenLabel, reason: 'phones_not_accepted' });
  }
  if (medium === 'iphone') {
    throw new KioskError('card.phone_not_supported',
      'an iPhone confirms its holder with Face ID / Touch ID on the phone; what its token then expects from a reader is not publicly documented, so the kiosk does not guess: use the card itself',
      { medium, tokenLabel, reason: 'iphone_undocumented' });
  }
}

export class JpkiCard extends CardApplication {
  private signPasswordVerified = false;

  constructor(transport: CardTransport, opts: CardAppOptions = {}) {
    super(transport, AID.JPKI, 'JPKI', opts);
  }

  protected onCardStateLost(): void {
    this.signPasswordVerified = false;
  }

  protected applicationMissing(sw: number): KioskError {
    return new KioskError('card.not_my_number_card', 'the card has no JPKI application', { sw: swHex(sw), reason: 'no_jpki_ap' });
  }

  /** SELECT AP + token label + auth-PIN tries left. Never decides by ATR (only reports it). */
  detect(opts: DetectOptions = {}): Promise<JpkiDetection> {
    return this.within('detect', () => this.detectNow(opts));
  }

  private async detectNow(opts: DetectOptions): Promise<JpkiDetection> {
    const tokenLabel = await this.freeStep(() => this.readTokenLabel());
    const medium = mediumOfTokenLabel(tokenLabel);
    if (medium === null) {
      throw new KioskError('card.not_my_number_card', `token label "${tokenLabel}" is not a My Number Card`, { tokenLabel, reason: 'token_label' });
    }
    if (medium !== 'card') refusePhoneUnlessTaken(medium, tokenLabel, opts.acceptPhones === true);
    const authPinTriesLeft = await this.authPinTriesLeft();
    const out: JpkiDetection = { tokenLabel, medium, authPinTriesLeft, atrHex: hex(this.transport.atr) };
    if (opts.signCertStatus) out.hasSignCert = await this.hasSignCertificate();
    return out;
  }

  private async readTokenLabel(): Promise<string> {
    const raw = await readSfiBytes(this.channel, JPKI_SFI.TOKEN_INFO, 32, 'JPKI token label');
    let label = '';
    for (const b of raw) label += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ' ';
    return label.replace(/[ ]+$/, '');
  }

  /** EF 0008 (free): a first byte of 8F means the signature certificate is present. */
  async hasSignCertificate(): Promise<boolean> {
    const flags = await this.within('pinStatus', () => this.freeStep(() => readSfiBytes(this.channel, JPKI_SFI.CERT_FLAGS, 3, 'JPKI certificate flags')));
    return flags[0] === 0x8f;
  }

  readAuthCertificate(): Promise<Uint8Array> {
    return this.readCertificate(JPKI_SFI.AUTH_CERT, 'auth certificate');
  }

  readAuthCaCertificate(): Promise<Uint8Array> {
    return this.readCertificate(JPKI_SFI.AUTH_CA_CERT, 'auth CA certificate');
  }

  private readCertificate(sfi: number, what: string): Promise<Uint8Array> {
    return this.within('readCertificate', () =>
      this.freeStep(async () => assertCompleteDer(await this.readObject(sfi, what, MAX_CERTIFICATE_BYTES), what)));
  }

  /**
   * Runs a whole PIN step (certificate, VERIFY, signature) under the login budget, so a card
   * answering each part just inside its own budget still cannot hold the kiosk longer than that.
   */
  loginStep<T>(fn: () => Promise<T>): Promise<T> {
    return this.within('login', fn);
  }

  /** Empty VERIFY: reports tries left without consuming one. 0 = blocked. */
  authPinTriesLeft(): Promise<number> {
    return this.within('pinStatus', () => this.freeStep(() => this.triesLeft(JPKI_SFI.AUTH_PIN, MAX_TRIES.authPin)));
  }

  signPasswordTriesLeft(): Promise<number> {
    return this.within('pinStatus', () => this.freeStep(() => this.triesLeft(JPKI_SFI.SIGN_PASSWORD, MAX_TRIES.signPassword)));
  }

  private async triesLeft(sfi: number, max: number): Promise<number> {
    const res = await this.channel.send({ cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x80 | sfi });
    const tries = triesFromSw(res.sw, max);
    if (tries !== undefined) return tries;
    if (res.sw === SW.PIN_BLOCKED) return 0;
    // Some cards answer 90 00 while the PIN is verified (jpki-card.md §3.4, X): nothing was used.
    if (res.sw === SW.OK) return max;
    throw errorForStatus(res.sw, 'PIN status');
  }

  /** Checks the format first (no try is spent on a typo), then VERIFY with P2 98. */
  async verifyAuthPin(pin: string): Promise<void> {
    const bytes = fourDigitPinBytes(pin);
    return this.within('verifyPin', () => this.guardedStep(() => this.verify(JPKI_SFI.AUTH_PIN, bytes, 'auth PIN', MAX_TRIES.authPin)));
  }

  async verifySignPassword(pw: string): Promise<void> {
    const bytes = signPasswordBytes(pw);
    this.signPasswordVerified = false;
    await this.within('verifyPin', () => this.guardedStep(() => this.verify(JPKI_SFI.SIGN_PASSWORD, bytes, 'signature password', MAX_TRIES.signPassword)));
    this.signPasswordVerified = true;
  }

  private async verify(sfi: number, secret: Uint8Array, what: string, maxTries: number): Promise<void> {
    try {
      const res = await this.channel.send({ cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x80 | sfi, data: secret });
      if (res.sw !== SW.OK) throw errorForStatus(res.sw, `VERIFY ${what}`, maxTries);
    } finally {
      wipe(secret);
    }
  }

  /** Signs a DER DigestInfo with the auth key (P2 97). Needs a verified auth PIN on the card. */
  signWithAuthKey(digestInfo: Uint8Array): Promise<Uint8Array> {
    return this.within('sign', () => this.guardedStep(() => this.sign(JPKI_SFI.AUTH_KEY, digestInfo, 'auth key')));
  }

  /** Signs with the sign key (P2 9A). Ask for the password for every signing act (user consent). */
  signWithSignKey(digestInfo: Uint8Array): Promise<Uint8Array> {
    return this.within('sign', () => this.guardedStep(() => this.sign(JPKI_SFI.SIGN_KEY, digestInfo, 'sign key')));
  }

  private async sign(sfi: number, digestInfo: Uint8Array, what: string): Promise<Uint8Array> {
    if (!(digestInfo instanceof Uint8Array) || digestInfo.length < 1 || digestInfo.length > MAX_SIGN_INPUT) {
      throw new KioskError('input.invalid', `signature input must be a DigestInfo of 1–${MAX_SIGN_INPUT} bytes`, { field: 'digestInfo' });
    }
    const sig = await this.channel.expectOk({ cla: 0x80, ins: 0x2a, p1: 0x00, p2: 0x80 | sfi, data: digestInfo, le: 256 }, `SIGN with ${what}`);
    if (sig.length !== RSA2048_SIGNATURE) {
      throw new KioskError('card.malformed_response', `signature of ${sig.length} bytes instead of 256`, { length: sig.length, reason: 'signature_size' });
    }
    return sig.slice();
  }

  /** Only after verifySignPassword in this session; never read up front. */
  readSignCertificate(): Promise<Uint8Array> {
    return this.signObject(JPKI_SFI.SIGN_CERT, 'sign certificate');
  }

  readSignCaCertificate(): Promise<Uint8Array> {
    return this.signObject(JPKI_SFI.SIGN_CA_CERT, 'sign CA certificate');
  }

  private async signObject(sfi: number, what: string): Promise<Uint8Array> {
    if (!this.signPasswordVerified) {
      throw new KioskError('card.security_status', `${what} is read only after the signature password`, { reason: 'sign_password_not_verified' });
    }
    try {
      return await this.within('readCertificate', () =>
        this.guardedStep(async () => assertCompleteDer(await this.readObject(sfi, what, MAX_CERTIFICATE_BYTES), what)));
    } catch (err) {
      if (err instanceof KioskError && err.details.sw === swHex(SW.FILE_NOT_FOUND)) {
        throw new KioskError('card.no_sign_certificate', 'the card carries no signature certificate', { sw: err.details.sw });
      }
      throw err;
    }
  }
}
