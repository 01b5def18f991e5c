// Hostile cards, status words, lengths, retry counters and signature sizes no genuine card gives (tests/helpers/hostile-cards.ts, simulators/vcard/faults.ts). Each case
// through real pcscd on reader 1: the typed error and the time to it, a good card on reader 0
// served meanwhile, the technician log, and `madoguchi card …` ending with a non-zero code.
import { describeHostileGroup } from '../helpers/hostile-suite';

const IDS = ['lying-length', 'short-file', 'bad-sw', 'tries-63CF', 'tries-63C0', 'verify-63CF', 'sig-255', 'sig-512', 'sig-empty'];

describeHostileGroup('hostile cards: status', IDS);
