// The demo card tray (dev and test only): lists the demo world's holders and inserts/removes
// their virtual cards in vpcd reader 0 or 1, as a person would at the kiosk's reader. A holder whose
// certificates were renewed (profiles.json `renewal`) has a second entry: the same card after the
// renewal (generation 1), so a tester sees that what follows the person (the hospital's 照会番号,
// the payment account linked to it) survives new certificates.
import { KioskError } from '../../common/errors';
import type { DemoHolder } from '../../common/api/contract';
import type { DemoTray } from '../services/kiosk/kiosk-service';
import type { VirtualCard } from '../../simulators/vcard/card';
import { insertCard, type InsertedCard } from '../../simulators/vcard/vpcd-link';

export interface DemoWorldLike {
  profiles: readonly { id: string; kind: string; name: string; authPin: string; dob?: string; sealRegistered?: boolean; renewal?: unknown }[];
  cardFor(id: string, opts?: { generation?: 0 | 1 }): VirtualCard | Promise<VirtualCard>;
}

type Profile = DemoWorldLike['profiles'][number];

/** The tray id of a renewed card's entry; its kind (shown translated, `demo.kind.renewed`) says what it is. */
export const RENEWED_SUFFIX = '.renewed';
export const RENEWED_KIND = 'renewed';

/** One line on the tray: a profile's card as issued (generation 0) or after its renewal (generation 1). */
interface Entry { id: string; kind: string; profile: Profile; generation: 0 | 1 }

function entriesOf(profiles: readonly Profile[]): Entry[] {
  return profiles.flatMap((p): Entry[] => [
    { id: p.id, kind: p.kind, profile: p, generation: 0 },
    ...(p.renewal ? [{ id: `${p.id}${RENEWED_SUFFIX}`, kind: RENEWED_KIND, profile: p, generation: 1 as const }] : []),
  ]);
}

export function createDemoTray(
  world: DemoWorldLike,
  log: (m: string) => void = () => undefined,
  /** A hint line per holder (what they can get at this kiosk), for testers. */
  hint?: (p: Profile & { generation?: 0 | 1 }) => string | undefined,
  /** Runs before a holder's card goes in (the demo resets a "low tries" card so it shows them again). */
  beforeInsert?: (p: Profile) => void,
): DemoTray & { close(): Promise<void> } {
  const slots = new Map<0 | 1, { id: string; profileId: string; link: InsertedCard }>();
  const listeners = new Set<(h: DemoHolder[]) => void>();
  let queue: Promise<unknown> = Promise.resolve();

  const entries = entriesOf(world.profiles);
  const holders = (): DemoHolder[] =>
    entries.map((e) => {
      const slot = [...slots].find(([, s]) => s.id === e.id);
      const line = hint?.(e.generation ? { ...e.profile, generation: e.generation } : e.profile);
      return { id: e.id, name: e.profile.name, kind: e.kind, pin: e.profile.authPin, insertedIn: slot ? slot[0] : null, ...(line ? { hint: line } : {}) };
    });
  const changed = () => {
    const h = holders();
    listeners.forEach((l) => l(h));
  };
  // One tray action at a time: a double tap must not put two cards in one reader.
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const pull = async (reader: 0 | 1) => {
    const slot = slots.get(reader);
    if (!slot) return;
    slots.delete(reader);
    await slot.link.remove();
    log(`demo tray: removed ${slot.id} from reader ${reader}`);
  };

  return {
    holders,
    insert: (id, reader) =>
      serial(async () => {
        const entry = entries.find((e) => e.id === id);
        if (!entry) throw new KioskError('input.invalid', 'unknown demo holder', { field: 'id' });
        await pull(reader);
        // One physical card: as issued or renewed, it leaves the other reader before it goes in here.
        for (const [r, s] of slots) if (s.profileId === entry.profile.id) await pull(r);
        beforeInsert?.(entry.profile);
        const card = await (entry.generation ? world.cardFor(entry.profile.id, { generation: 1 }) : world.cardFor(entry.profile.id));
        const link = await insertCard(card, { reader });
        slots.set(reader, { id, profileId: entry.profile.id, link });
        // A link that drops by itself (pcscd restart, fault injection) empties the slot too.
        void link.removed.then(() => {
          if (slots.get(reader)?.link === link) {
            slots.delete(reader);
            changed();
          }
        });
        log(`demo tray: inserted ${id} in reader ${reader}`);
        changed();
        return holders();
      }),
    remove: (reader) =>
      serial(async () => {
        await pull(reader);
        changed();
        return holders();
      }),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => serial(async () => {
      for (const r of [...slots.keys()]) await pull(r);
    }),
  };
}
