// Korean messages of the service menu after sign-in (merged into ko.ts).
import type { menuJa } from './menu-ja';

export const menuKo: Record<keyof typeof menuJa, string> = {
  'menu.choose': '원하시는 업무를 선택해 주십시오',
  'menu.none': '이 기기에서 하실 수 있는 다른 업무는 없습니다. 카드를 챙겨 가십시오',
};
