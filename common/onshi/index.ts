// オンライン資格確認 (online eligibility): the result and request XML vocabulary, its code tables,
// parse/build in UTF-8 and Shift_JIS, and what a result means for reception. Pure TypeScript.
export { CHOSEN, HEADER_ELEMENTS, BODY_ELEMENTS, RESULT_ELEMENTS, LIMIT_ELEMENTS, ELDERLY_ELEMENTS, SPECIFIC_DISEASE_ELEMENTS, PUBLIC_EXPENSE_ELEMENTS, SEARCH_ELEMENTS } from './elements';
export { CODE_TABLES, codesOf, labelOf } from './codes';
export type { CodeOf, CodeTable, LimitClassificationFlag, ProcessingResultCode, QualificationValidity, SegmentOfResult } from './codes';
export { EligibilityResultSchema, EligibilityResultFieldsSchema, QualificationResultSchema } from './result';
export type { EligibilityResult, EligibilityResultFields, Fields, QualificationResult, XmlEncoding } from './result';
export { buildEligibilityResult, parseEligibilityResult } from './result-xml';
export {
  buildQualificationRequest, buildReferenceRegistrationRequest, insuredPersonKey, parseQualificationRequest, parseReferenceRegistrationRequest,
  InsuredNumbersSchema, QualificationConfirmRequestSchema, ReferenceRegistrationRequestSchema, RequestHeaderSchema,
} from './request';
export type { InsuredNumbers, QualificationConfirmRequest, ReferenceRegistrationRequest, RequestHeader } from './request';
export { CARD_UNREGISTERED_CODE, ratioPercentOf, summarizeEligibility } from './summary';
export type { EligibilityOutcome, EligibilitySummary } from './summary';
export { CHARACTER_CODE, detectEncoding } from './xml-codec';
export { REQUEST_KINDS, REQ_FOLDER, RES_FOLDER, isInProgress, parseRequestFileName, requestFileName, resultFileName } from './file-names';
export type { RequestKind } from './file-names';
