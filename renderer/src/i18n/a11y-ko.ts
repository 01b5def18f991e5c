// Korean messages of voice guidance, large text and keypad use (merged into ko.ts).
import type { a11yJa } from './a11y-ja';

export const a11yKo: Record<keyof typeof a11yJa, string> = {
  'a11y.large': '글자 크게',
  'a11y.large.state': '글자 크기 {n}%',
  'a11y.repeat': '다시 듣기',
  'a11y.speed': '말하기 속도',
  'a11y.speed.slow': '느리게',
  'a11y.speed.normal': '보통',
  'a11y.speed.fast': '빠르게',
  'a11y.voiceOn': '음성 안내를 시작합니다',
  'kp.hint': '플러스 키와 마이너스 키로 항목을 고르고, 확인 키로 진행합니다. 슬래시 키로 돌아갑니다. 별표 키로 다시 들을 수 있습니다',
  'kp.pinHint': '숫자 키로 입력하고 확인 키로 확정합니다. 백스페이스 키로 한 자리, 마침표 키로 모두 지웁니다. 슬래시 키로 취소합니다',
  'kp.focus': '{label}. 확인 키로 선택합니다',
  'kp.focus.pressed': '{label}. 선택되어 있습니다',
  'kp.focus.disabled': '{label}. 지금은 선택할 수 없습니다',
  'kp.noFocus': '플러스 키로 항목을 선택해 주십시오',
  'kp.noBack': '이 화면에서는 돌아갈 수 없습니다',
};
