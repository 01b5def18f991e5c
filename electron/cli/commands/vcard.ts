// `madoguchi vcard` — put a demo My Number Card into a virtual reader (vpcd inside pcscd) so the
// kiosk, `madoguchi card …` or any PC/SC tool can use it. Dev/test tool: the demo world is wired in
// here explicitly, like electron/main/start-dev.ts does.
//   madoguchi vcard [--profile <id> | --phone android|iphone] [--reader 0|1] [--reset] [--renewed]
//                                  insert until SIGINT/SIGTERM or stdin closes; --reset first restores
//                                  the card's PIN retry counters (they persist like a real card's);
//                                  --phone: a demo holder's phone token (the vpcd reader plays the
//                                  NFC reader the phone is held to); --renewed: the same card after
//                                  its certificates were renewed (profiles with a renewal)
//   madoguchi vcard --list [--json]                   the demo profiles with their medium and (public) PINs
import { KioskError, toKioskError } from '../../../common/errors';
import { resetCardState } from '../../../simulators/vcard/pin-store';
import { insertCard } from '../../../simulators/vcard/vpcd-link';
import { defaultProfile, demoMediumOf, loadProfiles, type HolderProfile } from '../../../simulators/vcard/profiles';
import { loadDemoWorld } from '../../../simulators/vcard/world';
import { VCARD } from '../command-list';
import { parseCommand } from '../command-spec';

export async function vcardCommand(argv: string[]): Promise<number> {
  try {
    const { values } = parseCommand(VCARD, argv);
    if (values.list) return list(values.json);
    if (values.reader !== '0' && values.reader !== '1') throw new KioskError('input.invalid', `--reader must be 0 or 1, not '${values.reader}'`, { field: 'reader' });
    return await insertUntilStopped(profileIdOf(values.profile, values.phone), values.reader === '1' ? 1 : 0, values['state-dir'], values.reset, values.renewed);
  } catch (err) {
    const e = toKioskError(err);
    process.stderr.write(`madoguchi vcard: ${e.message} [${e.kind}]\n`);
    return e.kind === 'input.invalid' ? 2 : 1;
  }
}

function list(json: boolean): number {
  const profiles = loadProfiles();
  if (json) {
    const rows = profiles.map((p) => ({ id: p.id, kind: p.kind, medium: demoMediumOf(p), name: p.name, authPin: p.authPin, signPassword: p.signPassword }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  for (const p of profiles) {
    const renewed = p.renewal ? `; certificates renewed ${p.renewal.daysAgo} days ago: --renewed` : '';
    process.stdout.write(`${p.id.padEnd(20)} ${p.kind.padEnd(17)} ${demoMediumOf(p).padEnd(10)} ${p.name}  (PIN ${p.authPin}, password ${p.signPassword}${renewed})\n`);
  }
  return 0;
}

/** --profile wins; --phone picks the first demo holder with that phone. */
function profileIdOf(profile: string | undefined, phone: string | undefined): string | undefined {
  if (phone === undefined) return profile;
  if (profile !== undefined) throw new KioskError('input.invalid', 'give --profile or --phone, not both', { field: 'phone' });
  if (phone !== 'android' && phone !== 'iphone') throw new KioskError('input.invalid', `--phone must be android or iphone, not '${phone}'`, { field: 'phone' });
  return loadProfiles().find((p) => demoMediumOf(p) === phone)?.id ?? unknown(`${phone} phone`);
}

async function insertUntilStopped(profileId: string | undefined, reader: 0 | 1, stateDir: string | undefined, reset: boolean, renewed: boolean): Promise<number> {
  const profiles = loadProfiles();
  const profile: HolderProfile = profileId === undefined ? defaultProfile(profiles) : (profiles.find((p) => p.id === profileId) ?? unknown(profileId));
  if (renewed && !profile.renewal) {
    throw new KioskError('input.invalid', `demo card '${profile.id}' has no renewed certificates (see: madoguchi vcard --list)`, { field: 'renewed' });
  }
  if (reset) resetCardState(profile.id, stateDir);
  const world = await loadDemoWorld(stateDir ? { stateDir } : {});
  const card = await world.cardFor(profile.id, { generation: renewed ? 1 : 0 });
  const inserted = await insertCard(card, { reader });

  // Removal: a signal, the parent closing our stdin, or the link dropping (pcscd stopped). Listening
  // starts BEFORE the "inserted" line: a parent that signals as soon as it reads the line must find the
  // handler in place, not the default action that would kill us with the card still inserted.
  const stopped = new Promise<'removed' | 'link'>((resolve) => {
    const done = () => resolve('removed');
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    process.stdin.once('end', done);
    process.stdin.once('close', done);
    process.stdin.resume();
    void inserted.removed.then(() => resolve('link'));
  });
  const medium = demoMediumOf(profile);
  process.stdout.write(`inserted ${profile.id}${renewed ? ' (renewed certificates)' : ''} (${profile.kind}, ${medium === 'card' ? '' : `${medium}, `}${profile.name}) into vpcd reader ${reader}; auth PIN ${profile.authPin}, sign password ${profile.signPassword}; Ctrl-C removes it\n`);
  const how = await stopped;
  process.stdin.pause();
  await inserted.remove();
  if (how === 'link') {
    process.stderr.write(`madoguchi vcard: the reader dropped the card (pcscd stopped?) after ${inserted.apduCount} APDUs [reader.gone]\n`);
    return 1;
  }
  process.stdout.write(`removed ${profile.id} after ${inserted.apduCount} APDUs\n`);
  return 0;
}

function unknown(id: string): never {
  throw new KioskError('input.invalid', `no demo card profile '${id}' (see: madoguchi vcard --list)`, { field: 'profile' });
}
