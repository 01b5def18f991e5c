// Builds the IssuanceDocument the municipality certifies for ONE request (the shape of
// common/documents/types.ts), from the registry rows the rules approved. Only what the options
// ask for is included: 続柄 / 本籍 / 個人番号 are absent unless requested (and allowed); the
// 住民票コード never exists here at all.
import { createHash } from 'node:crypto';
import type { ResidentRow, SealRow } from '../storage/store';
import type { MunicipalityCertConfigT } from './config';
import type { ResidentDetailsT } from './certificate-store';
import { subjectHashInput, type Municipality, type PersonEntry, type ResidentCertificateData, type SealCertificateData } from '../../common/documents/types';
import type { CertificateType, Layout, Scope } from '../../common/backoffice-api';

export type { IssuanceDocument } from '../../common/documents/types';

/** sha256 hex over requester + subject resident ids + type: binds the document to its request. */
export function subjectHashOf(requesterId: string, subjectIds: string[], type: CertificateType): string {
  return createHash('sha256').update(subjectHashInput(requesterId, subjectIds, type)).digest('hex');
}

export function municipalityOf(cfg: MunicipalityCertConfigT): Municipality {
  return {
    code: cfg.code, prefecture: cfg.prefecture, name: cfg.name, mayorTitle: cfg.mayorTitle, mayorName: cfg.mayorName,
    ...(cfg.deputy ? { deputy: cfg.deputy } : {}), ...(cfg.closing ? { closing: cfg.closing } : {}),
  };
}

const isoDay = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
const sexOf = (s: ResidentRow['sex']): '男' | '女' => (s === '2' ? '女' : '男');
/** 続柄 for children is always 「子」 (since 1995). */
const relationshipOf = (r: string) => (/^(長|次|三|四)?(男|女)$/.test(r) ? '子' : r);

export interface BuildInput {
  type: CertificateType; scope: Scope; options: Record<string, boolean>; layout?: Layout;
  holder: ResidentRow; household: ResidentRow[]; subjects: ResidentRow[]; seal: SealRow | undefined;
  details: (residentId: string) => ResidentDetailsT | undefined;
}

export function buildCertificateData(i: BuildInput): ResidentCertificateData | SealCertificateData {
  const d = (id: string): ResidentDetailsT => i.details(id) ?? { furiganaConfirmed: true, becameResidentOn: '', addressSince: '' };
  if (i.type === 'inkan') {
    const h = i.holder;
    return { type: 'inkan', name: h.name, nameKana: d(h.residentId).furiganaConfirmed ? h.nameKana : null, dob: isoDay(h.dob), sex: sexOf(h.sex),
      address: h.address, registrationNumber: i.seal!.registrationNumber, sealImagePngBase64: Buffer.from(i.seal!.imagePng).toString('base64'), remarks: [] };
  }
  const head = i.household.find((m) => m.relationship === '世帯主') ?? i.holder;
  const members = i.subjects.map((s): PersonEntry => {
    const det = d(s.residentId);
    const mine = i.options.myNumber ? det.myNumber : undefined;
    return {
      residentId: s.residentId, name: s.name, nameKana: det.furiganaConfirmed ? s.nameKana : null, ...(det.oldName ? { oldName: det.oldName } : {}),
      dob: isoDay(s.dob), sex: sexOf(s.sex), ...(i.options.householdHead ? { relationship: relationshipOf(s.relationship) } : {}),
      becameResidentOn: det.becameResidentOn, addressSince: det.addressSince,
      ...(det.previousAddress ? { previousAddress: det.previousAddress } : {}), ...(det.notifiedOn ? { notifiedOn: det.notifiedOn } : {}),
      ...(i.options.honseki && det.honseki ? { honseki: det.honseki } : {}), ...(mine ? { myNumber: mine } : {}), ...(det.foreign ? { foreign: det.foreign } : {}),
    };
  });
  const printable = i.household.filter((m) => !m.deceased);
  return {
    type: i.type, layout: i.layout ?? (i.scope === 'self' ? 'individual' : 'household'), address: i.holder.address,
    householdHead: head.name, wholeHousehold: i.scope === 'household' || members.length === printable.length, members, remarks: [],
  };
}
