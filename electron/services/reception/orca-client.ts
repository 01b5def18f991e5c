// The kiosk's client of the medical-accounting system through ORCA's HTTP API (JSON, format=json):
// patientgetv2, patientmodv2 class=01, acceptmodv2 01/02/03 and acceptlstv2, with Basic auth as ORCA
// takes it, so a hospital points it at its own ORCA (on-premises, or WebORCA with its `/api` prefix in
// the URL and a client certificate). Answers are read as ORCA sends them (orca-answers.ts); failures
// become the typed 'accounting.*' kinds of AccountingSystem.
import http from 'node:http';
import https from 'node:https';
import { KioskError } from '../../../common/errors';
import { isLoopbackHost } from '../loopback';
import { apiResultOf, isOk, readAcceptance, readPatient, readReceptionRows, type OrcaBody } from './orca-answers';
import type { AccountingSystem, NewPatient, OrcaPatient, OrcaReceptionRow } from './ports';

export interface OrcaClientOptions {
  /** ORCA's base URL, e.g. http://192.168.1.10:8000 (on-premises) or https://weborca.example.jp/api (WebORCA). */
  url: string;
  /** The operator (ORCA's ユーザID) and password. */
  user: string;
  password: string;
  /** Per request; a slower answer is 'accounting.unavailable' (default 5 s). */
  timeoutMs?: number;
  /** Physician_Code per 診療科 code: ORCA registers a reception for a department AND a doctor. */
  physicians?: Record<string, string>;
  /** The doctor for a department not in `physicians` (default 10001, ORCA's first doctor code). */
  defaultPhysician?: string;
  /** HTTPS: the server's CA, and the client certificate WebORCA requires (PEM). */
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
  /** An on-premises ORCA answers plain HTTP on the clinic's LAN: allowed only when set (loopback always). */
  allowPlainHttp?: boolean;
  /** Clock for the reception date, in ORCA's Japan time (tests pin it). */
  clock?: () => number;
}

export const DEFAULT_ORCA_TIMEOUT_MS = 5_000;

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
  const base = new URL(options.url);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new KioskError('input.invalid', 'the accounting system URL must be http(s)', { field: 'url' });
  if (base.protocol === 'http:' && !isLoopbackHost(base.hostname) && !options.allowPlainHttp) {
    throw new KioskError('input.invalid', 'plain HTTP to the accounting system is allowed only on loopback or with allowPlainHttp (a clinic LAN)', { field: 'url' });
  }
  const secure = base.protocol === 'https:';
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets: 2, ca: options.ca, cert: options.cert, key: options.key })
    : new http.Agent({ keepAlive: true, maxSockets: 2 });
  const timeoutMs = options.timeoutMs ?? DEFAULT_ORCA_TIMEOUT_MS;
  const authorization = `Basic ${Buffer.from(`${options.user}:${options.password}`, 'utf8').toString('base64')}`;
  const clock = options.clock ?? Date.now;
  const prefix = base.pathname.replace(/\/+$/, '');
  const physicianOf = (department: string) => options.physicians?.[department] ?? options.defaultPhysician ?? '10001';

  /** One call; the answer's wrapper (e.g. acceptres) is unwrapped. Network, timeout, 5xx: unavailable. */
  function call(method: 'GET' | 'POST', path: string, query: Record<string, string>, body?: unknown): Promise<OrcaBody> {
    const url = new URL(`${prefix}${path}`, base);
    for (const [k, v] of Object.entries({ ...query, format: 'json' })) url.searchParams.set(k, v);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(url, {
        method, agent, timeout: timeoutMs,
        headers: { accept: 'application/json', authorization, ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => reject(new KioskError('accounting.unavailable', err.message, {}, { cause: err })));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          if (status === 401 || status === 403) return reject(new KioskError('accounting.rejected', 'the accounting system refused the operator (user or password)', { status, reason: 'unauthenticated' }));
          if (status >= 500 || status === 0) return reject(new KioskError('accounting.unavailable', `the accounting system answered HTTP ${status}`, { status }));
          if (status < 200 || status >= 300) return reject(new KioskError('accounting.rejected', `the accounting system answered HTTP ${status}`, { status }));
          try {
            resolve(apiResultOf(JSON.parse(text)));
          } catch (err) {
            reject(new KioskError('accounting.unavailable', `the accounting system's answer is not ORCA's JSON: ${(err as Error).message}`, { status }));
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (err) => reject(new KioskError('accounting.unavailable', err.message, { code: (err as NodeJS.ErrnoException).code ?? '' }, { cause: err })));
      req.end(payload);
    });
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

    close: () => agent.destroy(),
  };
}
