// `madoguchi verify <pdf> [--keys <file.json>] [--demo] [--json]` (command-list.ts) — checks a certificate, or a
// hospital's 領収証 and 診療明細書, offline: the QR printed on each page, the municipality's (or hospital's)
// signature in it, and that the page's text says what was signed. Exit 0: genuine. Non-zero, with the reason on stderr, otherwise.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { KioskError } from '../../../common/errors';
import { verifyCertificatePdf, type VerifyFailure } from '../../../templates/verify-certificate';
import { VERIFY } from '../command-list';
import { parseCommand, UsageError } from '../command-spec';

/** One exit code per reason, so scripts can tell a forgery from a missing key. */
export const VERIFY_EXIT: Record<VerifyFailure | 'usage', number> = {
  usage: 2, not_pdf: 3, no_qr: 4, malformed_qr: 5, unknown_key: 6, bad_signature: 7, content_mismatch: 8, page_mismatch: 9, binding_mismatch: 10, text_unreadable: 11,
};

const KeysFile = z.object({ keys: z.record(z.string().min(1).max(100), z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64 SPKI DER')) });

function loadKeys(path: string): Record<string, Uint8Array> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new KioskError('input.invalid', `cannot read the trusted keys file ${path}: ${(err as Error).message}`, { field: 'keys' });
  }
  const file = KeysFile.safeParse(parsed);
  if (!file.success) throw new KioskError('input.invalid', `${path}: expected {"keys": {"<keyId>": "<base64 SPKI DER>"}}`, { field: 'keys' });
  return Object.fromEntries(Object.entries(file.data.keys).map(([id, b64]) => [id, new Uint8Array(Buffer.from(b64, 'base64'))]));
}

export async function verifyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(VERIFY, argv);
  if (positionals.length !== 1) throw new UsageError(VERIFY.name, `takes one certificate PDF, not ${positionals.length}`);
  const keysPath = values.keys ?? process.env.MADOGUCHI_DOCUMENT_KEYS;
  const trusted: Record<string, Uint8Array> = keysPath ? loadKeys(keysPath) : {};
  if (values.demo) {
    // The demo keys are public by design: trusted only when asked for explicitly.
    const { demoMunicipality } = await import('../../../simulators/municipality/index');
    const { demoHospitalKeys } = await import('../../../simulators/hospital/index');
    Object.assign(trusted, demoMunicipality().publicKeys, demoHospitalKeys().publicKeys);
  }
  if (Object.keys(trusted).length === 0) {
    // Returned, not thrown: a script calling verifyCommand gets the usage exit code like the shell does.
    process.stderr.write(`${new UsageError(VERIFY.name, 'no trusted document keys (use --keys <file> or MADOGUCHI_DOCUMENT_KEYS; --demo for the demo keys)').line()}\n`);
    return VERIFY_EXIT.usage;
  }
  const result = await verifyCertificatePdf(positionals[0]!, trusted);
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  if (!result.ok && result.reason === 'text_unreadable') {
    process.stderr.write(`madoguchi verify: QR GENUINE, TEXT NOT MACHINE-READABLE — ${result.detail ?? ''}\n`);
  } else if (!result.ok) {
    process.stderr.write(`madoguchi verify: NOT GENUINE [${result.reason}] ${result.detail ?? ''}\n`);
    return VERIFY_EXIT[result.reason ?? 'usage'];
  }
  if (!values.json) {
    const verdict = result.ok ? 'genuine' : 'signed QR genuine (text not checked)';
    const hospital = result.pages[0]!.hospital;
    if (hospital) {
      process.stdout.write(`${verdict}: 領収証・診療明細書 伝票番号 ${hospital.invoiceNumber}${hospital.reprint ? ' 【再発行】' : ''} issued ${hospital.issuedOn}, ${result.pages.length} page(s), key ${hospital.keyId}\n`);
      process.stdout.write(`  patient ID ${hospital.patientId}  診療日 ${hospital.performedOn}  領収額 ${hospital.received}円  総点 ${hospital.totalPoints}点\n`);
      for (const p of result.pages) process.stdout.write(`  page ${p.page}: ${p.hospital?.part === 'receipt' ? '領収証' : '診療明細書'}\n`);
    } else {
      const a = result.pages[0]!.attestation!;
      process.stdout.write(`${verdict}: ${a.type} 第${a.issuanceNumber}号 issued ${a.issuedOn}, ${result.pages.length} page(s), key ${a.keyId}\n`);
      for (const p of result.pages) {
        for (const person of p.attestation!.persons) process.stdout.write(`  page ${p.page}: ${person.name} ${person.dob} ${person.sex}\n`);
      }
      process.stdout.write(`  address: ${a.address}${a.registrationNumber ? `  registration: ${a.registrationNumber}` : ''}\n`);
    }
    process.stdout.write('Compare these signed facts with the paper in front of you.\n');
  }
  return result.ok ? 0 : VERIFY_EXIT.text_unreadable;
}
