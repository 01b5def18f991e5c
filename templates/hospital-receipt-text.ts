// The words of the hospital's 領収証 and 診療明細書. The Japanese is the document (staff, the tax office
// and 医療費控除 read it); the patient's language is printed beside the main labels, smaller, as on
// the 受付票. Category (部) and item names stay Japanese: they are the 点数表's terms.
import type { HospitalDocumentLanguage } from '../common/documents/hospital-receipt';

type Words = Record<HospitalDocumentLanguage, string>;

export const WORDS = {
  receipt: { ja: '領収証', en: 'Receipt', zh: '收据', ko: '영수증' },
  statement: { ja: '診療明細書', en: 'Itemised statement', zh: '诊疗明细', ko: '진료 명세서' },
  patientId: { ja: '患者ID', en: 'Patient ID', zh: '患者编号', ko: '환자 ID' },
  invoice: { ja: '伝票番号', en: 'Invoice No.', zh: '单据号', ko: '전표 번호' },
  performedOn: { ja: '診療日', en: 'Date of care', zh: '就诊日', ko: '진료일' },
  issuedOn: { ja: '発行日', en: 'Issued', zh: '开具日', ko: '발행일' },
  department: { ja: '診療科', en: 'Department', zh: '科室', ko: '진료과' },
  insurance: { ja: '保険種別', en: 'Insurance', zh: '保险类别', ko: '보험 종류' },
  ratio: { ja: '負担割合', en: 'Your share', zh: '自付比例', ko: '본인 부담 비율' },
  points: { ja: '保険診療の点数（1点10円）', en: 'Insured care in points (1 point = ¥10)', zh: '医保诊疗点数（1点=10日元）', ko: '보험 진료 점수 (1점 = 10엔)' },
  totalPoints: { ja: '総点', en: 'Total points', zh: '总点数', ko: '총점' },
  medicalCost: { ja: '医療費（10割）', en: 'Medical cost (100%)', zh: '医疗费（全额）', ko: '의료비 (10할)' },
  insuredShare: { ja: '保険　患者負担', en: 'Insured care, your share', zh: '医保 自付部分', ko: '보험 본인 부담' },
  publicAid: { ja: '公費負担額', en: 'Paid by public aid', zh: '公费负担', ko: '공비 부담' },
  outOfInsurance: { ja: '保険外（自費）', en: 'Not covered by insurance', zh: '医保外（自费）', ko: '보험 외 (자비)' },
  patientTotal: { ja: '患者負担額', en: 'Your total', zh: '患者负担金额', ko: '환자 부담액' },
  alreadyPaid: { ja: '前回までの入金', en: 'Paid before', zh: '已付金额', ko: '기납부액' },
  received: { ja: '領収額', en: 'Amount received', zh: '实收金额', ko: '영수액' },
  method: { ja: '支払方法', en: 'Paid by', zh: '支付方式', ko: '결제 방법' },
  tendered: { ja: 'お預り', en: 'Tendered', zh: '收款', ko: '받은 금액' },
  change: { ja: 'お釣り', en: 'Change', zh: '找零', ko: '거스름돈' },
  part: { ja: '部', en: 'Category', zh: '类别', ko: '부' },
  item: { ja: '項目名', en: 'Item', zh: '项目', ko: '항목' },
  itemPoints: { ja: '点数', en: 'Points', zh: '点数', ko: '점수' },
  count: { ja: '回数', en: 'Times', zh: '次数', ko: '횟수' },
  reprint: { ja: '【再発行】', en: 'Reissued copy', zh: '补发', ko: '재발행' },
  thanks: { ja: '上記の金額を領収いたしました。', en: 'We have received the amount above.', zh: '上述金额已收讫。', ko: '위 금액을 영수하였습니다.' },
  keep: {
    ja: '医療費控除の申告などに使えます。大切に保管してください。',
    en: 'Keep this receipt: it serves for the medical expense deduction.',
    zh: '可用于医疗费扣除申报，请妥善保管。',
    ko: '의료비 공제 신고 등에 사용할 수 있습니다. 잘 보관해 주십시오.',
  },
} satisfies Record<string, Words>;

export const METHOD_NAMES: Record<'cash' | 'ic' | 'card' | 'linked', Words> = {
  cash: { ja: '現金', en: 'Cash', zh: '现金', ko: '현금' },
  ic: { ja: '電子マネー', en: 'E-money', zh: '电子钱包', ko: '전자화폐' },
  card: { ja: 'クレジットカード', en: 'Credit card', zh: '信用卡', ko: '신용카드' },
  linked: { ja: 'クレジットカード（マイナンバーカード連携）', en: 'Credit card linked to My Number Card', zh: '信用卡（个人编号卡绑定）', ko: '신용카드 (마이넘버카드 연동)' },
};
