// Demo mode only (the main process offers demo.* commands only when started with the demo
// world): the holders of the demo world, each with an insert/remove button for reader 0.
import { useEffect, useState } from 'react';
import type { KioskClient } from '../../../../common/api/client';
import type { DemoHolder } from '../../../../common/api/contract';
import { T, useText } from '../../app/prefs';
import { ja, type MessageKey } from '../../i18n/ja';

/** The tray's kind and hint codes in the kiosk's language; an unknown code shows as it came. */
function demoKey(prefix: 'demo.kind.' | 'demo.hint.', code: string): MessageKey | null {
  const key = `${prefix}${code}`;
  return key in ja ? (key as MessageKey) : null;
}

function Code({ prefix, code }: { prefix: 'demo.kind.' | 'demo.hint.'; code: string }) {
  const key = demoKey(prefix, code);
  return key ? <T k={key} /> : <>{code}</>;
}

export function CardTray({ client, staffCode }: { client: KioskClient; staffCode?: string }) {
  const [holders, setHolders] = useState<DemoHolder[]>([]);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const t = useText();
  useEffect(() => {
    const off = client.on('demo.changed', setHolders);
    client['demo.holders']({}).then(setHolders, () => undefined);
    return off;
  }, [client]);
  const occupied = holders.some((h) => h.insertedIn === 0);
  const act = (p: Promise<DemoHolder[]>) => {
    setBusy(true);
    // Close the drawer after a card goes in or out, so the kiosk screen is fully visible again.
    p.then(setHolders, () => undefined).finally(() => {
      setBusy(false);
      setOpen(false);
    });
  };
  const inReader = holders.find((h) => h.insertedIn !== null);
  return (
    <aside className={open ? 'tray open' : 'tray'} aria-label={t('demo.title')} data-testid="card-tray">
      <button type="button" className="tray-toggle" aria-expanded={open} aria-controls="tray-list" onClick={() => setOpen(!open)}>
        <T k="demo.title" />
        {inReader && <span className="tray-current"> — {inReader.name}</span>}
        <small> <T k="demo.note" /></small>
      </button>
      {open && (
        <p className="tray-staff" data-testid="demo-staff-code">
          {staffCode && (
            <>
              <T k="demo.staffCode" /> <strong>{staffCode}</strong>{' · '}
            </>
          )}
          <span data-testid="demo-hours"><T k="demo.hours" /></span>
        </p>
      )}
      <ul id="tray-list" hidden={!open}>
        {holders.map((h) => (
          <li key={h.id} data-holder={h.id} className={h.insertedIn !== null ? 'inserted' : ''}>
            <span className="who">
              <strong>{h.name}</strong> <span className="kind" data-kind={h.kind}><Code prefix="demo.kind." code={h.kind} /></span>
              {h.hint && <span className="hint" data-testid="demo-hint" data-hint={h.hint}><Code prefix="demo.hint." code={h.hint} /></span>}
            </span>
            <span className="pin">
              <T k="demo.pin" /> {h.pin}
            </span>
            {h.insertedIn !== null ? (
              <button type="button" className="btn btn-small" disabled={busy} onClick={() => act(client['demo.remove']({ reader: h.insertedIn! }))}>
                <T k="demo.remove" />
              </button>
            ) : (
              <button type="button" className="btn btn-small" disabled={busy || occupied} onClick={() => act(client['demo.insert']({ id: h.id, reader: 0 }))}>
                <T k="demo.insert" />
              </button>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}
