// In-memory revocation registry of the test PKI, and the CRLs it signs.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { serialToHex } from '../../common/jpki/bytes';
import { OID_EXT_AUTHORITY_KEY_ID, OID_EXT_CRL_NUMBER, OID_EXT_CRL_REASON } from '../../common/jpki/oids';
import type { RevocationReason } from '../../common/jpki/types';
import { REVOCATION_REASON_CODES } from '../../common/jpki/types';
import type { CaMaterial } from './issue';
import { x509Time } from './issue';

export interface RevocationEntry { serial: Uint8Array; reason: RevocationReason; revokedAt: Date }

/** CRLs and OCSP answers are valid for one day, like J-LIS's daily CRL (jpki-card.md §11.4). */
export const STATUS_LIFETIME_MS = 24 * 3600_000;

export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

export class RevocationRegistry {
  /** CA label → serial hex → entry. */
  private readonly byCa = new Map<string, Map<string, RevocationEntry>>();

  constructor(private readonly cas: CaMaterial[]) {}

  static label(ca: CaMaterial): string {
    return `${ca.hierarchy}|${ca.which}`;
  }

  /** The issuing CA of a certificate, by its authorityKeyIdentifier (revoke() is synchronous). */
  issuerOf(cert: pkijs.Certificate): CaMaterial | undefined {
    const aki = cert.extensions?.find((e) => e.extnID === OID_EXT_AUTHORITY_KEY_ID)?.parsedValue;
    const keyId = aki instanceof pkijs.AuthorityKeyIdentifier ? aki.keyIdentifier?.valueBlock.valueHexView : undefined;
    if (!keyId) return undefined;
    return this.cas.find((ca) => Buffer.from(ca.keyId).equals(Buffer.from(keyId)));
  }

  revoke(certDer: Uint8Array, reason: RevocationReason, revokedAt: Date): void {
    if (!(reason in REVOCATION_REASON_CODES)) throw new Error(`unknown revocation reason '${reason}'`);
    const cert = pkijs.Certificate.fromBER(certDer.slice().buffer);
    const ca = this.issuerOf(cert);
    if (!ca) throw new Error('this certificate was not issued by the test PKI');
    const serial = cert.serialNumber.valueBlock.valueHexView.slice();
    const entries = this.byCa.get(RevocationRegistry.label(ca)) ?? new Map<string, RevocationEntry>();
    entries.set(serialToHex(serial.buffer), { serial, reason, revokedAt: wholeSeconds(revokedAt) });
    this.byCa.set(RevocationRegistry.label(ca), entries);
  }

  lookup(ca: CaMaterial, serialHex: string): RevocationEntry | undefined {
    return this.byCa.get(RevocationRegistry.label(ca))?.get(serialHex);
  }

  /** Entries revoked at or before `now` — a revocation dated later is not yet published. */
  entries(ca: CaMaterial, now: Date): RevocationEntry[] {
    const all = [...(this.byCa.get(RevocationRegistry.label(ca))?.values() ?? [])];
    return all.filter((e) => e.revokedAt.getTime() <= now.getTime()).sort((a, b) => a.revokedAt.getTime() - b.revokedAt.getTime());
  }
}

function enumeratedExtension(oid: string, code: number): pkijs.Extension {
  return new pkijs.Extension({ extnID: oid, extnValue: new asn1js.Enumerated({ value: code }).toBER(false) });
}

/** A v2 CRL signed by the CA, with a reasonCode on every entry and a CRL number. */
export async function buildCrl(ca: CaMaterial, entries: RevocationEntry[], now: Date): Promise<Uint8Array> {
  const thisUpdate = wholeSeconds(now);
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    issuer: ca.cert.subject,
    thisUpdate: x509Time(thisUpdate),
    nextUpdate: x509Time(new Date(thisUpdate.getTime() + STATUS_LIFETIME_MS)),
    crlExtensions: new pkijs.Extensions({
      extensions: [
        new pkijs.Extension({
          extnID: OID_EXT_AUTHORITY_KEY_ID,
          extnValue: new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: ca.keyId.slice().buffer }) }).toSchema().toBER(false),
        }),
        new pkijs.Extension({ extnID: OID_EXT_CRL_NUMBER, extnValue: new asn1js.Integer({ value: Math.floor(thisUpdate.getTime() / 1000) }).toBER(false) }),
      ],
    }),
  });
  if (entries.length > 0) {
    crl.revokedCertificates = entries.map((e) => new pkijs.RevokedCertificate({
      userCertificate: new asn1js.Integer({ valueHex: e.serial.slice().buffer }),
      revocationDate: x509Time(e.revokedAt),
      crlEntryExtensions: new pkijs.Extensions({
        extensions: [enumeratedExtension(OID_EXT_CRL_REASON, REVOCATION_REASON_CODES[e.reason])],
      }),
    }));
  }
  await crl.sign(ca.privateKey, 'SHA-256');
  return new Uint8Array(crl.toSchema(true).toBER(false));
}
