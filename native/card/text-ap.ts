// 券面事項入力補助AP (text AP) client: 基本4情報 with the text PIN, and — only through the
// deliberately named method — the 個人番号, which only a municipal counter may collect by law.
import { KioskError } from '../../common/errors';
import { swHex } from '../apdu/apdu';
import { errorForStatus, SW, triesFromSw } from '../apdu/status-words';
import type { CardTransport } from '../transport';
import { parseBasic4, parseMyNumberFile, type Basic4Info } from './basic4';
import { MAX_BASIC4_BYTES } from './budgets';
import { CardApplication, type CardAppOptions } from './card-session-base';
import { AID, MAX_TRIES, MY_NUMBER_FILE_LENGTH, TEXT_SFI } from './constants';
import { readSfiBytes } from './ef-reader';
import { fourDigitPinBytes, wipe } from './pin-format';

export type { Basic4Info } from './basic4';

export class TextApCard extends CardApplication {
  constructor(transport: CardTransport, opts: CardAppOptions = {}) {
    super(transport, AID.TEXT, 'text AP', opts);
  }

  protected onCardStateLost(): void {
    // Nothing cached: every read presents the PIN again.
  }

  protected applicationMissing(sw: number): KioskError {
    return new KioskError('card.not_my_number_card', 'the card has no text (券面事項入力補助) application', { sw: swHex(sw), reason: 'no_text_ap' });
  }

  /** Empty VERIFY on EF 0011: tries left without consuming one. */
  textPinTriesLeft(): Promise<number> {
    return this.within('pinStatus', () => this.freeStep(async () => {
      const res = await this.channel.send({ cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x80 | TEXT_SFI.TEXT_PIN });
      const tries = triesFromSw(res.sw, MAX_TRIES.textPin);
      if (tries !== undefined) return tries;
      if (res.sw === SW.PIN_BLOCKED) return 0;
      if (res.sw === SW.OK) return MAX_TRIES.textPin;
      throw errorForStatus(res.sw, 'text PIN status');
    }));
  }

  private async verifyTextPin(bytes: Uint8Array): Promise<void> {
    try {
      const res = await this.channel.send({ cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x80 | TEXT_SFI.TEXT_PIN, data: bytes });
      if (res.sw !== SW.OK) throw errorForStatus(res.sw, 'VERIFY text PIN', MAX_TRIES.textPin);
    } finally {
      wipe(bytes);
    }
  }

  /** SELECT + VERIFY (P2 91) + one extended read of EF 0002 on the fast path (3 commands). */
  async readBasic4(textPin: string): Promise<Basic4Info> {
    const pin = fourDigitPinBytes(textPin);
    return this.within('readText', () => this.guardedStep(async () => {
      await this.verifyTextPin(pin);
      return parseBasic4(await this.readObject(TEXT_SFI.BASIC4, 'basic-4 information', MAX_BASIC4_BYTES));
    }));
  }

  /**
   * Reads the 個人番号 (EF 0001, 17 bytes). マイナンバー法 limits collection to the municipal
   * counter flow; every other flow must use readBasic4. The value is never logged here.
   */
  async readMyNumberForMunicipalCounter(textPin: string): Promise<string> {
    const pin = fourDigitPinBytes(textPin);
    return this.within('readText', () => this.guardedStep(async () => {
      await this.verifyTextPin(pin);
      return parseMyNumberFile(await readSfiBytes(this.channel, TEXT_SFI.MY_NUMBER, MY_NUMBER_FILE_LENGTH, 'My Number'));
    }));
  }
}
