// English messages of the service menu after sign-in (merged into en.ts).
import type { menuJa } from './menu-ja';

export const menuEn: Record<keyof typeof menuJa, string> = {
  'menu.choose': 'Please choose what you would like to do',
  'menu.none': 'There is nothing else to do at this kiosk. Please take your card with you',
};
