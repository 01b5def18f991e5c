// ORCA's JSON wire shape (format=json): requests wrapped as {"<api>req": {...}}, answers as
// {"<api>res": {Information_Date, Information_Time, Api_Result, Api_Result_Message, ...}}, every value
// a string, and repeated groups padded with empty {} up to their documented count (ORCA's own quirk,
// kept so a client written against a real ORCA meets it here too). Errors are answered with HTTP 200
// and a non-"00" Api_Result, as ORCA does; only a wrong operator is an HTTP 401.
import { z } from 'zod';

const Str = z.string().max(200);

/** Any further fields a real client sends are accepted and ignored (ORCA ignores what it does not use). */
const Insurance = z.object({
  Insurance_Combination_Number: Str.optional(), InsuranceProvider_Class: Str.optional(), InsuranceProvider_Number: Str.optional(),
  InsuranceProvider_WholeName: Str.optional(), HealthInsuredPerson_Symbol: Str.optional(), HealthInsuredPerson_Number: Str.optional(),
  HealthInsuredPerson_Branch_Number: Str.optional(), RelationToInsuredPerson: Str.optional(), HealthInsuredPerson_WholeName: Str.optional(),
  Certificate_StartDate: Str.optional(), Certificate_ExpiredDate: Str.optional(),
}).loose();

export const AcceptReq = z.object({
  Request_Number: Str.optional(), Patient_ID: Str.optional(), WholeName: Str.optional(),
  Acceptance_Date: Str.optional(), Acceptance_Time: Str.optional(), Acceptance_Id: Str.optional(),
  Department_Code: Str.optional(), Physician_Code: Str.optional(), Medical_Information: Str.optional(),
  HealthInsurance_Information: Insurance.optional(),
}).loose();
export const AcceptModBody = z.object({ acceptreq: AcceptReq.optional() }).loose();

export const PatientModReq = z.object({
  Mod_Key: Str.optional(), Patient_ID: Str.optional(), WholeName: Str.optional(), WholeName_inKana: Str.optional(),
  BirthDate: Str.optional(), Sex: Str.optional(), HealthInsurance_Information: Insurance.optional(),
}).loose();
export const PatientModBody = z.object({ patientmodreq: PatientModReq.optional() }).loose();

export const AcceptLstReq = z.object({
  Acceptance_Date: Str.optional(), Department_Code: Str.optional(), Physician_Code: Str.optional(), Medical_Information: Str.optional(),
}).loose();
export const AcceptLstBody = z.object({ acceptlstreq: AcceptLstReq.optional() }).loose();

const Result = z.object({ Information_Date: z.string(), Information_Time: z.string(), Api_Result: z.string(), Api_Result_Message: z.string() }).loose();
export const AcceptModAnswer = z.object({ acceptres: Result });
export const PatientModAnswer = z.object({ patientmodres: Result });
export const PatientGetAnswer = z.object({ patientinfores: Result });
export const AcceptLstAnswer = z.object({ acceptlstres: Result });

export type AcceptReqT = z.infer<typeof AcceptReq>;
export type PatientModReqT = z.infer<typeof PatientModReq>;

/** ORCA runs on Japan time: dates and times in its answers are JST wall-clock. */
export function jst(now: number): { date: string; time: string } {
  const iso = new Date(now + 9 * 3600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}

/** A real calendar date in ORCA's form (YYYY-MM-DD). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The head every answer starts with. */
export function head(now: number, code: string, message: string, reskey: string) {
  const t = jst(now);
  return { Information_Date: t.date, Information_Time: t.time, Api_Result: code, Api_Result_Message: message, Reskey: reskey };
}

/** Repeated groups padded with {} to their documented count, as ORCA answers them. */
export function padded<T extends object>(items: T[], count: number): (T | Record<string, never>)[] {
  return [...items, ...Array.from({ length: Math.max(0, count - items.length) }, () => ({}))];
}

/** Warnings as ORCA returns them: at most 5; Api_Result then carries the first warning's code. */
export function withWarnings(code: string, message: string, warnings: { code: string; message: string }[]) {
  if (warnings.length === 0) return { code, message, extra: {} };
  return {
    code: warnings[0]!.code, message,
    extra: { Api_Warning_Message_Information: warnings.slice(0, 5).map((w) => ({ Api_Warning_Message: w.message })) },
  };
}

/** ORCA's 全角 rule for 漢字氏名 and カナ氏名: no half-width characters at all. */
export const hasHalfWidth = (s: string) => /[\x20-\x7e\uff61-\uff9f]/.test(s);
/** カナ氏名: full-width katakana, 長音 and the full-width space only. */
export const isFullWidthKana = (s: string) => /^[\u30a1-\u30f6\u30fc\u3000]+$/.test(s);
