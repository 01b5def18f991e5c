// Attaches a VirtualCard to pcscd through vsmartcard's vpcd driver. vpcd listens on :35963
// (reader 0) and :35964 (reader 1); the card connects as a TCP client. Frames both ways are a
// 2-byte big-endian length + payload. From vpcd, a 1-byte payload is a control code (0 power off,
// 1 power on, 2 reset, 4 get ATR: answered with the ATR); a longer one is a C-APDU, answered with
// the R-APDU. Closing the socket is pulling the card out.
import { connect } from 'node:net';
import { KioskError } from '../../common/errors';
import type { VirtualCard } from './card';
import type { LinkFault } from './faults';

export const VPCD_BASE_PORT = 35963;
/** A dedicated loopback address: it can carry a `quickack` route (vpcd-route.mjs), 127.0.0.1 cannot. */
export const VPCD_DEFAULT_HOST = '127.0.0.2';
const ATTACH_TIMEOUT_MS = 5000;

export interface InsertedCard {
  readonly card: VirtualCard;
  readonly reader: 0 | 1;
  /** The loopback address the link uses (127.0.0.2 unless that failed or another was asked for). */
  readonly host: string;
  /** C-APDUs received since insertion (control frames not counted). */
  readonly apduCount: number;
  /** C-APDUs received since insertion with this INS byte (0x2A: COMPUTE DIGITAL SIGNATURE). */
  commandsWithIns(ins: number): number;
  /** True until the link is closed (removed, pulled by fault injection, or dropped by pcscd). */
  readonly inserted: boolean;
  /** Closes the link = the card is pulled out. Resolves once the socket is closed. */
  remove(): Promise<void>;
  /** Fault injection: drops the link when `pred` matches an incoming APDU, before answering it. */
  pullOnApdu(pred: (apdu: Uint8Array, index: number) => boolean): void;
  /** Fault injection: a hostile card's way of answering (faults.ts); undefined = the card's own answers. */
  setFault(fault: LinkFault | undefined): void;
  /** Resolves when the link closes for any reason. */
  readonly removed: Promise<void>;
}

/**
 * Inserts `card` into vpcd reader 0 or 1. Resolves once vpcd has accepted the card and sent its
 * first request (GET ATR or POWER ON), i.e. the reader driver inside pcscd sees a card; it does NOT
 * wait for PC/SC clients to observe SCARD_STATE_PRESENT (pcscd polls vpcd about every 400 ms).
 * Rejects with reader.service_unavailable when vpcd is not listening, and card.busy when vpcd does
 * not serve the card within attachTimeoutMs (default 5 s; normally: another virtual card is in that reader).
 */
export async function insertCard(
  card: VirtualCard,
  opts: { reader?: 0 | 1; host?: string; attachTimeoutMs?: number; fault?: LinkFault } = {},
): Promise<InsertedCard> {
  const reader = opts.reader ?? 0;
  if (reader !== 0 && reader !== 1) throw new KioskError('input.invalid', `vpcd reader must be 0 or 1, not ${String(reader)}`);
  const port = VPCD_BASE_PORT + reader;
  const hosts = opts.host ? [opts.host] : [process.env.MADOGUCHI_VPCD_HOST ?? VPCD_DEFAULT_HOST, '127.0.0.1'];
  let lastError: unknown;
  for (const host of [...new Set(hosts)]) {
    try {
      return await attach(card, reader, host, port, opts.attachTimeoutMs ?? ATTACH_TIMEOUT_MS, opts.fault);
    } catch (err) {
      lastError = err;
      if (err instanceof KioskError && err.kind === 'card.busy') throw err;
    }
  }
  throw new KioskError('reader.service_unavailable', `vpcd is not listening on port ${port} (start pcscd: node scripts/setup.mjs)`,
    { reader, port }, { cause: lastError });
}

function attach(card: VirtualCard, reader: 0 | 1, host: string, port: number, attachTimeoutMs: number, initialFault?: LinkFault): Promise<InsertedCard> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, noDelay: true });
    let buffered: Buffer = Buffer.alloc(0);
    let apduCount = 0;
    const byIns = new Map<number, number>();
    let inserted = true;
    let attached = false;
    let pullWhen: ((apdu: Uint8Array, index: number) => boolean) | undefined;
    let fault = initialFault;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    let onRemoved!: () => void;
    const removed = new Promise<void>((r) => (onRemoved = r));

    const timer = setTimeout(() => {
      socket.destroy();
      reject(new KioskError('card.busy', `vpcd reader ${reader} did not take the card within ${attachTimeoutMs} ms (is another virtual card in it?)`, { reader }));
    }, attachTimeoutMs);

    const handle: InsertedCard = {
      card,
      reader,
      host,
      get apduCount() {
        return apduCount;
      },
      commandsWithIns(ins) {
        return byIns.get(ins) ?? 0;
      },
      get inserted() {
        return inserted;
      },
      removed,
      remove() {
        if (inserted) socket.destroy();
        return removed;
      },
      pullOnApdu(pred) {
        pullWhen = pred;
      },
      setFault(f) {
        fault = f;
      },
    };

    // Always one write per frame: vpcd reads the length and the payload with separate recv()s,
    // and two small segments would each wait for a delayed ACK.
    const send = (payload: Uint8Array) => {
      const frame = Buffer.alloc(2 + payload.length);
      frame.writeUInt16BE(payload.length, 0);
      frame.set(payload, 2);
      socket.write(frame);
    };

    const onFrame = (payload: Buffer) => {
      if (!attached) {
        attached = true;
        clearTimeout(timer);
        resolve(handle);
      }
      if (payload.length === 1) {
        const code = payload[0];
        if (code === 0) card.powerOff();
        else if (code === 1) card.powerOn();
        else if (code === 2) card.reset();
        else if (code === 4) send(card.atr);
        return;
      }
      const apdu = new Uint8Array(payload);
      const index = apduCount++;
      byIns.set(apdu[1] ?? -1, (byIns.get(apdu[1] ?? -1) ?? 0) + 1);
      if (pullWhen?.(apdu, index)) {
        socket.destroy();
        return;
      }
      // vpcd sends APDUs only to a powered card; answer whatever comes, as the card would. A fault
      // of the simulator itself (e.g. an unwritable state dir) must not kill the process hosting it:
      // the client sees 6F 00, the developer sees why.
      const own = (cmd: Uint8Array): Uint8Array => {
        try {
          return card.transmit(cmd);
        } catch (err) {
          process.stderr.write(`virtual card ${card.id}: ${err instanceof Error ? err.message : String(err)}\n`);
          return Uint8Array.of(0x6f, 0x00);
        }
      };
      if (!fault) {
        send(own(apdu));
        return;
      }
      const action = fault(apdu, index, own);
      if (action.kind === 'silent') return;
      if (action.kind === 'drop') {
        socket.destroy();
        return;
      }
      if (!action.delayMs) {
        send(action.reply);
        return;
      }
      const t = setTimeout(() => {
        timers.delete(t);
        if (!socket.destroyed) send(action.reply);
      }, action.delayMs);
      timers.add(t);
    };

    socket.on('data', (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && !socket.destroyed) {
        const len = buffered.readUInt16BE(0);
        if (buffered.length < 2 + len) break;
        const payload = buffered.subarray(2, 2 + len);
        buffered = buffered.subarray(2 + len);
        onFrame(payload);
      }
    });
    socket.on('error', (err) => {
      if (!attached) {
        clearTimeout(timer);
        reject(err);
      }
    });
    socket.on('close', () => {
      inserted = false;
      for (const t of timers) clearTimeout(t);
      card.powerOff();
      clearTimeout(timer);
      if (!attached) reject(new KioskError('reader.service_unavailable', `vpcd closed the link on ${host}:${port}`, { reader }));
      onRemoved();
    });
  });
}
