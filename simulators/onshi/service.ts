// The simulated national service (支払基金) behind the terminal: which insured person a card or a
// set of numbers means, the result documents it answers (kept by ArbitraryFileIdentifier for polls
// and choices), and the 照会番号 registered per insured person (persisted in a JSON file).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  CARD_UNREGISTERED_CODE, CHOSEN, CODE_TABLES, insuredPersonKey, type EligibilityResultFields, type QualificationConfirmRequest, type QualificationResult, type ReferenceRegistrationRequest,
} from '../../common/onshi';
import { INSURED_PERSONS, type InsuredPerson } from './insured-persons';

export interface Choices {
  consent: { diagnosis: boolean; medication: boolean; checkups: boolean; surgery: boolean };
  publicAid: 'use' | 'decline' | 'none';
  prescription: 'electronic' | 'paper';
}

interface Answer { person: InsuredPerson | null; pollsLeft: number; classification: '1' | '2'; choices?: Choices; search?: EligibilityResultFields['searchInfo'] }

/** yyyyMMddHHmmss and yyyyMMdd in Japan time. */
export function jstStamp(now: Date): { time: string; date: string } {
  const t = new Date(now.getTime() + 9 * 3600_000).toISOString().replace(/[-T:]/g, '').slice(0, 14);
  return { time: t, date: t.slice(0, 8) };
}

const personKeyOf = (r: QualificationResult) => insuredPersonKey({
  InsurerNumber: r.InsurerNumber ?? '', InsuredCardSymbol: r.InsuredCardSymbol ?? '',
  InsuredIdentificationNumber: r.InsuredIdentificationNumber ?? '', InsuredBranchNumber: r.InsuredBranchNumber ?? '',
});

export class EligibilityBook {
  private readonly answers = new Map<string, Answer>();
  private references: Record<string, string>;
  private readonly slow = new Map<string, number>();

  constructor(private readonly opts: { medicalInstitutionCode: string; referencesFile: string; now: () => Date; persons?: InsuredPerson[] }) {
    this.references = {};
    if (existsSync(opts.referencesFile)) {
      try {
        this.references = JSON.parse(readFileSync(opts.referencesFile, 'utf8')) as Record<string, string>;
      } catch (err) {
        throw new Error(`${opts.referencesFile} is not the simulator's 照会番号 file (delete it to start afresh): ${(err as Error).message}`, { cause: err });
      }
    }
  }

  get persons(): InsuredPerson[] { return this.opts.persons ?? INSURED_PERSONS; }

  person(id: string): InsuredPerson | undefined { return this.persons.find((p) => p.id === id); }

  /** Test switch: this person answers 処理中 to `polls` polls (0: at once) from now on. */
  setSlow(personId: string, polls: number): void { this.slow.set(personId, polls); }

  /** A card check's first answer: 処理中 for a slow person, else the result. null person: card not registered. */
  answerCard(person: InsuredPerson | null): EligibilityResultFields {
    const polls = person ? (this.slow.get(person.id) ?? person.slowPolls ?? 0) : 0;
    return this.open({ person, pollsLeft: polls, classification: '1' });
  }

  /** The number-based check (REQ/RES): never 処理中 (the terminal writes the file once it has the answer). */
  answerNumbers(req: QualificationConfirmRequest): EligibilityResultFields {
    const key = insuredPersonKey(req.search);
    const person = this.persons.find((p) => p.results.some((r) => personKeyOf(r) === key && r.Birthdate === req.search.Birthdate)) ?? null;
    return this.open({ person: person ?? { id: '', case: 'unknown numbers', validity: '4', results: [] }, pollsLeft: 0, classification: '2', search: req.search },
      req.header.ArbitraryFileIdentifier);
  }

  /** A poll by ArbitraryFileIdentifier: undefined when unknown. */
  poll(afi: string): EligibilityResultFields | undefined {
    const a = this.answers.get(afi);
    if (!a) return undefined;
    if (a.pollsLeft > 0) a.pollsLeft--;
    return this.render(afi, a);
  }

  recordChoices(afi: string, choices: Choices): boolean {
    const a = this.answers.get(afi);
    if (!a || !a.person) return false;
    a.choices = choices;
    return true;
  }

  /** 照会番号 registration for the person of an answer (HTTP) — false when there is none. */
  registerForAnswer(afi: string, patientId: string): boolean {
    const first = this.answers.get(afi)?.person?.results[0];
    if (!first) return false;
    this.saveReference(personKeyOf(first), patientId);
    return true;
  }

  /** Batch registration (OQSmuimm01req): the entries whose person is unknown are returned. */
  registerBatch(req: ReferenceRegistrationRequest): { unknown: number } {
    let unknown = 0;
    for (const e of req.entries) {
      const key = insuredPersonKey(e);
      if (this.persons.some((p) => p.results.some((r) => personKeyOf(r) === key && r.Birthdate === e.Birthdate))) {
        this.saveReference(key, e[CHOSEN.referenceNumber]);
      } else unknown++;
    }
    return { unknown };
  }

  private saveReference(key: string, patientId: string): void {
    this.references[key] = patientId;
    const tmp = `${this.opts.referencesFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.references, null, 2));
    renameSync(tmp, this.opts.referencesFile);
  }

  private open(a: Answer, afi = randomBytes(12).toString('base64url')): EligibilityResultFields {
    this.answers.set(afi, a);
    return this.render(afi, a);
  }

  private render(afi: string, a: Answer): EligibilityResultFields {
    const { time, date } = jstStamp(this.opts.now());
    const header = {
      ProcessExecutionTime: time, QualificationConfirmationDate: date, MedicalInstitutionCode: this.opts.medicalInstitutionCode,
      ArbitraryFileIdentifier: afi, ReferenceClassification: a.classification,
    };
    if (a.pollsLeft > 0) return { header: { ...header, SegmentOfResult: '2' }, body: {}, results: [] };
    const search = a.search ? { searchInfo: a.search } : {};
    if (!a.person) {
      return {
        header: { ...header, SegmentOfResult: '1' }, ...search, results: [],
        body: { ProcessingResultStatus: '2', ProcessingResultCode: CARD_UNREGISTERED_CODE, ProcessingResultMessage: CODE_TABLES.ProcessingResultCode[CARD_UNREGISTERED_CODE] },
      };
    }
    const results = a.person.results.map((r) => this.decorate(r, a.choices, time));
    return {
      header: { ...header, SegmentOfResult: '1' }, ...search, results,
      body: {
        ProcessingResultStatus: '1', QualificationValidity: a.person.validity,
        ...(a.choices ? { PrescriptionIssueSelect: a.choices.prescription === 'electronic' ? '1' : '2' } : {}),
      },
    };
  }

  /** The stored person plus what this visit added: 照会番号, consent flags, the 公費 choice. */
  private decorate(r: QualificationResult, c: Choices | undefined, time: string): QualificationResult {
    const out: QualificationResult = { ...r };
    const reference = this.references[personKeyOf(r)];
    if (reference) out[CHOSEN.referenceNumber] = reference;
    if (c) {
      // The information stays available for 24 hours after consent (as the public fixture shows).
      const until = jstStamp(new Date(this.opts.now().getTime() + 86_400_000)).time;
      const set = (prefix: string, on: boolean) => {
        Object.assign(out, { [`${prefix}ConsFlg`]: on ? '1' : '0', ...(on ? { [`${prefix}ConsTime`]: time, [`${prefix}AvailableTime`]: until } : {}) });
      };
      set('DiagnosisInfo', c.consent.diagnosis);
      set('PharmacistsInfo', c.consent.medication);
      set('SpecificHealthCheckupsInfo', c.consent.checkups);
      set(CHOSEN.operationInfo, c.consent.surgery);
      if (c.publicAid === 'decline') delete out[CHOSEN.publicExpenseList];
    }
    return out;
  }
}
