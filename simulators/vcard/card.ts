// The virtual My Number Card: a pure, in-process APDU processor that answers exactly as
// jpki-card.md §12 lists (AIDs, EFs, access conditions, status words, retry counters that persist
// per card). vpcd-link.ts attaches it to pcscd so any PC/SC client can use it as a real card.
import { randomBytes } from 'node:crypto';
import { parseCommand, respond, SW, triesLeftSw, type CommandApdu } from './apdu';
import { AIDS, buildFileSystem, type Access, type Application, type Ef } from './applications';
import { ATRS, DEFAULT_QUIRKS, type CardQuirks, type VirtualCardConfig } from './card-config';
import { PinStore, defaultStateDir } from './pin-store';
import { computeSignature } from './signing';

export { ATRS, DEFAULT_QUIRKS, type CardQuirks, type VirtualCardConfig } from './card-config';

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

export class VirtualCard {
  readonly id: string;
  readonly quirks: Readonly<CardQuirks>;
  private readonly apps: Application[];
  private readonly pins: PinStore;
  private powered = false;
  private app: Application | undefined;
  private current: { id: number; ef: Ef } | undefined;
  private readonly verified = new Set<string>();
  private swallowNext = false;

  constructor(config: VirtualCardConfig) {
    this.id = config.id;
    this.quirks = { ...DEFAULT_QUIRKS, ...config.quirks };
    const fs = buildFileSystem(config, this.quirks);
    this.apps = fs.applications;
    this.pins = new PinStore(config.id, config.stateDir ?? defaultStateDir(), fs.keys);
  }

  get atr(): Uint8Array {
    return ATRS[this.quirks.atr].slice();
  }

  get isPowered(): boolean {
    return this.powered;
  }

  /** Tries left for a key reference such as 'jpki.auth' (for tests and the demo tray). */
  triesLeft(key: string): number {
    return this.pins.triesLeft(key);
  }

  /** Cold start: returns the ATR; clears the security state and the selection. */
  powerOn(): Uint8Array {
    this.clearSession();
    this.powered = true;
    this.swallowNext = this.quirks.sixF00AfterPowerOn;
    return this.atr;
  }

  powerOff(): void {
    this.clearSession();
    this.powered = false;
  }

  /** Warm reset: the selection is lost; verified PINs too unless the quirk says otherwise. */
  reset(): Uint8Array {
    const keep = this.quirks.warmResetClearsVerify ? [] : [...this.verified];
    const app = this.quirks.warmResetClearsVerify ? undefined : this.app;
    this.clearSession();
    keep.forEach((k) => this.verified.add(k));
    this.app = app;
    this.powered = true;
    return this.atr;
  }

  /** Processes one C-APDU and returns the R-APDU (data + SW1 SW2). Never throws on card input. */
  transmit(apdu: Uint8Array): Uint8Array {
    if (!this.powered) return respond(SW.NO_PRECISE_DIAGNOSIS);
    if (this.swallowNext) {
      this.swallowNext = false;
      return respond(SW.NO_PRECISE_DIAGNOSIS);
    }
    const cmd = parseCommand(apdu);
    if (!cmd) return respond(SW.WRONG_LENGTH);
    const claError = checkCla(cmd.cla);
    if (claError) return respond(claError);
    if (cmd.extended && !this.quirks.extendedLength) return respond(SW.WRONG_LENGTH);
    const proprietary = (cmd.cla & 0x80) !== 0;
    const handler = (proprietary ? this.proprietary : this.interindustry)[cmd.ins];
    if (handler) return handler.call(this, cmd);
    const otherClass = (proprietary ? this.interindustry : this.proprietary)[cmd.ins];
    return respond(otherClass ? SW.CLA_NOT_SUPPORTED : SW.INS_NOT_SUPPORTED);
  }

  private readonly interindustry: Record<number, (cmd: CommandApdu) => Uint8Array> = {
    0xa4: this.select,
    0xb0: this.readBinary,
    0xb2: this.readRecord,
    0x20: this.verify,
    0x24: this.changeReferenceData,
    0xca: this.getData,
    0x84: this.getChallenge,
  };

  private readonly proprietary: Record<number, (cmd: CommandApdu) => Uint8Array> = {
    0x2a: this.computeDigitalSignature,
    0x32: this.changeReferenceData, // CHANGE KEY (共通AP / 住基AP PIN): same effect here
  };

  private clearSession(): void {
    this.app = undefined;
    this.current = undefined;
    this.verified.clear();
    this.swallowNext = false;
  }

  private allowed(access: Access): boolean {
    if (access === 'free') return true;
    if (access === 'never') return false;
    return access.some((k) => this.verified.has(k));
  }

  /** The EF addressed by P2 = 80 (current EF) or 80 + SFI (and, for reads, P1 = 80 + SFI). */
  private efBySfi(sfi: number): { id: number; ef: Ef } | undefined {
    const ef = this.app?.efs.get(sfi);
    return ef ? { id: sfi, ef } : undefined;
  }

  private select(cmd: CommandApdu): Uint8Array {
    if (cmd.p1 === 0x04) {
      if (cmd.p2 !== 0x0c && cmd.p2 !== 0x00) return respond(SW.WRONG_P1P2);
      if (equal(cmd.data, AIDS.isd) && this.apps.length > 0) {
        this.clearSession(); // back to the MF-level state where GET DATA works
        return respond(SW.OK);
      }
      const app = this.apps.find((a) => equal(a.aid, cmd.data));
      if (!app) return respond(SW.FILE_NOT_FOUND);
      const same = this.app === app;
      if (!same || this.quirks.reselectClearsVerify) this.verified.clear();
      this.app = app;
      this.current = undefined;
      // P2 00 asks for the FCI: only the DF name is given (no client needs more).
      return cmd.p2 === 0x00 ? respond(SW.OK, Uint8Array.of(0x6f, app.aid.length + 2, 0x84, app.aid.length, ...app.aid)) : respond(SW.OK);
    }
    if (cmd.p1 === 0x02) {
      if (cmd.data.length !== 2) return respond(SW.WRONG_LENGTH);
      const id = (cmd.data[0]! << 8) | cmd.data[1]!;
      const ef = this.app?.efs.get(id);
      if (!ef) return respond(SW.FILE_NOT_FOUND);
      this.current = { id, ef };
      return respond(SW.OK);
    }
    if (cmd.p1 === 0x00) {
      if (cmd.data.length > 0) return respond(SW.FILE_NOT_FOUND); // 3F00 included: no MF files
      return respond(this.app ? SW.OK : SW.WRONG_P1P2);
    }
    return respond(SW.WRONG_P1P2);
  }

  private readBinary(cmd: CommandApdu): Uint8Array {
    let offset: number;
    if (cmd.p1 & 0x80) {
      if (cmd.p1 & 0x60) return respond(SW.WRONG_P1P2);
      const target = this.efBySfi(cmd.p1 & 0x1f);
      if (!target) return respond(SW.FILE_NOT_FOUND);
      this.current = target;
      offset = cmd.p2;
    } else {
      offset = (cmd.p1 << 8) | cmd.p2;
    }
    if (!this.current) return respond(SW.NO_CURRENT_EF);
    const ef = this.current.ef;
    if (ef.type !== 'binary') return respond(SW.INCOMPATIBLE_FILE);
    if (!this.allowed(ef.read)) return respond(SW.SECURITY_STATUS);
    if (cmd.ne === undefined || cmd.data.length > 0) return respond(SW.WRONG_LENGTH);
    const content = ef.content();
    if (offset >= content.length) return respond(this.quirks.eofSw === '6282' ? SW.EOF_WARNING : SW.OFFSET_BEYOND_EOF);
    return respond(SW.OK, content.subarray(offset, Math.min(content.length, offset + cmd.ne)));
  }

  private readRecord(cmd: CommandApdu): Uint8Array {
    if ((cmd.p2 & 0x07) !== 0x04) return respond(SW.WRONG_P1P2);
    const sfi = cmd.p2 >> 3;
    const target = sfi === 0 ? this.current : this.efBySfi(sfi);
    if (!target) return respond(sfi === 0 ? SW.NO_CURRENT_EF : SW.FILE_NOT_FOUND);
    this.current = target;
    const ef = target.ef;
    if (ef.type !== 'record') return respond(SW.INCOMPATIBLE_FILE);
    if (!this.allowed(ef.read)) return respond(SW.SECURITY_STATUS);
    const record = ef.records()[cmd.p1 - 1];
    if (cmd.p1 === 0 || !record) return respond(SW.RECORD_NOT_FOUND);
    return respond(SW.OK, record.subarray(0, Math.min(record.length, cmd.ne ?? 256)));
  }

  /** The PIN EF addressed by P2 = 80 (current EF) or 80 + SFI. */
  private pinTarget(p2: number): { ef: Extract<Ef, { type: 'pin' }> } | { sw: number } {
    if ((p2 & 0xe0) !== 0x80) return { sw: SW.WRONG_P1P2 };
    const target = (p2 & 0x1f) === 0 ? this.current : this.efBySfi(p2 & 0x1f);
    if (!target) return { sw: (p2 & 0x1f) === 0 ? SW.NO_CURRENT_EF : SW.DATA_NOT_FOUND };
    if (target.ef.type !== 'pin') return { sw: SW.DATA_NOT_FOUND };
    return { ef: target.ef };
  }

  private verify(cmd: CommandApdu): Uint8Array {
    if (cmd.p1 !== 0x00) return respond(SW.WRONG_P1P2);
    const t = this.pinTarget(cmd.p2);
    if ('sw' in t) return respond(t.sw);
    const key = t.ef.key;
    const left = this.pins.triesLeft(key);
    if (left === 0) return respond(SW.BLOCKED);
    if (cmd.data.length === 0) {
      // Retry query: never consumes a try. After a login some cards say 90 00, one said 63 Cx.
      if (this.verified.has(key) && this.quirks.emptyVerifyAfterLogin === '9000') return respond(SW.OK);
      return respond(triesLeftSw(left));
    }
    const outcome = this.pins.verify(key, cmd.data);
    if (outcome.ok) {
      this.verified.add(key);
      return respond(SW.OK);
    }
    this.verified.delete(key);
    return respond(triesLeftSw(outcome.triesLeft));
  }

  private changeReferenceData(cmd: CommandApdu): Uint8Array {
    const isChangeKey = cmd.ins === 0x32;
    if (cmd.p1 !== (isChangeKey ? 0x00 : 0x01)) return respond(SW.WRONG_P1P2);
    const t = this.pinTarget(cmd.p2);
    if ('sw' in t) return respond(t.sw);
    if (!this.verified.has(t.ef.key)) return respond(SW.SECURITY_STATUS);
    if (cmd.data.length < t.ef.minLength || cmd.data.length > t.ef.maxLength) return respond(SW.WRONG_DATA);
    this.pins.change(t.ef.key, cmd.data);
    return respond(SW.OK);
  }

  private computeDigitalSignature(cmd: CommandApdu): Uint8Array {
    let target: { id: number; ef: Ef } | undefined;
    if (cmd.p2 === 0x00 && this.app?.name === 'text') target = this.efBySfi(0x13); // the text AP's own key
    else if ((cmd.p2 & 0xe0) !== 0x80) return respond(SW.WRONG_P1P2);
    else target = (cmd.p2 & 0x1f) === 0 ? this.current : this.efBySfi(cmd.p2 & 0x1f);
    if (!target) return respond((cmd.p2 & 0x1f) === 0 ? SW.NO_CURRENT_EF : SW.DATA_NOT_FOUND);
    if (target.ef.type !== 'privateKey') return respond(SW.INCOMPATIBLE_FILE);
    if (!this.allowed(target.ef.use)) return respond(SW.SECURITY_STATUS);
    const result = computeSignature(cmd.p1, cmd.data, target.ef.key());
    return 'signature' in result ? respond(SW.OK, result.signature) : respond(result.sw);
  }

  private getData(cmd: CommandApdu): Uint8Array {
    if (this.app) return respond(SW.CONDITIONS_OF_USE); // MF level only
    const tag = (cmd.p1 << 8) | cmd.p2;
    const objects: Record<number, Uint8Array> = { 0x5f51: this.atr.subarray(1) };
    const value = objects[tag];
    if (!value) return respond(SW.DATA_NOT_FOUND);
    return respond(SW.OK, value.subarray(0, Math.min(value.length, cmd.ne ?? 256)));
  }

  private getChallenge(cmd: CommandApdu): Uint8Array {
    if (cmd.extended) return respond(SW.CONDITIONS_OF_USE);
    if (cmd.ne === undefined || cmd.ne > 16) return respond(SW.WRONG_LENGTH);
    return respond(SW.OK, new Uint8Array(randomBytes(cmd.ne)));
  }
}

/** CLA checks (§2.3, §8): channel ≠ 0 → 68 81, secure messaging → 68 82, chaining → 68 84. */
function checkCla(cla: number): number | undefined {
  const interindustryFirst = (cla & 0xe0) === 0x00 || (cla & 0xf0) === 0x80;
  const interindustryFurther = (cla & 0xc0) === 0x40;
  if (cla === 0xff || (!interindustryFirst && !interindustryFurther)) return SW.CLA_NOT_SUPPORTED;
  if (cla & 0x10) return SW.CHAINING_NOT_SUPPORTED;
  if (interindustryFurther) return SW.CHANNEL_NOT_SUPPORTED; // channels 4–19
  if (cla & 0x03) return SW.CHANNEL_NOT_SUPPORTED;
  if (cla & 0x0c) return SW.SM_NOT_SUPPORTED;
  return undefined;
}
