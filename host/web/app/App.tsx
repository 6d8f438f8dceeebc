import { lazy, type ReactNode, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';
import { ApiClient } from '../api/client.ts';
import { endpoints, type Me } from '../api/endpoints.ts';
import { createShellI18n, initialLang, rememberLang, type ShellLang } from '../i18n/i18n.ts';
import { SignInPage } from '../pages/SignInPage.tsx';
import { linkTokenOf, setupApi } from '../pages/setup/setup-api.ts';
import type { AppState } from './app-context.tsx';
import { matchPath, navigate, useRoute } from './router.ts';

// Only the sign-in page is in the first download, and it is plain HTML: antd, the signed-in shell
// (layout, menu, pages) and the QR sign-in come on demand, each page again on its own (PageSwitch).
const SignedInShell = lazy(() => import('./SignedInShell.tsx'));
const QrSignIn = lazy(() => import('./lazy-parts.tsx').then((m) => ({ default: m.QrSignIn })));
const BootError = lazy(() => import('./lazy-parts.tsx').then((m) => ({ default: m.BootError })));
const FirstRunSetup = lazy(() =>
  import('../pages/setup/FirstRun.tsx').then((m) => ({ default: m.FirstRunSetup })),
);
const AccountLink = lazy(() =>
  import('../pages/setup/FirstRun.tsx').then((m) => ({ default: m.AccountLink })),
);

/** While the first answer or a part loads (antd's Spin is not loaded yet). */
function Booting() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: 'center', color: '#888' }} aria-busy="true">
      {t('common.loading')}
    </div>
  );
}

const UNREAD_POLL_MS = 30_000;

export interface AppProps {
  /** For tests: a client over a test fetch. */
  client?: ApiClient;
  /** For tests: start signed in as this user instead of asking the server. */
  initialUser?: Me | null;
  initialLanguage?: ShellLang;
}

/** The reference host's web shell. */
export function App({ client: givenClient, initialUser, initialLanguage }: AppProps) {
  const [lang, setLang] = useState<ShellLang>(initialLanguage ?? initialLang());
  // One instance for the app's life; a language switch changes it in place.
  // biome-ignore lint/correctness/useExhaustiveDependencies: created once
  const i18n = useMemo(() => createShellI18n(lang), []);
  const [user, setUser] = useState<Me | null | undefined>(initialUser);
  const [bootError, setBootError] = useState<unknown>(null);
  const [currentCycleId, setCurrentCycleId] = useState<string | null>(null);
  const [unread, setUnread] = useState(0);
  const route = useRoute();

  const client = useMemo(
    () =>
      givenClient ??
      new ApiClient({ translate: (key) => i18n.t(key), onUnauthenticated: () => setUser(null) }),
    [givenClient, i18n],
  );
  const api = useMemo(() => endpoints(client), [client]);

  // An empty install (no account yet) opens the first-run page instead of the sign-in page; the
  // sign-in page waits for that answer (undefined until then).
  const [setupNeeded, setSetupNeeded] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    if (user !== null || setupNeeded === false) return;
    setupApi(client)
      .state()
      .then((s) => setSetupNeeded(s.needed === true))
      .catch(() => setSetupNeeded(false));
  }, [client, user, setupNeeded]);
  const linkToken =
    route.path === '/welcome' && typeof window !== 'undefined' ? linkTokenOf(window.location.hash) : null;

  // The QR join page asks who is signed in itself (kickoff/QrSignInPage.tsx): no 401 on an anonymous phone.
  const onQrJoin = route.query.has('qr') && matchPath('/board/:cycleId', route.path) !== null;
  useEffect(() => {
    if (initialUser !== undefined || onQrJoin) return;
    api
      .session()
      .then((s) => setUser(s.user))
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.isUnauthenticated) setUser(null);
        else setBootError(e);
      });
  }, [api, initialUser, onQrJoin]);

  useEffect(() => {
    if (!user) return;
    api
      .cycles()
      .then((c) => setCurrentCycleId(c.currentId))
      .catch(() => setCurrentCycleId(null));
  }, [api, user]);

  const refreshUnread = useCallback(() => {
    if (!user || user.scope) return;
    api
      .unreadCount()
      .then((r) => setUnread(r.unread))
      .catch(() => {});
  }, [api, user]);

  useEffect(() => {
    refreshUnread();
    const timer = setInterval(refreshUnread, UNREAD_POLL_MS);
    return () => clearInterval(timer);
  }, [refreshUnread]);

  const changeLang = (next: ShellLang) => {
    rememberLang(next);
    void i18n.changeLanguage(next);
    setLang(next);
  };

  const signOut = async () => {
    await api.logout().catch(() => {});
    setUser(null);
    navigate('/', { replace: true });
  };

  let body: ReactNode;
  const qrBoard = matchPath('/board/:cycleId', route.path) ?? matchPath('/kickoff/:cycleId', route.path);
  const qrToken = route.query.get('qr') ?? route.query.get('token');
  if (bootError) {
    body = <BootError lang={lang} error={bootError} />;
  } else if (qrBoard?.cycleId && qrToken && !user?.scope) {
    body = <QrSignIn lang={lang} api={api} cycleId={qrBoard.cycleId} token={qrToken} onSignedIn={setUser} />;
  } else if (user === undefined || (user === null && setupNeeded === undefined)) {
    body = <Booting />;
  } else if (user === null && linkToken) {
    body = <AccountLink lang={lang} client={client} token={linkToken} onSignedIn={setUser} />;
  } else if (user === null && setupNeeded) {
    body = (
      <FirstRunSetup
        lang={lang}
        client={client}
        onSignedIn={(me) => {
          setSetupNeeded(false);
          setUser(me);
        }}
      />
    );
  } else if (user === null) {
    body = <SignInPage api={api} onSignedIn={setUser} />;
  } else {
    const state: AppState = { client, api, user, lang, currentCycleId, refreshUnread };
    body = (
      <SignedInShell
        state={state}
        route={route}
        user={user}
        unread={unread}
        lang={lang}
        onLangChange={changeLang}
        onSignOut={() => void signOut()}
      />
    );
  }

  return (
    <I18nextProvider i18n={i18n}>
      <Suspense fallback={<Booting />}>{body}</Suspense>
    </I18nextProvider>
  );
}
