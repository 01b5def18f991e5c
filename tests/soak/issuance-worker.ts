// Crash-soak child: a kiosk on the production issuance assembly (kiosk database, state machine,
// outbox and sync engine, IPP printer, the payment device's journal) serving one resident after
// another — request, pay, print — until the parent SIGKILLs it at a random instant. It loads its
// modules first and waits for "GO" on stdin before it opens the database, so the parent can start it
// while the previous kiosk still runs: only one kiosk process uses the database at a time.
// stdout: "READY" (database open, resume() done), "C <requestId>" once the request's 'printed' state was committed,
// "X <error kind>" when a resident's request failed.
// env: SOAK_DATA, SOAK_BACKOFFICE, SOAK_KIOSK_ID, SOAK_KIOSK_KEY, SOAK_PRINTER, SOAK_HOLDER_TOKEN
import { once } from 'node:events';
import { join } from 'node:path';
import { toKioskError } from '../../common/errors';
import { assembleIssuanceModule } from '../../electron/services/issuance/module';
import { createPlatform } from '../../electron/services/platform/platform';
import { createSimulatedAcceptor } from '../../simulators/payment/simulated-acceptor';

const env = (k: string) => process.env[k] ?? (() => { throw new Error(`${k} missing`); })();
const say = (s: string) => process.stdout.write(`${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let input = '';
process.stdin.setEncoding('utf8');
while (!input.includes('GO\n')) {
  const [chunk] = (await once(process.stdin, 'data')) as [string];
  input += chunk;
}

const dataDir = env('SOAK_DATA');
const kioskId = env('SOAK_KIOSK_ID');
const platform = createPlatform({
  dataDir, kiosk: { id: kioskId, site: 'crash soak', kind: 'municipal' }, softwareVersion: 'soak',
  backOffice: { baseUrl: env('SOAK_BACKOFFICE'), kioskKey: env('SOAK_KIOSK_KEY'), timeoutMs: 2000 },
  printer: { printerUri: env('SOAK_PRINTER'), pollMs: 25 },
  payment: createSimulatedAcceptor({ mode: 'instant', journalPath: join(dataDir, 'payment-journal.json') }),
});
// The production assembly of issuance on the platform (resume() runs inside).
const assembly = await assembleIssuanceModule(platform);
platform.start();
say('READY');
const holderToken = env('SOAK_HOLDER_TOKEN');
for (;;) {
  try {
    const { requestId } = await assembly.service.request({ holderToken, type: 'juminhyo', scope: 'self', options: {}, copies: 1 });
    await assembly.service.pay(requestId, () => undefined);
    // 'printed' is committed before the receipt prints: report it as soon as the row says so.
    let reported = false;
    const report = () => {
      if (!reported && assembly.service.get(requestId)?.state === 'printed') {
        reported = true;
        say(`C ${requestId}`);
      }
    };
    await assembly.service.print(requestId, report);
    report();
  } catch (err) {
    // The back office or the link is down (killed, chaos): say why, and the next resident tries again.
    say(`X ${toKioskError(err).kind}`);
    await sleep(20);
  }
}
