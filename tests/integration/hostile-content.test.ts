// Hostile cards, contents: deep, truncated and empty TLV; someone else's, expired, look-alike, self-signed and odd certificates (tests/helpers/hostile-cards.ts, simulators/vcard/faults.ts). Each case
// through real pcscd on reader 1: the typed error and the time to it, a good card on reader 0
// served meanwhile, the technician log, and `madoguchi card …` ending with a non-zero code.
import { describeHostileGroup } from '../helpers/hostile-suite';

const IDS = ['tlv-deep', 'tlv-truncated', 'tlv-zero', 'other-person', 'expired', 'look-alike-ca', 'self-signed', 'odd-extension'];

describeHostileGroup('hostile cards: content', IDS);
