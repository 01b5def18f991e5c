// What the accounting system behind a payment holds, read and changed the way the hospital's own
// terminals do: a reception registered at the desk (acceptmodv2 01, which ORCA bills once the
// doctor's orders are in — the demo bills it when the cashier first looks the patient up), another
// terminal opening the patient at the cashier (incomev3 01, its own Karte_Uid), the desk changing a
// bill (the reference accounting system's reviseInvoice), and each bill's 入金 lines (Payment_Reference).
import type { Page } from 'playwright-core';
import type { DevKiosk } from '../../electron/dev-server/dev-kiosk';
import { reviseInvoice } from '../../backoffice/orca/income/billing';
import { DEMO_CHARGES } from '../../backoffice/orca/income/demo-charges';
import { incomeStoreOf, type HistoryRow, type InvoiceRow } from '../../backoffice/orca/income/income-store';
import type { OrcaStore } from '../../backoffice/orca/orca-store';
import type { KioskPage } from './page-models/kiosk-page';
import { ReceptionPage } from './page-models/reception-page';
import { demoPin, lastVisit } from './reception-checks';

type Res = Record<string, unknown>;

function accounting(stack: DevKiosk): { url: string; auth: string } {
  const a = stack.reception?.settings.accounting;
  if (!a) throw new Error('this kiosk has no accounting system');
  return { url: a.url, auth: `Basic ${Buffer.from(`${a.user}:${a.password}`).toString('base64')}` };
}

async function post(stack: DevKiosk, path: string, body: unknown): Promise<Res> {
  const { url, auth } = accounting(stack);
  const r = await fetch(url + path, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return (await r.json()) as Res;
}

/** The demo's embedded accounting system (the back office's ORCA subset). */
export function orcaOf(stack: DevKiosk): OrcaStore {
  const running = stack.issuance?.backOffice.running;
  if (!running) throw new Error('this kiosk has no embedded back office');
  return running.orca;
}

/** The desk registers a reception for today (acceptmodv2 01): the accounting system will bill it. */
export async function receiveAtDesk(stack: DevKiosk, patientId: string, department: string, physician: string): Promise<string> {
  const res = (await post(stack, '/orca11/acceptmodv2?format=json', { acceptreq: {
    Request_Number: '01', Patient_ID: patientId, Acceptance_Time: '09:30:00', Department_Code: department, Physician_Code: physician, Medical_Information: '01',
  } })).acceptres as Res;
  if (!/^(00|K\d)$/.test(String(res.Api_Result))) throw new Error(`acceptmodv2: ${JSON.stringify(res)}`);
  return String(res.Acceptance_Id);
}

/** Another cashier terminal opens the patient (incomev3 01, its own Karte_Uid): ORCA's lock is theirs. */
export async function openAtOtherTerminal(stack: DevKiosk, patientId: string, karteUid = 'desk-cashier-2'): Promise<{ apiResult: string; release: () => Promise<void> }> {
  const res = (await post(stack, '/orca23/incomev3?format=json', { incomev3req: { Request_Number: '01', Request_Mode: '01', Karte_Uid: karteUid, Patient_ID: patientId } })).incomev3res as Res;
  const orcaUid = String(res.Orca_Uid ?? '');
  return {
    apiResult: String(res.Api_Result),
    release: async () => { await post(stack, '/orca23/incomev3?format=json', { incomev3req: { Request_Number: '99', Karte_Uid: karteUid, ...(orcaUid ? { Orca_Uid: orcaUid } : {}) } }); },
  };
}

export const bills = (stack: DevKiosk, patientId: string): InvoiceRow[] => incomeStoreOf(orcaOf(stack)).invoicesOf(patientId);
export const unpaid = (stack: DevKiosk, patientId: string): InvoiceRow[] => bills(stack, patientId).filter((b) => !b.cancelled && b.icMoney < b.acMoney);

/** The bill's 入金 lines (history state 2), each with the kiosk's Payment_Reference. */
export const payments = (stack: DevKiosk, invoiceNumber: string): HistoryRow[] => incomeStoreOf(orcaOf(stack)).history(invoiceNumber).filter((h) => h.state === '2');

/** The desk changes the bill (e.g. an order added: 外科's charges and a 診断書 out of insurance). */
export function reviseAtDesk(stack: DevKiosk, invoiceNumber: string, now = Date.now()): InvoiceRow {
  const orca = orcaOf(stack);
  return reviseInvoice(orca, incomeStoreOf(orca), invoiceNumber, { items: DEMO_CHARGES['10']!.items, outOfInsurance: [{ name: '診断書', yen: 3300 }] }, now);
}

/** The demo's way to a bill: the patient checks in at this kiosk first (病院の受付), which registers
 *  their 照会番号 with the eligibility service and a reception the accounting system bills. The
 *  patient's ID in the accounting system (a first visit registers them). */
export async function receptionFirst(stack: DevKiosk, page: Page, kiosk: KioskPage, holderId: string, department: string): Promise<string> {
  const r = new ReceptionPage(page, kiosk);
  await r.checkIn(holderId, demoPin(holderId));
  await r.choose({ consent: 'all', prescription: 'paper' });
  await r.register(department);
  await page.locator('[data-slip="printed"]').waitFor();
  await r.finish(holderId);
  const patientId = lastVisit(stack)?.patientId;
  if (!patientId) throw new Error(`${holderId}'s reception has no patient ID`);
  return patientId;
}
