// What the JPKI AP and the text AP share: one APDU channel, lazy SELECT of the application,
// the extended-length cache, and survival of a card reset (re-select + retry for steps that need
// no credential; a typed 'card.reset' for steps whose verified PIN the reset has wiped).
import { isKioskError, type KioskError } from '../../common/errors';
import { ApduChannel } from '../apdu/apdu-channel';
import { ExtendedLengthCache, sharedExtendedLengthCache } from '../apdu/extended-length';
import { SW } from '../apdu/status-words';
import type { CardTransport } from '../transport';
import type { CardOperation } from './budgets';
import { CardGuard } from './card-guard';
import { readWholeEf, type EfReadOutcome } from './ef-reader';

export interface CardAppOptions {
  extendedLengthCache?: ExtendedLengthCache;
}

export abstract class CardApplication {
  protected readonly channel: ApduChannel;
  /** Budgets of budgets.ts; shared when the caller passes a CardGuard (to cancel from outside). */
  protected readonly guard: CardGuard;
  private readonly cache: ExtendedLengthCache;
  private selected = false;
  /** How the last whole-EF read went ('extended' = one APDU). */
  lastReadPath: EfReadOutcome['path'] | undefined;

  protected constructor(
    protected readonly transport: CardTransport,
    private readonly aid: Uint8Array,
    private readonly appName: string,
    opts: CardAppOptions = {},
  ) {
    this.guard = transport instanceof CardGuard ? transport : new CardGuard(transport);
    this.channel = new ApduChannel(this.guard, { maxResponseBytes: () => this.guard.responseByteLimit() });
    this.cache = opts.extendedLengthCache ?? sharedExtendedLengthCache;
  }

  /** Runs one card operation within its deadline and APDU budget (budgets.ts). */
  protected within<T>(op: CardOperation, fn: () => Promise<T>): Promise<T> {
    return this.guard.run(op, fn);
  }

  /** Called when the card lost its state (reset): subclasses forget verified credentials. */
  protected abstract onCardStateLost(): void;

  /** A missing application means "not the card we want", which each AP reports its own way. */
  protected abstract applicationMissing(sw: number): KioskError;

  protected async ensureSelected(): Promise<void> {
    if (this.selected) return;
    const res = await this.channel.send({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: this.aid });
    if (res.sw !== SW.OK) throw this.applicationMissing(res.sw);
    this.selected = true;
  }

  /** Runs a step that needs no verified credential; after a card reset, selects again and retries once. */
  protected async freeStep<T>(step: () => Promise<T>): Promise<T> {
    try {
      await this.ensureSelected();
      return await step();
    } catch (err) {
      if (!isKioskError(err, 'card.reset')) throw err;
      this.stateLost();
      await this.ensureSelected();
      return step();
    }
  }

  /** Runs a step that relies on card state (a verified PIN); a reset surfaces as 'card.reset'. */
  protected async guardedStep<T>(step: () => Promise<T>): Promise<T> {
    try {
      await this.ensureSelected();
      return await step();
    } catch (err) {
      if (isKioskError(err, 'card.reset')) this.stateLost();
      throw err;
    }
  }

  private stateLost(): void {
    this.selected = false;
    this.onCardStateLost();
  }

  protected async readObject(sfi: number, what: string, maxBytes: number): Promise<Uint8Array> {
    const key = ExtendedLengthCache.keyFor(this.transport.readerName, this.transport.atr);
    const out = await readWholeEf({ channel: this.channel, cache: this.cache, cacheKey: key }, sfi, `${this.appName} ${what}`, maxBytes);
    this.lastReadPath = out.path;
    return out.bytes;
  }
}
