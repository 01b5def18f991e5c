// `npm run bench:hostile-cards` — a benchmark, not a test: every hostile card of
// tests/helpers/hostile-cards.ts on reader 1 through the real stack (pcscd + vpcd), with a good card
// on reader 0. Per case: how long the card held the kiosk until its typed error, how long a session
// on the other reader took to start meanwhile, and whether `madoguchi card …` ended by itself. A
// second pass ends the hostile session after 300 ms and times the handover to reader 0 through the
// same service (what the kiosk does when the resident gives up or the idle timeout fires).
// Last line: hostile: cases=<n> wrong_identity=<n> worst_ms=<n> blocked_other_reader_ms=<n> cli_hangs=<n>
import { startAuthStack, vpcdReaderName } from '../helpers/auth-stack';
import { HOSTILE_CASES, runHostileCase } from '../helpers/hostile-cards';
import { linkFault, type LinkFaultMode } from '../../simulators/vcard/faults';

const stack = await startAuthStack();
let wrongIdentity = 0;
let worst = 0;
let blocked = 0;
let cliHangs = 0;
try {
  const good = await stack.insert('yamada-taro', { reader: 0 });
  for (const c of HOSTILE_CASES) {
    const r = await runHostileCase(stack, c, { cli: true });
    if (r.kind === 'none') wrongIdentity++;
    worst = Math.max(worst, r.heldMs);
    blocked = Math.max(blocked, r.otherReaderMs);
    if (!r.cli || r.cli.hung) cliHangs++;
    const handover = await handoverMs(c.profile, c.fault);
    blocked = Math.max(blocked, handover);
    const expected = c.kinds.includes(r.kind) ? '' : ` UNEXPECTED (wanted ${c.kinds.join('|')})`;
    console.log(`${c.id.padEnd(15)} ${r.kind}${r.reason ? ` (${r.reason})` : ''}${expected} held_ms=${r.heldMs} other_reader_ms=${r.otherReaderMs} ` +
      `handover_ms=${handover} cli_exit=${r.cli?.code ?? 'none'} cli_ms=${r.cli?.ms ?? -1}`);
  }
  await good.remove();
} finally {
  await stack.close();
}
console.log(`hostile: cases=${HOSTILE_CASES.length} wrong_identity=${wrongIdentity} worst_ms=${worst} blocked_other_reader_ms=${blocked} cli_hangs=${cliHangs}`);

/** The same service ends the hostile session 300 ms in and opens reader 0: time to the new session. */
async function handoverMs(profile: string, fault: LinkFaultMode | undefined): Promise<number> {
  // Content faults answer at once: there is no session in progress to hand over from.
  if (!fault) return 0;
  const card = await stack.insert(profile, { reader: 1 });
  card.setFault(linkFault(fault));
  const kiosk = await stack.service();
  const attempt = kiosk.open(vpcdReaderName(1)).then(() => kiosk.login('0000')).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 300));
  const t0 = performance.now();
  await kiosk.close();
  await kiosk.open(vpcdReaderName(0));
  const ms = Math.round(performance.now() - t0);
  await kiosk.close();
  await attempt;
  await card.remove();
  return ms;
}
