// The kiosk's cashier client: ORCA's /orca23/incomev3 (請求一覧, 請求確認, 入金, 返金, 再発行, unlock)
// and the statementv2 subset for the 明細書, over the same transport as the reception client
// (../orca/orca-transport.ts: Basic auth, WebORCA's /api prefix and client certificate, one bound per
// request). The kiosk is one cashier terminal: its Karte_Uid (per kiosk, from the billing
// configuration) names it to ORCA, and every change names the Orca_Uid its 01 answered (the lock).
// Answers are read by income-answers.ts; failures are the kinds of the Cashier port (ports.ts).
import { KioskError } from '../../../common/errors';
import { createOrcaTransport, type OrcaTransportOptions } from '../orca/orca-transport';
import { answerOf, ensureIncomeOk, readAfterChange, readBill, readLock, readStatement, readUnpaidBills } from './income-answers';
import type { Bill, Cashier, CashierLock, IcCode, StatementItem } from './ports';

export interface IncomeClientOptions {
  /** ORCA's base URL (WebORCA: with its /api prefix). */
  url: string;
  user: string;
  password: string;
  /** This kiosk as a cashier terminal (ORCA's カルテUID): one per kiosk, so a restart can release its own locks. */
  karteUid: string;
  /** Per request; a slower answer is 'accounting.unavailable' (default 5 s). */
  timeoutMs?: number;
  /** HTTPS: the server's CA and the client certificate WebORCA requires (PEM). */
  tls?: Pick<OrcaTransportOptions, 'ca' | 'cert' | 'key'>;
  /** An on-premises ORCA on the clinic's LAN over plain HTTP (loopback is always allowed). */
  allowPlainHttp?: boolean;
}

/** ORCA runs on Japan time: 処理日 and 処理時刻 of a 入金 are JST wall-clock. */
function jstProcessing(at: number): { Processing_Date: string; Processing_Time: string } {
  const iso = new Date(at + 9 * 3600_000).toISOString();
  return { Processing_Date: iso.slice(0, 10), Processing_Time: iso.slice(11, 16) };
}

const wholeYen = (n: number, field: string) => {
  if (!Number.isSafeInteger(n) || n <= 0) throw new KioskError('input.invalid', `${field} must be a whole number of yen above 0 (got ${n})`, { field });
  return String(n);
};

export function createIncomeClient(options: IncomeClientOptions): Cashier & { close(): void } {
  const karteUid = options.karteUid.trim();
  if (!karteUid) throw new KioskError('input.invalid', 'the cashier terminal needs its Karte_Uid', { field: 'karteUid' });
  const transport = createOrcaTransport({
    url: options.url, user: options.user, password: options.password,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.allowPlainHttp !== undefined ? { allowPlainHttp: options.allowPlainHttp } : {}),
    ...options.tls,
  });

  async function income(req: Record<string, string>) {
    return answerOf(await transport.call('POST', '/orca23/incomev3', {}, { incomev3req: { Karte_Uid: karteUid, ...req } }));
  }
  /** 02 with the lock and the bill (outpatient only: the kiosk pays nothing else). */
  const change = async (mode: '01' | '04' | '09', p: { patientId: string; invoiceNumber: string; lock: CashierLock }, extra: Record<string, string> = {}) =>
    ensureIncomeOk(await income({
      Request_Number: '02', Request_Mode: mode, Orca_Uid: p.lock, Patient_ID: p.patientId, InOut: 'O', Invoice_Number: p.invoiceNumber, ...extra,
    }));

  return {
    async unpaidBills(patientId) {
      const b = ensureIncomeOk(await income({ Request_Number: '01', Request_Mode: '01', Patient_ID: patientId, Information_Class: '2' }));
      return { lock: readLock(b), bills: readUnpaidBills(b) };
    },

    async confirm(patientId, invoiceNumber, lock): Promise<Bill> {
      const b = ensureIncomeOk(await income({ Request_Number: '01', Request_Mode: '02', Orca_Uid: lock, Patient_ID: patientId, InOut: 'O', Invoice_Number: invoiceNumber }));
      return readBill(b, patientId);
    },

    async recordPayment(p) {
      const b = await change('01', p, {
        Ic_Money: wholeYen(p.amount, 'amount'), Ic_Code: p.icCode satisfies IcCode, ...jstProcessing(p.at),
        // Not ORCA's (backoffice/orca/income/README.md): the same reference again is never a second 入金,
        // and a bill changed since it was shown (Ac_Money) is refused with nothing recorded.
        Payment_Reference: p.reference, Ac_Money: String(p.shownTotal),
      });
      return readAfterChange(b);
    },

    async recordRefund(p) {
      await change('04', p, { Ic_Money: wholeYen(p.amount, 'amount'), ...jstProcessing(p.at), Payment_Reference: p.reference });
    },

    async reissue(p) {
      await change('09', p);
    },

    async unlock(lock) {
      // 99 always answers 00000; anything else is worth knowing (the lock may still be held).
      ensureIncomeOk(await income({ Request_Number: '99', ...(lock ? { Orca_Uid: lock } : {}) }));
    },

    async statement(patientId, invoiceNumber): Promise<StatementItem[]> {
      const json = await transport.call('POST', '/api01rv2/statementv2', {}, { statementv2req: { Patient_ID: patientId, Invoice_Number: invoiceNumber, InOut: 'O', Karte_Uid: karteUid } });
      return readStatement(answerOf(json));
    },

    close: () => transport.close(),
  };
}
