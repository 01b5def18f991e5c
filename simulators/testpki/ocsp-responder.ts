// OCSP responder of the test PKI (RFC 6960 basic response, signed directly by the CA).
// Like a CRL-backed responder, it answers 'good' for any serial of a known CA that is not revoked.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesEqual, serialToHex } from '../../common/jpki/bytes';
import { OID_OCSP_BASIC, OID_OCSP_NONCE, OID_SHA1, OID_SHA256 } from '../../common/jpki/oids';
import { REVOCATION_REASON_CODES } from '../../common/jpki/types';
import type { CaMaterial } from './issue';
import { hashBytes } from './issue';
import type { RevocationRegistry } from './registry';
import { STATUS_LIFETIME_MS, wholeSeconds } from './registry';

/** OCSPResponseStatus values (RFC 6960 §4.2.1). */
const MALFORMED_REQUEST = 1, UNAUTHORIZED = 6;

function statusOnly(status: number): Uint8Array {
  const response = new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: status }) });
  return new Uint8Array(response.toSchema().toBER(false));
}

function issuingCa(certId: pkijs.CertID, cas: CaMaterial[]): CaMaterial | undefined {
  const alg = certId.hashAlgorithm.algorithmId;
  const keyHash = certId.issuerKeyHash.valueBlock.valueHexView;
  const nameHash = certId.issuerNameHash.valueBlock.valueHexView;
  for (const ca of cas) {
    const nameDer = new Uint8Array(ca.cert.subject.toSchema().toBER(false));
    if (alg === OID_SHA1 && bytesEqual(keyHash, ca.keySha1) && bytesEqual(nameHash, hashBytes('sha1', nameDer))) return ca;
    if (alg === OID_SHA256 && bytesEqual(keyHash, ca.keySha256) && bytesEqual(nameHash, hashBytes('sha256', nameDer))) return ca;
  }
  return undefined;
}

function certStatus(ca: CaMaterial, registry: RevocationRegistry, certId: pkijs.CertID, now: Date): asn1js.BaseBlock {
  const serialHex = serialToHex(certId.serialNumber.valueBlock.valueHexView.slice().buffer);
  const entry = registry.lookup(ca, serialHex);
  if (!entry || entry.revokedAt.getTime() > now.getTime()) {
    return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } }); // good [0] IMPLICIT NULL
  }
  return new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 1 },
    value: [
      new asn1js.GeneralizedTime({ valueDate: entry.revokedAt }),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Enumerated({ value: REVOCATION_REASON_CODES[entry.reason] })] }),
    ],
  });
}

/** Answers a DER OCSPRequest; malformed input gets a malformedRequest response, never an exception. */
export async function respondToOcsp(requestDer: Uint8Array, cas: CaMaterial[], registry: RevocationRegistry, now: Date): Promise<Uint8Array> {
  let request: pkijs.OCSPRequest;
  try {
    request = pkijs.OCSPRequest.fromBER(requestDer.slice().buffer);
  } catch {
    return statusOnly(MALFORMED_REQUEST);
  }
  const requests = request.tbsRequest.requestList;
  const first = requests[0];
  if (!first) return statusOnly(MALFORMED_REQUEST);
  // One response has one signer, so it can only speak for the CA of the first CertID.
  const ca = issuingCa(first.reqCert, cas);
  if (!ca) return statusOnly(UNAUTHORIZED);
  const producedAt = wholeSeconds(now);
  const responses = requests
    .filter((r) => issuingCa(r.reqCert, cas) === ca)
    .map((r) => new pkijs.SingleResponse({
      certID: r.reqCert,
      certStatus: certStatus(ca, registry, r.reqCert, producedAt),
      thisUpdate: producedAt,
      nextUpdate: new Date(producedAt.getTime() + STATUS_LIFETIME_MS),
    }));
  const nonce = request.tbsRequest.requestExtensions?.find((e) => e.extnID === OID_OCSP_NONCE);
  const basic = new pkijs.BasicOCSPResponse({
    tbsResponseData: new pkijs.ResponseData({
      responderID: new asn1js.OctetString({ valueHex: ca.keySha1.slice().buffer }), // byKey
      producedAt,
      responses,
      ...(nonce ? { responseExtensions: [new pkijs.Extension({ extnID: OID_OCSP_NONCE, extnValue: nonce.extnValue.valueBlock.valueHexView.slice().buffer })] } : {}),
    }),
  });
  await basic.sign(ca.privateKey, 'SHA-256');
  const response = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: 0 }),
    responseBytes: new pkijs.ResponseBytes({
      responseType: OID_OCSP_BASIC,
      response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }),
    }),
  });
  return new Uint8Array(response.toSchema().toBER(false));
}
