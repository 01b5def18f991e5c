// The kiosk: state lives in the pure `flow` reducer; this component subscribes to main-process
// events, runs each screen's one command, and renders. Holder data exists only in the reducer's
// current screen and disappears with it.
import { useCallback, useEffect, useReducer, useState } from 'react';
import type { KioskClient } from '../../../common/api/client';
import type { SessionEndReason, SystemInfo } from '../../../common/api/contract';
import { toKioskError } from '../../../common/errors';
import { CardTray } from '../features/demo';
import { DeskScreen, deskTabs } from '../features/desk';
import { StaffEntry, StaffScreen } from '../features/staff';
import { LANGS } from '../i18n';
import { IdleWarning } from '../shared/IdleWarning';
import { ErrorScreen, GoodbyeScreen, IdleScreen, PinScreen, ProgressScreen } from '../shared/screens';
import { AuthenticatedScreen } from '../shared/ServiceMenu';
import { flow, idleTimed, initialFlow } from './flow';
import { Header } from './Header';
import { useIdleTimer } from './hooks';
import { KeypadNav } from './keypad-nav';
import { defaultPrefs, PrefsContext, type Prefs } from './prefs';
import { offeredServices, serviceModule } from './services';
import { screenSpeech } from './spoken';
import { Speak, VoiceProvider } from './voice';

/** Seconds the thank-you screen stays when the card is already gone. */
const GOODBYE_SEC = 8;

export function App({ client }: { client: KioskClient }) {
  const [state, dispatch] = useReducer(flow, initialFlow);
  const [prefs, setPrefs] = useState<Prefs>(defaultPrefs);
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [readerCount, setReaderCount] = useState<number | null>(null);
  // Paying and printing are not idleness: a service's steps say when the idle timer applies.
  const [serviceIdle, setServiceIdle] = useState(true);
  // The staff code dialog over the idle or held-print screen; staff steps say when idleness applies.
  const [staffEntry, setStaffEntry] = useState(false);
  const [staffIdle, setStaffIdle] = useState(true);
  // The reception desk instead of the held prints, in staff mode at a kiosk offering reception.
  const [desk, setDesk] = useState(false);
  useEffect(() => { if (state.screen.name !== 'staff') setDesk(false); }, [state.screen.name]);
  const screen = state.screen;
  const failed = (err: unknown) => {
    const e = toKioskError(err);
    dispatch({ type: 'failed', error: { kind: e.kind, details: e.details } });
  };

  // Wiring: system facts, current readers, and the main process's events.
  useEffect(() => {
    const offs = [
      client.on('card.event', (e) => {
        if (e.type === 'card-inserted') dispatch({ type: 'card-inserted', reader: e.reader });
        if (e.type === 'card-removed' || e.type === 'reader-removed') dispatch({ type: 'card-removed', reader: e.reader });
        if (e.type === 'reader-added' || e.type === 'reader-removed') client['card.readers']({}).then((r) => setReaderCount(r.length), () => undefined);
      }),
      client.on('session.ended', (e) => dispatch({ type: 'session-ended', reason: e.reason })),
      // Main locked staff mode by itself (idle policy, a card session, shutdown): leave the staff screen.
      client.on('staff.locked', () => {
        setStaffEntry(false);
        dispatch({ type: 'staff-exit' });
      }),
    ];
    Promise.all([client['system.info']({}), client['card.readers']({})]).then(([i, readers]) => {
      setInfo(i);
      dispatch({ type: 'offered', services: offeredServices(i.services).map(({ name, cardOffFirst, beforeCard }) => ({ name, cardOffFirst, ...(beforeCard ? { beforeCard } : {}) })) });
      setReaderCount(readers.length);
      dispatch({ type: 'readers', withCard: readers.filter((r) => r.cardPresent).map((r) => r.name) });
    }, failed);
    return () => offs.forEach((off) => off());
  }, [client]);

  // Each screen's one command.
  useEffect(() => {
    if (screen.name === 'reading') client['session.start']({ reader: screen.reader }).then((overview) => dispatch({ type: 'start-ok', overview }), failed);
  }, [client, screen]);
  useEffect(() => {
    if (screen.name === 'goodbye' && !screen.reader) {
      const t = setTimeout(() => dispatch({ type: 'home' }), GOODBYE_SEC * 1000);
      return () => clearTimeout(t);
    }
  }, [screen]);
  // A finished visit resets the display preferences for the next person.
  useEffect(() => {
    if (screen.name === 'idle') setPrefs((p) => ({ ...defaultPrefs, voice: p.voice, rate: p.rate }));
  }, [screen.name]);

  // The app is interactive once the idle screen shows real reader facts (bench + tests wait on it).
  useEffect(() => {
    if (info && readerCount !== null && document.documentElement.dataset.ready !== '1') {
      document.documentElement.dataset.ready = '1';
      performance.mark('kiosk-interactive');
    }
  }, [info, readerCount]);

  useEffect(() => {
    document.documentElement.lang = LANGS.find((l) => l.code === prefs.lang)?.htmlLang ?? 'ja';
  }, [prefs.lang]);
  // 文字を大きく: the whole UI is sized in rem, so the root's size (styles.css, html[data-text]) scales it.
  useEffect(() => {
    document.documentElement.dataset.text = String(prefs.large);
  }, [prefs.large]);
  const voiceOn = useCallback(() => setPrefs((p) => (p.voice ? p : { ...p, voice: true })), []);

  const end = useCallback(
    (reason: SessionEndReason) => {
      // The wipe in main happens whatever the UI does next; a failure here is not the user's problem.
      client['session.end']({ reason }).catch(() => undefined);
      dispatch(reason === 'timeout' ? { type: 'session-ended', reason } : { type: 'home' });
    },
    [client],
  );
  const idle = useIdleTimer(idleTimed(screen) && !staffEntry && (screen.name !== 'service' || serviceIdle), info?.idle.idleSec ?? 60, info?.idle.warnSec ?? 30, () => end('timeout'));

  // Staff mode follows the same idle policy: the dialog closes, staff mode locks, the idle screen returns.
  const leaveStaff = useCallback(() => {
    setStaffEntry(false);
    client['staff.lock']({}).catch(() => undefined);
    dispatch({ type: 'staff-exit' });
  }, [client]);
  const staffTimer = useIdleTimer(staffEntry || (screen.name === 'staff' && staffIdle), info?.idle.idleSec ?? 60, info?.idle.warnSec ?? 30, () => {
    if (screen.name === 'staff') leaveStaff();
    else setStaffEntry(false);
  });
  const warning = idle.secondsLeft !== null ? idle : staffTimer.secondsLeft !== null ? staffTimer : null;
  const keepAlive = () => {
    warning?.keepAlive();
    // Staying is activity in main too, so staff mode's own expiry moves on with the screen's.
    if (warning === staffTimer && screen.name === 'staff') client['staff.held']({}).catch(() => undefined);
  };
  const openStaff = info?.staff ? () => setStaffEntry(true) : null;

  const submitPin = (pin: string) => {
    dispatch({ type: 'login-submitted' });
    // A service chosen before the card is named in the login: its own party checks the card.
    const via = screen.name === 'pin' ? screen.via : undefined;
    client['session.login']({ pin, ...(via ? { service: via.service, medium: via.device } : {}) }).then((holder) => dispatch({ type: 'login-ok', holder }), failed);
  };
  const cardOn = (reader: string | null) => reader !== null && state.cards.includes(reader);
  const menu = offeredServices(info?.services ?? []);
  // The menu after sign-in: a service chosen before the card is not in it (its login was another).
  const afterSignIn = menu.filter((m) => !m.beforeCard);
  const Service = screen.name === 'service' ? serviceModule(screen.service)?.Flow : undefined;
  const Prepare = screen.name === 'prepare' ? serviceModule(screen.service)?.Prepare : undefined;
  // Services chosen before the card start from the idle screen (e.g. 病院の受付).
  const starts = menu.filter((m) => m.beforeCard && m.Prepare).map((m) => ({ label: m.label, testId: m.testId, hint: m.startHint, onStart: () => dispatch({ type: 'prepare', service: m.name }) }));

  return (
    <PrefsContext.Provider value={prefs}>
      <VoiceProvider client={client} prefs={prefs}>
      <Speak parts={screenSpeech(screen, { cardOnReader: 'reader' in screen && screen.reader !== null && state.cards.includes(screen.reader), noReader: readerCount === 0, offered: afterSignIn.length, starts: starts.map((s) => s.label) })} />
      <KeypadNav onVoiceOn={voiceOn} />
      <div className="app">
        <Header onChange={setPrefs} />
        {/* A service's screen is named after the service (e.g. data-screen="issuance"). */}
        <main data-screen={screen.name === 'service' ? screen.service : screen.name} {...(screen.name === 'prepare' ? { 'data-service': screen.service } : {})} data-busy={screen.name === 'reading' || screen.name === 'verifying'}>
          {screen.name === 'idle' && <IdleScreen noReader={readerCount === 0} onStaff={openStaff} notes={menu.flatMap((m) => (m.idleNote ? [m.idleNote] : []))} starts={starts} />}
          {screen.name === 'prepare' && Prepare && <Prepare device={screen.device} onDevice={(device) => dispatch({ type: 'device', device })} onCancel={() => dispatch({ type: 'home' })} />}
          {screen.name === 'reading' && <ProgressScreen title="reading.title" hint="reading.hint" />}
          {screen.name === 'pin' && <PinScreen key={screen.triesLeft} triesLeft={screen.triesLeft} problem={screen.problem} onSubmit={submitPin} onCancel={() => end('user')} />}
          {screen.name === 'verifying' && <ProgressScreen title="verifying.title" hint="wait" />}
          {screen.name === 'authenticated' && (
            <AuthenticatedScreen
              holder={screen.holder}
              cardPresent={cardOn(screen.reader)}
              services={afterSignIn}
              onOpen={(service) => dispatch({ type: 'open-service', service })}
              onDone={() => end('user')}
            />
          )}
          {screen.name === 'service' && Service && (
            <Service client={client} demo={info?.demo === true} holderName={screen.holderName} onFinish={() => end('user')} onIdleApplies={setServiceIdle} onStaff={openStaff} device={screen.device} cardOnReader={cardOn(screen.reader)} />
          )}
          {screen.name === 'error' && (
            <ErrorScreen
              error={screen.error}
              onRetry={cardOn(screen.reader) ? () => { client['session.end']({ reason: 'user' }).catch(() => undefined); dispatch({ type: 'retry' }); } : null}
              onHome={() => end('user')}
              cardPresent={cardOn(screen.reader)}
            />
          )}
          {screen.name === 'goodbye' && <GoodbyeScreen cardPresent={cardOn(screen.reader)} timedOut={screen.timedOut === true} onHome={() => dispatch({ type: 'home' })} />}
          {screen.name === 'staff' && (desk
            ? <DeskScreen client={client} tabs={deskTabs(info?.services ?? [])} onBack={() => setDesk(false)} onExit={leaveStaff} onIdleApplies={setStaffIdle} />
            : <StaffScreen client={client} initial={screen.held} onExit={leaveStaff} onIdleApplies={setStaffIdle} {...(deskTabs(info?.services ?? []).length > 0 ? { onDesk: () => setDesk(true) } : {})} />)}
        </main>
        {staffEntry && screen.name !== 'staff' && (
          <StaffEntry
            client={client}
            onClose={() => setStaffEntry(false)}
            onUnlocked={(held) => {
              setStaffEntry(false);
              dispatch({ type: 'staff-unlocked', held });
            }}
          />
        )}
        {warning?.secondsLeft != null && <IdleWarning secondsLeft={warning.secondsLeft} onContinue={keepAlive} />}
        {info?.demo && <CardTray client={client} {...(info.demoStaffCode ? { staffCode: info.demoStaffCode } : {})} />}
      </div>
      </VoiceProvider>
    </PrefsContext.Provider>
  );
}
