// Every `madoguchi` command, declared once (command-spec.ts): `madoguchi --help`, each command's
// `--help` and its parser come from these declarations. Pure data: nothing here touches a card,
// a database or the demo world, so `--help` works on any machine.
import { defineCommand, type CommandSpec } from './command-spec';

const reader = { type: 'string', arg: '<name|index>', help: 'the reader by name, part of its name or index (default: the first with a card)' } as const;
const pinStdin = { type: 'boolean', default: false, help: 'read the PIN as one line of standard input (scripts), not from the terminal' } as const;
const json = { type: 'boolean', default: false, help: 'print JSON instead of text' } as const;

export const CARD_INFO = defineCommand({
  name: 'card info',
  summary: 'readers, card present, token label, PIN tries left for every PIN (exit 1 if a card cannot be read)',
  options: { reader, json },
});

export const CARD_LOGIN = defineCommand({
  name: 'card login',
  summary: 'authenticate the holder with the PIN and print the certificate facts',
  options: {
    reader,
    config: { type: 'string', arg: '<file>', help: "the installation's configuration (trust anchors, revocation); without it the demo ones" },
    'pin-stdin': pinStdin,
  },
});

export const CARD_TEXT = defineCommand({
  name: 'card text',
  summary: 'the basic 4 information with the text-assist PIN; the My Number only with --my-number',
  options: {
    reader,
    'pin-stdin': pinStdin,
    'my-number': { type: 'boolean', default: false, help: 'also read the My Number (municipal counters only)' },
  },
});

export const VCARD = defineCommand({
  name: 'vcard',
  summary: 'insert a virtual demo card into a vpcd reader until this process ends (dev/test)',
  options: {
    profile: { type: 'string', arg: '<id>', help: 'the demo card profile (default: the first; see --list)' },
    phone: { type: 'string', arg: 'android|iphone', help: "the first demo holder with that phone's JPKI token (instead of --profile)" },
    reader: { type: 'string', arg: '0|1', default: '0', help: 'the vpcd reader' },
    list: { type: 'boolean', default: false, help: 'list the demo card profiles with their (public) PINs and exit' },
    json,
    'state-dir': { type: 'string', arg: '<dir>', help: "where the cards' PIN retry counters persist" },
    reset: { type: 'boolean', default: false, help: "restore the card's PIN retry counters first" },
    renewed: { type: 'boolean', default: false, help: 'the card after its certificates were renewed (a profile with a renewal, e.g. yamada-taro)' },
  },
  notes: 'The card stays inserted until SIGINT/SIGTERM, standard input closing, or pcscd dropping the link.',
});

export const VERIFY = defineCommand({
  name: 'verify',
  operands: '<document.pdf>',
  summary: "check a printed certificate's (or hospital 領収証's) signed QR and text offline (exit 0: genuine)",
  options: {
    keys: { type: 'string', arg: '<trusted-keys.json>', help: 'the municipality and hospital keys: {"keys": {"<keyId>": "<base64 SPKI DER>"}} (or MADOGUCHI_DOCUMENT_KEYS)' },
    demo: { type: 'boolean', default: false, help: "also trust the demo municipalities' and demo hospital's (public) keys" },
    json: { type: 'boolean', default: false, help: 'print the whole result as JSON' },
  },
  notes: 'Exit codes: 0 genuine, 2 usage, 3 not a PDF, 4 no QR, 5 malformed QR, 6 unknown key, 7 bad signature,\n' +
    '8 content mismatch, 9 page mismatch, 10 binding mismatch, 11 QR genuine but text not machine-readable.',
});

const heldTarget = {
  config: { type: 'string', arg: '<file>', help: "the installation's configuration: database, back office, printer, kiosk id" },
  db: { type: 'string', arg: '<kiosk.db>', help: 'the kiosk database (instead of --config)' },
} as const;

export const HELD_LIST = defineCommand({
  name: 'held list',
  summary: 'certificate requests whose print is held for staff (run with the kiosk app stopped)',
  options: { ...heldTarget, json },
  notes: 'One of --config or --db is needed.',
});

export const HELD_RESOLVE = defineCommand({
  name: 'held resolve',
  operands: '<requestId> printed|reprint',
  summary: "staff's audited decision on a held print; reprint fetches a fresh copy, no fee",
  options: {
    note: { type: 'string', arg: '<text>', help: 'what staff found (required; kept in the audit)' },
    ...heldTarget,
    backoffice: { type: 'string', arg: '<url>', help: 'the back office (with --db; needed for reprint)' },
    printer: { type: 'string', arg: '<ipp uri>', help: 'the printer queue (with --db; needed for reprint)' },
    device: { type: 'string', arg: '<ipp uri>', help: "the printer device's own IPP address, for its status (with --db)" },
    'kiosk-id': { type: 'string', arg: '<id>', help: "this kiosk's id (with --db)" },
  },
  notes: 'With --db, MADOGUCHI_KIOSK_KEY and MADOGUCHI_STAFF_KEY carry the kiosk\'s and staff\'s keys for a loopback\n' +
    'back office, kept out of the command line. Money is never handled here: refunds are decided in the kiosk app.',
});

export const STAFF_CODE = defineCommand({
  name: 'staff-code',
  summary: 'make the staff code hash for the configuration (asks for the code twice; without a terminal, two stdin lines)',
  options: {},
});

export const LOGS = defineCommand({
  name: 'logs',
  summary: "the kiosk's recent log lines (structured, rotated by size; nothing of a resident in them)",
  options: {
    'data-dir': { type: 'string', arg: '<dir>', default: 'var/dev', help: "the kiosk's data folder (its logs/ folder is read; npm start: var/dev)" },
    lines: { type: 'string', arg: '<n>', default: '50', help: 'how many of the newest lines' },
    json,
  },
});

/** A command, or a group of subcommands, with the module that runs it (loaded only when run). */
export type CliEntry =
  | { spec: CommandSpec; load: () => Promise<(argv: string[]) => Promise<number>> }
  | { subs: readonly CommandSpec[]; load: () => Promise<(sub: string, argv: string[]) => Promise<number>> };

export const COMMANDS: Readonly<Record<string, CliEntry>> = {
  // `card` runs in a child process that may be unable to exit (card-process.ts): main.ts starts it.
  card: { subs: [CARD_INFO, CARD_LOGIN, CARD_TEXT], load: async () => (await import('./commands/card')).cardCommand },
  vcard: { spec: VCARD, load: async () => (await import('./commands/vcard')).vcardCommand },
  verify: { spec: VERIFY, load: async () => (await import('./commands/verify')).verifyCommand },
  held: { subs: [HELD_LIST, HELD_RESOLVE], load: async () => (await import('./commands/held')).heldCommand },
  'staff-code': { spec: STAFF_CODE, load: async () => (await import('./commands/staff-code')).staffCodeCommand },
  logs: { spec: LOGS, load: async () => (await import('./commands/logs')).logsCommand },
};

/** Every declaration, subcommands included: `madoguchi --help` lists them, the tests run each. */
export const ALL_SPECS: readonly CommandSpec[] = Object.values(COMMANDS).flatMap((e) => ('subs' in e ? e.subs : [e.spec]));
