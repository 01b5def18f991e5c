// English messages of voice guidance, large text and keypad use (merged into en.ts).
import type { a11yJa } from './a11y-ja';

export const a11yEn: Record<keyof typeof a11yJa, string> = {
  'a11y.large': 'Larger text',
  'a11y.large.state': 'Text size {n}%',
  'a11y.repeat': 'Repeat',
  'a11y.speed': 'Speech speed',
  'a11y.speed.slow': 'Slow',
  'a11y.speed.normal': 'Normal',
  'a11y.speed.fast': 'Fast',
  'a11y.voiceOn': 'Voice guide is on',
  'kp.hint': 'Press plus and minus to move between items, and Enter to choose. Slash goes back. Star repeats',
  'kp.pinHint': 'Type the digits and press Enter. Backspace deletes one digit, the period key clears all. Slash cancels',
  'kp.focus': '{label}. Press Enter to choose',
  'kp.focus.pressed': '{label}. Selected',
  'kp.focus.disabled': '{label}. Not available now',
  'kp.noFocus': 'Press plus to choose an item',
  'kp.noBack': 'There is no going back on this screen',
};
