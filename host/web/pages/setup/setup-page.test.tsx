// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { startServer, type TestServer } from '../../../../test/server/helpers.ts';
import { ApiClient } from '../../api/client.ts';
import { App } from '../../app/App.tsx';
import { createShellI18n } from '../../i18n/i18n.ts';
import { cookieJarFetch, slow } from '../page-test-server.tsx';

// The first-run page of an empty install (OKR_DEMO=none), in zh-CN, against the real reference host.
let server: TestServer;
const zh = createShellI18n('zh-CN');

beforeAll(async () => {
  server = await startServer({ seed: false });
});
afterAll(() => server.close());
afterEach(cleanup);

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '创建并登录' }));
  });
}

describe('first-run page', { timeout: 60_000 }, () => {
  it('says the password rule, then creates the first admin and opens the shell', async () => {
    const client = new ApiClient({ baseUrl: server.url, translate: (k) => zh.t(k), fetch: cookieJarFetch() });
    render(<App client={client} initialLanguage="zh-CN" />);
    expect(await screen.findByText('首次使用：创建公司与管理员', {}, slow)).toBeTruthy();
    type('公司名称', '华东装备服务有限公司');
    type('管理员姓名', '周磊');
    type('登录名', 'zhoulei');
    type('密码', 'short1');
    type('再次输入密码', 'short1');
    await submit();
    expect(await screen.findByText('密码太短：至少需要 10 位', {}, slow)).toBeTruthy();
    type('密码', 'onlyletterslong');
    expect(await screen.findByText('密码需要同时包含字母和数字', {}, slow)).toBeTruthy();
    type('密码', 'zhoulei2026x');
    expect(await screen.findByText('密码不能包含登录名', {}, slow)).toBeTruthy();
    // Nothing was sent while the rule failed.
    expect((await server.anonymous().get('/api/setup')).body.needed).toBe(true);

    type('密码', 'Kaishi2026go');
    type('再次输入密码', 'Kaishi2026go');
    await submit();
    expect(await screen.findByText('初始化完成，欢迎你，周磊', {}, slow)).toBeTruthy();
    expect(await screen.findByText('组织与人员', {}, slow)).toBeTruthy();
    expect((await server.anonymous().get('/api/setup')).body).toEqual({
      needed: false,
      companyName: '华东装备服务有限公司',
    });
  });
});
