// The kiosk's client of the online-eligibility service (オンライン資格確認): the 資格確認端末's
// WebAPI for the card check, 処理中 polls and the kiosk's choices, and the terminal's shared-folder
// exchange (REQ/RES) for the number-based check and 照会番号 registration. Answers are parsed with
// common/onshi (UTF-8 or Shift_JIS) and handed on with the XML verbatim.
// Failures: 'eligibility.unavailable' (down, 5xx, timeout, no answer file within the bound, a
// garbled answer), 'eligibility.rejected' (the card's signature or certificate refused, or the
// service refused a request). The PIN never reaches this client; nothing here logs personal data.
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { isKioskError, KioskError } from '../../../common/errors';
import {
  buildQualificationRequest, buildReferenceRegistrationRequest, CARD_UNREGISTERED_CODE, CHOSEN, parseEligibilityResult, REQ_FOLDER,
  requestFileName, RES_FOLDER, resultFileName, type EligibilityResult as OnshiResult, type RequestKind, type XmlEncoding,
} from '../../../common/onshi';
import type { EligibilityResult, EligibilityService } from './ports';

export interface EligibilityClientOptions {
  /** The terminal's WebAPI base URL. */
  url: string;
  /** 医療機関コード (10 digits), written in each request file's header. */
  medicalInstitutionCode: string;
  /** Bound of each WebAPI request and of the wait for an answer file. */
  timeoutMs?: number;
  /** The terminal's shared folder (with req/ and res/ inside); without it the folder exchange is unavailable. */
  folder?: string;
  /** Encoding of the request files this kiosk writes (the terminal answers in the same). */
  requestEncoding?: XmlEncoding;
  fetch?: typeof fetch;
  now?: () => Date;
}

const DEFAULT_TIMEOUT_MS = 5_000;
const FOLDER_POLL_MS = 20;
/** Results remembered for 照会番号 registration (their insured person's numbers), newest kept. */
const REMEMBERED_RESULTS = 200;

const Challenge = z.object({ challengeId: z.string().min(1).max(100), challenge: z.string().min(1).max(200) });
const Refusal = z.object({ kind: z.string().max(100), message: z.string().max(1000) });

const unavailable = (message: string, cause?: unknown) => new KioskError('eligibility.unavailable', message, {}, cause === undefined ? undefined : { cause });
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** common/onshi's full result → the fields reception reads (ports.ts), the XML kept verbatim. */
export function toPortResult(r: OnshiResult): EligibilityResult {
  const first = r.results[0];
  const code = r.body.ProcessingResultCode ?? r.header.ErrorCode;
  const opt = <K extends string>(k: K, v: string | undefined) => (v === undefined || v === '' ? {} : { [k]: v }) as Partial<Record<K, string>>;
  const diseases = first?.SpecificDiseasesCertificateList?.map((d) => d.SpecificDiseasesDiseaseCategory ?? '').filter(Boolean) ?? [];
  const aid = first?.[CHOSEN.publicExpenseList] ?? [];
  return {
    arbitraryFileIdentifier: r.header.ArbitraryFileIdentifier ?? '',
    segmentOfResult: r.header.SegmentOfResult ?? '',
    ...opt('errorCode', r.header.ErrorCode), ...opt('errorMessage', r.header.ErrorMessage),
    ...opt('processingResultStatus', r.body.ProcessingResultStatus), ...opt('processingResultCode', r.body.ProcessingResultCode),
    ...opt('processingResultMessage', r.body.ProcessingResultMessage),
    ...(code === CARD_UNREGISTERED_CODE ? { cardUnregistered: true } : {}),
    ...opt('qualificationValidity', r.body.QualificationValidity),
    ...opt('insuredCardClassification', first?.InsuredCardClassification),
    ...opt('insurerNumber', first?.InsurerNumber?.trim()), ...opt('insurerName', first?.InsurerName),
    ...opt('insuredCardSymbol', first?.InsuredCardSymbol), ...opt('insuredIdentificationNumber', first?.InsuredIdentificationNumber),
    ...opt('insuredBranchNumber', first?.InsuredBranchNumber), ...opt('personalFamilyClassification', first?.PersonalFamilyClassification),
    ...opt('name', first?.Name), ...opt('nameKana', first?.NameKana), ...opt('sex', first?.Sex1), ...opt('birthdate', first?.Birthdate),
    ...opt('address', first?.Address), ...opt('postNumber', first?.PostNumber),
    ...opt('insuredPartialContributionRatio', first?.InsuredPartialContributionRatio),
    ...opt('preschoolClassification', first?.PreschoolClassification),
    ...opt('elderlyRecipientContributionRatio', first?.ElderlyRecipientCertificateInfo?.ElderlyRecipientContributionRatio),
    ...opt('limitApplicationClassificationFlag', first?.LimitApplicationCertificateRelatedInfo?.LimitApplicationCertificateClassificationFlag),
    ...(diseases.length ? { specificDiseases: diseases } : {}),
    ...(aid.length ? {
      publicExpenses: aid.map((a) => ({ providerNumber: a.PublicExpenseBearerNumber ?? '', ...(a.PublicExpenseRecipientNumber ? { recipientNumber: a.PublicExpenseRecipientNumber } : {}) })),
    } : {}),
    ...opt('referenceNumber', first?.[CHOSEN.referenceNumber]?.trim()),
    rawXml: r.rawXml,
  };
}

function jstDate(now: Date): { date: string; stamp: string } {
  const t = new Date(now.getTime() + 9 * 3600_000).toISOString().replace(/[-T:]/g, '').slice(0, 14);
  return { date: t.slice(0, 8), stamp: t };
}

export function createEligibilityClient(o: EligibilityClientOptions): EligibilityService {
  const base = o.url.replace(/\/+$/, '');
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = o.fetch ?? fetch;
  const now = o.now ?? (() => new Date());
  const encoding = o.requestEncoding ?? 'Shift_JIS';
  const numbersOf = new Map<string, OnshiResult['results'][number]>();

  const remember = (r: OnshiResult): EligibilityResult => {
    const afi = r.header.ArbitraryFileIdentifier;
    const first = r.results[0];
    if (afi && first) {
      numbersOf.delete(afi);
      numbersOf.set(afi, first);
      if (numbersOf.size > REMEMBERED_RESULTS) numbersOf.delete(numbersOf.keys().next().value!);
    }
    return toPortResult(r);
  };

  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method, signal: AbortSignal.timeout(timeoutMs), redirect: 'error',
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
    } catch (err) {
      throw unavailable(`the eligibility service could not be reached (${(err as Error).name})`, err);
    }
    if (res.status >= 500) {
      await res.body?.cancel().catch(() => undefined);
      throw unavailable(`the eligibility service answered HTTP ${res.status}`);
    }
    if (res.status === 404 && method === 'GET') throw unavailable('the eligibility service no longer knows this answer');
    if (res.status >= 400) {
      const refusal = Refusal.safeParse(await res.json().catch(() => undefined));
      throw new KioskError('eligibility.rejected', refusal.success ? refusal.data.message : `HTTP ${res.status}`, {
        reason: refusal.success ? refusal.data.kind : `http_${res.status}`,
      });
    }
    return res;
  }

  async function resultOf(res: Response): Promise<EligibilityResult> {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await res.arrayBuffer());
    } catch (err) {
      throw unavailable('the eligibility answer was cut off', err);
    }
    try {
      return remember(parseEligibilityResult(bytes));
    } catch (err) {
      if (isKioskError(err) && err.kind === 'input.invalid') throw unavailable(`the eligibility answer does not read: ${err.message}`, err);
      throw err;
    }
  }

  /** Drops a request file into req and waits (bounded) for its answer in res; the answer file is consumed. */
  async function exchange(kind: RequestKind, id: string, bytes: Uint8Array): Promise<OnshiResult> {
    if (!o.folder) throw unavailable('no shared folder of the eligibility terminal is configured');
    const reqName = requestFileName(kind, id);
    const reqPath = join(o.folder, REQ_FOLDER, reqName);
    const resPath = join(o.folder, RES_FOLDER, resultFileName(kind, id));
    try {
      const tmp = join(o.folder, REQ_FOLDER, `.${reqName}.tmp`);
      writeFileSync(tmp, bytes);
      renameSync(tmp, reqPath);
    } catch (err) {
      throw unavailable(`the request could not be written to the terminal's folder (${(err as NodeJS.ErrnoException).code ?? 'error'})`, err);
    }
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let answer: Uint8Array | undefined;
      try {
        answer = new Uint8Array(readFileSync(resPath));
      } catch {
        answer = undefined;
      }
      if (answer) {
        rmSync(resPath, { force: true });
        try {
          return parseEligibilityResult(answer);
        } catch (err) {
          throw unavailable(`the terminal's answer does not read: ${(err as Error).message}`, err);
        }
      }
      if (Date.now() >= deadline) {
        // Withdrawn, so a terminal that comes back does not answer a request nobody waits for.
        rmSync(reqPath, { force: true });
        throw unavailable(`no answer from the eligibility terminal within ${timeoutMs} ms`);
      }
      await sleep(FOLDER_POLL_MS);
    }
  }

  const newIds = () => {
    const { date, stamp } = jstDate(now());
    return { date, fileId: `${stamp}${randomBytes(4).toString('hex')}`, afi: randomBytes(12).toString('hex') };
  };

  return {
    async challenge() {
      const res = await call('POST', '/v1/challenges', {});
      const c = Challenge.safeParse(await res.json().catch(() => undefined));
      if (!c.success) throw unavailable('the eligibility service answered an unreadable challenge');
      return { challengeId: c.data.challengeId, challenge: new Uint8Array(Buffer.from(c.data.challenge, 'base64')) };
    },
    async confirmByCard(i) {
      const res = await call('POST', '/v1/card-checks', { challengeId: i.challengeId, authCertDer: b64(i.authCertDer), signature: b64(i.signature) });
      return resultOf(res);
    },
    async poll(afi) {
      return resultOf(await call('GET', `/v1/results/${encodeURIComponent(afi)}`));
    },
    async confirmByNumbers(n) {
      const { date, fileId, afi } = newIds();
      let bytes: Uint8Array;
      try {
        bytes = buildQualificationRequest({
          header: { QualificationConfirmationDate: date, MedicalInstitutionCode: o.medicalInstitutionCode, ArbitraryFileIdentifier: afi },
          search: {
            InsurerNumber: n.insurerNumber, InsuredCardSymbol: n.symbol, InsuredIdentificationNumber: n.number,
            ...(n.branch ? { InsuredBranchNumber: n.branch } : {}), Birthdate: n.birthdate,
          },
        }, encoding);
      } catch (err) {
        throw new KioskError('input.invalid', `insured numbers: ${(err as Error).message}`, { field: 'numbers' }, { cause: err });
      }
      return remember(await exchange('numberCheck', fileId, bytes));
    },
    async recordChoices(i) {
      await call('POST', `/v1/results/${encodeURIComponent(i.arbitraryFileIdentifier)}/choices`, {
        consent: i.consent, publicAid: i.publicAid, prescription: i.prescription,
      });
    },
    async registerReferenceNumber(i) {
      const person = numbersOf.get(i.arbitraryFileIdentifier);
      if (!person || !o.folder) {
        // Not seen by this process (the kiosk restarted since): the terminal still knows the answer.
        await call('POST', `/v1/results/${encodeURIComponent(i.arbitraryFileIdentifier)}/reference-number`, { patientId: i.patientId });
        return;
      }
      const { date, fileId, afi } = newIds();
      const bytes = buildReferenceRegistrationRequest({
        header: { QualificationConfirmationDate: date, MedicalInstitutionCode: o.medicalInstitutionCode, ArbitraryFileIdentifier: afi },
        entries: [{
          InsurerNumber: person.InsurerNumber ?? '', InsuredCardSymbol: person.InsuredCardSymbol ?? '',
          InsuredIdentificationNumber: person.InsuredIdentificationNumber ?? '',
          ...(person.InsuredBranchNumber ? { InsuredBranchNumber: person.InsuredBranchNumber } : {}),
          Birthdate: person.Birthdate ?? '', [CHOSEN.referenceNumber]: i.patientId,
        }],
      }, encoding);
      const answer = await exchange('referenceRegistration', fileId, bytes);
      if (answer.header.SegmentOfResult !== '1' || answer.body.ProcessingResultStatus !== '1') {
        throw new KioskError('eligibility.rejected', answer.body.ProcessingResultMessage ?? answer.header.ErrorMessage ?? 'the 照会番号 was not registered', {
          reason: answer.body.ProcessingResultCode ?? answer.header.ErrorCode ?? 'unknown',
        });
      }
    },
  };
}
