// @vitest-environment jsdom
import { StyleProvider } from '@ant-design/cssinjs';
import { render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { user } from '../../../test/forms/helpers.tsx';
import { LOGINS, startServer, type TestServer } from '../../../test/server/helpers.ts';
import { ApiClient } from '../api/client.ts';
import { endpoints } from '../api/endpoints.ts';
import { AppContext } from '../app/app-context.tsx';
import { useAsync } from '../app/use-async.ts';
import { createShellI18n } from '../i18n/i18n.ts';
import { cookieJarFetch, slow } from '../pages/page-test-server.tsx';
import { useKickoffAuthoring } from './use-kickoff-authoring.tsx';

vi.setConfig({ testTimeout: 90_000 });

// The drawers' code arrives when the test says so: the real module, held back like a slow network.
const code = vi.hoisted(() => {
  let release = () => {};
  const arrived = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { arrived, release: () => release() };
});
vi.mock('./authoring-drawers.ts', async (original) => {
  await code.arrived;
  return original();
});

const zh = createShellI18n('zh-CN');
const CYCLE = 'cycle-2026-h1';
const realFetch = globalThis.fetch;
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.close());
afterEach(() => {
  globalThis.fetch = realFetch;
});

/** The board's authoring controls over the real API (the board itself needs a socket). */
function Authoring({ api }: { api: ReturnType<typeof endpoints> }) {
  const data = useAsync(async () => {
    const [cycles, people, regions, settings, objectives, keyResults] = await Promise.all([
      api.cycles(),
      api.people(),
      api.regions(),
      api.settings(),
      api.objectives(CYCLE),
      api.keyResults(CYCLE),
    ]);
    return { cycles, people, regions, settings, objectives, keyResults };
  }, [api]);
  const authoring = useKickoffAuthoring({
    cycle: data.data?.cycles.cycles.find((c) => c.id === CYCLE) ?? null,
    objectives: data.data?.objectives ?? [],
    keyResults: data.data?.keyResults ?? [],
    data: data.data
      ? { people: data.data.people, regions: data.data.regions, settings: data.data.settings.settings }
      : null,
    locked: false,
  });
  return (
    <div>
      <div data-testid="toolbar">{authoring.toolbar}</div>
      {authoring.drawers}
    </div>
  );
}

/** Every moment (each DOM change) an open drawer was on screen without its form. */
function watchHalfDrawn() {
  const seen: string[] = [];
  const observer = new MutationObserver(() => {
    for (const drawer of document.querySelectorAll('.ant-drawer-open'))
      if (!drawer.querySelector('[data-form-id]')) seen.push(drawer.textContent ?? '');
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  return { seen, stop: () => observer.disconnect() };
}

const openForm = () =>
  document.querySelector('.ant-drawer-open [data-form-id]')?.getAttribute('data-form-id');

it('opens a drawer only once its code is in, whole with its form; the trigger spins meanwhile and the last one wins', async () => {
  globalThis.fetch = cookieJarFetch(realFetch);
  const client = new ApiClient({ baseUrl: server.url, translate: (k) => zh.t(k) });
  const api = endpoints(client);
  const me = await api.login(LOGINS.admin, 'demo1234');
  render(
    <StyleProvider mock="server">
      <I18nextProvider i18n={zh}>
        <AppContext.Provider
          value={{ client, api, user: me, lang: 'zh-CN', currentCycleId: CYCLE, refreshUnread: () => {} }}
        >
          <Authoring api={api} />
        </AppContext.Provider>
      </I18nextProvider>
    </StyleProvider>,
  );
  const bar = await screen.findByTestId('toolbar', {}, slow);
  const newObjective = await within(bar).findByRole('button', { name: /新建战略目标/ }, slow);
  const newKr = await within(bar).findByRole('button', { name: /提出 KR/ }, slow);
  const halfDrawn = watchHalfDrawn();

  await user().click(newObjective);
  expect(newObjective.classList.contains('ant-btn-loading')).toBe(true);
  // Asked again while the code is on its way: this trigger spins instead, and it is the one that opens.
  await user().click(newKr);
  expect(newKr.classList.contains('ant-btn-loading')).toBe(true);
  expect(newObjective.classList.contains('ant-btn-loading')).toBe(false);
  expect(document.querySelector('.ant-drawer')).toBeNull();

  code.release();
  await waitFor(() => expect(openForm()).toBe('key-result'), slow);
  expect(newKr.classList.contains('ant-btn-loading')).toBe(false);
  expect(document.querySelector('[data-form-id="objective"]')).toBeNull();

  // With the code in, a drawer opens at once, and its trigger never spins.
  await user().click(screen.getByRole('button', { name: 'Close' }));
  await waitFor(() => expect(document.querySelector('.ant-drawer-open')).toBeNull(), slow);
  await user().click(newObjective);
  expect(openForm()).toBe('objective');
  halfDrawn.stop();
  expect(halfDrawn.seen).toEqual([]);
});
