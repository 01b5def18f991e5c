// The voice half of the UI↔main contract (schemas only; contract.ts lists the commands). Voice
// guidance is spoken on the kiosk's own machine: by the main process's offline engine where it has
// a voice for the language, otherwise by the window's own speech synthesis. At start the UI says
// which languages its window can speak; main answers which it speaks itself and which have no voice
// at all, and tells the technician (log, heartbeat) about those. Text only ever comes from the
// UI's message tables: never a PIN digit, never personal data.
import { z } from 'zod';

export const VoiceLangSchema = z.enum(['ja', 'en', 'zh', 'ko']);

export const VoiceCheckInputSchema = z.object({
  /** Languages the window's own speech synthesis has a voice for. */
  browser: z.array(VoiceLangSchema).max(4),
}).strict();

export const VoiceCheckSchema = z.object({
  /** The main process's engine ('espeak-ng', or 'none' where the machine has none). */
  engine: z.string().max(40),
  /** Languages the main process speaks itself (preferred: the same voice on every kiosk). */
  main: z.array(VoiceLangSchema).max(4),
  /** Offered languages nobody here can speak: reported to the technician. */
  missing: z.array(VoiceLangSchema).max(4),
});

export const VoiceSayInputSchema = z.object({
  lang: VoiceLangSchema,
  text: z.string().min(1).max(800),
  /** 1 = normal speed; the resident chooses slower or faster. */
  rate: z.number().min(0.5).max(2),
}).strict();

export type VoiceLangView = z.infer<typeof VoiceLangSchema>;
export type VoiceCheckView = z.infer<typeof VoiceCheckSchema>;
