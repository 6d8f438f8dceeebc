// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { LOGINS, startServer, type TestServer } from '../../../test/server/helpers.ts';
import { ApiClient } from '../api/client.ts';
import { createShellI18n } from '../i18n/i18n.ts';
import { App } from './App.tsx';

// The shell against the real reference host (SQLite in a temp dir, HTTP on loopback).
let server: TestServer;
const en = createShellI18n('en-US');

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

/** fetch with a cookie jar, as a browser keeps the session cookie. */
function browserFetch(): typeof fetch {
  let cookie: string | null = null;
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(input, { ...init, headers });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0] ?? null;
    return res;
  };
}

function renderShell() {
  const client = new ApiClient({ baseUrl: server.url, translate: (k) => en.t(k), fetch: browserFetch() });
  return render(<App client={client} initialLanguage="en-US" />);
}

async function signIn(login: string, password: string) {
  const loginBox = await screen.findByLabelText('Login');
  fireEvent.change(loginBox, { target: { value: login } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: /sign in/i }));
  });
}

const menuLabels = async () => {
  const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
  return within(nav)
    .getAllByRole('menuitem')
    .map((item) => item.textContent?.replace(/\s*\(\d+\)$/, '').trim());
};

describe('web shell', { timeout: 60_000 }, () => {
  it("shows the server's words when sign-in fails, not a status code", async () => {
    renderShell();
    await signIn(LOGINS.hr, 'wrong-password');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('login or password is wrong');
    expect(alert.textContent).not.toMatch(/\b401\b/);
  });

  it('gives hr the settings, forms and audit pages', async () => {
    window.history.replaceState(null, '', '/notifications');
    renderShell();
    await signIn(LOGINS.hr, 'demo1234');
    expect(await menuLabels()).toEqual([
      'Kickoff',
      'Calibration',
      'Health',
      'Bonus pool',
      'Metrics',
      'Monthly reports',
      'Import',
      'Settings',
      'Schedules',
      'Forms editor',
      'Audit log',
      'Notifications',
      'OKR primer',
    ]);
    expect(screen.getByTestId('current-user').textContent).toContain('HR');
  });

  it('gives a rep no metrics, import, settings, forms or audit, and refuses those pages by address', async () => {
    window.history.replaceState(null, '', '/settings');
    renderShell();
    await signIn(LOGINS.sales, 'demo1234');
    expect(await menuLabels()).toEqual([
      'Kickoff',
      'Calibration',
      'Health',
      'Bonus pool',
      'Notifications',
      'OKR primer',
    ]);
    await waitFor(() => expect(screen.getByText('Not for your role')).toBeTruthy());
  });
});
