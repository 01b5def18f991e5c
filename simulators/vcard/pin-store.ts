// Retry counters that live "on the card": they persist per card id across insertions and
// processes, as a real card's counters do (a holder who blocked the PIN at one kiosk is blocked at
// the next). One small JSON file per card, replaced atomically (write a temp file, then rename), so
// a crash mid-write leaves the previous state. Only counters and, after CHANGE REFERENCE DATA, the
// SHA-256 of the new value are stored; a demo PIN value is never written out.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** var/vcard/state under the repository (gitignored); override per card or with MADOGUCHI_VCARD_STATE. */
export function defaultStateDir(): string {
  const fromEnv = process.env.MADOGUCHI_VCARD_STATE;
  if (fromEnv) return fromEnv;
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'var', 'vcard', 'state');
}

/** Forgets a card's counters and changed PINs: the next insertion is a card fresh from the office. */
export function resetCardState(cardId: string, stateDir: string = defaultStateDir()): void {
  if (!/^[A-Za-z0-9._-]{1,80}$/.test(cardId)) throw new RangeError(`card id must be a plain file name: '${cardId}'`);
  rmSync(join(stateDir, `${cardId}.json`), { force: true });
}

const KeyState = z.object({ tries: z.number().int().min(0).max(15), valueSha256: z.string().regex(/^[0-9a-f]{64}$/).optional() });
const CardState = z.object({ version: z.literal(1), keys: z.record(z.string(), KeyState) });
type KeyStateT = z.infer<typeof KeyState>;

export interface KeySpec {
  /** The value as issued (demo data). */
  value: string;
  maxTries: number;
  /** Tries left on a card that has no saved state yet (profiles may start low or blocked). */
  initialTries?: number;
}

export type VerifyOutcome = { ok: true } | { ok: false; triesLeft: number; blocked: boolean };

export class PinStore {
  private readonly file: string;

  constructor(
    cardId: string,
    stateDir: string,
    private readonly specs: Readonly<Record<string, KeySpec>>,
  ) {
    if (!/^[A-Za-z0-9._-]{1,80}$/.test(cardId)) throw new RangeError(`card id must be a plain file name: '${cardId}'`);
    this.file = join(stateDir, `${cardId}.json`);
  }

  has(key: string): boolean {
    return key in this.specs;
  }

  maxTries(key: string): number {
    return this.spec(key).maxTries;
  }

  triesLeft(key: string): number {
    return this.keyState(this.load(), key).tries;
  }

  /** Compares the presented bytes; decrements and persists BEFORE the caller answers, as a card does. */
  verify(key: string, presented: Uint8Array): VerifyOutcome {
    const state = this.load();
    const ks = this.keyState(state, key);
    if (ks.tries === 0) return { ok: false, triesLeft: 0, blocked: true };
    const expected = ks.valueSha256 ?? sha256Hex(new TextEncoder().encode(this.spec(key).value));
    const matches = timingSafeEqual(Buffer.from(sha256Hex(presented), 'hex'), Buffer.from(expected, 'hex'));
    const tries = matches ? this.spec(key).maxTries : ks.tries - 1;
    state.keys[key] = { ...ks, tries };
    this.save(state);
    return matches ? { ok: true } : { ok: false, triesLeft: tries, blocked: false };
  }

  /** CHANGE REFERENCE DATA: keeps only a digest of the new value. */
  change(key: string, newValue: Uint8Array): void {
    const state = this.load();
    state.keys[key] = { tries: this.spec(key).maxTries, valueSha256: sha256Hex(newValue) };
    this.save(state);
  }

  private spec(key: string): KeySpec {
    const s = this.specs[key];
    if (!s) throw new RangeError(`no key '${key}' on this card`);
    return s;
  }

  private keyState(state: z.infer<typeof CardState>, key: string): KeyStateT {
    const spec = this.spec(key);
    return state.keys[key] ?? { tries: spec.initialTries ?? spec.maxTries };
  }

  private load(): z.infer<typeof CardState> {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, keys: {} };
      throw err;
    }
    // A damaged state file is a test-environment problem; say which file instead of guessing.
    const parsed = CardState.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`virtual card state ${this.file} is damaged: ${parsed.error.message}`);
    return parsed.data;
  }

  private save(state: z.infer<typeof CardState>): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(state)}\n`);
    renameSync(tmp, this.file);
  }
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
