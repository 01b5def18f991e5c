// Sample issuance documents for the demo and the tests: the 山田 household (whole household, with
// 世帯主・続柄 and 本籍), a household of five (two sheets), and 山田太郎's seal certificate.
import { createHash } from 'node:crypto';
import { subjectHashInput, type IssuanceDocument, type PersonEntry, type ResidentCertificateData } from '../../common/documents/types';
import { demoMunicipality, demoSealImagePngBase64 } from './index';

const ADDRESS = '東京都清瀬市中里一丁目2番3号';
const HONSEKI = { honseki: '東京都清瀬市中里一丁目2番地', hittosha: '山田　太郎' };

const person = (over: Partial<PersonEntry> & Pick<PersonEntry, 'residentId' | 'name' | 'dob' | 'sex'>): PersonEntry => ({
  nameKana: null, becameResidentOn: '2010-04-01', addressSince: '2010-04-01',
  previousAddress: '東京都東村山市本町二丁目4番5号', notifiedOn: '2010-04-05', ...over,
});

export const SAMPLE_HOUSEHOLD: PersonEntry[] = [
  person({ residentId: 'yamada-taro', name: '山田　太郎', nameKana: 'ヤマダ　タロウ', dob: '1980-02-17', sex: '男', relationship: '世帯主', honseki: HONSEKI }),
  person({ residentId: 'yamada-hanako', name: '山田　花子', nameKana: 'ヤマダ　ハナコ', oldName: '佐藤', dob: '1982-06-05', sex: '女', relationship: '妻', honseki: HONSEKI }),
  person({ residentId: 'yamada-shota', name: '山田　翔太', nameKana: null, dob: '2015-03-10', sex: '男', relationship: '子', becameResidentOn: '2015-03-10', addressSince: '2015-03-10', previousAddress: undefined, notifiedOn: '2015-03-20', honseki: HONSEKI }),
  person({ residentId: 'yamada-mei', name: '山田　芽衣', nameKana: 'ヤマダ　メイ', dob: '2019-05-01', sex: '女', relationship: '子', becameResidentOn: '2019-05-01', addressSince: '2019-05-01', previousAddress: undefined, notifiedOn: '2019-05-07', honseki: HONSEKI }),
  person({ residentId: 'yamada-kiyo', name: '山田　キヨ', nameKana: 'ヤマダ　キヨ', dob: '1926-12-25', sex: '女', relationship: '母', honseki: HONSEKI }),
];

export function sampleSubjectHash(requester: string, subjects: string[], type: IssuanceDocument['data']['type']): string {
  return createHash('sha256').update(subjectHashInput(requester, subjects, type)).digest('hex');
}

function envelope(id: string, data: IssuanceDocument['data'], subjects: string[]): IssuanceDocument {
  return {
    issuanceId: `iss-${id}`, requestId: `req-${id}`, kioskId: 'kiosk-kiyose-01', issuanceNumber: `0001${id.length}7-01`,
    municipality: demoMunicipality().municipality, issuedAt: '2025-12-01T01:30:00.000Z', copies: 1,
    requesterResidentId: 'yamada-taro', subjectHash: sampleSubjectHash('yamada-taro', subjects, data.type), data,
  };
}

/** 住民票の写し; `members` persons of the sample household (default: the first 3), household layout. */
export function sampleResidentDocument(opts: { members?: number; layout?: ResidentCertificateData['layout']; type?: ResidentCertificateData['type']; options?: boolean } = {}): IssuanceDocument {
  const n = opts.members ?? 3;
  const withOptions = opts.options ?? true;
  const members = SAMPLE_HOUSEHOLD.slice(0, n).map((m) => (withOptions ? m : { ...m, relationship: undefined, honseki: undefined }));
  const data: ResidentCertificateData = {
    type: opts.type ?? 'juminhyo', layout: opts.layout ?? 'household', address: ADDRESS, householdHead: '山田　太郎',
    wholeHousehold: n === SAMPLE_HOUSEHOLD.length, members, remarks: [],
  };
  return envelope(`${data.type}-${data.layout}-${n}`, data, members.map((m) => m.residentId));
}

export function sampleSealDocument(): IssuanceDocument {
  return envelope('inkan-1', {
    type: 'inkan', name: '山田　太郎', nameKana: 'ヤマダ　タロウ', dob: '1980-02-17', sex: '男', address: ADDRESS,
    registrationNumber: '1322170042', sealImagePngBase64: demoSealImagePngBase64('山田　太郎'), remarks: [],
  }, ['yamada-taro']);
}
