// `npm run bench:card` — a benchmark, not a test: APDUs, bytes and host-side milliseconds of a
// full holder login through the real stack (pcscd + vpcd + virtual card + OCSP on loopback).
// Host-side time = wall time of open()+login() minus what the host only waits for: SCardConnect
// (pcscd powering the card; reported apart as connect_ms), the card link (CountingTransport) and the
// network (a timing fetch). Fast path: a card with extended length; chunked path: the same card type
// with extended length switched off. Each path's p50 is reported on its own.
// Last line: login: apdus=<n> chunked_apdus=<n> fast_host_ms_p50=<x> chunked_host_ms_p50=<x> connect_ms_p50=<x>
import { CountingTransport, type TransportCounters } from '../../native/counting-transport';
import { createCardAuthService } from '../../electron/services/auth/holder-auth-service';
import { startAuthStack, vpcdReaderName } from '../helpers/auth-stack';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);

interface Run { detectApdus: number; loginApdus: number; loginBytes: number; hostMs: number; connectMs: number; linkMs: number; netMs: number }

const stack = await startAuthStack();
try {
  const fast = await measure('yamada-taro', 0, '1234');
  const chunked = await measure('takahashi-yuko', 1, '1234');
  for (const [name, runs] of [['fast', fast], ['chunked', chunked]] as const) {
    const r = runs[0]!;
    console.log(`${name}: detect_apdus=${r.detectApdus} login_apdus=${r.loginApdus} login_bytes=${r.loginBytes} ` +
      `host_ms_p50=${p50(runs.map((x) => x.hostMs)).toFixed(2)} connect_ms_p50=${p50(runs.map((x) => x.connectMs)).toFixed(1)} ` +
      `link_ms_p50=${p50(runs.map((x) => x.linkMs)).toFixed(1)} ` +
      `net_ms_p50=${p50(runs.map((x) => x.netMs)).toFixed(1)} (n=${runs.length})`);
  }
  const host = (runs: Run[]) => p50(runs.map((x) => x.hostMs)).toFixed(2);
  const connect = p50([...fast, ...chunked].map((x) => x.connectMs));
  console.log(`login: apdus=${fast[0]!.loginApdus} chunked_apdus=${chunked[0]!.loginApdus} fast_host_ms_p50=${host(fast)} ` +
    `chunked_host_ms_p50=${host(chunked)} connect_ms_p50=${connect.toFixed(1)}`);
} finally {
  await stack.close();
}

async function measure(profileId: string, reader: 0 | 1, pin: string): Promise<Run[]> {
  await stack.insert(profileId, { reader });
  let counting: CountingTransport | undefined;
  let netMs = 0;
  const timedFetch: typeof fetch = async (...args) => {
    const t0 = performance.now();
    try {
      const res = await fetch(...args);
      const body = await res.arrayBuffer(); // the body transfer is network time too
      return new Response(body, { status: res.status, headers: res.headers });
    } finally {
      netMs += performance.now() - t0;
    }
  };
  // SCardConnect (exclusive, the card powered by pcscd) is timed on its own: the host only waits there.
  let connectMs = 0;
  const timedConnect = async (...args: Parameters<typeof stack.pcsc.connect>) => {
    const t0 = performance.now();
    try {
      return await stack.pcsc.connect(...args);
    } finally {
      connectMs += performance.now() - t0;
    }
  };
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
    wrapTransport: (t) => (counting = new CountingTransport(t)),
  });
  const runs: Run[] = [];
  for (let i = 0; i < ITERATIONS + 3; i++) {
    netMs = 0;
    connectMs = 0;
    const t0 = performance.now();
    await auth.open(vpcdReaderName(reader));
    const detect: TransportCounters = counting!.snapshot();
    counting!.reset();
    await auth.login(pin);
    const wall = performance.now() - t0;
    const login = counting!.snapshot();
    await auth.close();
    const linkMs = detect.linkWaitMs + login.linkWaitMs;
    // The first runs warm up the JIT and the CRL/OCSP caches; they are not reported.
    if (i >= 3) {
      runs.push({ detectApdus: detect.apdus, loginApdus: login.apdus, loginBytes: login.bytesSent + login.bytesReceived,
        hostMs: wall - connectMs - linkMs - netMs, connectMs, linkMs, netMs });
    }
  }
  return runs;
}

function p50(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}
