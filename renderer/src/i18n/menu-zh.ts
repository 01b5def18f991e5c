// Chinese (simplified) messages of the service menu after sign-in (merged into zh.ts).
import type { menuJa } from './menu-ja';

export const menuZh: Record<keyof typeof menuJa, string> = {
  'menu.choose': '请选择要办理的业务',
  'menu.none': '本机没有其他可办理的业务。请带好您的卡片',
};
