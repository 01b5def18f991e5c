// `madoguchi held` — staff's decisions on certificate requests whose print is held, from a shell at
// the kiosk, for when the app cannot run (the running app's staff screen does the same, and refunds
// too). Every decision is audited with the staff note in issuance_events.
//   held list                                  requests waiting for staff
//   held resolve <requestId> printed  --note   the certificate came out (no receipt is printed)
//   held resolve <requestId> reprint  --note   nothing usable came out: a fresh copy from the back office, no fee
// Run it while the kiosk app is stopped: it opens the kiosk database and the printer itself.
// On an installed kiosk `--config <file>` takes all of that (database, back office with its TLS
// material, printer, kiosk id) from the installation's configuration.
// Money is never handled here — the payment device belongs to the kiosk app: a refund is decided
// in the app, and a reprint that cannot print at all leaves the request 'failed' with the fee owed.
import { join } from 'node:path';
import { KioskError } from '../../../common/errors';
import { openKioskDb } from '../../../db/kiosk-db';
import { createQueue } from '../../../db/queue';
import { createIssuanceService } from '../../services/issuance/issuance-service';
import type { IssuanceService } from '../../services/issuance/types';
import { loadInstallationConfig } from '../../services/installation/config';
import type { PaymentDevice } from '../../services/payment/payment-device';
import { createIppPrinter } from '../../services/printing/ipp-printer';
import type { IppPrinterOptions } from '../../services/printing/types';
import type { BackOfficeClientOptions } from '../../services/sync/http-client';
import { HELD_LIST, HELD_RESOLVE } from '../command-list';
import { parseCommand, UsageError } from '../command-spec';

interface HeldTarget {
  dbPath: string;
  kioskId: string | undefined;
  backOffice: BackOfficeClientOptions | undefined;
  printer: IppPrinterOptions | undefined;
}

/** Where the kiosk's database, back office and printer are: the installation's file, or the flags. */
function targetOf(values: Readonly<Record<string, string | boolean | undefined>>): HeldTarget | null {
  const flag = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const configPath = flag('config');
  if (configPath) {
    const c = loadInstallationConfig(configPath);
    if (!c.dataDir) throw new KioskError('input.invalid', `configuration ${configPath}: dataDir: needed to find the kiosk database`, { field: 'dataDir' });
    return { dbPath: join(c.dataDir, 'kiosk.db'), kioskId: c.kiosk?.id, backOffice: c.backOffice ?? undefined, printer: c.printer ?? undefined };
  }
  const db = flag('db');
  if (!db) return null;
  const backoffice = flag('backoffice');
  const printer = flag('printer');
  const device = flag('device');
  return {
    dbPath: db, kioskId: flag('kiosk-id'),
    backOffice: backoffice ? {
      baseUrl: backoffice,
      ...(process.env.MADOGUCHI_KIOSK_KEY ? { kioskKey: process.env.MADOGUCHI_KIOSK_KEY } : {}),
      ...(process.env.MADOGUCHI_STAFF_KEY ? { staffKey: process.env.MADOGUCHI_STAFF_KEY } : {}),
    } : undefined,
    printer: printer ? { printerUri: printer, ...(device ? { deviceUri: device } : {}) } : undefined,
  };
}

/** The CLI touches no money: any payment operation is refused with a clear reason. */
const noMoney: PaymentDevice = {
  collect: () => Promise.reject(new KioskError('payment.failed', 'the technician CLI takes no payments')),
  refund: () => Promise.reject(new KioskError('payment.failed', 'refunds are paid out by the kiosk app; the fee stays owed to the resident')),
  cancel: () => undefined,
};

/** `madoguchi held list|resolve …`: the command line is checked before the database is opened. */
export async function heldCommand(sub: string, argv: string[]): Promise<number> {
  if (sub === 'list') {
    const { values } = parseCommand(HELD_LIST, argv);
    return withService(needTarget(HELD_LIST.name, values), (service) => {
      const held = service.listHeld();
      if (values.json) process.stdout.write(`${JSON.stringify(held)}\n`);
      else for (const h of held) process.stdout.write(`${h.requestId}  ${h.state}  ${h.type}  ${h.issuanceNumber ?? '-'}  ¥${h.paid}  ${h.updatedAt}  ${h.lastDetail ?? ''}\n`);
      return Promise.resolve(0);
    });
  }
  const { values, positionals } = parseCommand(HELD_RESOLVE, argv);
  const [requestId, decision] = positionals;
  const target = needTarget(HELD_RESOLVE.name, values);
  const wrong = (why: string) => new UsageError(HELD_RESOLVE.name, why);
  if (positionals.length !== 2 || !requestId || (decision !== 'printed' && decision !== 'reprint')) throw wrong('takes <requestId> printed|reprint');
  if (!values.note) throw wrong('needs --note <what staff found>');
  if (!target.kioskId) throw wrong('needs --kiosk-id <id> (or a configuration that names the kiosk)');
  if (decision === 'reprint' && (!target.backOffice || !target.printer)) throw wrong('a reprint needs the back office and the printer (--backoffice and --printer, or --config)');
  const note = values.note;
  return withService(target, async (service) => {
    const r = await service.resolveHeld(requestId, decision, note, (p) => process.stderr.write(`${p.phase}${p.detail ? ` ${p.detail}` : ''}\n`));
    process.stdout.write(`${JSON.stringify({ requestId, ...r })}\n`);
    return r.state === 'printed' ? 0 : 1;
  });
}

function needTarget(command: string, values: Readonly<Record<string, string | boolean | undefined>>): HeldTarget {
  const target = targetOf(values);
  if (!target) throw new UsageError(command, 'needs --config <file> or --db <kiosk.db>');
  return target;
}

/** The issuance service over the kiosk database, closed when `work` is done. */
async function withService(target: HeldTarget, work: (service: IssuanceService) => Promise<number>): Promise<number> {
  const db = openKioskDb({ path: target.dbPath });
  try {
    const printer = createIppPrinter(target.printer ?? { printerUri: 'ipp://127.0.0.1:631/printers/none' });
    const service = createIssuanceService({
      db, queue: createQueue(db), backOffice: target.backOffice ?? { baseUrl: 'http://127.0.0.1:9' }, printer, payment: noMoney,
      kioskId: target.kioskId ?? 'unknown', log: (m) => process.stderr.write(`${m}\n`),
    });
    return await work(service);
  } finally {
    db.close();
  }
}
