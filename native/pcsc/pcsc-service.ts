// The kiosk's PC/SC service: one per process. Tracks readers and cards as they come and go,
// hands out exclusive card sessions, and keeps working across pcscd restarts and reader re-plugs
// by re-creating the addon's library instance (santigimeno/node-pcsclite #68; see README.md).
import pcsclite, { type CardReader, type PCSCLite, type ReaderStatus } from 'pcsclite';
import { KioskError } from '../../common/errors';
import type { CardTransport } from '../transport';
import { fromPcscError, pcscCode, PCSC } from './pcsc-errors';
import { addonBusy, connectReader, PcscTransport } from './pcsc-transport';
import { slotChanges, slotStateFrom, type CardSlotState } from './reader-state';

export type ReaderEvent = { type: 'reader-added' | 'reader-removed' | 'card-inserted' | 'card-removed'; reader: string; atrHex?: string };
export interface ReaderInfo { name: string; cardPresent: boolean; atrHex?: string }

export interface PcscServiceOptions {
  log?: (msg: string) => void;
  /** Per-command limit; RSA-2048 on slow contact chips needs well over a second. */
  transmitTimeoutMs?: number;
  controlTimeoutMs?: number;
}

interface ReaderEntry {
  reader: CardReader;
  slot: CardSlotState | undefined;
  /** Set by the first status report of this reader object. */
  statusSeen: boolean;
  atr: Uint8Array | undefined;
  session: PcscTransport | undefined;
  /** Set while an abandoned session's command is still inside the addon (see PcscTransport.close). */
  wedged: Promise<void> | undefined;
}

const RECREATE_BACKOFF_MS = [250, 500, 1000, 2000, 5000];
const FIRST_STATUS_WAIT_MS = 1500;
/** How long a new session waits for the previous one's disconnect before calling the reader wedged. */
const BUSY_READER_WAIT_MS = 300;

export class PcscService {
  private lib: PCSCLite | undefined;
  private readonly entries = new Map<string, ReaderEntry>();
  private readonly listeners = new Set<(e: ReaderEvent) => void>();
  private readonly log: (msg: string) => void;
  private readonly transmitTimeoutMs: number;
  private readonly controlTimeoutMs: number;
  private closing = false;
  private available = false;
  private recreateAttempt = 0;
  private recreateTimer: NodeJS.Timeout | undefined;
  private listWaiters: Array<() => void> = [];
  private generation = 0;

  private constructor(opts: PcscServiceOptions) {
    this.log = opts.log ?? (() => undefined);
    this.transmitTimeoutMs = opts.transmitTimeoutMs ?? 20_000;
    this.controlTimeoutMs = opts.controlTimeoutMs ?? 5_000;
  }

  /** Resolves once the first reader list is known (empty, and retrying, when pcscd is down). */
  static async start(opts: PcscServiceOptions = {}): Promise<PcscService> {
    const svc = new PcscService(opts);
    await svc.createLibrary();
    return svc;
  }

  /** False while pcscd cannot be reached; the service keeps retrying in the background. */
  get serviceAvailable(): boolean {
    return this.available;
  }

  readers(): ReaderInfo[] {
    return [...this.entries.entries()].map(([name, e]) => {
      const info: ReaderInfo = { name, cardPresent: e.slot?.present ?? false };
      if (e.slot?.present && e.slot.atrHex) info.atrHex = e.slot.atrHex;
      return info;
    });
  }

  on(listener: (e: ReaderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  waitForCard(reader: string, timeoutMs: number): Promise<void> {
    if (this.entries.get(reader)?.slot?.present) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new KioskError('card.not_present', `no card in "${reader}" within ${timeoutMs} ms`, { reader }));
      }, timeoutMs);
      const off = this.on((e) => {
        if (e.reader === reader && e.type === 'card-inserted') {
          clearTimeout(timer);
          off();
          resolve();
        }
      });
    });
  }

  async connect(reader: string, opts: { exclusive?: boolean } = {}): Promise<CardTransport> {
    if (this.closing) throw new KioskError('reader.service_unavailable', 'the PC/SC service is closed');
    if (!this.available) throw new KioskError('reader.service_unavailable', 'pcscd is not reachable');
    const entry = this.entries.get(reader);
    if (!entry) {
      if (this.entries.size === 0) throw new KioskError('reader.none', 'no card reader is connected', { reader });
      throw new KioskError('reader.gone', `reader "${reader}" is not connected`, { reader });
    }
    if (entry.session?.isOpen) throw new KioskError('card.busy', `a session is already open on "${reader}"`, { reader });
    // A previous session's unpower normally ends within milliseconds; a card that never answered does not.
    const busy = addonBusy(entry.reader);
    if (busy) await Promise.race([busy, new Promise((r) => setTimeout(r, BUSY_READER_WAIT_MS))]);
    if (entry.wedged || addonBusy(entry.reader)) {
      throw new KioskError('card.unresponsive', `"${reader}" is still waiting for the previous card to answer`, { reader, reason: 'reader_wedged' });
    }
    if (!entry.slot?.present) throw new KioskError('card.not_present', `no card in "${reader}"`, { reader });
    const exclusive = opts.exclusive ?? true;
    const protocol = await this.connectWithRetry(entry.reader, exclusive);
    const atr = entry.atr ?? new Uint8Array(0);
    this.log(`session on "${reader}" (${exclusive ? 'exclusive' : 'shared'}), ATR ${entry.slot.atrHex ?? '?'}`);
    const transport: PcscTransport = new PcscTransport(entry.reader, protocol, atr, {
      exclusive,
      transmitTimeoutMs: this.transmitTimeoutMs,
      controlTimeoutMs: this.controlTimeoutMs,
      log: this.log,
      cardPresent: () => this.entries.get(reader)?.slot?.present ?? false,
      onEnded: () => {
        const current = this.entries.get(reader);
        if (current?.session === transport) current.session = undefined;
      },
      onWedged: (settled) => {
        const current = this.entries.get(reader);
        if (!current) return;
        current.wedged = settled;
        void settled.then(() => {
          if (current.wedged === settled) current.wedged = undefined;
        });
      },
    });
    entry.session = transport;
    return transport;
  }

  /** Right after insertion the card may still be powering up; a few quick retries hide that. */
  private async connectWithRetry(reader: CardReader, exclusive: boolean): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await connectReader(reader, exclusive, this.controlTimeoutMs);
      } catch (err) {
        const code = pcscCode((err as { cause?: unknown }).cause);
        const transient = code === PCSC.W_UNPOWERED_CARD || code === PCSC.E_NO_SMARTCARD || code === PCSC.W_RESET_CARD;
        if (!transient || attempt >= 3) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    clearTimeout(this.recreateTimer);
    for (const e of this.entries.values()) await e.session?.close('unpower');
    this.destroyLibrary();
    this.entries.clear();
    this.listeners.clear();
  }

  private emit(e: ReaderEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch (err) {
        this.log(`reader event listener failed: ${String(err)}`);
      }
    }
  }

  private async createLibrary(): Promise<void> {
    const gen = ++this.generation;
    let lib: PCSCLite;
    try {
      lib = pcsclite();
    } catch (err) {
      this.available = false;
      this.log(`pcscd not reachable: ${fromPcscError(err, { reader: '-', op: 'SCardEstablishContext' }).message}`);
      this.scheduleRecreate();
      return;
    }
    this.lib = lib;
    lib.on('error', (err) => this.onLibraryError(gen, err));
    lib.on('reader', (r) => this.onReaderAdded(gen, r));
    // The addon reports every reader-list change only to its own start callback, and says nothing
    // when the list is empty. Wrapping start before the factory's next-tick call tells us when the
    // list (possibly empty) is known.
    const origStart = lib.start.bind(lib);
    const listKnown = new Promise<void>((resolve) => this.listWaiters.push(resolve));
    lib.start = (cb) => origStart((err, data) => {
      cb(err, data);
      if (gen !== this.generation) return;
      if (!err) {
        this.available = true;
        this.recreateAttempt = 0;
      }
      const waiters = this.listWaiters;
      this.listWaiters = [];
      for (const w of waiters) w();
    });
    await Promise.race([listKnown, new Promise((r) => setTimeout(r, FIRST_STATUS_WAIT_MS))]);
    await this.firstStatuses();
  }

  /** Waits (bounded) until every listed reader has reported its first status, so readers() is accurate. */
  private async firstStatuses(): Promise<void> {
    const deadline = Date.now() + FIRST_STATUS_WAIT_MS;
    while (Date.now() < deadline && [...this.entries.values()].some((e) => !e.statusSeen)) {
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private onReaderAdded(gen: number, r: CardReader): void {
    const name = r.name;
    const previous = this.entries.get(name);
    // A re-created library instance reports readers again: keep what was known about the card so
    // that an unchanged card does not look like a new insertion.
    this.entries.set(name, { reader: r, slot: previous?.slot, statusSeen: false, atr: previous?.atr, session: previous?.session, wedged: previous?.wedged });
    if (!previous) {
      this.log(`reader added: ${name}`);
      this.emit({ type: 'reader-added', reader: name });
    }
    r.on('error', (err) => {
      if (gen === this.generation && !this.closing) this.log(`reader "${name}" status error: ${err.message}`);
    });
    r.on('status', (s) => {
      if (gen === this.generation && !this.closing) this.onStatus(name, r, s);
    });
    r.on('end', () => {
      if (gen === this.generation && !this.closing) this.onReaderRemoved(name, r);
    });
  }

  private onStatus(name: string, r: CardReader, s: ReaderStatus): void {
    const entry = this.entries.get(name);
    if (!entry || entry.reader !== r) return;
    const next = slotStateFrom(s.state, s.atr);
    const changes = slotChanges(entry.slot, next);
    entry.slot = next;
    entry.statusSeen = true;
    if (next.present && s.atr) {
      entry.atr = new Uint8Array(s.atr);
      entry.session?.updateAtr(entry.atr);
    }
    for (const c of changes) {
      if (c.type === 'card-removed') {
        entry.session?.invalidate(new KioskError('card.removed', `card removed from "${name}"`, { reader: name }));
        this.log(`card removed: ${name}`);
        this.emit({ type: 'card-removed', reader: name });
      } else {
        this.log(`card inserted: ${name} ATR ${c.atrHex}`);
        this.emit({ type: 'card-inserted', reader: name, atrHex: c.atrHex });
      }
    }
  }

  private onReaderRemoved(name: string, r: CardReader): void {
    const entry = this.entries.get(name);
    if (!entry || entry.reader !== r) return;
    entry.session?.invalidate(new KioskError('reader.gone', `reader "${name}" was removed`, { reader: name }));
    this.entries.delete(name);
    if (entry.slot?.present) this.emit({ type: 'card-removed', reader: name });
    this.log(`reader removed: ${name}`);
    this.emit({ type: 'reader-removed', reader: name });
  }

  private onLibraryError(gen: number, err: Error): void {
    if (gen !== this.generation || this.closing) return;
    // The addon's monitor thread has stopped for good (pcscd stopped or restarted): re-create it.
    this.log(`PC/SC monitor stopped: ${err.message}`);
    this.available = false;
    this.scheduleRecreate();
  }

  private scheduleRecreate(): void {
    if (this.closing || this.recreateTimer) return;
    const delay = RECREATE_BACKOFF_MS[Math.min(this.recreateAttempt, RECREATE_BACKOFF_MS.length - 1)] ?? 5000;
    this.recreateAttempt++;
    this.recreateTimer = setTimeout(() => {
      this.recreateTimer = undefined;
      if (this.closing) return;
      const before = new Set(this.entries.keys());
      this.destroyLibrary();
      void this.createLibrary().then(() => this.reconcile(before));
    }, delay);
    this.recreateTimer.unref?.();
  }

  /** After a re-creation, readers that did not come back are reported as removed. */
  private reconcile(before: Set<string>): void {
    if (this.closing) return;
    for (const name of before) {
      const e = this.entries.get(name);
      if (e && this.lib?.readers[name] !== e.reader) this.onReaderRemoved(name, e.reader);
    }
  }

  private destroyLibrary(): void {
    const lib = this.lib;
    this.lib = undefined;
    if (!lib) return;
    this.generation++;
    for (const r of Object.values(lib.readers)) {
      // The addon's close() takes the mutex a stuck SCardTransmit / SCardConnect holds: it would
      // block the event loop for as long as the card stays silent. Such a reader is left open.
      const busy = addonBusy(r);
      if (busy) {
        // Closed once the addon lets go: its status handle would otherwise keep the process alive.
        this.log(`reader "${r.name}" closed later: a command is still on the wire`);
        void busy.then(() => {
          try {
            r.close();
          } catch (err) {
            this.log(`closing reader monitor failed: ${String(err)}`);
          }
        });
        continue;
      }
      try {
        r.close();
      } catch (err) {
        this.log(`closing reader monitor failed: ${String(err)}`);
      }
    }
    try {
      lib.close();
    } catch (err) {
      this.log(`closing PC/SC monitor failed: ${String(err)}`);
    }
  }
}
