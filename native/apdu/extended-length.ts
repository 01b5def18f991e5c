// Whether a card + reader pair carries extended-length APDUs. Probed once (by the first whole-EF
// read) and remembered per reader name + ATR, so later sessions go straight to the right path.
// Some readers are short-APDU only and ATR (03) does not advertise the capability (jpki-card.md §10).

export type ExtendedSupport = 'yes' | 'no';

export class ExtendedLengthCache {
  private readonly map = new Map<string, ExtendedSupport>();

  constructor(private readonly maxEntries = 64) {}

  static keyFor(readerName: string, atr: Uint8Array): string {
    let hex = '';
    for (const b of atr) hex += b.toString(16).padStart(2, '0');
    return `${readerName}|${hex}`;
  }

  get(key: string): ExtendedSupport | undefined {
    return this.map.get(key);
  }

  set(key: string, value: ExtendedSupport): void {
    this.map.delete(key);
    this.map.set(key, value);
    // Oldest first in insertion order: a kiosk sees few readers, but the map must not grow forever.
    while (this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next().value;
      if (oldest === undefined) break;
      this.map.delete(oldest);
    }
  }

  clear(): void {
    this.map.clear();
  }
}

/** Process-wide cache used unless a card object is given its own. */
export const sharedExtendedLengthCache = new ExtendedLengthCache();
