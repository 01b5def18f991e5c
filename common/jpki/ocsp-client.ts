// OCSP (RFC 6960) client side: build a request with a nonce, and accept a response only if it is
// signed by the issuer (or a responder the issuer delegated to), answers our CertID and is fresh.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesEqual, cryptoEngine, toArrayBuffer } from './bytes';
import { OID_OCSP_BASIC, OID_OCSP_NONCE } from './oids';
import { isSignedBy } from './signature';
import type { RevocationReason } from './types';
import { reasonFromCode } from './types';

const OID_KP_OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';

export type OcspAnswer =
  | { status: 'good' }
  | { status: 'revoked'; reason: RevocationReason; revokedAt: Date }
  | { status: 'unknown' };

export class OcspError extends Error {}

export interface BuiltOcspRequest { der: Uint8Array; certId: pkijs.CertID; nonceExtnValue: Uint8Array }

/** A one-certificate request with SHA-1 CertID (RFC 5019 profile) and a 16-byte random nonce. */
export async function buildOcspRequest(cert: pkijs.Certificate, issuer: pkijs.Certificate): Promise<BuiltOcspRequest> {
  const request = new pkijs.OCSPRequest();
  await request.createForCertificate(cert, { hashAlgorithm: 'SHA-1', issuerCertificate: issuer });
  const nonce = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const nonceExtnValue = new Uint8Array(new asn1js.OctetString({ valueHex: toArrayBuffer(nonce) }).toBER(false));
  request.tbsRequest.requestExtensions = [
    new pkijs.Extension({ extnID: OID_OCSP_NONCE, extnValue: toArrayBuffer(nonceExtnValue) }),
  ];
  const certId = request.tbsRequest.requestList[0]?.reqCert;
  if (!certId) throw new OcspError('request has no CertID');
  return { der: new Uint8Array(request.toSchema(true).toBER(false)), certId, nonceExtnValue };
}

async function signedByKeyOf(basic: pkijs.BasicOCSPResponse, signer: pkijs.Certificate): Promise<boolean> {
  try {
    return await cryptoEngine().verifyWithPublicKey(
      toArrayBuffer(basic.tbsResponseData.tbsView), basic.signature, signer.subjectPublicKeyInfo, basic.signatureAlgorithm,
    );
  } catch {
    return false;
  }
}

/** Issuer-signed, or signed by an included responder cert the issuer signed for OCSPSigning (RFC 6960 §4.2.2.2). */
async function verifyResponder(basic: pkijs.BasicOCSPResponse, issuer: pkijs.Certificate, now: Date): Promise<boolean> {
  if (await signedByKeyOf(basic, issuer)) return true;
  for (const responder of basic.certs ?? []) {
    const eku = responder.extensions?.find((e) => e.extnID === '2.5.29.37')?.parsedValue;
    const delegated = eku instanceof pkijs.ExtKeyUsage && eku.keyPurposes.includes(OID_KP_OCSP_SIGNING);
    const inDate = responder.notBefore.value <= now && now <= responder.notAfter.value;
    if (delegated && inDate && await isSignedBy(responder, issuer) && await signedByKeyOf(basic, responder)) return true;
  }
  return false;
}

function answerOf(single: pkijs.SingleResponse): OcspAnswer {
  const status = single.certStatus as asn1js.BaseBlock;
  switch (status.idBlock.tagNumber) {
    case 0: return { status: 'good' };
    case 2: return { status: 'unknown' };
    case 1: {
      const parts = status instanceof asn1js.Constructed ? status.valueBlock.value : [];
      const time = parts[0];
      if (!(time instanceof asn1js.GeneralizedTime)) throw new OcspError('revoked status without revocationTime');
      const reasonWrapper = parts[1];
      const reason = reasonWrapper instanceof asn1js.Constructed ? reasonWrapper.valueBlock.value[0] : undefined;
      const code = reason instanceof asn1js.Enumerated ? reason.valueBlock.valueDec : undefined;
      return { status: 'revoked', reason: reasonFromCode(code), revokedAt: time.toDate() };
    }
    default: throw new OcspError('certStatus has an unknown tag');
  }
}

export interface OcspFreshness { clockSkewMs: number; maxAgeWithoutNonceMs: number }

/** Checks a DER OCSPResponse against the request; throws OcspError for anything not trustworthy. */
export async function readOcspResponse(
  responseDer: Uint8Array, request: BuiltOcspRequest, issuer: pkijs.Certificate, now: Date, freshness: OcspFreshness,
): Promise<OcspAnswer> {
  let response: pkijs.OCSPResponse;
  try {
    response = pkijs.OCSPResponse.fromBER(toArrayBuffer(responseDer));
  } catch {
    throw new OcspError('OCSP response does not decode');
  }
  const responseStatus = response.responseStatus.valueBlock.valueDec;
  if (responseStatus !== 0) throw new OcspError(`OCSP responder status ${responseStatus}`);
  if (!response.responseBytes || response.responseBytes.responseType !== OID_OCSP_BASIC) {
    throw new OcspError('OCSP response is not a basic response');
  }
  let basic: pkijs.BasicOCSPResponse;
  try {
    basic = pkijs.BasicOCSPResponse.fromBER(toArrayBuffer(response.responseBytes.response.valueBlock.valueHexView));
  } catch {
    throw new OcspError('basic OCSP response does not decode');
  }
  if (!(await verifyResponder(basic, issuer, now))) throw new OcspError('OCSP response signature does not verify');

  const data = basic.tbsResponseData;
  const nonce = data.responseExtensions?.find((e) => e.extnID === OID_OCSP_NONCE);
  if (nonce && !bytesEqual(nonce.extnValue.valueBlock.valueHexView, request.nonceExtnValue)) {
    throw new OcspError('OCSP nonce does not match the request (replayed response)');
  }
  const single = data.responses.find((r) => r.certID.isEqual(request.certId));
  if (!single) throw new OcspError('OCSP response does not answer for this certificate');
  const thisUpdate = single.thisUpdate;
  if (thisUpdate.getTime() > now.getTime() + freshness.clockSkewMs) throw new OcspError('OCSP thisUpdate is in the future');
  if (single.nextUpdate && single.nextUpdate.getTime() + freshness.clockSkewMs < now.getTime()) {
    throw new OcspError('OCSP response is past its nextUpdate');
  }
  // Without an echoed nonce, only recency protects against replay of an old 'good'.
  if (!nonce && now.getTime() - thisUpdate.getTime() > freshness.maxAgeWithoutNonceMs) {
    throw new OcspError('OCSP response without nonce is too old');
  }
  return answerOf(single);
}
