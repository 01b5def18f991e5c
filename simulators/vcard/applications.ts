// The card's file system: the six applications of jpki-card.md §1 with their EFs and access
// conditions (§4, §5), and the key references with their retry limits (§6).
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { fromHex } from './apdu';
import { basic4File, certificateAvailability, certificateFile, collationNumberB, commonApRecord, cvCertificate,
  integrityFile, keyId, myNumberFile, textApBasicInfo, tokenInfo, visualApBasicInfo, visualFaceFile, warekiYYMMDD } from './card-data';
import type { CardQuirks, VirtualCardConfig } from './card-config';
import type { KeySpec } from './pin-store';

/** 'free', 'never', or any one of these verified keys. */
export type Access = 'free' | 'never' | readonly string[];

export type Ef =
  | { type: 'binary'; read: Access; content: () => Uint8Array }
  | { type: 'record'; read: Access; records: () => Uint8Array[] }
  | { type: 'pin'; key: string; minLength: number; maxLength: number }
  | { type: 'privateKey'; use: Access; key: () => KeyObject };

export type AppName = 'jpki' | 'text' | 'visual' | 'juki' | 'common';

export interface Application {
  name: AppName;
  aid: Uint8Array;
  efs: ReadonlyMap<number, Ef>;
}

export const AIDS = {
  jpki: fromHex('D3 92 F0 00 26 01 00 00 00 01'),
  text: fromHex('D3 92 10 00 31 00 01 01 04 08'),
  visual: fromHex('D3 92 10 00 31 00 01 01 04 02'),
  juki: fromHex('D3 92 10 00 31 00 01 01 04 01'),
  common: fromHex('D3 92 10 00 31 00 01 01 01 00'),
  isd: fromHex('A0 00 00 01 51 00 00'),
} as const;

/** Builds a file's content on first use and keeps it (RSA work happens only if a client asks). */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

export interface CardFileSystem {
  applications: Application[];
  keys: Record<string, KeySpec>;
}

export function buildFileSystem(c: VirtualCardConfig, q: CardQuirks): CardFileSystem {
  const pins = c.pins;
  const tries = c.initialTries ?? {};
  const keys: Record<string, KeySpec> = {
    'jpki.auth': { value: pins.auth, maxTries: 3, ...(tries.auth !== undefined ? { initialTries: tries.auth } : {}) },
    'text.pin': { value: pins.text, maxTries: 3, ...(tries.text !== undefined ? { initialTries: tries.text } : {}) },
    // 照合番号A/B: sources disagree (3 or 10); 10 keeps clients that refuse below 10 working.
    'text.a': { value: c.holder.myNumber, maxTries: 10 },
    'text.b': { value: collationNumberB(c.holder.dob, c.facts.expiry, c.facts.securityCode), maxTries: 10 },
    // Blocked on every card examined; no value opens it.
    'text.blocked': { value: '\u0000never', maxTries: 3, initialTries: 0 },
    'visual.a': { value: c.holder.myNumber, maxTries: 10 },
    'visual.b': { value: collationNumberB(c.holder.dob, c.facts.expiry, c.facts.securityCode), maxTries: 10 },
    'visual.dob': { value: warekiYYMMDD(c.holder.dob), maxTries: 3 },
    'common.pin': { value: pins.card ?? pins.auth, maxTries: 3 },
    'juki.pin': { value: pins.card ?? pins.auth, maxTries: 3 },
  };
  if (c.sign) keys['jpki.sign'] = { value: pins.sign ?? '', maxTries: 5, ...(tries.sign !== undefined ? { initialTries: tries.sign } : {}) };

  const pkcs8 = (der: Uint8Array) => once(() => createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' }));
  const apKey = once(() => (c.textApKeyPkcs8 ? createPrivateKey({ key: Buffer.from(c.textApKeyPkcs8), format: 'der', type: 'pkcs8' })
    : generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey));
  const apKeyId = keyId(`${c.id}/text-ap`);
  const bin = (read: Access, make: () => Uint8Array): Ef => ({ type: 'binary', read, content: once(make) });
  const basic4 = once(() => basic4File(c.holder, q.basic4LongForm ? 'long' : 'minimal'));

  const jpki = new Map<number, Ef>([
    [0x0002, bin('free', () => certificateFile(c.sign?.caDer ?? c.auth.caDer))],
    [0x0006, bin('free', () => tokenInfo(q.tokenLabel, c.facts.serial.slice(-16)))],
    [0x0008, bin('free', () => certificateAvailability(c.sign !== undefined))],
    [0x0009, bin('never', () => new Uint8Array(16).fill(0xff))],
    // The Android token guards even the auth certificate with the auth PIN (§12 #3).
    [0x000a, bin(q.tokenLabel === 'JPKIAPGPSETOKEN' ? ['jpki.auth'] : 'free', () => certificateFile(c.auth.certDer))],
    [0x000b, bin('free', () => certificateFile(c.auth.caDer))],
    [0x0017, { type: 'privateKey', use: ['jpki.auth'], key: pkcs8(c.auth.keyPkcs8) }],
    [0x0018, { type: 'pin', key: 'jpki.auth', minLength: 4, maxLength: 4 }],
  ]);
  if (c.sign) {
    const sign = c.sign;
    jpki.set(0x0001, bin(['jpki.sign'], () => certificateFile(sign.certDer)));
    jpki.set(0x001a, { type: 'privateKey', use: ['jpki.sign'], key: pkcs8(sign.keyPkcs8) });
    jpki.set(0x001b, { type: 'pin', key: 'jpki.sign', minLength: 6, maxLength: 16 });
  }

  const text = new Map<number, Ef>([
    [0x0001, bin(['text.pin', 'text.a'], () => myNumberFile(c.holder.myNumber))],
    [0x0002, bin(['text.pin', 'text.b'], () => basic4().file)],
    [0x0003, bin(['text.pin', 'text.a', 'text.b'], () => integrityFile(myNumberFile(c.holder.myNumber), basic4().valueWithoutOffsets, apKey()))],
    [0x0004, bin('free', () => cvCertificate(apKey(), apKeyId))],
    [0x0005, bin('free', () => textApBasicInfo(q.extendedLength, apKeyId))],
    [0x0008, bin('never', () => new Uint8Array(16).fill(0xff))],
    [0x0011, { type: 'pin', key: 'text.pin', minLength: 4, maxLength: 4 }],
    [0x0012, { type: 'pin', key: 'text.blocked', minLength: 1, maxLength: 16 }],
    [0x0013, { type: 'privateKey', use: 'free', key: apKey }],
    [0x0014, { type: 'pin', key: 'text.a', minLength: 12, maxLength: 12 }],
    [0x0015, { type: 'pin', key: 'text.b', minLength: 14, maxLength: 14 }],
  ]);

  const visual = new Map<number, Ef>([
    [0x0002, bin(['visual.a', 'visual.b'], () => visualFaceFile(c.holder, c.facts))],
    [0x0003, bin('free', () => visualApBasicInfo(c.facts, keyId(`${c.id}/visual-ap`)))],
    [0x0011, { type: 'pin', key: 'visual.dob', minLength: 6, maxLength: 6 }],
    [0x0012, { type: 'pin', key: 'visual.b', minLength: 14, maxLength: 14 }],
    [0x0013, { type: 'pin', key: 'visual.a', minLength: 12, maxLength: 12 }],
  ]);

  const common = new Map<number, Ef>([
    [0x0001, { type: 'record', read: 'free', records: once(() => [commonApRecord(c.facts)]) }],
    [0x001c, { type: 'pin', key: 'common.pin', minLength: 4, maxLength: 4 }],
  ]);
  const juki = new Map<number, Ef>([[0x001c, { type: 'pin', key: 'juki.pin', minLength: 4, maxLength: 4 }]]);

  const applications: Application[] = c.kind === 'non-jpki' ? [] : [
    { name: 'jpki', aid: AIDS.jpki, efs: jpki },
    { name: 'text', aid: AIDS.text, efs: text },
    { name: 'visual', aid: AIDS.visual, efs: visual },
    { name: 'juki', aid: AIDS.juki, efs: juki },
    { name: 'common', aid: AIDS.common, efs: common },
  ];
  return { applications, keys };
}
