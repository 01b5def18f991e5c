// The demo profiles (profiles.json): the households and edge cases other parts of the kiosk and the
// back office rely on, validated the same way the loader validates them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isValidMyNumber } from '../../common/domain/my-number';
import { isKioskError } from '../../common/errors';
import { cardExpiry, cardFactsFor, loadProfiles, parseProfiles, PROFILES_FILE } from '../../simulators/vcard/profiles';

const TODAY = '20261123';
const age = (dob: string) => Number(TODAY.slice(0, 4)) - Number(dob.slice(0, 4)) - (TODAY.slice(4) < dob.slice(4) ? 1 : 0);

test('every edge case has a profile and the first profile is an ordinary resident', () => {
  const profiles = loadProfiles();
  assert.equal(profiles[0]!.kind, 'resident');
  const kinds = new Set(profiles.map((p) => p.kind));
  for (const k of ['resident', 'foreign-resident', 'under15', 'expired', 'revoked', 'blocked', 'untrusted', 'non-jpki', 'old-token', 'no-extended']) {
    assert.ok(kinds.has(k as never), `missing a '${k}' profile`);
  }
  assert.equal(profiles.find((p) => p.kind === 'blocked')!.pinTriesLeft?.auth, 0);
  assert.equal(profiles.find((p) => p.kind === 'revoked')!.revoked?.reason, 'affiliationChanged');
  assert.equal(profiles.find((p) => p.kind === 'old-token')!.quirks?.tokenLabel, 'JPKIAPICCTOKEN');
  assert.equal(profiles.find((p) => p.kind === 'no-extended')!.quirks?.extendedLength, false);
  assert.ok(age(profiles.find((p) => p.kind === 'under15')!.dob) < 15);
});

test('households: at least two with 世帯主 + spouse + child, one child under 15; a seal registrant', () => {
  const profiles = loadProfiles();
  const households = new Map<string, typeof profiles>();
  for (const p of profiles) households.set(p.householdId, [...(households.get(p.householdId) ?? []), p]);
  const families = [...households.values()].filter((members) => {
    const rel = members.map((m) => m.relationship);
    return rel.filter((r) => r === '世帯主').length === 1 && rel.some((r) => r === '妻' || r === '夫') && rel.includes('子');
  });
  assert.ok(families.length >= 2, 'two multi-person households');
  assert.ok(families.some((f) => f.some((m) => m.relationship === '子' && age(m.dob) < 15)));
  for (const f of families) assert.equal(new Set(f.map((m) => m.address)).size, 1, 'one household, one address');
  assert.ok(profiles.some((p) => p.sealRegistered && age(p.dob) >= 15));
});

test('names and addresses exercise 代替文字 and the card\'s full-width digits', () => {
  const profiles = loadProfiles();
  const unusual = profiles.filter((p) => /[髙﨑]/.test(p.name));
  assert.ok(unusual.length > 0);
  for (const p of unusual) assert.ok(p.nameAlt && !/[髙﨑]/.test(p.nameAlt), `${p.id}: nameAlt uses ordinary characters`);
  assert.ok(profiles.some((p) => p.addressAlt));
  assert.ok(profiles.every((p) => !/[0-9-]/.test(p.address)), 'addresses use full-width digits and dashes as the card stores them');
  assert.ok(profiles.some((p) => /[０-９]/.test(p.address) && p.address.includes('－')));
});

test('My Numbers pass the check digit; ordinary residents\' certificates are valid today', () => {
  const profiles = loadProfiles();
  for (const p of profiles) assert.ok(isValidMyNumber(p.myNumber), p.id);
  assert.equal(new Set(profiles.map((p) => p.myNumber)).size, profiles.length, 'unique');
  for (const p of profiles.filter((x) => x.kind === 'resident')) {
    assert.ok(p.issuedAt.replaceAll('-', '') <= TODAY, `${p.id} issued by today`);
    assert.ok(cardExpiry(p) > TODAY, `${p.id} card not expired`);
  }
});

test('card facts: expiry at the 10th birthday (adults) or 5th (minors); serial and security code are stable', () => {
  const [taro] = loadProfiles();
  assert.equal(cardExpiry(taro!), '20340217'); // issued 2024-04-15, born 02-17
  const shota = loadProfiles().find((p) => p.kind === 'under15')!;
  assert.equal(cardExpiry(shota), '20290310'); // issued 2025-02-10 aged 9, born 03-10
  const facts = cardFactsFor(taro!);
  assert.match(facts.serial, /^\d{15}$/);
  assert.match(facts.securityCode, /^\d{4}$/);
  assert.deepEqual(cardFactsFor(taro!), facts);
});

test('a bad profile is refused with input.invalid naming the field', () => {
  const raw = JSON.parse(readFileSync(PROFILES_FILE, 'utf8')) as Array<Record<string, unknown>>;
  const badDigit = structuredClone(raw);
  const mn = String(badDigit[0]!.myNumber);
  badDigit[0]!.myNumber = mn.slice(0, 11) + String((Number(mn[11]) + 1) % 10);
  assert.throws(() => parseProfiles(badDigit), (e) => isKioskError(e, 'input.invalid') && /myNumber/.test(e.message));
  const lower = structuredClone(raw);
  lower[1]!.signPassword = 'abc123';
  assert.throws(() => parseProfiles(lower), (e) => isKioskError(e, 'input.invalid') && /signPassword/.test(e.message));
  const dup = [...structuredClone(raw), structuredClone(raw[0])];
  assert.throws(() => parseProfiles(dup), (e) => isKioskError(e, 'input.invalid') && /duplicate/.test(e.message));
});
