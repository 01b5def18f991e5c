// The two outside systems hospital reception talks to, as the reception module sees them:
// the online-eligibility service (オンライン資格確認: the 資格確認端末's WebAPI for the card check, its
// REQ/RES folder exchange for number checks and 照会番号 registration) and the medical-accounting
// system (レセコン; the subset of ORCA's HTTP API that reception needs). eligibility-client.ts and
// orca-client.ts implement them; the module, its tests and the benchmark know nothing else.
//
// Failures are KioskErrors of the kinds named beside each port (common/errors.ts): anything else
// thrown by a client is a bug, shown to the patient as 'internal'.

/**
 * One parsed answer of the eligibility service (kiosk-domain.md §3.3), as much of it as reception
 * reads. common/onshi's parsed result carries every field under its XML element name;
 * eligibility-client.ts (toPortResult) maps it to this shape. Codes are kept as the XML's strings.
 */
export interface EligibilityResult {
  /** Chosen by the kiosk (request) or the service (card check): names this answer in REQ/RES, poll and choices. */
  arbitraryFileIdentifier: string;
  /** 1 正常終了, 2 処理中 (poll), 9 異常終了 (errorCode / errorMessage say why). */
  segmentOfResult: string;
  errorCode?: string;
  errorMessage?: string;
  /** ProcessingResultStatus 1 正常 / 2 エラー, with its code and message to be shown as they are. */
  processingResultStatus?: string;
  processingResultCode?: string;
  processingResultMessage?: string;
  /**
   * The card is not registered for use as a health insurance card (保険証利用登録 not done): the
   * patient is told how to register. Decided by the client from the error code it knows.
   */
  cardUnregistered?: boolean;
  /** 1 有効, 2 無効, 3 無効(新しい資格あり), 4 該当資格なし, 5 複数該当, 6 有効(未登録) 医療扶助. */
  qualificationValidity?: string;
  /** 01 一般 … A1 医療扶助. */
  insuredCardClassification?: string;
  insurerNumber?: string;
  insurerName?: string;
  insuredCardSymbol?: string;
  insuredIdentificationNumber?: string;
  insuredBranchNumber?: string;
  /** 1 本人, 2 家族. */
  personalFamilyClassification?: string;
  name?: string;
  nameKana?: string;
  /** 1 男, 2 女, 3 未設定 (Sex1). */
  sex?: string;
  /** yyyyMMdd. */
  birthdate?: string;
  address?: string;
  postNumber?: string;
  /** Percent as written, e.g. '030' (3割), '010' (1割). */
  insuredPartialContributionRatio?: string;
  /** 1 未就学. */
  preschoolClassification?: string;
  /** 高齢受給者証: its ratio in percent as written. */
  elderlyRecipientContributionRatio?: string;
  /** 限度額 適用区分 (A01…A06, B01…B10). */
  limitApplicationClassificationFlag?: string;
  /** 特定疾病 codes (1 人工透析, 2 血友病, 3 HIV). */
  specificDiseases?: string[];
  /** 公費 (医療費助成) the result carries: the patient chooses 利用する / 提供しない only when there is one. */
  publicExpenses?: { providerNumber: string; recipientNumber?: string }[];
  /** The clinic's patient ID (照会番号) registered for this insured person; absent on a first visit. */
  referenceNumber?: string;
  /** The answer exactly as received (its declared encoding decoded), kept beside the parsed fields. */
  rawXml: string;
}

export interface ConsentChoices { diagnosis: boolean; medication: boolean; checkups: boolean; surgery: boolean }
export type PublicAidChoice = 'use' | 'decline' | 'none';
export type PrescriptionChoice = 'electronic' | 'paper';

/** The insured person's numbers for a number-based check (re-checks, staff). */
export interface InsuredNumbers { insurerNumber: string; symbol: string; number: string; branch?: string; birthdate: string }

/**
 * The online-eligibility service. Failures: 'eligibility.unavailable' (service down, timeout,
 * 処理中 beyond the bound: the visit goes on "eligibility unconfirmed"), 'eligibility.rejected'
 * (the card's signature or certificate refused).
 */
export interface EligibilityService {
  /** A fresh single-use challenge for the card to sign. */
  challenge(): Promise<{ challengeId: string; challenge: Uint8Array }>;
  /** The card's signature + auth certificate → the result (may be 処理中: segmentOfResult '2'). */
  confirmByCard(i: { challengeId: string; authCertDer: Uint8Array; signature: Uint8Array }): Promise<EligibilityResult>;
  /** A 処理中 answer polled by its ArbitraryFileIdentifier. */
  poll(arbitraryFileIdentifier: string): Promise<EligibilityResult>;
  /** Number-based check through the REQ/RES folder exchange (re-checks, staff). */
  confirmByNumbers(i: InsuredNumbers): Promise<EligibilityResult>;
  /** The consent choices and prescription choice made at the kiosk for this result. */
  recordChoices(i: { arbitraryFileIdentifier: string; consent: ConsentChoices; publicAid: PublicAidChoice; prescription: PrescriptionChoice }): Promise<void>;
  /** 照会番号 registration (the clinic's patient ID) for the insured person of this result (OQSmuimm01req_*.xml). */
  registerReferenceNumber(i: { arbitraryFileIdentifier: string; patientId: string }): Promise<void>;
}

/** A patient as the accounting system keeps them (patientgetv2). */
export interface OrcaPatient {
  patientId: string;
  name: string;
  kanaName?: string;
  birthdate: string;
  sex?: string;
  /** 負担割合 the accounting system applies, in percent (the desk compares it with the online result). */
  ratioPercent?: number;
  /** The insured person's numbers of the same insurance (half-width), for a number-based check; absent when ORCA has none. */
  insurance?: { insurerNumber: string; symbol: string; number: string; branch?: string };
}

/** A first visit's patient (patientmodv2 class 01, Patient_ID '*': the system numbers them). */
export interface NewPatient {
  name: string;
  kanaName: string;
  /** yyyy-MM-dd. */
  birthdate: string;
  /** '1' 男, '2' 女. */
  sex: string;
  postNumber?: string;
  address?: string;
  insurance: { insurerNumber: string; symbol: string; number: string; branch?: string; personalFamily?: string; ratioPercent?: number };
}

/** One row of today's receptions (acceptlstv2). */
export interface OrcaReceptionRow {
  acceptanceId: string;
  acceptanceTime: string;
  /** '' for a reception made by name only (no patient yet). */
  patientId: string;
  department: string;
  /** The name a reception without a patient was made under. */
  wholeName?: string;
}

/**
 * The medical-accounting system (ORCA subset). Failures: 'accounting.already_received' (the patient
 * is already received in that department today), 'accounting.patient_locked' (open on another
 * terminal), 'accounting.unavailable' (down, timeout, 5xx), 'accounting.rejected' (any other
 * Api_Result: details.apiResult and its message).
 */
export interface AccountingSystem {
  /** patientgetv2; null when no such patient. */
  findPatient(patientId: string): Promise<OrcaPatient | null>;
  /** patientmodv2 class 01. */
  registerPatient(p: NewPatient): Promise<{ patientId: string }>;
  /** acceptmodv2 class 01; `time` is HH:mm:ss of today. Without a patientId, a reception by `wholeName` only. */
  registerReception(r: { patientId: string; department: string; time: string } | { wholeName: string; department: string; time: string }): Promise<{ acceptanceId: string; acceptanceTime: string }>;
  /** acceptmodv2 class 03: the patient attached to today's reception made by name only. */
  attachPatient(r: { acceptanceId: string; patientId: string; department: string }): Promise<void>;
  /** acceptmodv2 class 02. */
  cancelReception(r: { patientId: string; acceptanceId: string; department: string }): Promise<void>;
  /** acceptlstv2: '01' 受付中 (waiting to pay), '02' 会計済 (paid), '03' all of today. */
  todaysReceptions(cls: '01' | '02' | '03'): Promise<OrcaReceptionRow[]>;
}
