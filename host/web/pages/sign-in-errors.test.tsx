// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { LOGINS, startServer, type TestServer } from '../../../test/server/helpers.ts';
import { ApiClient } from '../api/client.ts';
import { App } from '../app/App.tsx';
import { createShellI18n } from '../i18n/i18n.ts';

// The sign-in page in zh-CN against the real reference host, with a small attempt limit.
let server: TestServer;
const zh = createShellI18n('zh-CN');

beforeAll(async () => {
  server = await startServer({ signInLimits: { password: { max: 2, windowMs: 60_000 } } });
});
afterAll(() => server.close());
afterEach(cleanup);

async function signIn(login: string, password: string) {
  fireEvent.change(await screen.findByLabelText('账号'), { target: { value: login } });
  fireEvent.change(screen.getByLabelText('密码'), { target: { value: password } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
  });
}

describe('sign-in errors in zh-CN', { timeout: 60_000 }, () => {
  it('says a wrong password and then too many attempts in Chinese, with the wait', async () => {
    const client = new ApiClient({ baseUrl: server.url, translate: (k) => zh.t(k) });
    render(<App client={client} initialLanguage="zh-CN" />);
    for (let i = 0; i < 2; i += 1) {
      await signIn(LOGINS.hr, 'wrong-password');
      expect((await screen.findByRole('alert', {}, { timeout: 10_000 })).textContent).toBe(
        '账号或密码不正确，请检查后重试。',
      );
    }
    await signIn(LOGINS.hr, 'wrong-password');
    const alert = await screen.findByText(/失败次数过多/, {}, { timeout: 10_000 });
    expect(alert.textContent).toMatch(/^失败次数过多，请在 [1-6]?\d 秒（约 1 分钟）后再试。$/);
    expect(alert.textContent).not.toMatch(/too many|429/);
    // The button waits with the server: another try now would only be refused again.
    expect((screen.getByRole('button', { name: /登\s*录/ }) as HTMLButtonElement).disabled).toBe(true);
  });
});
