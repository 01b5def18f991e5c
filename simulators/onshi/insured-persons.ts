// The insured persons the simulated national service knows, as data: one row per case of the
// reception flow. `profileId` names the demo card holder (simulators/vcard/profiles.json) whose
// user-authentication certificate J-LIS links to this person; every row is also reached by its
// numbers (REQ/RES), and a test may point any card at any row (OnshiSimulator.linkCard).
// A demo card whose holder has no row is a card not registered for insurance use (利用登録).
// Fictional numbers; insurer numbers have the real form (8 digits; 6 for 国保, sent padded).
import type { QualificationResult, QualificationValidity } from '../../common/onshi';

export interface InsuredPerson {
  id: string;
  /** What the row demonstrates. */
  case: string;
  profileId?: string;
  validity: QualificationValidity;
  /** Answers 処理中 (SegmentOfResult 2) to this many polls before the result. */
  slowPolls?: number;
  /** The result entries (複数該当 has two; 該当資格なし has none). */
  results: QualificationResult[];
}

const KUMIAI = { InsurerNumber: '06132013', InsurerName: '見本健康保険組合' };
const KYOKAI = { InsurerNumber: '01130012', InsurerName: '全国健康保険協会東京支部' };
const KOKUHO = { InsurerNumber: '  138057', InsurerName: '清瀬市' };
const KOUKI = { InsurerNumber: '39132016', InsurerName: '東京都後期高齢者医療広域連合' };
const KOUKI_PLAIN = { InsuredCardClassification: '01', PersonalFamilyClassification: '1' };

const person = (r: QualificationResult): QualificationResult => ({ InsuredCardClassification: '01', QualificationDate: '20200401', InsuredCertificateIssuanceDate: '20200401', ...r });

export const INSURED_PERSONS: InsuredPerson[] = [
  {
    id: 'yamada-taro', case: '本人, 3割, 限度額 A03 (ウ)', profileId: 'yamada-taro', validity: '1',
    results: [person({ ...KUMIAI, InsuredCardSymbol: '山田', InsuredIdentificationNumber: '1001', InsuredBranchNumber: '00', PersonalFamilyClassification: '1',
      InsuredName: '山田　太郎', Name: '山田　太郎', NameKana: 'ﾔﾏﾀﾞ ﾀﾛｳ', Sex1: '1', Birthdate: '19800217', Address: '東京都清瀬市中里１－２－３', PostNumber: '204-0003',
      InsuredPartialContributionRatio: '030',
      LimitApplicationCertificateRelatedInfo: { LimitApplicationCertificateClassification: '01', LimitApplicationCertificateClassificationFlag: 'A03',
        LimitApplicationCertificateDate: '20260401', LimitApplicationCertificateValidStartDate: '20260401', LimitApplicationCertificateValidEndDate: '20270731' } })],
  },
  {
    id: 'yamada-hanako', case: '家族, 3割, slow (処理中 first)', profileId: 'yamada-hanako', validity: '1', slowPolls: 1,
    results: [person({ ...KUMIAI, InsuredCardSymbol: '山田', InsuredIdentificationNumber: '1001', InsuredBranchNumber: '01', PersonalFamilyClassification: '2',
      InsuredName: '山田　太郎', Name: '山田　花子', NameKana: 'ﾔﾏﾀﾞ ﾊﾅｺ', Sex1: '2', Birthdate: '19820605', InsuredPartialContributionRatio: '030' })],
  },
  {
    id: 'yamada-shota', case: '家族 (child), 3割, 公費 マル子 (医療費助成)', profileId: 'yamada-shota', validity: '1',
    results: [person({ ...KUMIAI, InsuredCardSymbol: '山田', InsuredIdentificationNumber: '1001', InsuredBranchNumber: '02', PersonalFamilyClassification: '2',
      InsuredName: '山田　太郎', Name: '山田　翔太', NameKana: 'ﾔﾏﾀﾞ ｼｮｳﾀ', Sex1: '1', Birthdate: '20150310', InsuredPartialContributionRatio: '030',
      PublicExpenseCertificateList: [{ PublicExpenseBearerNumber: '88138243', PublicExpenseRecipientNumber: '1234566', PublicExpenseName: '子ども医療費助成（マル子）',
        PublicExpenseValidStartDate: '20260401', PublicExpenseValidEndDate: '20270331' }] })],
  },
  {
    id: 'takahashi-ichiro', case: '本人, 3割, 特定疾病 人工透析 (自己負担 10,000円)', profileId: 'takahashi-ichiro', validity: '1',
    results: [person({ ...KYOKAI, InsuredCardSymbol: '1234', InsuredIdentificationNumber: '56', InsuredBranchNumber: '00', PersonalFamilyClassification: '1',
      InsuredName: '髙橋　一郎', Name: '髙橋　一郎', NameKana: 'ﾀｶﾊｼ ｲﾁﾛｳ', Sex1: '1', Birthdate: '19650921', InsuredPartialContributionRatio: '030',
      SpecificDiseasesCertificateRelatedConsFlg: '1', SpecificDiseasesCertificateRelatedConsTime: '20260401090000',
      SpecificDiseasesCertificateList: [{ SpecificDiseasesDiseaseCategory: '1', SpecificDiseasesCertificateDate: '20240601',
        SpecificDiseasesValidStartDate: '20240601', SpecificDiseasesValidEndDate: '99999999', SpecificDiseasesSelfPay: '10000' }] })],
  },
  {
    id: 'takahashi-yuko', case: '無効（新しい資格あり）: changed insurer', profileId: 'takahashi-yuko', validity: '3',
    results: [person({ ...KYOKAI, InsuredCardSymbol: '1234', InsuredIdentificationNumber: '56', InsuredBranchNumber: '01', PersonalFamilyClassification: '2',
      InsuredName: '髙橋　一郎', Name: '髙橋　裕子', NameKana: 'ﾀｶﾊｼ ﾕｳｺ', Sex1: '2', Birthdate: '19680114', InsuredPartialContributionRatio: '030',
      DisqualificationDate: '20261031', ReasonOfLoss: '03' })],
  },
  { id: 'shibasaki-ken', case: '該当資格なし (registration lag at the insurer)', profileId: 'shibasaki-ken', validity: '4', results: [] },
  {
    id: 'nguyen-van-an', case: '医療扶助: 有効（未登録）', profileId: 'nguyen-van-an', validity: '6',
    results: [person({ InsurerNumber: '12131015', InsurerName: '清瀬市福祉事務所', InsuredCardSymbol: '', InsuredIdentificationNumber: '7654321',
      InsuredCardClassification: 'A1', PersonalFamilyClassification: '1', Name: 'NGUYEN VAN AN', NameKana: 'ｸﾞｴﾝ ｳﾞｧﾝ ｱﾝ', Sex1: '1', Birthdate: '19950704' })],
  },
  {
    id: 'kato-yui', case: '本人, 3割 (smartphone)', profileId: 'kato-yui', validity: '1',
    results: [person({ ...KYOKAI, InsuredCardSymbol: '5678', InsuredIdentificationNumber: '12', InsuredBranchNumber: '00', PersonalFamilyClassification: '1',
      InsuredName: '加藤　結衣', Name: '加藤　結衣', NameKana: 'ｶﾄｳ ﾕｲ', Sex1: '2', Birthdate: '19991224', InsuredPartialContributionRatio: '030' })],
  },
  {
    id: 'kimura-aoi', case: '本人, 3割 (iPhone)', profileId: 'kimura-aoi', validity: '1',
    results: [person({ ...KYOKAI, InsuredCardSymbol: '5678', InsuredIdentificationNumber: '77', InsuredBranchNumber: '00', PersonalFamilyClassification: '1',
      InsuredName: '木村　葵', Name: '木村　葵', NameKana: 'ｷﾑﾗ ｱｵｲ', Sex1: '2', Birthdate: '19960412', InsuredPartialContributionRatio: '030' })],
  },
  {
    id: 'kobayashi-naoko', case: '本人, 3割 (68)', profileId: 'kobayashi-naoko', validity: '1',
    results: [person({ ...KOKUHO, InsuredCardSymbol: '清瀬', InsuredIdentificationNumber: '20458', InsuredBranchNumber: '00', PersonalFamilyClassification: '1',
      InsuredName: '小林　直子', Name: '小林　直子', NameKana: 'ｺﾊﾞﾔｼ ﾅｵｺ', Sex1: '2', Birthdate: '19581111', InsuredPartialContributionRatio: '030' })],
  },
  {
    id: 'watanabe-kazuo', case: '後期高齢者 1割, 限度額 B06 (低所得Ⅰ)', profileId: 'watanabe-kazuo', validity: '1',
    results: [person({ ...KOUKI, ...KOUKI_PLAIN, InsuredCardSymbol: '', InsuredIdentificationNumber: '00012345',
      Name: '渡辺　和夫', NameKana: 'ﾜﾀﾅﾍﾞ ｶｽﾞｵ', Sex1: '1', Birthdate: '19450615', InsuredPartialContributionRatio: '010',
      LimitApplicationCertificateRelatedInfo: { LimitApplicationCertificateClassification: '02', LimitApplicationCertificateClassificationFlag: 'B06',
        LimitApplicationCertificateDate: '20260801', LimitApplicationCertificateValidStartDate: '20260801', LimitApplicationCertificateValidEndDate: '20270731' } })],
  },
  {
    id: 'sato-jiro', case: '後期高齢者 1割', profileId: 'sato-jiro', validity: '1',
    results: [person({ ...KOUKI, ...KOUKI_PLAIN, InsuredCardSymbol: '', InsuredIdentificationNumber: '00023456',
      Name: '佐藤　次郎', NameKana: 'ｻﾄｳ ｼﾞﾛｳ', Sex1: '1', Birthdate: '19500101', InsuredPartialContributionRatio: '010' })],
  },
  {
    id: 'ogawa-hina', case: '未就学, 2割', profileId: 'ogawa-hina', validity: '1',
    results: [person({ ...KYOKAI, InsuredCardSymbol: '5678', InsuredIdentificationNumber: '34', InsuredBranchNumber: '02', PersonalFamilyClassification: '2',
      InsuredName: '小川　大輔', Name: '小川　陽菜', NameKana: 'ｵｶﾞﾜ ﾋﾅ', Sex1: '2', Birthdate: '20220505', InsuredPartialContributionRatio: '020', PreschoolClassification: '1' })],
  },
  {
    id: 'ishikawa-tsuneo', case: '70–74, 2割, 高齢受給者 (card certificate expired 20 days ago: eligibility only)', profileId: 'ishikawa-tsuneo', validity: '1',
    results: [person({ ...KOKUHO, InsuredCardSymbol: '清瀬', InsuredIdentificationNumber: '30711', InsuredBranchNumber: '00', PersonalFamilyClassification: '1',
      InsuredName: '石川　恒夫', Name: '石川　恒夫', NameKana: 'ｲｼｶﾜ ﾂﾈｵ', Sex1: '1', Birthdate: '19521103', InsuredPartialContributionRatio: '020',
      ElderlyRecipientCertificateInfo: { ElderlyRecipientCertificateDate: '20240501', ElderlyRecipientValidStartDate: '20240501',
        ElderlyRecipientValidEndDate: '20290430', ElderlyRecipientContributionRatio: '020' } })],
  },
  {
    id: 'mori-setsuko', case: '70–74, 3割 (現役並み), 高齢受給者, 限度額 B03', profileId: 'mori-setsuko', validity: '1',
    results: [person({ ...KOKUHO, InsuredCardSymbol: '清瀬', InsuredIdentificationNumber: '30712', InsuredBranchNumber: '00', PersonalFamilyClassification: '1',
      InsuredName: '森　節子', Name: '森　節子', NameKana: 'ﾓﾘ ｾﾂｺ', Sex1: '2', Birthdate: '19550820', InsuredPartialContributionRatio: '030',
      ElderlyRecipientCertificateInfo: { ElderlyRecipientCertificateDate: '20250901', ElderlyRecipientValidStartDate: '20250901',
        ElderlyRecipientValidEndDate: '20300831', ElderlyRecipientContributionRatio: '030' },
      LimitApplicationCertificateRelatedInfo: { LimitApplicationCertificateClassification: '01', LimitApplicationCertificateClassificationFlag: 'B03',
        LimitApplicationCertificateDate: '20260801', LimitApplicationCertificateValidStartDate: '20260801', LimitApplicationCertificateValidEndDate: '20270731' } })],
  },
  {
    id: 'kimura-haru', case: '後期高齢者 2割', profileId: 'kimura-haru', validity: '1',
    results: [person({ ...KOUKI, ...KOUKI_PLAIN, InsuredCardSymbol: '', InsuredIdentificationNumber: '00034567',
      Name: '木村　ハル', NameKana: 'ｷﾑﾗ ﾊﾙ', Sex1: '2', Birthdate: '19480303', InsuredPartialContributionRatio: '020' })],
  },
  {
    id: 'kimura-isao', case: '後期高齢者 3割 (現役並み所得)', profileId: 'kimura-isao', validity: '1',
    results: [person({ ...KOUKI, ...KOUKI_PLAIN, InsuredCardSymbol: '', InsuredIdentificationNumber: '00034568',
      Name: '木村　功', NameKana: 'ｷﾑﾗ ｲｻｵ', Sex1: '1', Birthdate: '19470707', InsuredPartialContributionRatio: '030' })],
  },
  {
    id: 'fujita-aoi', case: '複数該当 (two qualifications on the same day)', profileId: 'fujita-aoi', validity: '5',
    results: [
      person({ ...KYOKAI, InsuredCardSymbol: '9012', InsuredIdentificationNumber: '78', InsuredBranchNumber: '00', PersonalFamilyClassification: '1',
        Name: '藤田　葵', NameKana: 'ﾌｼﾞﾀ ｱｵｲ', Sex1: '2', Birthdate: '19930312', InsuredPartialContributionRatio: '030' }),
      person({ ...KOKUHO, InsuredCardSymbol: '清瀬', InsuredIdentificationNumber: '41002', InsuredBranchNumber: '00', PersonalFamilyClassification: '1',
        Name: '藤田　葵', NameKana: 'ﾌｼﾞﾀ ｱｵｲ', Sex1: '2', Birthdate: '19930312', InsuredPartialContributionRatio: '030' }),
    ],
  },
  {
    id: 'endo-takeshi', case: '無効: eligibility lost (ReasonOfLoss 99)', profileId: 'endo-takeshi', validity: '2',
    results: [person({ ...KUMIAI, InsuredCardSymbol: '遠藤', InsuredIdentificationNumber: '2002', InsuredBranchNumber: '00', PersonalFamilyClassification: '1',
      Name: '遠藤　武', NameKana: 'ｴﾝﾄﾞｳ ﾀｹｼ', Sex1: '1', Birthdate: '19850505', InsuredPartialContributionRatio: '030',
      DisqualificationDate: '20260930', ReasonOfLoss: '99' })],
  },
];
