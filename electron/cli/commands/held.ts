// `madoguchi held` — staff's decisions on certificate requests whose print is held, at the kiosk
// (there is no staff screen yet). Every decision is audited with the staff note in issuance_events.
//   held list                                  requests waiting for staff
//   held resolve <requestId> printed  --note   the certificate came out (no receipt is printed)
//   held resolve <requestId> reprint  --note   nothing usable came out: a fresh copy from the back office, no fee
// Run it while the kiosk app is stopped: it opens the kiosk database and the printer itself.
// Money is never handled here — the payment device belongs to the kiosk app: a refund is decided
// in the app, and a reprint that cannot print at all leaves the request 'failed' with the fee owed.
import { parseArgs } from 'node:util';
import { KioskError } from '../../../common/errors';
import { openKioskDb } from '../../../db/kiosk-db';
import { createQueue } from '../../../db/queue';
import { createIssuanceService } from '../../services/issuance/issuance-service';
import type { PaymentDevice } from '../../services/payment/payment-device';
import { createIppPrinter } from '../../services/printing/ipp-printer';

const USAGE = `usage: madoguchi held list --db <kiosk.db> [--json]
       madoguchi held resolve <requestId> printed|reprint --note <what staff found> --db <kiosk.db>
                  --backoffice <url> --printer <ipp uri> [--device <ipp uri>] --kiosk-id <id>`;

/** The CLI touches no money: any payment operation is refused with a clear reason. */
const noMoney: PaymentDevice = {
  collect: () => Promise.reject(new KioskError('payment.failed', 'the technician CLI takes no payments')),
  refund: () => Promise.reject(new KioskError('payment.failed', 'refunds are paid out by the kiosk app; the fee stays owed to the resident')),
  cancel: () => undefined,
};

export async function heldCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      db: { type: 'string' }, note: { type: 'string' }, backoffice: { type: 'string' }, printer: { type: 'string' }, device: { type: 'string' },
      'kiosk-id': { type: 'string' }, json: { type: 'boolean', default: false },
    },
  });
  const [sub, requestId, decision] = positionals;
  if (!values.db || (sub !== 'list' && sub !== 'resolve')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (sub === 'resolve' && (!requestId || (decision !== 'printed' && decision !== 'reprint') || !values.note || !values['kiosk-id']
    || (decision === 'reprint' && (!values.backoffice || !values.printer)))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const db = openKioskDb({ path: values.db });
  try {
    const printer = createIppPrinter({ printerUri: values.printer ?? 'ipp://127.0.0.1:631/printers/none', ...(values.device ? { deviceUri: values.device } : {}) });
    const service = createIssuanceService({
      db, queue: createQueue(db), backOffice: { baseUrl: values.backoffice ?? 'http://127.0.0.1:9' }, printer, payment: noMoney,
      kioskId: values['kiosk-id'] ?? 'unknown', log: (m) => process.stderr.write(`${m}\n`),
    });
    if (sub === 'list') {
      const held = service.listHeld();
      if (values.json) process.stdout.write(`${JSON.stringify(held)}\n`);
      else for (const h of held) process.stdout.write(`${h.requestId}  ${h.state}  ${h.type}  ${h.issuanceNumber ?? '-'}  ¥${h.paid}  ${h.updatedAt}  ${h.lastDetail ?? ''}\n`);
      return 0;
    }
    const r = await service.resolveHeld(requestId!, decision as 'printed' | 'reprint', values.note!, (p) => process.stderr.write(`${p.phase}${p.detail ? ` ${p.detail}` : ''}\n`));
    process.stdout.write(`${JSON.stringify({ requestId, ...r })}\n`);
    return r.state === 'printed' ? 0 : 1;
  } finally {
    db.close();
  }
}
