// `npm run bench:card` — a benchmark, not a test: APDUs, card signatures, bytes and host-side
// milliseconds of a full holder login at a kiosk with a back office, through the real stack
// (pcscd + vpcd + virtual card, OCSP on loopback, the reference back office on loopback): open(),
// the PIN, the kiosk's own verification and the holder's sign-in at the back office.
// Host-side time = wall time minus what the host only waits for: SCardConnect (pcscd powering the
// card; reported apart as connect_ms), the card link, the revocation responder (a timing fetch) and
// the back office (a timing loopback relay in front of it). The waits overlap (the back office's
// challenge is fetched while the card reads its certificate and checks the PIN), so what is taken
// away is the union of their intervals, never their sum. Fast path: a card with extended length;
// chunked path: the same card type with extended length switched off.
// Signatures are the COMPUTE DIGITAL SIGNATURE commands (INS 2A) actually sent to the card.
// Last line: login: apdus=<n> chunked_apdus=<n> signatures=<card signatures per login> host_ms_p50=<x>
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackOffice } from '../../backoffice/server';
import { createHttpRevocationChecker } from '../../common/jpki';
import { CountingTransport, type TransportCounters } from '../../native/counting-transport';
import type { CardTransport } from '../../native/transport';
import { createCardAuthService } from '../../electron/services/auth/holder-auth-service';
import { createHolderSignIn, signInWithCard } from '../../electron/services/kiosk/holder-sign-in';
import { startAuthStack, vpcdReaderName } from '../helpers/auth-stack';
import { kioskKeyOf, testCredentials } from '../helpers/backoffice-access';
import { startBackOfficeRelay } from '../helpers/backoffice-relay';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);
const KIOSK_ID = 'kiosk-bench-card';
/** COMPUTE DIGITAL SIGNATURE (JPKI: CLA 80, INS 2A). */
const INS_SIGN = 0x2a;

interface Run { detectApdus: number; loginApdus: number; signatures: number; loginBytes: number; hostMs: number; connectMs: number; linkMs: number; netMs: number }

const stack = await startAuthStack();
const dir = mkdtempSync(join(tmpdir(), 'madoguchi-bench-card-'));
// The municipality's back office verifies the holder itself, with its own revocation check.
const bo = await startBackOffice({
  dataDir: join(dir, 'backoffice'), demo: true, credentials: testCredentials([KIOSK_ID]),
  revocation: createHttpRevocationChecker({ ocspUrl: stack.env.revocationServer.ocspUrl, crlUrls: { auth: stack.env.revocationServer.crlUrl('auth') }, fetch, timeoutMs: 2000 }),
  revocationFailure: 'fail-closed',
});
const relay = await startBackOfficeRelay(bo.url);
try {
  const fast = await measure('yamada-taro', 0, '1234');
  const chunked = await measure('takahashi-yuko', 1, '1234');
  for (const [name, runs] of [['fast', fast], ['chunked', chunked]] as const) {
    const r = runs[0]!;
    console.log(`${name}: detect_apdus=${r.detectApdus} login_apdus=${r.loginApdus} signatures=${r.signatures} login_bytes=${r.loginBytes} ` +
      `host_ms_p50=${p50(runs.map((x) => x.hostMs)).toFixed(2)} connect_ms_p50=${p50(runs.map((x) => x.connectMs)).toFixed(1)} ` +
      `link_ms_p50=${p50(runs.map((x) => x.linkMs)).toFixed(1)} ` +
      `net_ms_p50=${p50(runs.map((x) => x.netMs)).toFixed(1)} (n=${runs.length})`);
  }
  const all = [...fast, ...chunked];
  const signatures = new Set(all.map((x) => x.signatures));
  if (signatures.size !== 1) throw new Error(`card signatures per login vary: ${[...signatures].join(', ')}`);
  console.log(`login: apdus=${fast[0]!.loginApdus} chunked_apdus=${chunked[0]!.loginApdus} signatures=${[...signatures][0]} ` +
    `host_ms_p50=${p50(fast.map((x) => x.hostMs)).toFixed(2)}`);
} finally {
  await relay.down();
  await bo.close();
  await stack.close();
  rmSync(dir, { recursive: true, force: true });
}

async function measure(profileId: string, reader: 0 | 1, pin: string): Promise<Run[]> {
  await stack.insert(profileId, { reader });
  let counting: CountingTransport | undefined;
  // Every interval the host only waited, by kind (connect, link, net); overlaps are merged at the end.
  let waits: Array<{ kind: 'connect' | 'link' | 'net'; from: number; to: number }> = [];
  const waited = async <T>(kind: 'connect' | 'link' | 'net', work: () => Promise<T>): Promise<T> => {
    const from = performance.now();
    try {
      return await work();
    } finally {
      waits.push({ kind, from, to: performance.now() });
    }
  };
  const timedFetch: typeof fetch = (...args) => waited('net', async () => {
    const res = await fetch(...args);
    const body = await res.arrayBuffer(); // the body transfer is network time too
    return new Response(body, { status: res.status, headers: res.headers });
  });
  const timedLink = (t: CardTransport): CardTransport => ({
    get readerName() {
      return t.readerName;
    },
    get atr() {
      return t.atr;
    },
    transmit: (apdu) => waited('link', () => t.transmit(apdu)),
    close: (disposition) => t.close(disposition),
  });
  // SCardConnect (exclusive, the card powered by pcscd) is timed on its own: the host only waits there.
  const timedConnect = (...args: Parameters<typeof stack.pcsc.connect>) => waited('connect', () => stack.pcsc.connect(...args));
  // Every other member is the shared service's own, called on it.
  const pcsc = new Proxy(stack.pcsc, {
    get(target, key) {
      if (key === 'connect') return timedConnect;
      const v: unknown = Reflect.get(target, key, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  const auth = await createCardAuthService(stack.env.authConfig, {
    pcsc,
    fetch: timedFetch,
    wrapTransport: (t) => (counting = new CountingTransport(timedLink(t))),
  });
  const signIn = createHolderSignIn({ backOffice: { baseUrl: relay.url, kioskKey: kioskKeyOf(KIOSK_ID) }, kioskId: KIOSK_ID });
  const runs: Run[] = [];
  for (let i = 0; i < ITERATIONS + 3; i++) {
    waits = [];
    const exchanged = relay.exchanges.length;
    const t0 = performance.now();
    await auth.open(vpcdReaderName(reader));
    const detect: TransportCounters = counting!.snapshot();
    counting!.reset();
    // What the kiosk's session.login runs: the PIN, local verification, the back office's token.
    const login = await signInWithCard(auth, signIn, pin);
    if (!login.signedIn) throw new Error(`the back office did not sign the holder in: ${login.signInError?.kind ?? '?'}`);
    const wall = performance.now() - t0;
    const counted = counting!.snapshot();
    const t1 = performance.now();
    for (const x of relay.exchanges.slice(exchanged)) waits.push({ kind: 'net', from: x.at, to: x.at + x.ms });
    await auth.close();
    const total = (kind: string) => waits.filter((w) => w.kind === kind).reduce((sum, w) => sum + (w.to - w.from), 0);
    // The first runs warm up the JIT and the CRL/OCSP caches; they are not reported.
    if (i >= 3) {
      runs.push({ detectApdus: detect.apdus, loginApdus: counted.apdus, signatures: counted.trace.filter((c) => c.ins === INS_SIGN).length,
        loginBytes: counted.bytesSent + counted.bytesReceived, hostMs: wall - unionMs(waits, t0, t1),
        connectMs: total('connect'), linkMs: total('link'), netMs: total('net') });
    }
  }
  return runs;
}

/** Milliseconds of [t0, t1] covered by at least one of the intervals. */
function unionMs(intervals: Array<{ from: number; to: number }>, t0: number, t1: number): number {
  let covered = 0;
  let end = t0;
  for (const w of [...intervals].sort((a, b) => a.from - b.from)) {
    const from = Math.max(w.from, end);
    const to = Math.min(w.to, t1);
    if (to > from) covered += to - from;
    end = Math.max(end, to);
  }
  return covered;
}

function p50(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}
