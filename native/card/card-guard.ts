// Enforces CARD_BUDGETS (budgets.ts) between the card logic and the transport. Each operation runs
// in a frame with a deadline and an APDU budget (frames nest: a login's steps also count against
// the login); every command is raced against the nearest deadline, so a card that stops answering
// cannot hold a caller past it. The first exceeded budget (or an abort from the kiosk) fails the
// whole session: the card is unpowered and released, and every later call fails at once.
import { KioskError } from '../../common/errors';
import type { CardTransport, Disposition } from '../transport';
import { CARD_BUDGETS, type CardOperation } from './budgets';

interface Frame {
  op: CardOperation;
  deadline: number;
  apdusLeft: number;
  responseBytes: number;
}

export interface CardGuardOptions {
  /** Technician log: failure kind, reader and step only (never APDU data, certificates or PINs). */
  log?: (msg: string) => void;
  now?: () => number;
}

export class CardGuard implements CardTransport {
  private readonly frames: Frame[] = [];
  private failed: KioskError | undefined;
  private abortFailure: ((err: KioskError) => void) | undefined;
  private closing: Promise<void> | undefined;
  private readonly now: () => number;

  constructor(
    readonly inner: CardTransport,
    private readonly opts: CardGuardOptions = {},
  ) {
    this.now = opts.now ?? (() => performance.now());
  }

  get readerName(): string {
    return this.inner.readerName;
  }

  get atr(): Uint8Array {
    return this.inner.atr;
  }

  /** The error that ended this session, if any. */
  get failure(): KioskError | undefined {
    return this.failed;
  }

  /** Largest response one command may return in the current operation (for 61 xx chaining). */
  responseByteLimit(): number {
    const limits = this.frames.map((f) => f.responseBytes);
    return limits.length > 0 ? Math.min(...limits) : CARD_BUDGETS.command.responseBytes;
  }

  /** Runs `fn` inside the named operation's budget (nested in any operation already running). */
  async run<T>(op: CardOperation, fn: () => Promise<T>): Promise<T> {
    if (this.failed) throw this.failed;
    const b = CARD_BUDGETS[op];
    const frame: Frame = { op, deadline: this.now() + b.deadlineMs, apdusLeft: b.apdus, responseBytes: b.responseBytes };
    this.frames.push(frame);
    try {
      return await fn();
    } finally {
      const i = this.frames.lastIndexOf(frame);
      if (i >= 0) this.frames.splice(i, 1);
    }
  }

  /**
   * Cancellation from above (session end, idle timeout, shutdown): the command in progress is
   * abandoned at once, the card is unpowered and released in the background.
   */
  abort(reason = 'cancelled'): void {
    // Nothing running: an ordinary close follows, which waits for its unpower as usual.
    if (this.failed || (this.frames.length === 0 && !this.abortFailure)) return;
    this.fail(new KioskError('card.removed', `the card session on "${this.readerName}" was ended`, { reader: this.readerName, reason }));
  }

  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    if (this.failed) throw this.failed;
    const frames = this.frames.length > 0 ? this.frames : [this.adHocFrame()];
    for (const f of frames) {
      if (f.apdusLeft <= 0) throw this.tooSlow(f.op, 'apdu_budget');
    }
    for (const f of frames) f.apdusLeft--;
    const nearest = frames.reduce((a, f) => (f.deadline < a.deadline ? f : a));
    const remaining = nearest.deadline - this.now();
    if (remaining <= 0) throw this.tooSlow(nearest.op, 'deadline');
    const sent = this.inner.transmit(apdu);
    // The inner command may still end after we stopped waiting; its outcome then concerns no one.
    sent.catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.tooSlow(nearest.op, 'deadline')), remaining);
      this.abortFailure = reject;
    });
    try {
      return await Promise.race([sent, stop]);
    } catch (err) {
      if (err instanceof KioskError && (err.kind === 'card.unresponsive' || err.kind === 'card.removed' || err.kind === 'reader.gone')) {
        this.opts.log?.(`card failure ${err.kind} on "${this.readerName}" during ${this.currentStep()}`);
      }
      throw err;
    } finally {
      clearTimeout(timer);
      this.abortFailure = undefined;
    }
  }

  close(disposition: Disposition): Promise<void> {
    this.closing ??= this.inner.close(disposition);
    return this.closing;
  }

  private adHocFrame(): Frame {
    const b = CARD_BUDGETS.command;
    return { op: 'command', deadline: this.now() + b.deadlineMs, apdusLeft: 1, responseBytes: b.responseBytes };
  }

  private currentStep(): string {
    return this.frames.map((f) => f.op).join('/') || 'command';
  }

  private tooSlow(op: CardOperation, reason: 'deadline' | 'apdu_budget'): KioskError {
    const b = CARD_BUDGETS[op];
    const limit = reason === 'deadline' ? `${b.deadlineMs} ms` : `${b.apdus} commands`;
    return this.fail(new KioskError('card.too_slow', `${op} on "${this.readerName}" exceeded its budget of ${limit}`, {
      reader: this.readerName, op, step: this.currentStep(), reason,
    }));
  }

  /** First failure wins; the card is unpowered and released, without waiting for a stuck command. */
  private fail(err: KioskError): KioskError {
    if (this.failed) return this.failed;
    this.failed = err;
    this.opts.log?.(`card failure ${err.kind} (${String(err.details.reason ?? '-')}) on "${this.readerName}" during ${this.currentStep()}; unpowering`);
    this.abortFailure?.(err);
    void this.close('unpower').catch(() => undefined);
    return err;
  }
}
