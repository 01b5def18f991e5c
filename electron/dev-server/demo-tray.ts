// The demo card tray (dev and test only): lists the demo world's holders and inserts/removes
// their virtual cards in vpcd reader 0 or 1, as a person would at the kiosk's reader.
import { KioskError } from '../../common/errors';
import type { DemoHolder } from '../../common/api/contract';
import type { DemoTray } from '../services/kiosk/kiosk-service';
import type { VirtualCard } from '../../simulators/vcard/card';
import { insertCard, type InsertedCard } from '../../simulators/vcard/vpcd-link';

export interface DemoWorldLike {
  profiles: readonly { id: string; kind: string; name: string; authPin: string; dob?: string; sealRegistered?: boolean }[];
  cardFor(id: string): VirtualCard | Promise<VirtualCard>;
}

export function createDemoTray(
  world: DemoWorldLike,
  log: (m: string) => void = () => undefined,
  /** A hint line per holder (what they can get at this kiosk), for testers. */
  hint?: (p: DemoWorldLike['profiles'][number]) => string | undefined,
  /** Runs before a holder's card goes in (the demo resets a "low tries" card so it shows them again). */
  beforeInsert?: (p: DemoWorldLike['profiles'][number]) => void,
): DemoTray & { close(): Promise<void> } {
  const slots = new Map<0 | 1, { id: string; link: InsertedCard }>();
  const listeners = new Set<(h: DemoHolder[]) => void>();
  let queue: Promise<unknown> = Promise.resolve();

  const holders = (): DemoHolder[] =>
    world.profiles.map((p) => {
      const slot = [...slots].find(([, s]) => s.id === p.id);
      const line = hint?.(p);
      return { id: p.id, name: p.name, kind: p.kind, pin: p.authPin, insertedIn: slot ? slot[0] : null, ...(line ? { hint: line } : {}) };
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
        const profile = world.profiles.find((p) => p.id === id);
        if (!profile) throw new KioskError('input.invalid', 'unknown demo holder', { field: 'id' });
        await pull(reader);
        for (const [r, s] of slots) if (s.id === id) await pull(r);
        beforeInsert?.(profile);
        const link = await insertCard(await world.cardFor(id), { reader });
        slots.set(reader, { id, link });
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
