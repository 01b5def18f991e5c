// What a result means for the reception flow: one outcome per screen of the patient's flow, the
// 負担割合 the service returned (the one to use: hospital-2026.md §4) and what staff must see.
import { labelOf, type CODE_TABLES } from './codes';
import { CHOSEN } from './elements';
import type { EligibilityResult, QualificationResult } from './result';

export type EligibilityOutcome =
  | 'processing'                 // SegmentOfResult 2 処理中: poll
  | 'valid'                      // QualificationValidity 1
  | 'valid_unregistered'         // 6 有効(未登録): 医療扶助, 「未登録の資格情報があります」
  | 'invalid'                    // 2 無効
  | 'invalid_new_qualification'  // 3 無効(新しい資格あり): ask for the new insurer's details
  | 'not_found'                  // 4 該当資格なし
  | 'multiple'                   // 5 複数該当: staff pick
  | 'card_unregistered'          // the card is not registered for insurance use (利用登録)
  | 'error';                     // 異常終了 / エラー: shown as-is with the code

export interface EligibilitySummary {
  outcome: EligibilityOutcome;
  arbitraryFileIdentifier?: string;
  /** 一部負担金割合 in percent (InsuredPartialContributionRatio '030' → 30). */
  ratioPercent?: number;
  /** The 照会番号 (clinic patient ID) registered for this insured person. */
  referenceNumber?: string;
  /** True when the result carries a 公費 (医療費助成) certificate: the kiosk asks 利用する / 提供しない. */
  hasPublicAid: boolean;
  errorCode?: string;
  errorMessage?: string;
}

export const CARD_UNREGISTERED_CODE = 'EOQS1001' satisfies keyof (typeof CODE_TABLES)['ProcessingResultCode'];

const OUTCOME_OF_VALIDITY: Record<string, EligibilityOutcome> = {
  '1': 'valid', '2': 'invalid', '3': 'invalid_new_qualification', '4': 'not_found', '5': 'multiple', '6': 'valid_unregistered',
};

/** '030' / '30' → 30; undefined for anything else. */
export function ratioPercentOf(value: string | undefined): number | undefined {
  const m = /^\s*(\d{1,3})\s*$/.exec(value ?? '');
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 100 ? n : undefined;
}

export function summarizeEligibility(r: EligibilityResult): EligibilitySummary {
  const first: QualificationResult | undefined = r.results[0];
  const base = {
    ...(r.header.ArbitraryFileIdentifier ? { arbitraryFileIdentifier: r.header.ArbitraryFileIdentifier } : {}),
    hasPublicAid: (first?.[CHOSEN.publicExpenseList]?.length ?? 0) > 0,
  };
  if (r.header.SegmentOfResult === '2') return { ...base, outcome: 'processing' };
  const code = r.body.ProcessingResultCode ?? r.header.ErrorCode;
  if (r.header.SegmentOfResult === '9' || r.body.ProcessingResultStatus === '2') {
    const message = r.body.ProcessingResultMessage ?? r.header.ErrorMessage ?? labelOf('ProcessingResultCode', code);
    return {
      ...base, outcome: code === CARD_UNREGISTERED_CODE ? 'card_unregistered' : 'error',
      ...(code ? { errorCode: code } : {}), ...(message ? { errorMessage: message } : {}),
    };
  }
  const outcome = OUTCOME_OF_VALIDITY[r.body.QualificationValidity ?? ''] ?? 'error';
  const ratio = ratioPercentOf(first?.InsuredPartialContributionRatio);
  const reference = first?.[CHOSEN.referenceNumber]?.trim();
  return { ...base, outcome, ...(ratio !== undefined ? { ratioPercent: ratio } : {}), ...(reference ? { referenceNumber: reference } : {}) };
}
