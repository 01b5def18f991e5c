// test-lane: free
// Certificate renewal at the eligibility simulator, through the kiosk's client: J-LIS links the renewed
// certificate (new key pair, serial, validity) to the same person, so the card check finds the same
// insured person and answers the 照会番号 registered with the card as first issued. A certificate J-LIS
// never linked — another re-issue of the same holder, valid under the same root — finds no one: the
// holder is looked up in the link table, not guessed from the certificate. No shared device.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCertificate } from '../../common/jpki';
import { createEligibilityClient } from '../../electron/services/reception/eligibility-client';
import type { EligibilityService } from '../../electron/services/reception/ports';
import { startOnshiSimulator, type OnshiSimulator } from '../../simulators/onshi';
import { certificateLinks } from '../../simulators/onshi/certificate-links';
import type { IssuedHolder } from '../../simulators/testpki';
import { holderSpecFor, loadDemoWorld, type DemoWorld } from '../../simulators/vcard/world';

let dir: string;
let sim: OnshiSimulator;
let world: DemoWorld;
let client: EligibilityService;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'onshi-renewed-'));
  [sim, world] = await Promise.all([startOnshiSimulator({ dir }), loadDemoWorld()]);
  client = createEligibilityClient({ url: sim.url, medicalInstitutionCode: '1311111111', folder: dir, timeoutMs: 2_000 });
});
after(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The card check as the kiosk makes it: the service's challenge signed with the certificate's key. */
async function checkWith(h: IssuedHolder) {
  const c = await client.challenge();
  const key = await crypto.subtle.importKey('pkcs8', h.authKeyPkcs8 as BufferSource, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, c.challenge as BufferSource));
  return client.confirmByCard({ challengeId: c.challengeId, authCertDer: h.authCertDer, signature });
}

test('the link table has one row per certificate: the renewed one beside the first, for the same person', () => {
  const taro = certificateLinks().filter((l) => l.profileId === 'yamada-taro');
  assert.deepEqual(taro.map((l) => l.generation), [0, 1]);
  assert.notEqual(taro[0]!.authCn, taro[1]!.authCn);
  const all = certificateLinks();
  assert.equal(new Set(all.map((l) => l.authCn)).size, all.length, 'no certificate linked to two people');
});

test('the renewed card finds the same insured person and the 照会番号 registered with the first card', async () => {
  const [first, renewed] = [await world.holderFor('yamada-taro'), await world.holderFor('yamada-taro', { generation: 1 })];
  assert.notEqual(parseCertificate(renewed.authCertDer).serialHex, parseCertificate(first.authCertDer).serialHex);
  const visit = await checkWith(first);
  assert.equal(visit.referenceNumber, undefined, 'a first visit has none');
  await client.registerReferenceNumber({ arbitraryFileIdentifier: visit.arbitraryFileIdentifier, patientId: '00077' });
  const after = await checkWith(renewed);
  assert.deepEqual([after.qualificationValidity, after.name, after.referenceNumber], ['1', '山田　太郎', '00077']);
  assert.notEqual(after.cardUnregistered, true);
});

test('a certificate J-LIS never linked finds no one, though the same holder\'s and valid', async () => {
  const profile = world.profiles.find((p) => p.id === 'yamada-taro')!;
  const unlinked = await world.pki.issueHolder({ ...holderSpecFor(profile), generation: 2 });
  const r = await checkWith(unlinked);
  assert.equal(r.cardUnregistered, true, 'answered as a card not registered for insurance use');
  assert.equal(r.referenceNumber, undefined);
});
