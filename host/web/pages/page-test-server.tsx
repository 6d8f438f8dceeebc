// Pages under test against the real reference host (SQLite in a temp dir, HTTP on loopback), signed in
// through the page's own API client as a browser would be.
import { cleanup, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { startServer, type TestServer } from '../../../test/server/helpers.ts';
import { ApiClient } from '../api/client.ts';
import { endpoints, type Me } from '../api/endpoints.ts';
import { AppContext } from '../app/app-context.tsx';
import { createShellI18n } from '../i18n/i18n.ts';

export const en = createShellI18n('en-US');
/** The machine may be busy: wait for a page as long as a person would. */
export const slow = { timeout: 15_000 };

/** What page tests need of a running server. */
export type PageServer = Pick<TestServer, 'url' | 'login' | 'close'>;

/** `fetch` with a cookie jar, as a browser keeps the session cookie. */
export function cookieJarFetch(inner: typeof fetch = globalThis.fetch): typeof fetch {
  let cookie: string | null = null;
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    const res = await inner(input, { ...init, headers });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0] ?? null;
    return res;
  };
}

/** Renders `page` inside the shell's providers (English, no current cycle) for `user`. */
export function renderPage(client: ApiClient, user: Me, page: ReactNode) {
  return render(
    <I18nextProvider i18n={en}>
      <AppContext.Provider
        value={{
          client,
          api: endpoints(client),
          user,
          lang: 'en-US',
          currentCycleId: null,
          refreshUnread: () => {},
        }}
      >
        {page}
      </AppContext.Provider>
    </I18nextProvider>,
  );
}

/**
 * Starts a server (by default `startServer()`) before the file's tests and closes it after them; after
 * each test the DOM is cleared and `fetch` restored. `signedIn` signs a demo login in through the
 * page's client and renders the page; the global `fetch` keeps that session, so a test can follow the
 * page's links with it.
 */
export function pageTestServer(start: () => Promise<PageServer> = startServer) {
  const realFetch = globalThis.fetch;
  let running: PageServer | null = null;
  const current = (): PageServer => {
    if (!running) throw new Error('test: the page server is not started (use it inside a test or hook)');
    return running;
  };

  beforeAll(async () => {
    running = await start();
  });
  afterAll(async () => {
    await running?.close();
  });
  afterEach(() => {
    cleanup();
    globalThis.fetch = realFetch;
  });

  const server: PageServer = {
    get url() {
      return current().url;
    },
    login: (login) => current().login(login),
    close: () => current().close(),
  };

  async function signedIn(login: string, page: ReactNode) {
    globalThis.fetch = cookieJarFetch(realFetch);
    const client = new ApiClient({ baseUrl: server.url, translate: (k) => en.t(k) });
    const user = await endpoints(client).login(login, 'demo1234');
    return renderPage(client, user, page);
  }

  return { server, signedIn };
}
