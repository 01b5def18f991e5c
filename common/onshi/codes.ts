// The code tables of the eligibility result with their Japanese labels (onshi-result.fields.txt,
// kiosk-domain.md §3.3). `labelOf(table, code)` answers undefined for a code the table lacks, so a
// new code from the real service is shown as its value, never mistaken for another.

export const CODE_TABLES = {
  ReferenceClassification: { '1': 'マイナンバーカード', '2': '被保険者証情報' },
  SegmentOfResult: { '1': '正常終了', '2': '処理中', '9': '異常終了' },
  CharacterCodeIdentifier: { '0': 'UTF-8', '1': 'Shift_JIS' },
  PrescriptionIssueSelect: { '1': '電子処方箋', '2': '紙の処方箋' },
  ProcessingResultStatus: { '1': '正常終了', '2': 'エラー' },
  QualificationValidity: {
    '1': '有効', '2': '無効', '3': '無効（新しい資格あり）', '4': '該当資格なし', '5': '複数該当', '6': '有効（未登録）',
  },
  InsuredCardClassification: {
    '01': '被保険者証（一般）', '02': '被保険者証（退職）', '03': '短期被保険者証（一般）', '04': '短期被保険者証（退職）',
    '05': '被保険者資格証明書', '06': '特例退職被保険者証', '07': '自衛官診療証', 'A1': '医療扶助',
  },
  PersonalFamilyClassification: { '1': '本人', '2': '家族' },
  Sex: { '1': '男', '2': '女', '3': '未設定' },
  PreschoolClassification: { '1': '未就学該当' },
  ReasonOfLoss: { '01': '死亡', '02': '生活保護受給開始', '03': '医療保険等の資格取得', '99': 'その他' },
  LimitApplicationCertificateRelatedConsFlg: { '0': '未同意', '1': '同意' },
  ConsentFlag: { '0': '同意なし', '1': '同意あり' },
  LimitApplicationCertificateClassification: {
    '01': '限度額適用認定証', '02': '限度額適用・標準負担額減額認定証', '03': '標準負担額減額認定証',
  },
  LimitApplicationCertificateClassificationFlag: {
    A01: 'ア', A02: 'イ', A03: 'ウ', A04: 'エ', A05: 'オ', A06: 'オ（境）',
    B01: '現役並みⅢ', B02: '現役並みⅡ', B03: '現役並みⅠ', B04: '一般', B05: '低所得Ⅱ', B06: '低所得Ⅰ',
    B07: '低所得Ⅰ（老福）', B08: '低所得Ⅰ（境）', B09: '一般Ⅱ', B10: '一般Ⅰ',
  },
  SpecificDiseasesCertificateRelatedConsFlg: { '0': '同意なし', '1': '同意あり', '2': '同意有効期限切れ' },
  SpecificDiseasesDiseaseCategory: {
    '1': '人工透析を必要とする慢性腎不全', '2': '先天性血液凝固因子障害（第VIII因子、第IX因子）', '3': '血液凝固因子製剤の投与に起因するHIV感染症',
  },
  /**
   * ProcessingResultCode / ErrorCode values: the official list is not public. These are the codes
   * this project's simulator answers with (simulators/onshi/README.md); a real service's codes are
   * shown as-is with their ProcessingResultMessage / ErrorMessage.
   */
  ProcessingResultCode: {
    EOQS1001: 'マイナンバーカードの健康保険証利用登録がされていません',
    EOQS2001: '要求ファイルの形式に誤りがあります',
    EOQS3001: '照会番号の登録対象が見つかりません',
  },
} as const;

export type CodeTable = keyof typeof CODE_TABLES;
export type CodeOf<T extends CodeTable> = keyof (typeof CODE_TABLES)[T] & string;

export type QualificationValidity = CodeOf<'QualificationValidity'>;
export type SegmentOfResult = CodeOf<'SegmentOfResult'>;
export type LimitClassificationFlag = CodeOf<'LimitApplicationCertificateClassificationFlag'>;
export type ProcessingResultCode = CodeOf<'ProcessingResultCode'>;

/** The Japanese label of a code, or undefined when the table does not know it. */
export function labelOf(table: CodeTable, code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  const t = CODE_TABLES[table] as Record<string, string>;
  return Object.prototype.hasOwnProperty.call(t, code) ? t[code] : undefined;
}

/** The codes a table knows, in table order. */
export function codesOf<T extends CodeTable>(table: T): CodeOf<T>[] {
  return Object.keys(CODE_TABLES[table]) as CodeOf<T>[];
}
