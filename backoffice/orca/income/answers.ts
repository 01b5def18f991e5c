// The bodies of incomev3's answers, built from the cashier's records in ORCA's shapes (wire.ts).
import { ORCA_PART_ORDER, POINT_PARTS } from '../../copay';
import { padded } from '../orca-wire';
import type { HistoryRow, InvoiceRow } from './income-store';
import { HISTORY_NAMES, IC_CODES, STATE_NAMES, money, num2 } from './wire';

export function stateOf(inv: InvoiceRow): keyof typeof STATE_NAMES {
  if (inv.cancelled) return '3';
  if (inv.acMoney === 0) return '0';
  return inv.icMoney >= inv.acMoney ? '1' : '2';
}

const billHead = (inv: InvoiceRow) => ({
  Perform_Date: inv.performDate,
  ...(inv.inOut === 'I' ? { Perform_End_Date: inv.performDate } : {}),
  IssuedDate: inv.issuedDate, InOut: inv.inOut, Invoice_Number: inv.invoiceNumber,
  Insurance_Combination_Number: inv.insuranceCombination, Rate_Cd: String(inv.ratePercent).padStart(3, ' '), Department_Code: inv.departmentCode,
});

/** One row of 請求一覧 (Request_Mode 01). */
export function listRow(inv: InvoiceRow) {
  const state = stateOf(inv);
  return {
    ...billHead(inv), Ac_Money: money(inv.acMoney), Ic_Money: money(inv.icMoney), Unpaid_Money: money(inv.acMoney - inv.icMoney),
    State: state, State_Name: STATE_NAMES[state],
  };
}

export function historyRow(h: HistoryRow) {
  return {
    History_Number: num2(h.historyNumber), Processing_Date: h.processingDate, Processing_Time: h.processingTime,
    ...(h.acMoney !== null ? { Ac_Money: money(h.acMoney) } : {}),
    Ic_Money: money(h.icMoney), State: h.state, State_Name: HISTORY_NAMES[h.state],
    ...(h.icCode ? { Ic_Code: h.icCode, Ic_Code_Name: IC_CODES[h.icCode] ?? '' } : {}),
  };
}

export const historyList = (rows: HistoryRow[]) => padded(rows.slice(-99).map(historyRow), 99);

/** 請求確認 (Request_Mode 02): the bill with points per 部 and its history. */
export function detail(inv: InvoiceRow) {
  const c = inv.bill.copay;
  const oe = inv.bill.charges.outOfInsurance ?? [];
  return {
    Income_Detail: {
      ...billHead(inv),
      Cd_Information: { Ac_Money: money(inv.acMoney), Ic_Money: money(inv.icMoney), Ai_Money: money(c.patientInsuredYen), Oe_Money: money(c.outOfInsuranceYen), Meal_Smoney: money(0) },
      Ac_Point_Information: {
        Ac_Ttl_Point: money(c.totalPoints),
        Ac_Point_Detail: padded(ORCA_PART_ORDER.map((p) => ({ Ac_Point_Code: p, Ac_Point_Name: POINT_PARTS[p].orcaName, Ac_Point: money(c.points[p]) })), 16),
      },
      Oe_Etc_Information: { Oe_Etc_Detail: padded(oe.slice(0, 10).map((o, i) => ({ Oe_Etc_Number: num2(i + 1), Oe_Etc_Name: o.name })), 10) },
      Meal_Cost: money(0),
    },
    // Not in ORCA's answer: how the share was reached, for the kiosk's breakdown (保険 / 公費 / 保険外, 限度額).
    Copay_Detail: {
      Medical_Money: money(c.medicalYen), Insurance_Money: money(c.insurerPaysYen), Public_Money: money(c.publicAidPaysYen),
      Patient_Insured_Money: money(c.patientInsuredYen), Out_Of_Insurance_Money: money(c.outOfInsuranceYen),
      Age_Band: c.band, Cap: c.cap,
      ...(c.limitCategory ? { Limit_Category: c.limitCategory } : {}),
      ...(c.monthLimitYen !== undefined ? { Limit_Money: money(c.monthLimitYen) } : {}),
      Reissue_Count: String(inv.reissues),
      // ORCA's Oe_Etc_Detail names the 保険外 lines without their amounts: the 領収証 needs both.
      Oe_Etc_Detail: oe.slice(0, 10).map((o, i) => ({ Oe_Etc_Number: num2(i + 1), Oe_Etc_Name: o.name, Oe_Etc_Money: money(o.yen) })),
    },
  };
}

/** The bill after a change (入金, 返金, 再発行): as the 入金 sample answers it. */
export function afterChange(inv: InvoiceRow, history: HistoryRow[]) {
  const state = stateOf(inv);
  return {
    Patient_ID: inv.patientId, InOut: inv.inOut, Invoice_Number: inv.invoiceNumber,
    Ac_Money: money(inv.acMoney), Ic_Money: money(inv.icMoney), Unpaid_Money: money(inv.acMoney - inv.icMoney),
    State: state, State_Name: STATE_NAMES[state], Income_History: historyList(history),
  };
}
