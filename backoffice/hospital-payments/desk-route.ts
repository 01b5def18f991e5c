// The payment desk (staff): GET /v1/hospital/desk/{date}/payments — a day's payments at every kiosk
// of the calling kiosk's hospital (from their billing.* events), the bills of that day the accounting
// system still waits for, payments held by a device fault, refunds, and the settlement by method
// reconciled against the accounting system's 入金 / 返金 lines of the day carrying a kiosk's
// Payment_Reference. Called by staff holding the 'settlement' role (a hospital's cashier; reception
// staff without it see the visits, not the money) at a kiosk the operator registered to the
// hospital: the hospital is the kiosk's, never one the request names. No names.
import type { DeskPaymentsResponse } from '../../common/backoffice-api';
import { DeskPaymentsResponse as DeskPaymentsResponseSchema } from '../../common/backoffice-api';
import { route } from '../http/route';
import { incomeStoreOf } from '../orca/income/income-store';
import type { OrcaStore } from '../orca/orca-store';
import type { BackOfficeContext } from '../routes/context';
import { hospitalDeskScope } from '../routes/desk';
import { foldPayments } from './desk-events';
import { settle, type AccountingLine } from './desk-settlement';

type Unpaid = DeskPaymentsResponse['unpaid'];

/** The accounting system's side of a day: outpatient bills with something still due, and the referenced lines. */
function accountingOf(orca: OrcaStore, date: string): { unpaid: Unpaid; lines: AccountingLine[] } {
  const income = incomeStoreOf(orca);
  const unpaid = income.invoicesOn(date)
    .filter((i) => i.inOut === 'O' && !i.cancelled && i.acMoney - i.icMoney > 0)
    .slice(0, 1000)
    .map((i) => ({ patientRef: i.patientId, invoiceNumber: i.invoiceNumber, performedOn: i.performDate, department: i.departmentCode, due: i.acMoney - i.icMoney }));
  const lines = income.referencedLinesOn(date).map((h) => ({ reference: h.paymentReference!, invoiceNumber: h.invoiceNumber, amount: h.icMoney }));
  return { unpaid, lines };
}

export function deskPaymentRoutes(ctx: BackOfficeContext) {
  return [
    route({
      method: 'GET', path: '/v1/hospital/desk/{date}/payments', operationId: 'getPaymentDesk', tag: 'hospital',
      access: { caller: 'staff', role: 'settlement' },
      summary: 'The payment desk: a day\'s payments (Japan time) at every kiosk of the calling kiosk\'s hospital, bills still unpaid in the accounting system, held payments, refunds, and the settlement by method reconciled per payment against the accounting system\'s 入金/返金 lines of the day; no names',
      response: DeskPaymentsResponseSchema, errors: [401, 403],
      handler: async ({ params, principal }) => {
        const { day, institution, kiosks } = await hospitalDeskScope(ctx, params.date, principal, 'payment desk');
        const payments = foldPayments(await ctx.store.billingEvents(kiosks, day.from, day.to));
        let accounting: DeskPaymentsResponse['accounting'] = ctx.orca ? 'available' : 'none';
        let read: ReturnType<typeof accountingOf> | null = null;
        if (ctx.orca) {
          try {
            read = accountingOf(ctx.orca, params.date!);
          } catch (err) {
            // The desk still shows the kiosks' payments; the settlement says it could not be checked.
            console.error(`backoffice: payment desk: the accounting system could not be read: ${(err as Error).message}`);
            accounting = 'unavailable';
          }
        }
        const rows = payments.map((f) => f.row).reverse();
        return {
          body: {
            date: params.date!, medicalInstitutionCode: institution, accounting,
            unpaid: read?.unpaid ?? [],
            held: rows.filter((r) => r.status === 'held').slice(0, 1000),
            payments: rows.slice(0, 2000),
            settlement: settle(payments, read?.lines ?? null),
          },
        };
      },
    }),
  ];
}
