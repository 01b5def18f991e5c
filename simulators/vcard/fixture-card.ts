// A self-contained card for tests of the card itself and of APDU-level clients: fresh node:crypto
// RSA-2048 keys and certificate-shaped DER objects (a SEQUENCE holding the public key and filler),
// no test PKI needed. For cards with real certificates use world.ts.
import { generateKeyPairSync } from 'node:crypto';
import * as asn1js from 'asn1js';
import { myNumberCheckDigit } from '../../common/domain/my-number';
import { VirtualCard, type VirtualCardConfig } from './card';

export interface FixtureKeys {
  authKeyPkcs8: Uint8Array;
  signKeyPkcs8: Uint8Array;
  textApKeyPkcs8: Uint8Array;
}

let cached: FixtureKeys | undefined;

/** Three RSA-2048 keys, generated once per process (key generation dominates test time). */
export function fixtureKeys(): FixtureKeys {
  const make = () => new Uint8Array(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'der' }));
  cached ??= { authKeyPkcs8: make(), signKeyPkcs8: make(), textApKeyPkcs8: make() };
  return cached;
}

/** A DER SEQUENCE of `size` bytes (long-form length, like a certificate) with a marker inside. */
export function fakeCertificateDer(marker: string, size = 1315): Uint8Array {
  const body = new TextEncoder().encode(marker);
  const filler = new Uint8Array(Math.max(0, size - body.length - 4 - 4 - 4)).fill(0x5a);
  const seq = new asn1js.Sequence({ value: [new asn1js.Utf8String({ value: marker }), new asn1js.OctetString({ valueHex: filler })] });
  return new Uint8Array(seq.toBER());
}

export function fixtureMyNumber(first11 = '12345678901'): string {
  return `${first11}${myNumberCheckDigit(first11)}`;
}

/** Config of an ordinary adult resident's card; override any part. PINs: 1234 / ABC123 / 5678. */
export function fixtureCardConfig(overrides: Partial<VirtualCardConfig> & { id: string; stateDir: string }): VirtualCardConfig {
  const k = fixtureKeys();
  return {
    auth: { certDer: fakeCertificateDer('auth-cert', 1400), keyPkcs8: k.authKeyPkcs8, caDer: fakeCertificateDer('auth-ca', 1301) },
    sign: { certDer: fakeCertificateDer('sign-cert', 1800), keyPkcs8: k.signKeyPkcs8, caDer: fakeCertificateDer('sign-ca', 1319) },
    pins: { auth: '1234', sign: 'ABC123', text: '5678' },
    holder: { myNumber: fixtureMyNumber(), name: '山田　太郎', address: '東京都千代田区霞が関１－２－３', dob: '19800217', sex: '1' },
    facts: { serial: '000000000000001', municipalityCode: '131016', expiry: '20350217', securityCode: '1234' },
    textApKeyPkcs8: k.textApKeyPkcs8,
    ...overrides,
  };
}

export function fixtureCard(overrides: Partial<VirtualCardConfig> & { id: string; stateDir: string }): VirtualCard {
  return new VirtualCard(fixtureCardConfig(overrides));
}
