// The eligibility result as typed fields (named exactly like the XML elements, see elements.ts)
// plus the XML verbatim. The zod schema checks a result that crosses a boundary (IPC, storage).
import { z } from 'zod';
import { CODE_TABLES } from './codes';
import {
  BODY_ELEMENTS, CHOSEN, ELDERLY_ELEMENTS, HEADER_ELEMENTS, LIMIT_ELEMENTS, PUBLIC_EXPENSE_ELEMENTS, RESULT_ELEMENTS,
  SEARCH_ELEMENTS, SPECIFIC_DISEASE_ELEMENTS,
  type BodyElement, type ElderlyElement, type HeaderElement, type LimitElement, type PublicExpenseElement,
  type ResultElement, type SearchElement, type SpecificDiseaseElement,
} from './elements';

export type XmlEncoding = 'UTF-8' | 'Shift_JIS';
export type Fields<E extends string> = Partial<Record<E, string>>;

export interface QualificationResult extends Fields<ResultElement> {
  LimitApplicationCertificateRelatedInfo?: Fields<LimitElement>;
  ElderlyRecipientCertificateInfo?: Fields<ElderlyElement>;
  SpecificDiseasesCertificateList?: Fields<SpecificDiseaseElement>[];
  [CHOSEN.publicExpenseList]?: Fields<PublicExpenseElement>[];
}

/** The fields of one result document (what build takes). */
export interface EligibilityResultFields {
  header: Fields<HeaderElement>;
  body: Fields<BodyElement>;
  /** The number-based request's search block, echoed back (absent for a card check). */
  searchInfo?: Fields<SearchElement>;
  results: QualificationResult[];
}

/** A parsed result: the fields, the encoding it came in and the XML text exactly as received. */
export interface EligibilityResult extends EligibilityResultFields {
  encoding: XmlEncoding;
  rawXml: string;
}

const text = z.string().max(400);
const fieldsOf = <E extends string>(names: readonly E[]) =>
  z.object(Object.fromEntries(names.map((n) => [n, text.optional()]))).strict() as unknown as z.ZodType<Fields<E>>;
const coded = (table: keyof typeof CODE_TABLES) => z.enum(Object.keys(CODE_TABLES[table]) as [string, ...string[]]);

// The codes that decide what the kiosk does next must be known ones: a result with another
// SegmentOfResult, CharacterCodeIdentifier, ProcessingResultStatus or QualificationValidity is
// refused (input.invalid; the kiosk's client treats it as the service being unavailable). Other
// coded fields pass as they are and are shown with labelOf, or as their value.
const HeaderSchema = fieldsOf(HEADER_ELEMENTS).and(z.object({
  SegmentOfResult: coded('SegmentOfResult').optional(),
  CharacterCodeIdentifier: coded('CharacterCodeIdentifier').optional(),
}));
const BodySchema = fieldsOf(BODY_ELEMENTS).and(z.object({
  ProcessingResultStatus: coded('ProcessingResultStatus').optional(),
  QualificationValidity: coded('QualificationValidity').optional(),
}));

export const QualificationResultSchema = z.object({
  ...Object.fromEntries(RESULT_ELEMENTS.map((n) => [n, text.optional()])),
  LimitApplicationCertificateRelatedInfo: fieldsOf(LIMIT_ELEMENTS).optional(),
  ElderlyRecipientCertificateInfo: fieldsOf(ELDERLY_ELEMENTS).optional(),
  SpecificDiseasesCertificateList: z.array(fieldsOf(SPECIFIC_DISEASE_ELEMENTS)).max(10).optional(),
  [CHOSEN.publicExpenseList]: z.array(fieldsOf(PUBLIC_EXPENSE_ELEMENTS)).max(10).optional(),
}).strict() as unknown as z.ZodType<QualificationResult>;

export const EligibilityResultFieldsSchema: z.ZodType<EligibilityResultFields> = z.object({
  header: HeaderSchema,
  body: BodySchema,
  searchInfo: fieldsOf(SEARCH_ELEMENTS).optional(),
  results: z.array(QualificationResultSchema).max(20),
});

export const EligibilityResultSchema: z.ZodType<EligibilityResult> = z.intersection(
  EligibilityResultFieldsSchema,
  z.object({ encoding: z.enum(['UTF-8', 'Shift_JIS']), rawXml: z.string().max(1_000_000) }),
);
