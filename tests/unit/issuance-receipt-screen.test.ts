// The final screen tells the truth about the receipt: it names the receipt only when one came out,
// and when it could not be printed the resident is told calmly (in every language) to ask staff.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { issuanceFlow, type IssuanceAction, type Step } from '../../renderer/src/features/issuance/issuance-flow';
import { en } from '../../renderer/src/i18n/en';
import { ja } from '../../renderer/src/i18n/ja';
import { ko } from '../../renderer/src/i18n/ko';
import { zh } from '../../renderer/src/i18n/zh';

const printing: Step = { step: 'printing', requestId: 'r1', change: 100, phase: 'printing', printer: null };
const run = (actions: IssuanceAction[]) => actions.reduce(issuanceFlow, printing);
const progress = (phase: string): IssuanceAction => ({ type: 'print-progress', requestId: 'r1', phase });
const printed: IssuanceAction = { type: 'printed', state: 'printed', status: 'printed', refunded: 0 };

describe('receipt on the final screen', () => {
  it('a printed receipt: done says certificates, receipt and card', () => {
    assert.deepEqual(run([progress('receipt'), progress('receipt-printed'), printed]), { step: 'done', change: 100, receipt: 'printed' });
  });

  it('a receipt fault: the staff note on the printing screen goes, done asks the resident to see staff for a receipt', () => {
    let s = run([progress('receipt'), { type: 'printer', status: { state: 'stopped', needsStaff: true, message: 'printer.media-empty' } }]);
    assert.equal(s.step === 'printing' && s.printer?.message, 'printer.media-empty');
    s = issuanceFlow(s, progress('receipt-failed'));
    assert.equal(s.step === 'printing' && s.printer, null);
    assert.deepEqual(issuanceFlow(s, printed), { step: 'done', change: 100, receipt: 'failed' });
  });

  it('a receipt whose outcome never arrived is not claimed; none due (nothing paid) is not mentioned', () => {
    assert.deepEqual(run([progress('receipt'), printed]), { step: 'done', change: 100, receipt: 'failed' });
    assert.deepEqual(run([printed]), { step: 'done', change: 100 });
  });

  it('the words exist in ja/en/zh/ko, and only the receipt title names the receipt', () => {
    for (const [lang, dict, word] of [['ja', ja, '領収書'], ['en', en, 'receipt'], ['zh', zh, '收据'], ['ko', ko, '영수증']] as const) {
      const d = dict as Record<string, string>;
      assert.ok(d['iss.done.title']!.includes(word), lang);
      assert.ok(!d['iss.done.titleNoReceipt']!.includes(word), lang);
      assert.ok(d['iss.done.receiptMissing']!.includes(word), lang);
    }
  });
});
