// incomev3's JSON wire shape, as ORCA answers it (hospital-samples/orca-incomev3-res-*.json): every value
// a string, money right-aligned in 10 characters ("      6030"), History_Number in 2 and Rate_Cd in 3,
// groups padded with {} to their documented count (Income_Information 500, Income_History 99,
// Ac_Point_Detail 16, Oe_Etc_Detail 10), and a 5-character Api_Result ("00000" = 正常終了).
import { z } from 'zod';
import { jst } from '../orca-wire';

const Str = z.string().max(200);

export const IncomeReq = z.object({
  Request_Number: Str.optional(), Request_Mode: Str.optional(), Karte_Uid: Str.optional(), Orca_Uid: Str.optional(),
  Patient_ID: Str.optional(), Information_Class: Str.optional(), InOut: Str.optional(), Invoice_Number: Str.optional(),
  Processing_Date: Str.optional(), Processing_Time: Str.optional(), Ic_Money: Str.optional(), Ic_Code: Str.optional(),
  /** Not ORCA's: the payer's reference that makes a 入金 or 返金 idempotent (README). */
  Payment_Reference: Str.optional(),
  /** Not ORCA's: the 請求額 the payer was shown; a 入金 against a bill changed since is refused (README). */
  Ac_Money: Str.optional(),
}).loose();
export const IncomeBody = z.object({ incomev3req: IncomeReq.optional() }).loose();
export type IncomeReqT = z.infer<typeof IncomeReq>;

const Head = z.object({
  Information_Date: z.string(), Information_Time: z.string(), Api_Result: z.string(), Api_Result_Message: z.string(),
  Request_Number: z.string().optional(), Request_Mode: z.string().optional(), Response_Number: z.string().optional(), Karte_Uid: z.string().optional(),
}).loose();
export const IncomeAnswer = z.object({ incomev3res: Head });

/** The answer codes (the first four are ORCA's, from the samples; the others are this system's choice, README). */
export const INCOME_RESULTS = {
  ok: ['00000', '正常終了'],
  sameKarteUid: ['E1038', '他の端末より同じカルテＵＩＤでの接続があります。'],
  inUse: ['E9999', '他端末で使用中です。'],
  overpayment: ['E0107', '過入金になります。入金できません。'],
  unsupported: ['E0001', '処理区分が未対応です。'],
  noKarteUid: ['E0002', 'カルテＵＩＤが未設定です。'],
  noPatient: ['E0003', '患者番号に該当する患者が存在しません。'],
  noInvoice: ['E0101', '伝票番号に該当する請求が存在しません。'],
  badMoney: ['E0104', '入金額が不正です。'],
  overRefund: ['E0108', '返金額が入金額を超えています。'],
  billChanged: ['E0113', '請求額が変更されています。再度請求確認を行ってください。'],
  referenceReused: ['E0114', '支払参照番号は別の入金で使用済みです。'],
  noShare: ['E0120', '負担割合が決まりません。保険の登録を確認してください。'],
  notLocked: ['E1039', '排他制御されていません。請求確認から行ってください。'],
} as const satisfies Record<string, readonly [string, string]>;
export type IncomeResult = keyof typeof INCOME_RESULTS;

export const money = (n: number) => String(n).padStart(10, ' ');
export const num2 = (n: number) => String(n).padStart(2, ' ');

export function incomeHead(now: number, result: IncomeResult, req: IncomeReqT | undefined, responseNumber: '01' | '02') {
  const t = jst(now);
  const [code, message] = INCOME_RESULTS[result];
  return {
    Information_Date: t.date, Information_Time: t.time, Api_Result: code, Api_Result_Message: message,
    ...(req?.Request_Number !== undefined ? { Request_Number: req.Request_Number } : {}),
    ...(req?.Request_Mode !== undefined ? { Request_Mode: req.Request_Mode } : {}),
    Response_Number: responseNumber,
    ...(req?.Karte_Uid !== undefined ? { Karte_Uid: req.Karte_Uid } : {}),
  };
}

/** A whole number of yen sent as ORCA sends money (digits, maybe space-padded). */
export function parseYen(s: string | undefined): number | undefined {
  const t = s?.trim();
  return t !== undefined && /^\d{1,9}$/.test(t) ? Number(t) : undefined;
}

export const STATE_NAMES = { '0': '請求額なし', '1': '入金済', '2': '未入金', '3': '請求取消' } as const;
export const HISTORY_NAMES = { '9': '請求', '2': '入金', '4': '返金', '6': '入金取消' } as const;
/** 入金方法 of the demo clinic (ORCA keeps these in its system settings, system01lstv2). */
export const IC_CODES: Record<string, string> = { '01': '現金', '02': 'クレジットカード', '03': '電子マネー', '04': '口座振込' };
