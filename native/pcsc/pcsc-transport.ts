// One PC/SC card session over the pcsclite addon: a CardTransport with serialised transmits,
// per-command time limits, typed errors and a recovery path for card resets (the addon has no
// SCardReconnect, so a reset is survived by disconnecting and connecting again; see README.md).
import type { CardReader } from 'pcsclite';
import { KioskError } from '../../common/errors';
import type { CardTransport, Disposition } from '../transport';
import { fromPcscError, PCSC } from './pcsc-errors';

/** Receive buffer for every command: the largest extended-length answer (65,536 + SW1 SW2). */
const MAX_RESPONSE = 65_538;
/** pcscd polls vpcd / many readers every ~400 ms; wait a little longer than that. */
const EMPTY_ANSWER_SETTLE_MS = 1_000;

export interface PcscSessionOptions {
  exclusive: boolean;
  /** Time limit for one command, card processing included (RSA-2048 can take 1.5 s on slow chips). */
  transmitTimeoutMs: number;
  /** Time limit for connect / disconnect. */
  controlTimeoutMs: number;
  log: (msg: string) => void;
  /** Whether the reader currently reports a card (from the service's status monitor). */
  cardPresent: () => boolean;
  /** Called once when the session ends for any reason, so the service frees the reader. */
  onEnded: () => void;
  /**
   * Called when the session is closed while the addon still holds a command (a card that stopped
   * answering): `settled` resolves when the addon lets go. Until then the reader's handle must not
   * be touched, since the addon's close() would block the event loop on the same mutex.
   */
  onWedged?: (settled: Promise<void>) => void;
  /** How long close() waits for a command still on the wire before abandoning it (budgets.ts). */
  closeGraceMs?: number;
}

/**
 * Addon calls still running per reader, answered or not by our time limit. While one runs, the
 * addon holds the reader's mutex: its close() (on the event loop thread) would block until the
 * card answers, and a new connect would queue behind it.
 */
const addonCalls = new WeakMap<CardReader, Set<Promise<void>>>();

/** Resolves when every addon call on `reader` has returned; undefined when none is running. */
export function addonBusy(reader: CardReader): Promise<void> | undefined {
  const calls = addonCalls.get(reader);
  if (!calls || calls.size === 0) return undefined;
  return Promise.all([...calls]).then(() => addonBusy(reader));
}

/** Wraps an addon callback so the call is tracked until the addon actually returns. */
function tracked<T>(reader: CardReader, cb: (err: Error | null, value?: T) => void): (err: Error | null, value?: T) => void {
  let release!: () => void;
  const call = new Promise<void>((r) => (release = r));
  const calls = addonCalls.get(reader) ?? new Set<Promise<void>>();
  addonCalls.set(reader, calls);
  calls.add(call);
  return (err, value) => {
    calls.delete(call);
    release();
    cb(err, value);
  };
}

/** Runs an addon call with a node-style callback under a time limit (the addon itself has none). */
export function withTimeout<T>(ms: number, what: string, reader: string, start: (cb: (err: Error | null, value?: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      reject(new KioskError('card.unresponsive', `${what} on "${reader}" took longer than ${ms} ms`, { reader, op: what }));
    }, ms);
    try {
      start((err, value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) reject(fromPcscError(err, { reader, op: what }));
        else resolve(value as T);
      });
    } catch (err) {
      // The addon throws synchronously on bad arguments; keep it a typed rejection.
      settled = true;
      clearTimeout(timer);
      reject(fromPcscError(err, { reader, op: what }));
    }
  });
}

export function connectReader(reader: CardReader, exclusive: boolean, timeoutMs: number): Promise<number> {
  const share_mode = exclusive ? reader.SCARD_SHARE_EXCLUSIVE : reader.SCARD_SHARE_SHARED;
  const protocol = reader.SCARD_PROTOCOL_T0 | reader.SCARD_PROTOCOL_T1;
  return withTimeout<number>(timeoutMs, 'SCardConnect', reader.name, (cb) => reader.connect({ share_mode, protocol }, tracked(reader, cb))).then((p) => {
    // The addon's JS layer calls back without a protocol when it believes it is still connected.
    if (typeof p !== 'number') throw new KioskError('card.busy', `"${reader.name}" already has an open handle`, { reader: reader.name });
    return p;
  });
}

export async function disconnectReader(reader: CardReader, disposition: Disposition, timeoutMs: number): Promise<void> {
  const code = disposition === 'unpower' ? reader.SCARD_UNPOWER_CARD : disposition === 'reset' ? reader.SCARD_RESET_CARD : reader.SCARD_LEAVE_CARD;
  try {
    await withTimeout<void>(timeoutMs, 'SCardDisconnect', reader.name, (cb) => reader.disconnect(code, tracked(reader, cb)));
  } finally {
    // If SCardDisconnect failed (card or reader already gone) the addon keeps connected = true and
    // would silently skip the next SCardConnect; the handle is dead either way, so forget it.
    reader.connected = false;
  }
}

export class PcscTransport implements CardTransport {
  readonly readerName: string;
  private currentAtr: Uint8Array;
  private queue: Promise<unknown> = Promise.resolve();
  private dead: KioskError | undefined;
  private ended = false;
  /** Number of card resets survived in this session (for logs and tests). */
  resets = 0;

  constructor(
    private readonly reader: CardReader,
    private protocol: number,
    atr: Uint8Array,
    private readonly opts: PcscSessionOptions,
  ) {
    this.readerName = reader.name;
    this.currentAtr = atr;
  }

  get atr(): Uint8Array {
    return this.currentAtr;
  }

  get isOpen(): boolean {
    return !this.ended && this.dead === undefined;
  }

  /** Marks the session dead from outside (card-removed / reader-removed event). */
  invalidate(err: KioskError): void {
    if (!this.dead) this.dead = err;
  }

  updateAtr(atr: Uint8Array): void {
    this.currentAtr = atr;
  }

  transmit(apdu: Uint8Array): Promise<Uint8Array> {
    // Serialise: one command at a time per card, in call order, whatever the callers do.
    const run = this.queue.then(() => this.transmitNow(apdu));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async transmitNow(apdu: Uint8Array): Promise<Uint8Array> {
    if (this.ended) throw new KioskError('card.removed', 'the card session is closed', { reader: this.readerName });
    if (this.dead) throw this.dead;
    try {
      const data = await withTimeout<Buffer>(this.opts.transmitTimeoutMs, 'SCardTransmit', this.readerName, (cb) =>
        this.reader.transmit(Buffer.from(apdu), MAX_RESPONSE, this.protocol, tracked(this.reader, cb)),
      );
      if (data.byteLength < 2) throw await this.emptyAnswer();
      return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    } catch (err) {
      const kerr = err instanceof KioskError ? err : fromPcscError(err, { reader: this.readerName, op: 'SCardTransmit' });
      if (kerr.kind === 'card.reset') {
        await this.recoverFromReset();
        throw kerr;
      }
      // NOT_TRANSACTED also means "this reader cannot carry that frame" (an extended APDU on a
      // short-only reader), so it does not end the session; a removal event or the next command does.
      const linkRefusal = kerr.details.pcsc === `0x${PCSC.E_NOT_TRANSACTED.toString(16)}`;
      if (!linkRefusal && ['card.removed', 'reader.gone', 'reader.service_unavailable', 'card.unresponsive'].includes(kerr.kind)) {
        this.invalidate(kerr);
      }
      throw kerr;
    }
  }

  /**
   * pcscd hands back an empty answer when the card link drops mid-command (vpcd, some readers).
   * The removal shows in the reader state a poll later, so wait briefly to name it correctly.
   */
  private async emptyAnswer(): Promise<KioskError> {
    const deadline = Date.now() + EMPTY_ANSWER_SETTLE_MS;
    while (Date.now() < deadline && this.opts.cardPresent()) await new Promise((r) => setTimeout(r, 25));
    const removed = !this.opts.cardPresent();
    const err = removed
      ? new KioskError('card.removed', `card left "${this.readerName}" during a command`, { reader: this.readerName })
      : new KioskError('card.unresponsive', `empty answer from "${this.readerName}"`, { reader: this.readerName });
    this.invalidate(err);
    return err;
  }

  /** SCardReconnect stand-in: drop the stale handle, connect again with the same share mode. */
  private async recoverFromReset(): Promise<void> {
    this.resets++;
    this.opts.log(`card reset detected on "${this.readerName}"; reconnecting`);
    try {
      await disconnectReader(this.reader, 'leave', this.opts.controlTimeoutMs).catch(() => undefined);
      this.protocol = await connectReader(this.reader, this.opts.exclusive, this.opts.controlTimeoutMs);
    } catch (err) {
      const kerr = fromPcscError(err, { reader: this.readerName, op: 'reconnect after reset' });
      this.invalidate(kerr);
    }
  }

  /** True while the addon still holds a command for this session (answered or not). */
  get commandOnWire(): boolean {
    return addonBusy(this.reader) !== undefined;
  }

  async close(disposition: Disposition): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    // Let an in-flight command finish first, but only briefly: a card that stopped answering must
    // not hold the caller. Its handle is then released when the addon lets go of the command.
    const pending = addonBusy(this.reader);
    if (pending) {
      const grace = new Promise<'late'>((r) => setTimeout(() => r('late'), this.opts.closeGraceMs ?? 250).unref?.());
      if ((await Promise.race([pending.then(() => 'done' as const), grace])) === 'late') {
        this.opts.log(`session on "${this.readerName}" abandoned with a command on the wire; released when the reader lets go`);
        this.opts.onWedged?.(pending);
        this.opts.onEnded();
        void pending.then(() => this.disconnect(disposition));
        return;
      }
    }
    await this.disconnect(disposition);
  }

  private async disconnect(disposition: Disposition): Promise<void> {
    try {
      await disconnectReader(this.reader, disposition, this.opts.controlTimeoutMs);
      this.opts.log(`session on "${this.readerName}" closed (${disposition})`);
    } catch (err) {
      // Closing a session whose card or reader is gone is not a failure of the caller.
      this.opts.log(`session on "${this.readerName}" closed with ${err instanceof KioskError ? err.kind : String(err)}`);
    } finally {
      this.opts.onEnded();
    }
  }
}
