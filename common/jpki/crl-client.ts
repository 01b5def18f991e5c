// CRL (RFC 5280 §5) client side: accept a CRL only if the issuer's key signed it and it is current,
// then look the serial up and read its CRLReason.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { cryptoEngine, serialToHex, toArrayBuffer } from './bytes';
import { OID_EXT_CRL_REASON } from './oids';
import type { RevocationReason } from './types';
import { reasonFromCode } from './types';

export class CrlError extends Error {}

export type CrlAnswer = { status: 'good' } | { status: 'revoked'; reason: RevocationReason; revokedAt: Date };

export function decodeCrl(der: Uint8Array): pkijs.CertificateRevocationList {
  try {
    return pkijs.CertificateRevocationList.fromBER(toArrayBuffer(der));
  } catch {
    throw new CrlError('CRL does not decode');
  }
}

async function signedByIssuer(crl: pkijs.CertificateRevocationList, issuer: pkijs.Certificate): Promise<boolean> {
  try {
    return await cryptoEngine().verifyWithPublicKey(
      toArrayBuffer(crl.tbsView), crl.signatureValue, issuer.subjectPublicKeyInfo, crl.signature,
    );
  } catch {
    return false;
  }
}

/** Whether this CRL may be used at `now` (nextUpdate is mandatory here: a CRL without one never goes stale). */
export function crlIsCurrent(crl: pkijs.CertificateRevocationList, now: Date, clockSkewMs: number): boolean {
  if (crl.thisUpdate.value.getTime() > now.getTime() + clockSkewMs) return false;
  if (!crl.nextUpdate) return false;
  return now.getTime() <= crl.nextUpdate.value.getTime() + clockSkewMs;
}

function reasonOf(entry: pkijs.RevokedCertificate): RevocationReason {
  const ext = entry.crlEntryExtensions?.extensions.find((e) => e.extnID === OID_EXT_CRL_REASON);
  if (!ext) return 'unspecified';
  const parsed = asn1js.fromBER(toArrayBuffer(ext.extnValue.valueBlock.valueHexView));
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Enumerated)) throw new CrlError('CRL entry reasonCode does not decode');
  return reasonFromCode(parsed.result.valueBlock.valueDec);
}

/** Status of `cert` in `crl`; throws CrlError if the CRL is not the issuer's or is stale. */
export async function readCrl(
  crl: pkijs.CertificateRevocationList, cert: pkijs.Certificate, issuer: pkijs.Certificate, now: Date, clockSkewMs: number,
): Promise<CrlAnswer> {
  if (!(await signedByIssuer(crl, issuer))) throw new CrlError('CRL is not signed by the certificate issuer');
  if (!crlIsCurrent(crl, now, clockSkewMs)) throw new CrlError('CRL is stale or not yet valid');
  const serial = serialToHex(toArrayBuffer(cert.serialNumber.valueBlock.valueHexView));
  const entry = crl.revokedCertificates?.find(
    (rc) => serialToHex(toArrayBuffer(rc.userCertificate.valueBlock.valueHexView)) === serial,
  );
  if (!entry) return { status: 'good' };
  return { status: 'revoked', reason: reasonOf(entry), revokedAt: entry.revocationDate.value };
}
