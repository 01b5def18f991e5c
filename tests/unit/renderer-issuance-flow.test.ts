// The issuance steps as a pure reducer: what the resident sees after each event, including the
// endings that involve money (cancel, refund, held) and refusals with where to go.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CatalogView } from '../../common/api/contract';
import { idleApplies, initialIssuance, issuanceFlow, toRequest, type IssuanceAction, type Step } from '../../renderer/src/features/issuance/issuance-flow';
import { printerKey, reasonKey, whereKey } from '../../renderer/src/features/issuance/words';
import { en } from '../../renderer/src/i18n/en';
import { ja } from '../../renderer/src/i18n/ja';
import { ko } from '../../renderer/src/i18n/ko';
import { zh } from '../../renderer/src/i18n/zh';

const catalog: CatalogView = {
  entries: [
    { type: 'juminhyo', label: '住民票の写し', fee: 200, options: [{ key: 'householdHead', label: '世帯主・続柄', default: false }], scopes: ['self', 'household', 'members'], available: true },
    { type: 'inkan', label: '印鑑登録証明書', fee: 200, options: [], scopes: ['self'], available: false, refusal: { reason: 'not_registrant', where: 'seal_registration_window' } },
  ],
  household: [{ residentId: 'a', name: '山田　太郎', relationship: '世帯主' }, { residentId: 'b', name: '山田　花子', relationship: '妻' }],
};

const run = (actions: IssuanceAction[], from: Step = initialIssuance) => actions.reduce(issuanceFlow, from);
const juminhyo = catalog.entries[0]!;

describe('issuance flow', () => {
  it('goes choose → options → copies → requesting → confirm → paying → printing → done, carrying the change', () => {
    let s = run([{ type: 'catalog', catalog }, { type: 'pick', entry: juminhyo }]);
    assert.equal(s.step, 'options');
    s = run([{ type: 'draft', draft: { scope: 'members' } }, { type: 'next' }], s);
    assert.equal(s.step, 'options', 'no member chosen yet: cannot go on');
    s = run([{ type: 'draft', draft: { memberIds: ['b'], options: { householdHead: true } } }, { type: 'next' }, { type: 'draft', draft: { copies: 99 } }], s);
    assert.equal(s.step, 'copies');
    if (s.step === 'copies') {
      assert.equal(s.draft.copies, 10, 'at most 10 copies');
      assert.deepEqual(toRequest(s.entry, s.draft), { type: 'juminhyo', scope: 'members', memberIds: ['b'], options: { householdHead: true }, layout: 'household', copies: 10 });
    }
    s = run([{ type: 'next' }, { type: 'requested', requestId: 'r1', fee: 2000, summary: ['住民票の写し'] }, { type: 'pay' }], s);
    assert.deepEqual([s.step, 'remaining' in s && s.remaining], ['paying', 2000]);
    s = run([{ type: 'payment-progress', requestId: 'other', inserted: 5000, remaining: 0 }], s);
    assert.equal('inserted' in s && s.inserted, 0, 'progress of another request is ignored');
    s = run([{ type: 'payment-progress', requestId: 'r1', inserted: 1000, remaining: 1000 }, { type: 'paid', change: 500 }], s);
    assert.equal(s.step, 'printing');
    assert.equal(idleApplies(s), false, 'printing is not idleness');
    s = run([{ type: 'printer', status: { state: 'stopped', needsStaff: true, message: 'printer.media-empty' } }], s);
    assert.equal(s.step === 'printing' && s.printer?.message, 'printer.media-empty');
    s = run([{ type: 'print-progress', requestId: 'r1', phase: 'printing' }], s);
    assert.equal(s.step === 'printing' && s.printer, null, 'the fault note goes when printing resumes');
    s = run([{ type: 'printed', state: 'printed', status: 'printed', refunded: 0 }], s);
    assert.deepEqual(s, { step: 'done', change: 500 });
  });

  it('a seal certificate skips the options; an unavailable entry cannot be picked', () => {
    const inkan = { ...catalog.entries[1]!, available: true };
    assert.equal(run([{ type: 'catalog', catalog }, { type: 'pick', entry: inkan }]).step, 'copies');
    assert.equal(run([{ type: 'catalog', catalog }, { type: 'pick', entry: catalog.entries[1]! }]).step, 'choose');
  });

  it('ends: refused with where, unreachable (no charge), payment cancelled, held for staff, refunded', () => {
    const requesting = run([{ type: 'catalog', catalog }, { type: 'pick', entry: juminhyo }, { type: 'next' }, { type: 'next' }]);
    assert.equal(requesting.step, 'requesting');
    assert.deepEqual(issuanceFlow(requesting, { type: 'error', kind: 'issuance.refused', details: { reason: 'outside_hours', where: 'service_hours' } }),
      { step: 'refused', reason: 'outside_hours', where: 'service_hours' });
    assert.deepEqual(issuanceFlow(requesting, { type: 'error', kind: 'sync.unreachable' }), { step: 'failed', problem: 'unreachable' });
    const paying = run([{ type: 'requested', requestId: 'r2', fee: 200, summary: [] }, { type: 'pay' }], requesting);
    assert.deepEqual(issuanceFlow(paying, { type: 'error', kind: 'payment.cancelled', details: { refunded: 100 } }), { step: 'cancelled', refunded: 100 }, 'the refund is said with its amount');
    const printing = issuanceFlow(paying, { type: 'paid', change: 0 });
    assert.deepEqual(issuanceFlow(printing, { type: 'printed', state: 'held', status: 'held', refunded: 0 }), { step: 'held', requestId: 'r2' });
    assert.deepEqual(issuanceFlow(printing, { type: 'printed', state: 'refunded', status: 'failed', refunded: 200 }), { step: 'refunded', amount: 200 });
    assert.deepEqual(issuanceFlow(printing, { type: 'error', kind: 'internal' }), { step: 'held', requestId: 'r2' }, 'an unclear print stays with staff');
  });

  it('words: refusals never reveal a DV support measure or a death; printer codes become plain words', () => {
    assert.equal(reasonKey('dv_support'), 'iss.reason.other');
    assert.equal(reasonKey('deceased'), 'iss.reason.other');
    assert.equal(reasonKey('under_15'), 'iss.reason.under_15');
    assert.equal(whereKey('nowhere-known'), 'iss.where.municipal_window');
    assert.equal(printerKey('printer.media-empty-error'), 'iss.printer.media-empty');
    assert.equal(printerKey('printer.toner-low'), 'iss.printer.other');
    for (const [lang, table] of Object.entries({ en, zh, ko })) {
      for (const key of Object.keys(ja).filter((k) => k.startsWith('iss.'))) {
        assert.ok((table as Record<string, string>)[key]?.length, `${lang} has ${key}`);
        assert.notEqual((table as Record<string, string>)[key], (ja as Record<string, string>)[key], `${lang} ${key} is translated`);
      }
    }
  });
});
