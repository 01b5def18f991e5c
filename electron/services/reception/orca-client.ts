// The kiosk's client of the medical-accounting system through ORCA's HTTP API (JSON, format=json):
// patientgetv2, patientmodv2 class=01, acceptmodv2 01/02/03 and acceptlstv2, with Basic auth as ORCA
// takes it, so a hospital points it at its own ORCA (on-premises, or WebORCA with its `/api` prefix in
// the URL and a client certificate). Answers are read as ORCA sends them (orca-answers.ts); failures
// become the typed 'accounting.*' kinds of AccountingSystem.
import { KioskError } from '../../../common/errors';
import { createOrcaTransport, type OrcaTransportOptions } from '../orca/orca-transport';
import { apiResultOf, isOk, readAcceptance, readPatient, readReceptionRows, type OrcaBody } from './orca-answers';
import type { AccountingSystem, NewPatient, OrcaPatient, OrcaReceptionRow } from './ports';

export interface OrcaClientOptions extends OrcaTransportOptions {
  /** Physician_Code per 診療科 code: ORCA registers a reception for a department AND a doctor. */
  physicians?: Record<string, string>;
  /** The doctor for a department not in `physicians` (default 10001, ORCA's first doctor code). */
  defaultPhysician?: string;
  /** Clock for the reception date, in ORCA's Japan time (tests pin it). */
  clock?: () => number;
}

export { DEFAULT_ORCA_TIMEOUT_MS } from '../orca/orca-transport';

/** ORCA stores 漢字氏名 and 記号・番号 in full-width only: ASCII and half-width kana are widened. */
export function toFullWidth(s: string): string {
  return [...s.normalize('NFC')].map((c) => {
    const code = c.codePointAt(0)!;
    if (code === 0x20) return '\u3000';
    if (code > 0x20 && code < 0x7f) return String.fromCodePoint(code + 0xfee0);
    return code >= 0xff61 && code <= 0xff9f ? c.normalize('NFKC') : c;
  }).join('').normalize('NFC');
}

/** カナ氏名: full-width katakana (hiragana and half-width kana converted), spaces full-width. */
export function toFullWidthKana(s: string): string {
  return toFullWidth(s.normalize('NFKC').replace(/[\u3041-\u3096]/g, (c) => String.fromCodePoint(c.codePointAt(0)! + 0x60)));
}

/** Japan-time date of the moment (ORCA's receptions are per JST day). */
const jstDate = (now: number) => new Date(now + 9 * 3600_000).toISOString().slice(0, 10);

export function createOrcaClient(options: OrcaClientOptions): AccountingSystem & { close(): void } {
  const transport = createOrcaTransport(options);
  const clock = options.clock ?? Date.now;
  const physicianOf = (department: string) => options.physicians?.[department] ?? options.defaultPhysician ?? '10001';

  /** One call; the answer's wrapper (e.g. acceptres) is unwrapped. Network, timeout, 5xx: unavailable. */
  async function call(method: 'GET' | 'POST', path: string, query: Record<string, string>, body?: unknown): Promise<OrcaBody> {
    return apiResultOf(await transport.call(method, path, query, body));
  }

  /** Api_Result 00 or a warning (K…) is success; the two the kiosk acts on get their own kinds. */
  function ensureOk(b: OrcaBody, context: { department?: string } = {}): OrcaBody {
    if (isOk(b)) return b;
    const details = { apiResult: b.Api_Result, apiResultMessage: b.Api_Result_Message };
    if (b.Api_Result === '16') throw new KioskError('accounting.already_received', b.Api_Result_Message, { ...details, department: context.department ?? '' });
    if (b.Api_Result === '90') throw new KioskError('accounting.patient_locked', b.Api_Result_Message, details);
    throw new KioskError('accounting.rejected', `${b.Api_Result} ${b.Api_Result_Message}`, details);
  }

  return {
    async findPatient(patientId: string): Promise<OrcaPatient | null> {
      const b = await call('GET', '/api01rv2/patientgetv2', { id: patientId });
      if (b.Api_Result === '10') return null;
      return readPatient(ensureOk(b));
    },

    async registerPatient(p: NewPatient): Promise<{ patientId: string; samePersonWarning?: true }> {
      const ratio = p.insurance.ratioPercent;
      const req = {
        Patient_ID: '*', WholeName: toFullWidth(p.name), WholeName_inKana: toFullWidthKana(p.kanaName), BirthDate: p.birthdate, Sex: p.sex,
        ...(p.postNumber || p.address ? { Home_Address_Information: { Address_ZipCode: (p.postNumber ?? '').replace(/\D/g, ''), WholeAddress1: p.address ?? '' } } : {}),
        HealthInsurance_Information: {
          InsuranceProvider_Number: p.insurance.insurerNumber, HealthInsuredPerson_Symbol: toFullWidth(p.insurance.symbol),
          HealthInsuredPerson_Number: toFullWidth(p.insurance.number),
          ...(p.insurance.branch ? { HealthInsuredPerson_Branch_Number: p.insurance.branch } : {}),
          ...(p.insurance.personalFamily ? { RelationToInsuredPerson: p.insurance.personalFamily } : {}),
          // ORCA's 高齢者負担割 takes only 10 and 30 (others are read as 1割); it is ignored below 70.
          ...(ratio === 30 || ratio === 10 ? { Rate_Class: String(ratio) } : {}),
        },
      };
      const b = ensureOk(await call('POST', '/orca12/patientmodv2', { class: '01' }, { patientmodreq: req }));
      const id = (b.Patient_Information as { Patient_ID?: unknown } | undefined)?.Patient_ID;
      if (typeof id !== 'string' || !id || id === '*') throw new KioskError('accounting.rejected', 'the accounting system registered the patient without a Patient_ID', { apiResult: b.Api_Result });
      // K0: registered, but someone with the same name, sex and birth date already is (the desk decides).
      return { patientId: id, ...(b.Api_Result === 'K0' ? { samePersonWarning: true as const } : {}) };
    },

    async registerReception(r): Promise<{ acceptanceId: string; acceptanceTime: string }> {
      const req = {
        Request_Number: '01', ...('patientId' in r ? { Patient_ID: r.patientId } : { WholeName: toFullWidth(r.wholeName) }), Acceptance_Date: jstDate(clock()), Acceptance_Time: r.time,
        Department_Code: r.department, Physician_Code: physicianOf(r.department), Medical_Information: '01',
      };
      return readAcceptance(ensureOk(await call('POST', '/orca11/acceptmodv2', {}, { acceptreq: req }), { department: r.department }));
    },

    async attachPatient(r): Promise<void> {
      const req = { Request_Number: '03', Patient_ID: r.patientId, Acceptance_Id: r.acceptanceId, Acceptance_Date: jstDate(clock()) };
      ensureOk(await call('POST', '/orca11/acceptmodv2', {}, { acceptreq: req }), { department: r.department });
    },

    async cancelReception(r): Promise<void> {
      const req = { Request_Number: '02', Patient_ID: r.patientId, Acceptance_Id: r.acceptanceId, Acceptance_Date: jstDate(clock()) };
      ensureOk(await call('POST', '/orca11/acceptmodv2', {}, { acceptreq: req }), { department: r.department });
    },

    async todaysReceptions(cls): Promise<OrcaReceptionRow[]> {
      const b = await call('POST', '/api01rv2/acceptlstv2', { class: cls }, { acceptlstreq: { Acceptance_Date: jstDate(clock()) } });
      // 21 対象の受付はありませんでした: an empty day, not a failure.
      if (b.Api_Result === '21') return [];
      return readReceptionRows(ensureOk(b));
    },

    close: () => transport.close(),
  };
}
