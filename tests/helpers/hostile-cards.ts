// The hostile-card catalogue shared by tests/integration/hostile-*.test.ts and
// `npm run bench:hostile-cards`: each case is a damaged or hostile card (a vpcd link fault from
// simulators/vcard/faults.ts, or a card whose contents are wrong) with the typed errors a kiosk
// must answer it with. `runHostileCase` drives one case on reader 1 through the real stack while a
// good card on reader 0 is served by a second service, and times both.
import * as pkijs from 'pkijs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { KioskError } from '../../common/errors';
import { OID_EXT_SUBJECT_ALT_NAME } from '../../common/jpki/oids';
import { linkFault, type LinkFaultMode } from '../../simulators/vcard/faults';
import type { VirtualCardConfig } from '../../simulators/vcard/card';
import { DEFAULT_CACHE_DIR, DEFAULT_SEED } from '../../simulators/testpki';
import { createRoot, importSigningKey } from '../../simulators/testpki/issue';
import { DeterministicKeyStore } from '../../simulators/testpki/keys';
import { vpcdReaderName, type AuthStack } from './auth-stack';

export type Mutate = (c: VirtualCardConfig, stack: AuthStack) => Promise<VirtualCardConfig>;

export interface HostileCase {
  id: string;
  profile: string;
  fault?: LinkFaultMode;
  mutate?: Mutate;
  /** Typed errors the kiosk may answer with (the first is the one expected on this stack). */
  kinds: string[];
  /** The step that must fail: reading the card (open) or the PIN step (login). */
  phase: 'open' | 'login';
  /** Longest the card may hold the kiosk until its typed error (default QUICK_MS). */
  maxMs?: number;
}

/** Faults that need no waiting are answered well within this. */
export const QUICK_MS = 1_500;

const withAuthCert = (der: Uint8Array): Mutate => async (c) => ({ ...c, auth: { ...c.auth, certDer: der } });

/** Nested SEQUENCEs as deep as fits in 3,900 bytes: a parser must not recurse itself to death. */
function deepTlv(): Uint8Array {
  let inner: number[] = [0x30, 0x00];
  for (;;) {
    const n = inner.length;
    const head = n < 0x80 ? [0x30, n] : n < 0x100 ? [0x30, 0x81, n] : [0x30, 0x82, n >> 8, n & 0xff];
    if (n + head.length > 3_900) break;
    inner = [...head, ...inner];
  }
  return Uint8Array.from(inner);
}

/** The genuine certificate cut after 900 bytes, its outer header still claiming the full length. */
const truncated: Mutate = async (c) => withAuthCert(c.auth.certDer.slice(0, 900))(c, undefined as never);

const CA_KEYS = new DeterministicKeyStore(DEFAULT_SEED, DEFAULT_CACHE_DIR);

/** Re-signs the card's auth certificate after `edit`, with the test auth CA or with its own key. */
async function resigned(c: VirtualCardConfig, edit: (cert: pkijs.Certificate) => void, by: 'test-ca' | 'self'): Promise<Uint8Array> {
  const cert = pkijs.Certificate.fromBER(c.auth.certDer.slice().buffer);
  edit(cert);
  const key = by === 'test-ca'
    ? (await createRoot(CA_KEYS, DEFAULT_SEED, 'auth', 'test')).privateKey
    : await importSigningKey({ pkcs8: c.auth.keyPkcs8, spki: new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER()) });
  await cert.sign(key, 'SHA-256');
  return new Uint8Array(cert.toSchema(true).toBER(false));
}

/** A subjectAltName with one otherName (a name, as the sign certificate carries). */
function sanExtension(): pkijs.Extension {
  const names = new pkijs.GeneralNames({
    names: [new pkijs.GeneralName({ type: 2, value: 'holder.example' })],
  });
  return new pkijs.Extension({ extnID: OID_EXT_SUBJECT_ALT_NAME, critical: false, extnValue: names.toSchema().toBER(false) });
}

export const HOSTILE_CASES: HostileCase[] = [
  // The link: silence, slowness, dribbling, chaining, disconnection.
  { id: 'silent', profile: 'yamada-hanako', fault: 'silent', kinds: ['card.unresponsive', 'card.too_slow'], phase: 'open', maxMs: 5_800 },
  { id: 'silent-at-sign', profile: 'yamada-hanako', fault: 'silent-at-sign', kinds: ['card.too_slow'], phase: 'login', maxMs: 5_000 },
  { id: 'slow', profile: 'yamada-hanako', fault: 'slow', kinds: ['card.too_slow'], phase: 'open', maxMs: 3_500 },
  { id: 'slow-login', profile: 'yamada-hanako', fault: 'slow-login', kinds: ['card.too_slow'], phase: 'login', maxMs: 9_000 },
  { id: 'drip', profile: 'yamada-hanako', fault: 'drip', kinds: ['card.too_slow'], phase: 'login' },
  { id: 'drip-huge', profile: 'yamada-hanako', fault: 'drip-huge', kinds: ['card.malformed_response'], phase: 'login' },
  { id: 'lying-length', profile: 'yamada-hanako', fault: 'lying-length', kinds: ['card.malformed_response'], phase: 'login' },
  { id: 'short-file', profile: 'yamada-hanako', fault: 'short-file', kinds: ['card.malformed_response'], phase: 'login' },
  { id: 'endless-61xx', profile: 'yamada-hanako', fault: 'endless-61xx', kinds: ['card.malformed_response'], phase: 'login' },
  { id: 'disconnect-read', profile: 'yamada-hanako', fault: 'disconnect-read', kinds: ['card.removed', 'card.unresponsive'], phase: 'login' },
  { id: 'disconnect-sign', profile: 'yamada-hanako', fault: 'disconnect-sign', kinds: ['card.removed', 'card.unresponsive'], phase: 'login' },
  // Status words and sizes no genuine card gives.
  { id: 'bad-sw', profile: 'yamada-hanako', fault: 'bad-sw', kinds: ['card.status_word'], phase: 'open' },
  { id: 'tries-63CF', profile: 'yamada-hanako', fault: 'tries-63CF', kinds: ['card.malformed_response'], phase: 'open' },
  { id: 'tries-63C0', profile: 'yamada-hanako', fault: 'tries-63C0', kinds: ['card.pin_blocked'], phase: 'login' },
  { id: 'verify-63CF', profile: 'yamada-hanako', fault: 'verify-63CF', kinds: ['card.malformed_response'], phase: 'login' },
  { id: 'sig-255', profile: 'yamada-hanako', fault: 'sig-255', kinds: ['card.malformed_response'], phase: 'login' },
  { id: 'sig-512', profile: 'yamada-hanako', fault: 'sig-512', kinds: ['card.malformed_response'], phase: 'login' },
  { id: 'sig-empty', profile: 'yamada-hanako', fault: 'sig-empty', kinds: ['card.malformed_response'], phase: 'login' },
  // Contents: TLV that is deep, truncated or empty.
  { id: 'tlv-deep', profile: 'yamada-hanako', mutate: async (c) => withAuthCert(deepTlv())(c, undefined as never), kinds: ['card.malformed_response', 'auth.bad_certificate'], phase: 'login' },
  { id: 'tlv-truncated', profile: 'yamada-hanako', mutate: truncated, kinds: ['card.malformed_response', 'auth.bad_certificate', 'auth.untrusted_issuer'], phase: 'login' },
  { id: 'tlv-zero', profile: 'yamada-hanako', mutate: async (c) => withAuthCert(Uint8Array.of(0x30, 0x00))(c, undefined as never), kinds: ['card.malformed_response', 'auth.bad_certificate'], phase: 'login' },
  // Certificates: someone else's, expired, look-alike CA, self-signed, an extension the profile never has.
  {
    id: 'other-person', profile: 'yamada-hanako', kinds: ['auth.signature_mismatch'], phase: 'login',
    mutate: async (c, stack) => ({ ...c, auth: { ...c.auth, certDer: (await stack.env.world.holderFor('yamada-taro')).authCertDer } }),
  },
  { id: 'expired', profile: 'sato-jiro', kinds: ['auth.expired'], phase: 'login' },
  { id: 'look-alike-ca', profile: 'ito-makoto', kinds: ['auth.untrusted_issuer'], phase: 'login' },
  {
    id: 'self-signed', profile: 'yamada-hanako', kinds: ['auth.untrusted_issuer', 'auth.bad_certificate'], phase: 'login',
    mutate: async (c) => ({ ...c, auth: { ...c.auth, certDer: await resigned(c, (cert) => (cert.issuer = cert.subject), 'self') } }),
  },
  {
    id: 'odd-extension', profile: 'yamada-hanako', kinds: ['auth.bad_certificate'], phase: 'login',
    mutate: async (c) => ({ ...c, auth: { ...c.auth, certDer: await resigned(c, (cert) => cert.extensions?.push(sanExtension()), 'test-ca') } }),
  },
];

export interface CliOutcome { code: number | null; ms: number; stderr: string; hung: boolean }

export interface HostileOutcome {
  id: string;
  /** The typed error, or 'none' when the login succeeded (a wrong identity for every case here). */
  kind: string;
  reason?: string;
  /** From the first command to the typed error: how long the card held the kiosk. */
  heldMs: number;
  /** Longest time a session on the other reader (reader 0) took to start meanwhile. */
  otherReaderMs: number;
  /** `madoguchi card info` (open-phase cases) or `card login` (login-phase) against the same card. */
  cli?: CliOutcome;
  /** What the hostile session's service wrote to the technician log. */
  log: string[];
}

/** A CLI run that has not ended after this long counts as a hang (and is killed). */
export const CLI_HANG_MS = 20_000;

/** Runs one case: card on reader 1 through one service, while another keeps serving reader 0. */
export async function runHostileCase(stack: AuthStack, c: HostileCase, opts: { cli?: boolean } = {}): Promise<HostileOutcome> {
  const pin = stack.env.world.profiles.find((p) => p.id === c.profile)?.authPin ?? '1234';
  const mutate = c.mutate;
  const card = await stack.insert(c.profile, { reader: 1, ...(mutate ? { mutate: (cfg: VirtualCardConfig) => mutate(cfg, stack) } : {}) });
  if (c.fault) card.setFault(linkFault(c.fault));
  const log: string[] = [];
  const hostile = await stack.service({ log: (m: string) => log.push(m) });
  const other = await stack.service();
  let done = false;
  const t0 = performance.now();
  const attempt = (async () => {
    try {
      await hostile.open(vpcdReaderName(1));
      await hostile.login(pin);
      return { kind: 'none' };
    } catch (err) {
      if (!(err instanceof KioskError)) throw err;
      return { kind: err.kind, ...(typeof err.details.reason === 'string' ? { reason: err.details.reason } : {}) };
    } finally {
      done = true;
    }
  })();
  // Meanwhile the other reader must serve at once, however the hostile card behaves.
  let otherReaderMs = 0;
  await new Promise((r) => setTimeout(r, 150));
  do {
    const s0 = performance.now();
    await other.open(vpcdReaderName(0));
    otherReaderMs = Math.max(otherReaderMs, performance.now() - s0);
    await other.close();
    if (!done) await new Promise((r) => setTimeout(r, 250));
  } while (!done);
  const result = await attempt;
  const heldMs = performance.now() - t0;
  await hostile.close();
  const out: HostileOutcome = { id: c.id, ...result, heldMs: Math.round(heldMs), otherReaderMs: Math.round(otherReaderMs), log };
  if (opts.cli) {
    out.cli = c.phase === 'open'
      ? await runCardCli(['info', '--reader', '1'], '')
      : await runCardCli(['login', '--reader', '1', '--pin-stdin'], `${pin}\n`);
  }
  await card.remove();
  return out;
}

const BIN = fileURLToPath(new URL('../../bin/madoguchi.mjs', import.meta.url));

/** Runs `madoguchi card <args>`: exit code, time, stderr; killed (hung) after CLI_HANG_MS. */
export function runCardCli(args: string[], stdin: string): Promise<CliOutcome> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, 'card', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    child.stdin.end(stdin);
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, CLI_HANG_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, ms: Math.round(performance.now() - t0), stderr, hung });
    });
  });
}

/** Longest a session on the other reader may take to start while a hostile card is being read. */
export const OTHER_READER_MS = 500;

/** The assertions every hostile case must pass; `assertOk(cond, msg)` is node:assert's ok. */
export function checkHostileOutcome(c: HostileCase, r: HostileOutcome, pin: string, assertOk: (v: unknown, msg: string) => void): void {
  assertOk(r.kind !== 'none', `${c.id}: the login must not succeed`);
  assertOk(c.kinds.includes(r.kind), `${c.id}: typed error ${r.kind} (${r.reason ?? '-'}), expected ${c.kinds.join(' or ')}`);
  assertOk(r.heldMs <= (c.maxMs ?? QUICK_MS), `${c.id}: held the kiosk ${r.heldMs} ms (limit ${c.maxMs ?? QUICK_MS})`);
  assertOk(r.otherReaderMs <= OTHER_READER_MS, `${c.id}: a session on the other reader took ${r.otherReaderMs} ms to start`);
  if (r.kind.startsWith('card.') && r.kind !== 'card.pin_blocked') {
    // The technician can tell which failure, where and at which step; never the PIN.
    assertOk(r.log.some((l) => l.includes(r.kind) && l.includes('Virtual PCD 00 01')), `${c.id}: log names kind and reader: ${r.log.join(' | ')}`);
  }
  assertOk(!r.log.some((l) => l.includes(pin)), `${c.id}: the PIN never reaches the log`);
  const cli = r.cli;
  assertOk(cli !== undefined && !cli.hung, `${c.id}: the CLI ended by itself`);
  if (cli) {
    assertOk(cli.code !== 0 && cli.code !== null, `${c.id}: the CLI exits non-zero (got ${String(cli.code)})`);
    assertOk(/madoguchi: .*(card|auth|reader)\./.test(cli.stderr), `${c.id}: the CLI says what went wrong: ${cli.stderr.trim()}`);
  }
}
