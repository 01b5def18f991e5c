// A certificate read from the card must be one complete DER object; asn1js parses it so that a
// truncated or inconsistent file is reported as a typed error here, not deep inside the verifier.
import * as asn1js from 'asn1js';
import { KioskError } from '../../common/errors';

export function assertCompleteDer(der: Uint8Array, what: string): Uint8Array {
  if (der[0] !== 0x30) {
    throw new KioskError('card.malformed_response', `${what}: not a DER SEQUENCE`, { first: der[0] ?? -1 });
  }
  const buf = der.slice().buffer as ArrayBuffer;
  let parsed: ReturnType<typeof asn1js.fromBER>;
  try {
    parsed = asn1js.fromBER(buf);
  } catch (err) {
    // asn1js throws plain Errors on some inputs (found by the fuzz test, e.g. bad OID arcs).
    throw new KioskError('card.malformed_response', `${what}: certificate DER does not parse (${err instanceof Error ? err.message : 'error'})`, { length: der.length });
  }
  if (parsed.offset === -1 || parsed.offset !== der.length || parsed.result.error) {
    throw new KioskError('card.malformed_response', `${what}: certificate DER does not parse (${parsed.result.error || 'trailing or missing bytes'})`, {
      length: der.length,
    });
  }
  return der;
}
