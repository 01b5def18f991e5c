// A command/response channel over a CardTransport: encodes commands, follows 61 xx (GET RESPONSE)
// and 6C xx (resend with the exact Le) generically, absorbs the one 6F 00 some cards give to the
// first command after power-up, and turns status words into typed errors when asked.
import { KioskError } from '../../common/errors';
import type { CardTransport } from '../transport';
import { encodeApdu, parseResponse, type CommandApdu, type ResponseApdu } from './apdu';
import { errorForStatus, SW } from './status-words';

/** Bound on GET RESPONSE rounds so a card that keeps answering 61 xx cannot hold us forever. */
const MAX_GET_RESPONSE = 300;

export interface ApduChannelOptions {
  /**
   * Largest response one command may return after 61 xx chaining (budgets.ts): a card that keeps
   * chaining is stopped by the bytes it sends, not only by the number of rounds.
   */
  maxResponseBytes?: () => number;
}

export class ApduChannel {
  private commandsSent = 0;

  constructor(
    readonly transport: CardTransport,
    private readonly opts: ApduChannelOptions = {},
  ) {}

  /** Sends a command and returns the final response (after 61 xx / 6C xx handling), any SW. */
  async send(cmd: CommandApdu): Promise<ResponseApdu> {
    const first = this.commandsSent === 0;
    let res = await this.raw(cmd);
    if (first && res.sw === SW.POWER_CYCLE_FIRST) res = await this.raw(cmd);
    if (res.sw1 === 0x6c) {
      // Wrong Le: the card says how many bytes it has; ask again for exactly that.
      res = await this.raw({ ...cmd, le: res.sw2 === 0 ? 256 : res.sw2, extended: false });
    }
    if (res.sw1 !== 0x61) return res;
    const parts: Uint8Array[] = [res.data];
    const maxBytes = this.opts.maxResponseBytes?.() ?? Infinity;
    let total = res.data.length;
    for (let i = 0; res.sw1 === 0x61; i++) {
      if (i >= MAX_GET_RESPONSE) throw new KioskError('card.malformed_response', 'GET RESPONSE did not end', { rounds: i, reason: 'endless_chaining' });
      const announced = res.sw2 === 0 ? 256 : res.sw2;
      if (total + announced > maxBytes) {
        throw new KioskError('card.malformed_response', `chained response would exceed ${maxBytes} bytes`, { rounds: i, bytes: total, reason: 'response_too_long' });
      }
      res = await this.raw({ cla: 0x00, ins: 0xc0, p1: 0, p2: 0, le: announced });
      parts.push(res.data);
      total += res.data.length;
      if (total > maxBytes) throw new KioskError('card.malformed_response', `chained response exceeds ${maxBytes} bytes`, { rounds: i, bytes: total, reason: 'response_too_long' });
    }
    const data = new Uint8Array(total);
    let off = 0;
    for (const p of parts) {
      data.set(p, off);
      off += p.length;
    }
    return { ...res, data };
  }

  /** Sends a command and returns its data; any SW other than 90 00 becomes a typed error. */
  async expectOk(cmd: CommandApdu, what: string): Promise<Uint8Array> {
    const res = await this.send(cmd);
    if (res.sw !== SW.OK) throw errorForStatus(res.sw, what);
    return res.data;
  }

  private async raw(cmd: CommandApdu): Promise<ResponseApdu> {
    this.commandsSent++;
    return parseResponse(await this.transport.transmit(encodeApdu(cmd)));
  }
}
