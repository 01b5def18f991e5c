// The words of the 受付票 in the four kiosk languages. The patient's language is printed large with
// the Japanese beside it for staff; a Japanese slip is Japanese only.
export const SLIP_LANGUAGES = ['ja', 'en', 'zh', 'ko'] as const;
export type SlipLanguage = (typeof SLIP_LANGUAGES)[number];

/** What the patient does next (electron/services/reception decides it from the visit). */
export const SLIP_NEXT_STEPS = ['wait', 'show_document_at_desk', 'desk'] as const;
export type SlipNextStep = (typeof SLIP_NEXT_STEPS)[number];

type Words = Record<SlipLanguage, string>;

export const SLIP_WORDS = {
  title: { ja: '受付票', en: 'Reception slip', zh: '挂号单', ko: '접수표' },
  number: { ja: '受付番号', en: 'Reception number', zh: '挂号号码', ko: '접수 번호' },
  department: { ja: '診療科', en: 'Department', zh: '科室', ko: '진료과' },
  time: { ja: '受付時刻', en: 'Received at', zh: '挂号时间', ko: '접수 시각' },
  noNumber: { ja: '受付窓口で番号をお渡しします', en: 'The desk will give you a number', zh: '挂号窗口会给您号码', ko: '접수 창구에서 번호를 드립니다' },
  keep: {
    ja: 'この受付票は、お呼びするまでお持ちください。',
    en: 'Please keep this slip until you are called.',
    zh: '叫号前请保留本单。',
    ko: '호출될 때까지 이 접수표를 가지고 계십시오.',
  },
} satisfies Record<string, Words>;

export const SLIP_NEXT: Record<SlipNextStep, Words> = {
  wait: {
    ja: '待合室でお待ちください。番号でお呼びします。',
    en: 'Please wait in the waiting room. We will call your number.',
    zh: '请在候诊室等候。我们会叫您的号码。',
    ko: '대기실에서 기다려 주십시오. 번호로 불러 드리겠습니다.',
  },
  show_document_at_desk: {
    ja: '受付窓口で「資格情報のお知らせ」またはマイナポータルの資格情報の画面をお見せください。',
    en: 'Please show your 資格情報のお知らせ (eligibility notice) or the eligibility screen of Mynaportal at the reception desk.',
    zh: '请在挂号窗口出示“资格信息通知”（資格情報のお知らせ）或 Mynaportal 的资格信息画面。',
    ko: '접수 창구에서 \'자격정보 안내\'(資格情報のお知らせ) 또는 마이나포털의 자격정보 화면을 보여 주십시오.',
  },
  desk: {
    ja: '受付窓口へお越しください。',
    en: 'Please come to the reception desk.',
    zh: '请到挂号窗口办理。',
    ko: '접수 창구로 와 주십시오.',
  },
};
