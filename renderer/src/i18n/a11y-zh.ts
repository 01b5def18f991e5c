// Chinese messages of voice guidance, large text and keypad use (merged into zh.ts).
import type { a11yJa } from './a11y-ja';

export const a11yZh: Record<keyof typeof a11yJa, string> = {
  'a11y.large': '放大文字',
  'a11y.large.state': '文字大小 {n}%',
  'a11y.repeat': '再听一次',
  'a11y.speed': '语速',
  'a11y.speed.slow': '慢速',
  'a11y.speed.normal': '正常',
  'a11y.speed.fast': '快速',
  'a11y.voiceOn': '语音向导已开启',
  'kp.hint': '按加号键和减号键选择项目，按确定键继续。按斜杠键返回。按星号键再听一次',
  'kp.pinHint': '用数字键输入，按确定键确认。退格键删除一位，句点键全部删除。按斜杠键取消',
  'kp.focus': '{label}。按确定键选择',
  'kp.focus.pressed': '{label}。已选择',
  'kp.focus.disabled': '{label}。现在无法选择',
  'kp.noFocus': '请按加号键选择项目',
  'kp.noBack': '此画面无法返回',
};
