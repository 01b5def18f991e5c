// test-lane: free
// The online-eligibility simulator through the kiosk's client, over loopback HTTP and real folders:
// card checks signed with the demo cards' own keys (test PKI) and verified with common/jpki, the
// eligibility-only grace, 処理中 then the result, 照会番号 registration found again on the next
// visit, the number check through REQ/RES, a malformed request answered with an error result, and
// the outage switch. No shared device: one simulator for the file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isKioskError } from '../../common/errors';
import { parseEligibilityResult, requestFileName, resultFileName } from '../../common/onshi';
import { createEligibilityClient } from '../../electron/services/reception/eligibility-client';
import type { EligibilityService } from '../../electron/services/reception/ports';
import { startOnshiSimulator, type OnshiSimulator } from '../../simulators/onshi';
import { loadDemoWorld, type DemoWorld } from '../../simulators/vcard/world';
import { until } from '../helpers/until';

let dir: string;
let sim: OnshiSimulator;
let world: DemoWorld;
let client: EligibilityService;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'onshi-'));
  [sim, world] = await Promise.all([startOnshiSimulator({ dir, encoding: 'Shift_JIS' }), loadDemoWorld()]);
  client = createEligibilityClient({ url: sim.url, medicalInstitutionCode: '1311111111', folder: dir, timeoutMs: 2_000 });
});
after(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What the card does at login: sign the service's challenge with its user-authentication key. */
async function cardSigns(profileId: string, challenge: Uint8Array): Promise<{ authCertDer: Uint8Array; signature: Uint8Array }> {
  const h = await world.holderFor(profileId);
  const key = await crypto.subtle.importKey('pkcs8', h.authKeyPkcs8 as BufferSource, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  return { authCertDer: h.authCertDer, signature: new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, challenge as BufferSource)) };
}

async function checkCard(profileId: string) {
  const c = await client.challenge();
  return client.confirmByCard({ challengeId: c.challengeId, ...(await cardSigns(profileId, c.challenge)) });
}

const kind = (k: string, reason?: string) => (err: unknown) => isKioskError(err) && err.kind === k && (reason === undefined || err.details.reason === reason);

test('a registered card: 有効, 3割, 限度額 A03, the Shift_JIS answer kept verbatim', async () => {
  const r = await checkCard('yamada-taro');
  assert.equal(r.segmentOfResult, '1');
  assert.equal(r.qualificationValidity, '1');
  assert.equal(r.insuredPartialContributionRatio, '030');
  assert.equal(r.limitApplicationClassificationFlag, 'A03');
  assert.equal(r.name, '山田　太郎');
  assert.match(r.rawXml, /^<\?xml version="1.0" encoding="Shift_JIS"/);
  assert.equal(parseEligibilityResult(new TextEncoder().encode(r.rawXml.replace('Shift_JIS', 'UTF-8'))).results[0]!.Name, '山田　太郎');
});

test('refused cards: a signature over another challenge, a reused challenge, untrusted, revoked, expired > 3 months', async () => {
  const c = await client.challenge();
  const other = await client.challenge();
  const signed = await cardSigns('yamada-taro', other.challenge);
  await assert.rejects(client.confirmByCard({ challengeId: c.challengeId, ...signed }), kind('eligibility.rejected', 'auth.signature_mismatch'));
  await assert.rejects(client.confirmByCard({ challengeId: c.challengeId, ...(await cardSigns('yamada-taro', c.challenge)) }), kind('eligibility.rejected', 'auth.challenge_invalid'));
  await assert.rejects(checkCard('ito-makoto'), kind('eligibility.rejected', 'auth.untrusted_issuer'));
  await assert.rejects(checkCard('suzuki-saburo'), kind('eligibility.rejected', 'auth.revoked'));
  await assert.rejects(checkCard('sato-jiro'), kind('eligibility.rejected', 'auth.expired'));
});

test('eligibility only: a certificate expired 20 days ago still confirms (70–74, 2割, 高齢受給者)', async () => {
  const r = await checkCard('ishikawa-tsuneo');
  assert.equal(r.qualificationValidity, '1');
  assert.equal(r.insuredPartialContributionRatio, '020');
  assert.equal(r.elderlyRecipientContributionRatio, '020');
});

test('outcomes by card: not registered for insurance use, 無効（新しい資格あり）, 該当資格なし, 医療扶助, 特定疾病, 公費, 未就学, 複数該当 (also by a re-linked card)', async () => {
  const unregistered = await checkCard('takahashi-sakura');
  assert.equal(unregistered.cardUnregistered, true);
  assert.equal(unregistered.processingResultStatus, '2');
  assert.equal((await checkCard('takahashi-yuko')).qualificationValidity, '3');
  assert.equal((await checkCard('shibasaki-ken')).qualificationValidity, '4');
  const aid = await checkCard('nguyen-van-an');
  assert.deepEqual([aid.qualificationValidity, aid.insuredCardClassification], ['6', 'A1']);
  assert.deepEqual((await checkCard('takahashi-ichiro')).specificDiseases, ['1']);
  assert.deepEqual((await checkCard('yamada-shota')).publicExpenses, [{ providerNumber: '88138243', recipientNumber: '1234566' }]);
  const preschool = await checkCard('ogawa-hina');
  assert.deepEqual([preschool.preschoolClassification, preschool.insuredPartialContributionRatio], ['1', '020']);
  assert.equal((await checkCard('fujita-aoi')).qualificationValidity, '5');
  sim.linkCard('kato-yui', 'fujita-aoi');
  assert.equal((await checkCard('kato-yui')).qualificationValidity, '5');
  sim.linkCard('kato-yui', 'kato-yui');
});

test('処理中 first, then the result on a later poll; an unknown answer is unavailable', async () => {
  const first = await checkCard('yamada-hanako');
  assert.equal(first.segmentOfResult, '2');
  assert.equal(first.qualificationValidity, undefined);
  const later = await client.poll(first.arbitraryFileIdentifier);
  assert.deepEqual([later.segmentOfResult, later.qualificationValidity, later.name], ['1', '1', '山田　花子']);
  await assert.rejects(client.poll('no-such-answer'), kind('eligibility.unavailable'));
  sim.slow('kato-yui', 2);
  const slowPhone = await checkCard('kato-yui');
  assert.equal((await client.poll(slowPhone.arbitraryFileIdentifier)).segmentOfResult, '2', 'still 処理中 on the first poll');
  assert.equal((await client.poll(slowPhone.arbitraryFileIdentifier)).segmentOfResult, '1');
  sim.slow('kato-yui', 0);
});

test('choices and the 照会番号: registered through OQSmuimm01req, the next card check returns it', async () => {
  const first = await checkCard('kobayashi-naoko');
  assert.equal(first.referenceNumber, undefined, 'a first visit has none');
  await client.recordChoices({ arbitraryFileIdentifier: first.arbitraryFileIdentifier, consent: { diagnosis: true, medication: true, checkups: false, surgery: true }, publicAid: 'none', prescription: 'electronic' });
  const polled = await client.poll(first.arbitraryFileIdentifier);
  assert.match(polled.rawXml, /<DiagnosisInfoConsFlg>1<\/DiagnosisInfoConsFlg>/);
  assert.match(polled.rawXml, /<SpecificHealthCheckupsInfoConsFlg>0<\/SpecificHealthCheckupsInfoConsFlg>/);
  assert.match(polled.rawXml, /<PrescriptionIssueSelect>1<\/PrescriptionIssueSelect>/);
  await client.registerReferenceNumber({ arbitraryFileIdentifier: first.arbitraryFileIdentifier, patientId: '00042' });
  assert.deepEqual(readdirSync(join(dir, 'req')), [], 'the request was consumed');
  assert.deepEqual(readdirSync(join(dir, 'res')), [], 'the client took its answer');
  assert.equal((await checkCard('kobayashi-naoko')).referenceNumber, '00042');
  assert.match(readFileSync(join(dir, 'reference-numbers.json'), 'utf8'), /00042/);
});

test('number check through REQ/RES: a known person, unknown numbers (該当資格なし), a bad birthdate refused before writing', async () => {
  const r = await client.confirmByNumbers({ insurerNumber: '39132016', symbol: '', number: '00034567', birthdate: '19480303' });
  assert.deepEqual([r.qualificationValidity, r.insuredPartialContributionRatio, r.name], ['1', '020', '木村　ハル']);
  const none = await client.confirmByNumbers({ insurerNumber: '39132016', symbol: '', number: '00034567', birthdate: '19480304' });
  assert.deepEqual([none.segmentOfResult, none.qualificationValidity], ['1', '4']);
  await assert.rejects(client.confirmByNumbers({ insurerNumber: '39132016', symbol: '', number: '1', birthdate: '1948-03-03' }), kind('input.invalid'));
  assert.deepEqual(readdirSync(join(dir, 'req')), []);
});

test('a malformed request file is answered with an error result, and the terminal goes on answering', async () => {
  writeFileSync(join(dir, 'req', requestFileName('numberCheck', 'broken1')), '<XmlMsg><MessageHeader><ArbitraryFileIdentifier>b1</ArbitraryFileIdentifier></MessageHeader><MessageBody><QualificationConfirmSearchInfo><Birthdate>x</Birthdate>');
  const out = join(dir, 'res', resultFileName('numberCheck', 'broken1'));
  await until('the error result', () => existsSync(out) || undefined, 3_000);
  const answer = parseEligibilityResult(new Uint8Array(readFileSync(out)));
  assert.deepEqual([answer.header.SegmentOfResult, answer.header.ErrorCode, answer.body.ProcessingResultStatus], ['9', 'EOQS2001', '2']);
  rmSync(out);
  const r = await client.confirmByNumbers({ insurerNumber: '06132013', symbol: '山田', number: '1001', branch: '00', birthdate: '19800217' });
  assert.equal(r.qualificationValidity, '1');
});

test('outage: 503 and a silent service are eligibility.unavailable within the bound; the REQ is withdrawn; back again', async () => {
  const quick = createEligibilityClient({ url: sim.url, medicalInstitutionCode: '1311111111', folder: dir, timeoutMs: 300 });
  sim.outage(true);
  await assert.rejects(quick.challenge(), kind('eligibility.unavailable'));
  const t0 = Date.now();
  await assert.rejects(quick.confirmByNumbers({ insurerNumber: '06132013', symbol: '山田', number: '1001', branch: '00', birthdate: '19800217' }), kind('eligibility.unavailable'));
  assert.ok(Date.now() - t0 < 1_500, 'bounded');
  assert.deepEqual(readdirSync(join(dir, 'req')), [], 'an abandoned request is not left for the terminal');
  sim.outage('timeout');
  await assert.rejects(quick.challenge(), kind('eligibility.unavailable'));
  sim.outage(false);
  assert.equal((await checkCard('kato-yui')).qualificationValidity, '1');
  // The same switch for a simulator in another process.
  const post = (path: string, body: unknown) => fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal((await post('/test/outage', { mode: 'down' })).status, 204);
  await assert.rejects(quick.challenge(), kind('eligibility.unavailable'));
  assert.equal((await post('/test/outage', { mode: 'off' })).status, 204);
  assert.equal((await post('/test/outage', { mode: 'sideways' })).status, 400);
  assert.ok((await quick.challenge()).challenge.length === 32);
});
