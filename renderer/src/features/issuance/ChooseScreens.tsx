// Choosing: the certificate (refusals shown with where to go instead), who and what it shows, and
// how many copies. Big toggles with aria-pressed; one "next" per screen.
import type { Dispatch } from 'react';
import type { CatalogEntryView, CatalogView } from '../../../../common/api/contract';
import { T, useText } from '../../app/prefs';
import { Heading } from '../../shared/Heading';
import { draftComplete, MAX_COPIES, type IssuanceAction, type Step } from './issuance-flow';
import { typeKey } from '../../shared/certificate-words';
import { optionKey, reasonKey, relationshipKey, whereKey } from './words';

/** The one refusal every certificate has (same reason, same place to go), if so. */
function sharedRefusal(entries: CatalogEntryView[]): { reason: string; where: string } | null {
  const first = entries[0]?.refusal;
  if (!first || entries.some((e) => e.available || e.refusal?.reason !== first.reason || e.refusal?.where !== first.where)) return null;
  return first;
}

export function Choose({ catalog, onPick, onCancel }: { catalog: CatalogView; onPick: (e: CatalogEntryView) => void; onCancel: () => void }) {
  const shared = sharedRefusal(catalog.entries);
  return (
    <section className="screen">
      <Heading k="iss.choose.title" />
      {shared && (
        // Refused for one reason (closed hours, a move-out): said once, not under every certificate.
        <div className="alert alert-calm" data-testid="refusal-all" data-reason={shared.reason}>
          <p><T k={reasonKey(shared.reason)} /></p>
          <p><T k={whereKey(shared.where)} /></p>
        </div>
      )}
      <ul className="choices">
        {catalog.entries.map((e) => (
          <li key={e.type} data-type={e.type} data-available={e.available}>
            {e.available ? (
              <button type="button" className="choice" onClick={() => onPick(e)}>
                <span className="choice-name"><T k={typeKey(e.type)} /></span>
                <span className="choice-fee"><T k="iss.fee" vars={{ fee: e.fee }} /></span>
              </button>
            ) : (
              <div className="choice choice-off" data-testid={`refusal-${e.type}`} data-reason={e.refusal?.reason ?? ''}>
                <span className="choice-name"><T k={typeKey(e.type)} /> — <T k="iss.unavailable" /></span>
                {!shared && <span className="refusal-why"><T k={reasonKey(e.refusal?.reason ?? '')} /></span>}
                {!shared && <span className="refusal-where"><T k={whereKey(e.refusal?.where ?? '')} /></span>}
              </div>
            )}
          </li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" className="btn btn-secondary" onClick={onCancel} data-keypad="back"><T k="iss.cancel" /></button>
      </div>
    </section>
  );
}

function Toggle({ on, onClick, children, testId }: { on: boolean; onClick: () => void; children: React.ReactNode; testId?: string }) {
  return (
    <button type="button" className="pick" aria-pressed={on} onClick={onClick} {...(testId ? { 'data-testid': testId } : {})}>
      <span className="pick-box" aria-hidden="true">{on ? '✓' : ''}</span>
      {children}
    </button>
  );
}

/** 「山田太郎（世帯主）」 / "山田太郎 (Head of household)": the name as registered, the 続柄 translated. */
function Member({ name, relationship }: { name: string; relationship: string }) {
  const t = useText();
  const key = relationshipKey(relationship);
  return <T k="member.label" vars={{ name, rel: key ? t(key) : relationship }} />;
}

/** One of several (who, which format): a radio, drawn round, so it does not read as a checkbox. */
function Radio({ on, onClick, children, testId }: { on: boolean; onClick: () => void; children: React.ReactNode; testId?: string }) {
  return (
    <button type="button" role="radio" className="pick pick-radio" aria-checked={on} onClick={onClick} {...(testId ? { 'data-testid': testId } : {})}>
      <span className="pick-dot" aria-hidden="true" />
      {children}
    </button>
  );
}

type OptionsStep = Extract<Step, { step: 'options' }>;
type CopiesStep = Extract<Step, { step: 'copies' }>;

export function Options({ s, dispatch, onCancel }: { s: OptionsStep; dispatch: Dispatch<IssuanceAction>; onCancel: () => void }) {
  const { draft, entry, catalog } = s;
  const set = (d: Partial<typeof draft>) => dispatch({ type: 'draft', draft: d });
  const toggleMember = (id: string) => set({ memberIds: draft.memberIds.includes(id) ? draft.memberIds.filter((m) => m !== id) : [...draft.memberIds, id] });
  return (
    <section className="screen">
      <Heading k="iss.options.title" />
      {/* Who (left) and what and which format (right) side by side in landscape; one column in portrait. */}
      <div className="option-groups">
      <div className="option-group">
      <h2 id="scope-title"><T k="iss.scope.title" /></h2>
      <div className="picks" role="radiogroup" aria-labelledby="scope-title">
        {entry.scopes.map((sc) => (
          <Radio key={sc} on={draft.scope === sc} onClick={() => set({ scope: sc })} testId={`scope-${sc}`}>
            <T k={sc === 'self' ? 'iss.scope.self' : sc === 'household' ? 'iss.scope.household' : 'iss.scope.members'} />
          </Radio>
        ))}
      </div>
      {draft.scope === 'members' && (
        <>
          <h2><T k="iss.members.title" /></h2>
          <div className="picks" role="group">
            {catalog.household.map((m) => (
              <Toggle key={m.residentId} on={draft.memberIds.includes(m.residentId)} onClick={() => toggleMember(m.residentId)} testId={`member-${m.residentId}`}>
                <Member name={m.name} relationship={m.relationship} />
              </Toggle>
            ))}
          </div>
        </>
      )}
      </div>
      <div className="option-group">
      {entry.options.length > 0 && (
        <>
          <h2><T k="iss.extras.title" /></h2>
          <div className="picks" role="group">
            {entry.options.map((o) => {
              const k = optionKey(o.key);
              return (
                <Toggle key={o.key} on={draft.options[o.key] === true} onClick={() => set({ options: { ...draft.options, [o.key]: !draft.options[o.key] } })} testId={`option-${o.key}`}>
                  {k ? <T k={k} /> : o.label}
                </Toggle>
              );
            })}
          </div>
        </>
      )}
      {draft.scope !== 'self' && (
        <>
          <h2 id="layout-title"><T k="iss.layout.title" /></h2>
          <div className="picks" role="radiogroup" aria-labelledby="layout-title">
            <Radio on={draft.layout === 'household'} onClick={() => set({ layout: 'household' })} testId="layout-household"><T k="iss.layout.household" /></Radio>
            <Radio on={draft.layout === 'individual'} onClick={() => set({ layout: 'individual' })} testId="layout-individual"><T k="iss.layout.individual" /></Radio>
          </div>
        </>
      )}
      </div>
      </div>
      <div className="actions">
        <button type="button" className="btn btn-quiet" onClick={onCancel}><T k="iss.cancel" /></button>
        <button type="button" className="btn btn-secondary" onClick={() => dispatch({ type: 'back' })} data-keypad="back"><T k="iss.back" /></button>
        <button type="button" className="btn btn-primary" disabled={!draftComplete(draft)} onClick={() => dispatch({ type: 'next' })}><T k="iss.next" /></button>
      </div>
    </section>
  );
}

export function Copies({ s, dispatch, onCancel }: { s: CopiesStep; dispatch: Dispatch<IssuanceAction>; onCancel: () => void }) {
  const n = s.draft.copies;
  const set = (copies: number) => dispatch({ type: 'draft', draft: { copies } });
  return (
    <section className="screen center">
      <Heading k="iss.copies.title" />
      <p className="lead"><T k={typeKey(s.entry.type)} /> — <T k="iss.fee" vars={{ fee: s.entry.fee }} /></p>
      <div className="copies">
        <button type="button" className="btn btn-secondary step-btn" disabled={n <= 1} onClick={() => set(n - 1)}><T k="iss.copies.less" /></button>
        <output className="copies-count" data-testid="copies" data-copies={n} aria-live="polite"><T k="iss.copies.count" vars={{ n }} /></output>
        <button type="button" className="btn btn-secondary step-btn" disabled={n >= MAX_COPIES} onClick={() => set(n + 1)}><T k="iss.copies.more" /></button>
      </div>
      <div className="actions">
        <button type="button" className="btn btn-secondary" onClick={() => dispatch({ type: 'back' })} data-keypad="back"><T k="iss.back" /></button>
        <button type="button" className="btn btn-primary" onClick={() => dispatch({ type: 'next' })}><T k="iss.next" /></button>
      </div>
      <div className="actions">
        <button type="button" className="btn btn-quiet" onClick={onCancel}><T k="iss.cancel" /></button>
      </div>
    </section>
  );
}
