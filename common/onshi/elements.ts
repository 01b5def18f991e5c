// The element names of the オンライン資格確認 result and request XML, block by block, in the order
// the builder writes them. Names from the public field list (hospital-samples/onshi-result.fields.txt,
// kiosk-domain.md §3.3); the few the public sources do not name are chosen ONCE here (CHOSEN below)
// and documented in simulators/onshi/README.md. Nothing else in the project spells an element name.

/** Names no public source gives: our choice, kept here so a real name is a one-line change. */
export const CHOSEN = {
  /** 照会番号: the clinic's patient ID registered with the terminal, returned with the result. */
  referenceNumber: 'ReferenceNumber',
  /** 手術情報 consent (the other three consent families appear in the public fixture). */
  operationInfo: 'OperationInfo',
  /** 医療費助成 (公費, PMH) recipient certificates carried by the result. */
  publicExpenseList: 'PublicExpenseCertificateList',
  publicExpenseInfo: 'PublicExpenseCertificateInfo',
  /** 照会番号 batch registration request body (OQSmuimm01req). */
  referenceRegistrationList: 'ReferenceNumberRegistrationList',
  referenceRegistrationInfo: 'ReferenceNumberRegistrationInfo',
} as const;

export const ROOT = 'XmlMsg';

export const HEADER_ELEMENTS = [
  'ProcessExecutionTime', 'QualificationConfirmationDate', 'MedicalInstitutionCode', 'ArbitraryFileIdentifier',
  'ReferenceClassification', 'SegmentOfResult', 'ErrorCode', 'ErrorMessage', 'CharacterCodeIdentifier',
] as const;

/** Scalar children of MessageBody (ResultList and QualificationConfirmSearchInfo are blocks). */
export const BODY_ELEMENTS = [
  'ProcessingResultStatus', 'ProcessingResultCode', 'ProcessingResultMessage', 'QualificationValidity', 'PrescriptionIssueSelect',
] as const;

/** The consent families: flag (0/1), time of consent, time until which the information is available. */
const consent = <P extends string>(p: P) => [`${p}ConsFlg`, `${p}ConsTime`, `${p}AvailableTime`] as const;

export const RESULT_ELEMENTS = [
  'InsurerNumber', 'InsurerName', 'InsuredCardSymbol', 'InsuredIdentificationNumber', 'InsuredBranchNumber',
  'InsuredCardClassification', 'PersonalFamilyClassification', 'InsuredName',
  'Name', 'NameOfOther', 'NameKana', 'NameOfOtherKana', 'Sex1', 'Sex2', 'Birthdate', 'Address', 'PostNumber',
  'QualificationDate', 'DisqualificationDate', 'InsuredCertificateIssuanceDate', 'InsuredCardValidDate', 'InsuredCardExpirationDate',
  'InsuredPartialContributionRatio', 'PreschoolClassification', 'ReasonOfLoss',
  'LimitApplicationCertificateRelatedConsFlg', 'LimitApplicationCertificateRelatedConsTime',
  'SpecificDiseasesCertificateRelatedConsFlg', 'SpecificDiseasesCertificateRelatedConsTime',
  ...consent('SpecificHealthCheckupsInfo'), ...consent('PharmacistsInfo'), ...consent('DiagnosisInfo'), ...consent(CHOSEN.operationInfo),
  CHOSEN.referenceNumber,
] as const;

export const LIMIT_ELEMENTS = [
  'LimitApplicationCertificateClassification', 'LimitApplicationCertificateClassificationFlag', 'LimitApplicationCertificateDate',
  'LimitApplicationCertificateValidStartDate', 'LimitApplicationCertificateValidEndDate', 'LimitApplicationCertificateLongTermDate',
] as const;

export const ELDERLY_ELEMENTS = [
  'ElderlyRecipientCertificateDate', 'ElderlyRecipientValidStartDate', 'ElderlyRecipientValidEndDate', 'ElderlyRecipientContributionRatio',
] as const;

export const SPECIFIC_DISEASE_ELEMENTS = [
  'SpecificDiseasesDiseaseCategory', 'SpecificDiseasesCertificateDate', 'SpecificDiseasesValidStartDate',
  'SpecificDiseasesValidEndDate', 'SpecificDiseasesSelfPay',
] as const;

/** 公費: 負担者番号 (8 digits), 受給者番号 (7 digits), the programme's name, validity. Chosen names. */
export const PUBLIC_EXPENSE_ELEMENTS = [
  'PublicExpenseBearerNumber', 'PublicExpenseRecipientNumber', 'PublicExpenseName',
  'PublicExpenseValidStartDate', 'PublicExpenseValidEndDate',
] as const;

/** The number-based request's search block (kiosk-domain.md §3.1), echoed in its result. */
export const SEARCH_ELEMENTS = [
  'InsurerNumber', 'InsuredCardSymbol', 'InsuredIdentificationNumber', 'InsuredBranchNumber', 'Birthdate',
  'LimitApplicationCertificateRelatedConsFlg',
] as const;

/** One 照会番号 registration: the insured person's numbers and the clinic's patient ID. */
export const REFERENCE_REGISTRATION_ELEMENTS = [
  'InsurerNumber', 'InsuredCardSymbol', 'InsuredIdentificationNumber', 'InsuredBranchNumber', 'Birthdate', CHOSEN.referenceNumber,
] as const;

export const BLOCKS = {
  limit: 'LimitApplicationCertificateRelatedInfo',
  elderly: 'ElderlyRecipientCertificateInfo',
  specificDiseaseList: 'SpecificDiseasesCertificateList',
  specificDiseaseInfo: 'SpecificDiseasesCertificateInfo',
  resultList: 'ResultList',
  result: 'ResultOfQualificationConfirmation',
  searchInfo: 'QualificationConfirmSearchInfo',
} as const;

export type HeaderElement = (typeof HEADER_ELEMENTS)[number];
export type BodyElement = (typeof BODY_ELEMENTS)[number];
export type ResultElement = (typeof RESULT_ELEMENTS)[number];
export type LimitElement = (typeof LIMIT_ELEMENTS)[number];
export type ElderlyElement = (typeof ELDERLY_ELEMENTS)[number];
export type SpecificDiseaseElement = (typeof SPECIFIC_DISEASE_ELEMENTS)[number];
export type PublicExpenseElement = (typeof PUBLIC_EXPENSE_ELEMENTS)[number];
export type SearchElement = (typeof SEARCH_ELEMENTS)[number];
export type ReferenceRegistrationElement = (typeof REFERENCE_REGISTRATION_ELEMENTS)[number];
