// Child process for tests/crash/issuance-*.test.ts: a kiosk that runs one certificate request up to
// a given state, says so on stdout ("at <state> <requestId>"), and then keeps working (or waits)
// until the parent SIGKILLs it. Everything it needs comes from the environment.
import { openKioskDb } from '../../db/kiosk-db';
import { createQueue } from '../../db/queue';
import { createIssuanceService } from '../../electron/services/issuance/issuance-service';
import { createIppPrinter } from '../../electron/services/printing/ipp-printer';
import { createSimulatedAcceptor } from '../../simulators/payment/simulated-acceptor';

const env = (k: string) => process.env[k] ?? (() => { throw new Error(`${k} missing`); })();
const stopAt = env('ISSUE_STOP_AT') as 'requested' | 'authorized' | 'paid' | 'printing';
const db = openKioskDb({ path: env('ISSUE_KIOSK_DB') });
const queue = createQueue(db);
const payment = createSimulatedAcceptor({ mode: stopAt === 'authorized' ? 'manual' : 'instant', journalPath: env('ISSUE_PAYMENT_JOURNAL') });
const base = Number(env('ISSUE_CLOCK_BASE')) - Date.now();
const service = createIssuanceService({ db, queue, backOffice: { baseUrl: env('ISSUE_BACKOFFICE'), kioskKey: env('ISSUE_KIOSK_KEY') }, payment, kioskId: 'kiosk-test-1',
  printer: createIppPrinter({ printerUri: env('ISSUE_PRINTER'), pollMs: 50 }), clock: () => new Date(Date.now() + base) });
const say = (s: string) => process.stdout.write(`${s}\n`);

const { requestId } = await service.request({ holderToken: env('ISSUE_HOLDER_TOKEN'), type: 'juminhyo', scope: 'self', options: {}, copies: 1 });
if (stopAt === 'authorized') {
  // Money goes in and the device completes, then the kiosk dies before recording it.
  void service.pay(requestId, () => undefined);
  payment.insert(100);
  payment.insert(100);
  say(`at authorized ${requestId}`);
} else {
  await service.pay(requestId, () => undefined);
  if (stopAt === 'paid') say(`at paid ${requestId}`);
  else void service.print(requestId, (p) => { if (p.phase === 'printing') say(`at printing ${requestId}`); });
}
setInterval(() => undefined, 1000);
