// The online-eligibility XML vocabulary (common/onshi): the public fixture parses unchanged, results
// and requests build and parse in UTF-8 and Shift_JIS, bad files are refused with input.invalid,
// and the element and code lists cover the public field list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isKioskError } from '../../common/errors';
import {
  BODY_ELEMENTS, buildEligibilityResult, buildQualificationRequest, buildReferenceRegistrationRequest, CHOSEN, ELDERLY_ELEMENTS, HEADER_ELEMENTS,
  labelOf, LIMIT_ELEMENTS, parseEligibilityResult, parseQualificationRequest, parseReferenceRegistrationRequest, parseRequestFileName,
  requestFileName, RESULT_ELEMENTS, resultFileName, SPECIFIC_DISEASE_ELEMENTS, summarizeEligibility, type EligibilityResultFields,
} from '../../common/onshi';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/onshi/${name}`, import.meta.url));
const invalid = (field?: string) => (err: unknown) => isKioskError(err) && err.kind === 'input.invalid' && (field === undefined || err.details.field === field);
const sjis = (b: Uint8Array) => new TextDecoder('shift_jis').decode(b);

test('the public fixture parses unchanged: every value verbatim (padded 保険者番号 too), the XML kept as received', () => {
  const bytes = fixture('onshi-result-hangilc-fixture.xml');
  const r = parseEligibilityResult(new Uint8Array(bytes));
  assert.equal(r.encoding, 'UTF-8');
  assert.equal(r.rawXml, bytes.toString('utf8'));
  assert.equal(r.header.ArbitraryFileIdentifier, 'ArnHCeDfNjMCFzg=');
  assert.equal(r.header.SegmentOfResult, '1');
  assert.deepEqual(r.body, { ProcessingResultStatus: '1', QualificationValidity: '1' });
  assert.equal(r.results.length, 1);
  const p = r.results[0]!;
  assert.equal(p.InsurerNumber, '  123456');
  assert.equal(p.Name, '診療　太郎');
  assert.equal(p.NameKana, 'ｼﾝﾘｮｳ ﾀﾛｳ');
  assert.equal(p.InsuredBranchNumber, '01');
  assert.equal(p.PharmacistsInfoConsFlg, '1');
  assert.equal(p.DiagnosisInfoConsFlg, '0');
  // Every element of the fixture's result is read (none dropped as unknown).
  const inFixture = [...bytes.toString('utf8').matchAll(/<(\w+)>[^<]*<\/\1>/g)].map((m) => m[1]!);
  const read = new Set([...Object.keys(r.header), ...Object.keys(r.body), ...Object.keys(p)]);
  assert.deepEqual(inFixture.filter((n) => !read.has(n)), []);
  assert.equal(summarizeEligibility(r).outcome, 'valid');
});

test('the element lists hold every name of the public field list', () => {
  const text = fixture('onshi-result.fields.txt').toString('utf8');
  const section = (name: string) => text.split(`[${name}]`)[1]!.split('\n\n')[0]!.split('\n').map((l) => l.trim()).filter((l) => /^\w+$/.test(l));
  const blocks = ['LimitApplicationCertificateRelatedInfo', 'ElderlyRecipientCertificateInfo', 'SpecificDiseasesCertificateList', 'ResultList', 'QualificationConfirmSearchInfo'];
  const known = new Set<string>([...HEADER_ELEMENTS, ...BODY_ELEMENTS, ...RESULT_ELEMENTS, ...LIMIT_ELEMENTS, ...ELDERLY_ELEMENTS, ...SPECIFIC_DISEASE_ELEMENTS, ...blocks]);
  for (const s of ['MessageHeader', 'MessageBody', 'ResultOfQualificationConfirmation', 'LimitApplicationCertificateRelatedInfo', 'ElderlyRecipientCertificateInfo', 'SpecificDiseasesCertificateInfo']) {
    const names = section(s);
    assert.ok(names.length >= 4, `section ${s} read`);
    assert.deepEqual(names.filter((n) => !known.has(n)), [], `missing from ${s}`);
  }
});

test('code tables carry the Japanese labels, incl. 6 有効（未登録）, A1 医療扶助 and both 限度額 ranges; an unknown code has none', () => {
  assert.equal(labelOf('QualificationValidity', '3'), '無効（新しい資格あり）');
  assert.equal(labelOf('QualificationValidity', '6'), '有効（未登録）');
  assert.equal(labelOf('InsuredCardClassification', 'A1'), '医療扶助');
  assert.equal(labelOf('LimitApplicationCertificateClassificationFlag', 'A03'), 'ウ');
  assert.equal(labelOf('LimitApplicationCertificateClassificationFlag', 'B09'), '一般Ⅱ');
  assert.equal(labelOf('SpecificDiseasesDiseaseCategory', '1'), '人工透析を必要とする慢性腎不全');
  assert.equal(labelOf('ReasonOfLoss', '03'), '医療保険等の資格取得');
  assert.equal(labelOf('QualificationValidity', '7'), undefined);
  assert.equal(labelOf('QualificationValidity', 'toString'), undefined);
});

const full: EligibilityResultFields = {
  header: { ProcessExecutionTime: '20261206101500', QualificationConfirmationDate: '20261206', MedicalInstitutionCode: '1311111111', ArbitraryFileIdentifier: 'abc123', ReferenceClassification: '1', SegmentOfResult: '1' },
  body: { ProcessingResultStatus: '1', QualificationValidity: '1' },
  results: [{
    InsurerNumber: '  138057', InsurerName: '清瀬市', InsuredCardSymbol: '清瀬', InsuredIdentificationNumber: '30712', InsuredBranchNumber: '00',
    Name: '髙橋　節子', NameKana: 'ﾀｶﾊｼ ｾﾂｺ', Birthdate: '19550820', InsuredPartialContributionRatio: '030', [CHOSEN.referenceNumber]: 'P-00042',
    ElderlyRecipientCertificateInfo: { ElderlyRecipientContributionRatio: '030', ElderlyRecipientValidEndDate: '20300831' },
    LimitApplicationCertificateRelatedInfo: { LimitApplicationCertificateClassification: '01', LimitApplicationCertificateClassificationFlag: 'B03' },
    SpecificDiseasesCertificateList: [{ SpecificDiseasesDiseaseCategory: '1', SpecificDiseasesSelfPay: '10000' }, { SpecificDiseasesDiseaseCategory: '2' }],
    [CHOSEN.publicExpenseList]: [{ PublicExpenseBearerNumber: '88138243', PublicExpenseRecipientNumber: '1234566', PublicExpenseName: 'マル親 & <test>' }],
  }],
};

for (const encoding of ['UTF-8', 'Shift_JIS'] as const) {
  test(`a result builds and parses back in ${encoding} with every block; CharacterCodeIdentifier matches`, () => {
    const bytes = buildEligibilityResult(full, encoding);
    const r = parseEligibilityResult(bytes);
    assert.equal(r.encoding, encoding);
    assert.equal(r.header.CharacterCodeIdentifier, encoding === 'UTF-8' ? '0' : '1');
    assert.deepEqual(r.results, full.results);
    assert.deepEqual({ ...r.header, CharacterCodeIdentifier: undefined }, { ...full.header, CharacterCodeIdentifier: undefined });
    const s = summarizeEligibility(r);
    assert.deepEqual(s, { outcome: 'valid', arbitraryFileIdentifier: 'abc123', hasPublicAid: true, ratioPercent: 30, referenceNumber: 'P-00042' });
    if (encoding === 'Shift_JIS') {
      assert.ok(bytes.includes(0x90) && !new TextDecoder('utf-8').decode(bytes).includes('髙橋'), 'the bytes are not UTF-8');
      assert.ok(sjis(bytes).includes('<Name>髙橋　節子</Name>'));
      assert.equal(r.rawXml, sjis(bytes));
    }
  });
}

test('Shift_JIS without a declaration is read from CharacterCodeIdentifier; bad bytes and foreign encodings are refused', () => {
  const withDecl = buildEligibilityResult(full, 'Shift_JIS');
  const noDecl = withDecl.subarray(withDecl.indexOf(0x0a) + 1);
  assert.equal(parseEligibilityResult(noDecl).results[0]!.Name, '髙橋　節子');
  const broken = new Uint8Array(withDecl);
  broken[broken.indexOf(0x90)] = 0x80; // not a Shift_JIS lead byte
  assert.throws(() => parseEligibilityResult(broken), invalid('encoding'));
  const euc = new TextEncoder().encode('<?xml version="1.0" encoding="EUC-JP"?><XmlMsg><MessageHeader/></XmlMsg>');
  assert.throws(() => parseEligibilityResult(euc), invalid('encoding'));
  assert.throws(() => buildEligibilityResult({ ...full, results: [{ Name: '𠮷田' }] }, 'Shift_JIS'), invalid('encoding'));
});

test('malformed or wrongly shaped results are refused with input.invalid, naming the place', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  assert.throws(() => parseEligibilityResult(enc('<XmlMsg><MessageHeader>')), invalid('xml'));
  assert.throws(() => parseEligibilityResult(enc('<Other/>')), invalid('XmlMsg'));
  assert.throws(() => parseEligibilityResult(enc('<!DOCTYPE x [<!ENTITY a "aaaa">]><XmlMsg><MessageHeader><ErrorMessage>&a;</ErrorMessage></MessageHeader></XmlMsg>')), invalid('xml'));
  assert.throws(() => parseEligibilityResult(new Uint8Array(1_000_001).fill(0x20)), invalid('xml'));
  assert.throws(() => parseEligibilityResult(enc('<XmlMsg><MessageHeader><SegmentOfResult>7</SegmentOfResult></MessageHeader></XmlMsg>')), invalid());
  assert.throws(() => parseEligibilityResult(enc('<XmlMsg><MessageHeader><SegmentOfResult><a>1</a></SegmentOfResult></MessageHeader></XmlMsg>')), invalid('SegmentOfResult'));
  assert.throws(() => buildEligibilityResult({ ...full, body: { QualificationValidity: '9' } }, 'UTF-8'), invalid());
});

test('outcomes: 処理中, card not registered, 複数該当, 有効（未登録）', () => {
  const r = (f: Partial<EligibilityResultFields>) => summarizeEligibility(parseEligibilityResult(buildEligibilityResult({ ...full, ...f }, 'UTF-8')));
  assert.equal(r({ header: { SegmentOfResult: '2', ArbitraryFileIdentifier: 'x' }, body: {}, results: [] }).outcome, 'processing');
  const unregistered = r({ body: { ProcessingResultStatus: '2', ProcessingResultCode: 'EOQS1001' }, results: [] });
  assert.equal(unregistered.outcome, 'card_unregistered');
  assert.match(unregistered.errorMessage ?? '', /利用登録/);
  assert.equal(r({ body: { ProcessingResultStatus: '1', QualificationValidity: '5' } }).outcome, 'multiple');
  assert.equal(r({ body: { ProcessingResultStatus: '1', QualificationValidity: '6' } }).outcome, 'valid_unregistered');
});

test('requests: the number check and the 照会番号 registration, both ways in both encodings; bad numbers refused', () => {
  const header = { QualificationConfirmationDate: '20261206', MedicalInstitutionCode: '1311111111', ArbitraryFileIdentifier: 'f00d' };
  const search = { InsurerNumber: '  138057', InsuredCardSymbol: '清瀬', InsuredIdentificationNumber: '30712', InsuredBranchNumber: '00', Birthdate: '19550820' };
  for (const encoding of ['UTF-8', 'Shift_JIS'] as const) {
    const q = parseQualificationRequest(buildQualificationRequest({ header, search }, encoding));
    assert.deepEqual(q, { header, search, encoding });
    const entries = [{ ...search, [CHOSEN.referenceNumber]: 'P-1' }, { ...search, InsuredBranchNumber: '01', [CHOSEN.referenceNumber]: 'P-2' }];
    assert.deepEqual(parseReferenceRegistrationRequest(buildReferenceRegistrationRequest({ header, entries }, encoding)), { header, entries, encoding });
  }
  assert.throws(() => buildQualificationRequest({ header, search: { ...search, Birthdate: '19551320' } }, 'UTF-8'), invalid('Birthdate'));
  assert.throws(() => buildQualificationRequest({ header: { ...header, MedicalInstitutionCode: '131' }, search }, 'UTF-8'), invalid('MedicalInstitutionCode'));
  const noSearch = new TextEncoder().encode('<XmlMsg><MessageHeader><ArbitraryFileIdentifier>a</ArbitraryFileIdentifier></MessageHeader><MessageBody/></XmlMsg>');
  assert.throws(() => parseQualificationRequest(noSearch), invalid('QualificationConfirmSearchInfo'));
});

test('file names: request and result names pair by id; other names are not requests', () => {
  assert.equal(requestFileName('numberCheck', '20261206101500ab'), 'OQSsiquc01req_20261206101500ab.xml');
  assert.equal(resultFileName('referenceRegistration', 'x1'), 'OQSmuimm01res_x1.xml');
  assert.deepEqual(parseRequestFileName('OQSmuimm01req_x1.xml'), { kind: 'referenceRegistration', id: 'x1' });
  for (const name of ['OQSsiquc01res_x.xml', 'OQSsiquc01req_.xml', 'OQSsiquc01req_a/b.xml', '.OQSsiquc01req_x.xml.tmp', 'YZKsiquc01req_x.xml']) {
    assert.equal(parseRequestFileName(name), null, name);
  }
  assert.throws(() => requestFileName('numberCheck', '../x'), invalid('id'));
});

test('the kiosk\'s view of a result (toPortResult): the public fixture and a full result map field by field, XML verbatim', async () => {
  const { toPortResult } = await import('../../electron/services/reception/eligibility-client');
  const bytes = fixture('onshi-result-hangilc-fixture.xml');
  const r = toPortResult(parseEligibilityResult(new Uint8Array(bytes)));
  assert.deepEqual({ ...r, rawXml: undefined }, {
    arbitraryFileIdentifier: 'ArnHCeDfNjMCFzg=', segmentOfResult: '1', processingResultStatus: '1', qualificationValidity: '1',
    insuredCardClassification: '01', insurerNumber: '123456', insurerName: '東京都', insuredCardSymbol: '12-34', insuredIdentificationNumber: '4260',
    insuredBranchNumber: '01', personalFamilyClassification: '1', name: '診療　太郎', nameKana: 'ｼﾝﾘｮｳ ﾀﾛｳ', sex: '1', birthdate: '20010327',
    address: '東京都', postNumber: '123-4567', rawXml: undefined,
  });
  assert.equal(r.rawXml, bytes.toString('utf8'));
  const f = toPortResult(parseEligibilityResult(buildEligibilityResult(full, 'Shift_JIS')));
  assert.deepEqual([f.elderlyRecipientContributionRatio, f.limitApplicationClassificationFlag, f.specificDiseases, f.publicExpenses, f.referenceNumber],
    ['030', 'B03', ['1', '2'], [{ providerNumber: '88138243', recipientNumber: '1234566' }], 'P-00042']);
  const unregistered = toPortResult(parseEligibilityResult(buildEligibilityResult({ ...full, body: { ProcessingResultStatus: '2', ProcessingResultCode: 'EOQS1001' }, results: [] }, 'UTF-8')));
  assert.equal(unregistered.cardUnregistered, true);
});
