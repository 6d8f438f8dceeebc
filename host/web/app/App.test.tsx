// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { LOGINS } from '../../../test/server/helpers.ts';
import { ApiClient } from '../api/client.ts';
import { cookieJarFetch, en, pageTestServer } from '../pages/page-test-server.tsx';
import { App } from './App.tsx';

// The shell against the real reference host (SQLite in a temp dir, HTTP on loopback).
const { server } = pageTestServer();

// App loads the signed-in shell on demand (the sign-in page ships without it); load it once up front
// so the first test does not wait for the transform of antd's layout and menu.
beforeAll(() => Promise.all([import('./SignedInShell.tsx'), import('./Forbidden.tsx')]), 60_000);

afterEach(() => {
  window.history.replaceState(null, '', '/');
});

function renderShell() {
  const client = new ApiClient({ baseUrl: server.url, translate: (k) => en.t(k), fetch: cookieJarFetch() });
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
  const nav = await screen.findByRole('navigation', { name: 'Main navigation' }, { timeout: 10_000 });
  return within(nav)
    .getAllByRole('menuitem')
    .map((item) => item.textContent?.replace(/\s*\(\d+\)$/, '').trim());
};

const sectionTitles = () =>
  [...document.querySelectorAll('nav .ant-menu-item-group-title')].map((el) => el.textContent?.trim());

// The menu of each role as it was before the menu had sections (English labels).
const MENU_BEFORE_SECTIONS = {
  admin: [
    'Kickoff',
    'Calibration',
    'Health',
    'Bonus pool',
    'Peer review',
    'Metrics',
    'Monthly reports',
    'Import',
    'Settings',
    'Automations',
    'Rules',
    'Schedules',
    'Forms editor',
    'Audit log',
    'Group robots',
    'Organisation',
    'Notifications',
    'OKR primer',
  ],
  strategy: [
    'Kickoff',
    'Calibration',
    'Health',
    'Bonus pool',
    'Peer review',
    'Metrics',
    'Monthly reports',
    'Notifications',
    'OKR primer',
  ],
  manager: [
    'Kickoff',
    'Calibration',
    'Health',
    'Bonus pool',
    'Peer review',
    'Metrics',
    'Monthly reports',
    'Import',
    'Notifications',
    'OKR primer',
  ],
} as const;
const SECTIONS_SHOWN = {
  admin: ['Everyday', 'Setup', 'Administration'],
  strategy: [],
  manager: ['Everyday', 'Administration'],
};

describe('web shell', { timeout: 60_000 }, () => {
  it("shows the server's words when sign-in fails, not a status code", async () => {
    renderShell();
    await signIn(LOGINS.hr, 'wrong-password');
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
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
      'Peer review',
      'Metrics',
      'Monthly reports',
      'Notifications',
      'OKR primer',
      'Settings',
      'Forms editor',
      'Automations',
      'Schedules',
      'Organisation',
      'Import',
      'Audit log',
    ]);
    expect(sectionTitles()).toEqual(['Everyday', 'Setup', 'Administration']);
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
      'Peer review',
      'Notifications',
      'OKR primer',
    ]);
    expect(sectionTitles()).toEqual([]);
    expect(await screen.findByText('Not for your role', {}, { timeout: 10_000 })).toBeTruthy();
  });

  it.each(Object.keys(MENU_BEFORE_SECTIONS) as (keyof typeof MENU_BEFORE_SECTIONS)[])(
    'gives %s the same menu entries as before, now in sections',
    async (role) => {
      renderShell();
      await signIn(LOGINS[role], 'demo1234');
      const labels = await menuLabels();
      expect(new Set(labels)).toEqual(new Set(MENU_BEFORE_SECTIONS[role]));
      expect(labels).toHaveLength(MENU_BEFORE_SECTIONS[role].length);
      // A single section needs no heading.
      expect(sectionTitles()).toEqual(SECTIONS_SHOWN[role]);
    },
  );
});
