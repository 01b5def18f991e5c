// A CardTransport wrapper that counts commands and bytes and times the waits on the card link,
// so the benchmark can report APDUs per login and host-side time (total minus link waits).
import type { CardTransport, Disposition } from './transport';

export interface TransportCounters {
  apdus: number;
  bytesSent: number;
  bytesReceived: number;
  /** Milliseconds spent awaiting the inner transport (card + reader + pcscd). */
  linkWaitMs: number;
  /** INS byte and SW of each command, in order (no data: PINs never reach a log). */
  trace: Array<{ ins: number; p1: number; p2: number; sw: number; bytesIn: number; bytesOut: number }>;
}

export class CountingTransport implements CardTransport {
  private counters: TransportCounters = CountingTransport.zero();

  constructor(private readonly inner: CardTransport) {}

  private static zero(): TransportCounters {
    return { apdus: 0, bytesSent: 0, bytesReceived: 0, linkWaitMs: 0, trace: [] };
  }

  get readerName(): string {
    return this.inner.readerName;
  }

  get atr(): Uint8Array {
    return this.inner.atr;
  }

  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    const t0 = performance.now();
    let res: Uint8Array | undefined;
    try {
      res = await this.inner.transmit(apdu);
      return res;
    } finally {
      const c = this.counters;
      c.linkWaitMs += performance.now() - t0;
      c.apdus++;
      c.bytesSent += apdu.length;
      c.bytesReceived += res?.length ?? 0;
      const sw = res && res.length >= 2 ? ((res[res.length - 2] as number) << 8) | (res[res.length - 1] as number) : -1;
      c.trace.push({ ins: apdu[1] ?? -1, p1: apdu[2] ?? -1, p2: apdu[3] ?? -1, sw, bytesIn: res?.length ?? 0, bytesOut: apdu.length });
    }
  }

  close(disposition: Disposition): Promise<void> {
    return this.inner.close(disposition);
  }

  /** A copy of the counters so far. */
  snapshot(): TransportCounters {
    return { ...this.counters, trace: [...this.counters.trace] };
  }

  reset(): void {
    this.counters = CountingTransport.zero();
  }
}
