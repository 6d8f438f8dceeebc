import { ConfigProvider } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';
import { ApiClient } from '../api/client.ts';
import { endpoints, type Me } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { createShellI18n, initialLang, rememberLang, type ShellLang } from '../i18n/i18n.ts';
import { QrSignInPage } from '../kickoff/QrSignInPage.tsx';
import { SignInPage } from '../pages/SignInPage.tsx';
import { AppLayout } from './AppLayout.tsx';
import { AppContext, type AppState } from './app-context.tsx';
import { navItemsFor, pageOfPath } from './navigation.ts';
import { PageSwitch } from './PageSwitch.tsx';
import { matchPath, navigate, useRoute } from './router.ts';

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

  useEffect(() => {
    if (initialUser !== undefined) return;
    api
      .me()
      .then(setUser)
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.isUnauthenticated) setUser(null);
        else setBootError(e);
      });
  }, [api, initialUser]);

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
    body = (
      <div style={{ padding: 24 }}>
        <ErrorAlert error={bootError} />
      </div>
    );
  } else if (qrBoard?.cycleId && qrToken && !user?.scope) {
    body = <QrSignInPage api={api} cycleId={qrBoard.cycleId} token={qrToken} onSignedIn={setUser} />;
  } else if (user === undefined) {
    body = <Loading />;
  } else if (user === null) {
    body = <SignInPage api={api} onSignedIn={setUser} />;
  } else {
    const state: AppState = { client, api, user, lang, currentCycleId, refreshUnread };
    const allowed = navItemsFor(user.role, user.scope !== null);
    const page = pageOfPath(route.path);
    body = (
      <AppContext.Provider value={state}>
        <AppLayout
          user={user}
          active={page}
          unread={unread}
          lang={lang}
          onLangChange={changeLang}
          onSignOut={() => void signOut()}
        >
          <PageSwitch route={route} allowed={allowed} />
        </AppLayout>
      </AppContext.Provider>
    );
  }

  return (
    <I18nextProvider i18n={i18n}>
      <ConfigProvider locale={lang === 'zh-CN' ? zhCNAntd : enUSAntd}>{body}</ConfigProvider>
    </I18nextProvider>
  );
}
