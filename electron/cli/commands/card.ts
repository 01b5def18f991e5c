// `madoguchi card info|login|text` — what a technician needs at a kiosk: is the reader there, is a
// card on it, what is it, how many PIN tries are left, does a login work end to end.
import { KioskError, toKioskError } from '../../../common/errors';
import { CARD_BUDGETS } from '../../../native/card/budgets';
import { JpkiCard } from '../../../native/card/jpki-ap';
import { TextApCard } from '../../../native/card/text-ap';
import { PcscService, type ReaderInfo } from '../../../native/pcsc/pcsc-service';
import { loadAuthConfigFile, type AuthServiceConfig } from '../../services/auth/config';
import { createCardAuthService } from '../../services/auth/holder-auth-service';
import { CARD_INFO, CARD_LOGIN, CARD_TEXT } from '../command-list';
import { parseCommand } from '../command-spec';
import { readSecret } from '../prompt';

/**
 * Backstop per card step (open, PIN step, text read, one reader's info): the card budgets end a
 * misbehaving card well before this; it only guards against a step the budgets do not cover.
 */
const STEP_DEADLINE_MS = CARD_BUDGETS.login.deadlineMs + 4_000;
/** Closing PC/SC when done: a card still holding a command is abandoned (the process exits anyway). */
const CLOSE_DEADLINE_MS = 3_000;

/** Rejects with card.too_slow when `work` has not settled within `ms`; the work is abandoned. */
export function withinDeadline<T>(ms: number, step: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KioskError('card.too_slow', `${step}: the card did not finish within ${ms} ms`, { op: step, reason: 'deadline' })), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** `madoguchi card <sub> …`; the command line was already checked against its declaration. */
export async function cardCommand(sub: string, argv: string[]): Promise<number> {
  const work = cardWork(sub, argv);
  const pcsc = await PcscService.start();
  try {
    return await work(pcsc);
  } finally {
    // Never wait on a card that stopped answering: the launcher exits the process after this.
    await withinDeadline(CLOSE_DEADLINE_MS, 'closing the card reader', pcsc.close()).catch(() => undefined);
  }
}

/** The subcommand's work, its options parsed before PC/SC is started. */
function cardWork(sub: string, argv: string[]): (pcsc: PcscService) => Promise<number> {
  switch (sub) {
    case 'info': {
      const { values } = parseCommand(CARD_INFO, argv);
      return (pcsc) => info(pcsc, values.reader, values.json);
    }
    case 'login': {
      const { values } = parseCommand(CARD_LOGIN, argv);
      return (pcsc) => login(pcsc, pickReader(pcsc.readers(), values.reader), values.config, values['pin-stdin']);
    }
    case 'text': {
      const { values } = parseCommand(CARD_TEXT, argv);
      return (pcsc) => text(pcsc, pickReader(pcsc.readers(), values.reader), values['pin-stdin'], values['my-number']);
    }
    default:
      throw new KioskError('input.invalid', `unknown 'card' subcommand '${sub}' (info, login, text)`);
  }
}

/** A reader by name or index; by default the first one with a card on it. */
export function pickReader(readers: ReaderInfo[], wanted?: string): string {
  if (readers.length === 0) throw new KioskError('reader.none', 'no card reader is connected');
  if (wanted !== undefined) {
    const byIndex = /^\d+$/.test(wanted) ? readers[Number(wanted)] : undefined;
    const found = byIndex ?? readers.find((r) => r.name === wanted || r.name.includes(wanted));
    if (!found) throw new KioskError('reader.none', `no reader '${wanted}' (have: ${readers.map((r) => r.name).join(', ')})`);
    return found.name;
  }
  const withCard = readers.find((r) => r.cardPresent);
  if (!withCard) throw new KioskError('card.removed', 'no card on any reader: place the card');
  return withCard.name;
}

async function info(pcsc: PcscService, wanted: string | undefined, json: boolean): Promise<number> {
  const readers = pcsc.readers().filter((r) => wanted === undefined || r.name === pickReader(pcsc.readers(), wanted));
  const rows = [];
  for (const r of readers) {
    const row: Record<string, unknown> = { reader: r.name, cardPresent: r.cardPresent, atr: r.atrHex ?? null };
    if (r.cardPresent) {
      try {
        await withinDeadline(STEP_DEADLINE_MS, `card info on "${r.name}"`, describeCard(pcsc, r.name, row));
      } catch (err) {
        const e = toKioskError(err);
        row.error = `${e.kind}: ${e.message}`;
      }
    }
    rows.push(row);
  }
  if (json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else for (const row of rows) process.stdout.write(`${Object.entries(row).map(([k, v]) => `${k}=${v}`).join('  ')}\n`);
  // A technician's script must see a card it could not read as a failure, not as "all fine".
  const failed = rows.filter((row) => row.error !== undefined);
  for (const row of failed) process.stderr.write(`madoguchi: ${String(row.reader)}: ${String(row.error)}\n`);
  return failed.length > 0 ? 1 : 0;
}

async function describeCard(pcsc: PcscService, reader: string, row: Record<string, unknown>): Promise<void> {
  const transport = await pcsc.connect(reader, { exclusive: false });
  try {
    const card = new JpkiCard(transport);
    // The technician sees an Android phone's token too (whether an installation takes phones is its configuration's call).
    const d = await card.detect({ acceptPhones: true });
    row.tokenLabel = d.tokenLabel;
    row.medium = d.medium;
    row.authPinTriesLeft = d.authPinTriesLeft;
    row.signPasswordTriesLeft = await card.signPasswordTriesLeft();
    row.textPinTriesLeft = await new TextApCard(transport).textPinTriesLeft();
  } finally {
    await transport.close('leave');
  }
}

async function login(pcsc: PcscService, reader: string, configPath: string | undefined, pinStdin: boolean): Promise<number> {
  let config: AuthServiceConfig;
  let closeDemo = async () => undefined as unknown;
  if (configPath) {
    config = loadAuthConfigFile(configPath);
  } else {
    // No configuration: the demo trust anchors and revocation responder (dev/demo machines only).
    const { startDemoEnvironment } = await import('../../demo/demo-environment');
    const demo = await startDemoEnvironment();
    config = demo.authConfig;
    closeDemo = demo.close;
  }
  const auth = await createCardAuthService(config, { pcsc });
  try {
    const overview = await withinDeadline(STEP_DEADLINE_MS, 'reading the card', auth.open(reader));
    const pin = await readSecret(`PIN (${overview.authPinTriesLeft} tries left): `, pinStdin);
    const holder = await withinDeadline(STEP_DEADLINE_MS, 'login', auth.login(pin));
    const c = holder.certificate;
    process.stdout.write(
      `authenticated\n  serial    ${c.serialHex}\n  subject   ${c.subject}\n  issuer    ${c.issuer}\n` +
        `  valid     ${c.notBefore} … ${c.notAfter}\n  revocation ${holder.revocation}\n`,
    );
    return 0;
  } finally {
    await withinDeadline(CLOSE_DEADLINE_MS, 'ending the card session', auth.close()).catch(() => undefined);
    await closeDemo();
  }
}

async function text(pcsc: PcscService, reader: string, pinStdin: boolean, myNumber: boolean): Promise<number> {
  const transport = await pcsc.connect(reader, { exclusive: true });
  try {
    const card = new TextApCard(transport);
    const tries = await withinDeadline(STEP_DEADLINE_MS, 'reading the card', card.textPinTriesLeft());
    const pin = await readSecret(`text-assist PIN (${tries} tries left): `, pinStdin);
    const b4 = await withinDeadline(STEP_DEADLINE_MS, 'reading the basic 4 information', card.readBasic4(pin));
    process.stdout.write(`name     ${b4.name}\naddress  ${b4.address}\nbirth    ${b4.dob}\nsex      ${b4.sex}\n`);
    if (myNumber) {
      // Only a municipal counter may collect the My Number; it is read only on this explicit flag.
      process.stdout.write(`myNumber ${await withinDeadline(STEP_DEADLINE_MS, 'reading the My Number', card.readMyNumberForMunicipalCounter(pin))}\n`);
    }
    return 0;
  } finally {
    await withinDeadline(CLOSE_DEADLINE_MS, 'ending the card session', transport.close('unpower')).catch(() => undefined);
  }
}
