// @vitest-environment jsdom
import { StyleProvider } from '@ant-design/cssinjs';
import { render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { FORM_TEST_IDS } from '../../../forms/runtime/react/test-ids.ts';
import type { KeyResult } from '../../../plugin/domain/types.ts';
import { button, choose, errorOf, fill, queryItem, user } from '../../../test/forms/helpers.tsx';
import { Client, LOGINS, startServer, type TestServer } from '../../../test/server/helpers.ts';
import { ApiClient } from '../api/client.ts';
import { endpoints } from '../api/endpoints.ts';
import { AppContext } from '../app/app-context.tsx';
import { useAsync } from '../app/use-async.ts';
import { createShellI18n } from '../i18n/i18n.ts';
import { cookieJarFetch, slow } from '../pages/page-test-server.tsx';
import { KeyResultDrawer } from './KeyResultDrawer.tsx';
import { useKickoffAuthoring } from './use-kickoff-authoring.tsx';

vi.setConfig({ testTimeout: 90_000 });
const zh = createShellI18n('zh-CN');
const CYCLE = 'cycle-2026-h1';
const realFetch = globalThis.fetch;
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.close());
// The screens print no console errors (React, antd deprecations); jsdom's own "Not implemented" aside.
let consoleErrors: string[] = [];
beforeEach(() => {
  consoleErrors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (!text.includes('Not implemented')) consoleErrors.push(text);
  });
});
afterEach(() => {
  globalThis.fetch = realFetch;
  vi.restoreAllMocks();
  expect(consoleErrors).toEqual([]);
});

/** Signs `login` in through the shell's own client and renders `page` in Chinese, as the product opens. */
async function signedIn(login: string, page: (api: ReturnType<typeof endpoints>) => ReactNode) {
  globalThis.fetch = cookieJarFetch(realFetch);
  const client = new ApiClient({ baseUrl: server.url, translate: (k) => zh.t(k) });
  const api = endpoints(client);
  const me = await api.login(login, 'demo1234');
  return render(
    <StyleProvider mock="server">
      <I18nextProvider i18n={zh}>
        <AppContext.Provider
          value={{ client, api, user: me, lang: 'zh-CN', currentCycleId: CYCLE, refreshUnread: () => {} }}
        >
          {page(api)}
        </AppContext.Provider>
      </I18nextProvider>
    </StyleProvider>,
  );
}

/** The kickoff board's authoring controls over the real API's data (the board itself needs a socket). */
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
    return {
      cycle: cycles.cycles.find((c) => c.id === CYCLE) ?? null,
      people,
      regions,
      settings,
      objectives,
      keyResults,
    };
  }, [api]);
  const authoring = useKickoffAuthoring({
    cycle: data.data?.cycle ?? null,
    objectives: data.data?.objectives ?? [],
    keyResults: data.data?.keyResults ?? [],
    data: data.data
      ? { people: data.data.people, regions: data.data.regions, settings: data.data.settings.settings }
      : null,
    locked: false,
  });
  if (!data.data) return <span>loading</span>;
  return (
    <div>
      <div data-testid="toolbar">{authoring.toolbar}</div>
      {authoring.drawers}
    </div>
  );
}

const toolbar = () => screen.findByTestId('toolbar', {}, slow);

describe('authoring objectives and KRs in the web shell', () => {
  it('gives strategy "新建战略目标", which saves an objective with its description; a rep only proposes KRs', async () => {
    const rep = await signedIn(LOGINS.sales, (api) => <Authoring api={api} />);
    await waitFor(
      () =>
        expect((document.querySelector('[data-testid=toolbar]') as HTMLElement).textContent).toContain(
          '提出 KR',
        ),
      slow,
    );
    expect(screen.queryByText('新建战略目标')).toBeNull();
    rep.unmount();

    await signedIn(LOGINS.strategy, (api) => <Authoring api={api} />);
    const bar = await toolbar();
    await waitFor(() => expect(within(bar).getByText('新建战略目标')).toBeTruthy(), slow);
    expect(within(bar).queryByText('提出 KR')).toBeNull();
    await user().click(within(bar).getByRole('button', { name: /新建战略目标/ }));
    // The drawer loads on first open.
    await screen.findByText('目标名称', {}, slow);
    await fill('目标名称', '开拓海外渠道');
    await fill('目标说明', '东南亚两家代理商');
    await choose('负责人', '王建国');
    await fill('战略权重', '15');
    await user().click(button('提交'));
    await waitFor(() => expect(screen.getByText('已创建战略目标“开拓海外渠道”')).toBeTruthy(), slow);

    const hq = new Client(server.url);
    await hq.post('/api/auth/login', { login: LOGINS.strategy, password: 'demo1234' });
    const saved = (await hq.get(`/api/objectives?cycleId=${CYCLE}`)).body.find(
      (o: { title: string }) => o.title === '开拓海外渠道',
    );
    expect(saved).toMatchObject({
      description: '东南亚两家代理商',
      weight: 15,
      ownerId: 'person-wangjianguo',
    });
  });

  it('shows the alignment score as a rep types, and asks a reason before a changed target is saved', async () => {
    const rep = new Client(server.url);
    await rep.post('/api/auth/login', { login: LOGINS.sales, password: 'demo1234' });
    const before: KeyResult = (await rep.get('/api/key-results/kr-zhaomin-3')).body;
    const objectives = (await rep.get(`/api/objectives?cycleId=${CYCLE}`)).body;
    const settings = (await rep.get('/api/settings')).body.settings;
    const cycle = (await rep.get('/api/cycles')).body.cycles.find((c: { id: string }) => c.id === CYCLE);
    const people = (await rep.get('/api/people')).body;
    const drawer = (editing: KeyResult | 'new') => (
      <KeyResultDrawer
        editing={editing}
        cycle={cycle}
        objectives={objectives}
        people={people}
        regions={[]}
        settings={settings}
        onClose={() => {}}
      />
    );

    // A new KR: no link, no rationale — the score says so and rises as the rep fills the form in.
    const fresh = await signedIn(LOGINS.sales, () => drawer('new'));
    const score = () => screen.getByTestId(FORM_TEST_IDS.alignmentScore);
    await waitFor(() => expect(score().dataset.score).toBe('0'), slow);
    expect(score().dataset.below).toBe('true');
    await user().click(screen.getByText('添加关联'));
    await choose('战略目标', '拓展新能源行业客户');
    await waitFor(() => expect(Number(score().dataset.score)).toBeGreaterThan(0));
    const linked = Number(score().dataset.score);
    await fill('对齐依据', '储能客户是新能源行业的主要增量，名单已与经理核对');
    await waitFor(() => expect(Number(score().dataset.score)).toBeGreaterThan(linked));
    fresh.unmount();

    // An existing KR: a new target opens the reason, and nothing is saved without it.
    await signedIn(LOGINS.sales, () => drawer(before));
    await waitFor(() => expect(screen.getByTestId(FORM_TEST_IDS.alignmentScore)).toBeTruthy(), slow);
    expect(queryItem('调整目标的原因')).toBeNull();
    await fill('目标值', String(before.target + 5));
    await waitFor(() => expect(queryItem('调整目标的原因')).not.toBeNull());
    await user().click(button('提交'));
    await waitFor(() => expect(errorOf('调整目标的原因')).not.toBe(''));
    expect((await rep.get('/api/key-results/kr-zhaomin-3')).body.target).toBe(before.target);

    await fill('调整目标的原因', '新增两家储能客户');
    await user().click(button('提交'));
    await waitFor(() => expect(screen.getByText(`已保存 KR“${before.title}”`)).toBeTruthy(), slow);
    const after = (await rep.get('/api/key-results/kr-zhaomin-3')).body;
    expect(after.target).toBe(before.target + 5);
    expect(after.targetHistory.at(-1)).toMatchObject({
      previousTarget: before.target,
      reason: '新增两家储能客户',
    });
  });
});
