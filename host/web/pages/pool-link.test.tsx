// @vitest-environment jsdom

import { screen, waitFor } from '@testing-library/react';
import { LOGINS } from '../../../test/server/helpers.ts';
import { inProcessServer } from './in-process-test-server.ts';
import PoolPage from './PoolPage.tsx';
import { pageTestServer, slow } from './page-test-server.tsx';

// `/pool?run=<id>` (notification and audit links) against the real reference host.
const { server, signedIn } = pageTestServer(() => inProcessServer());

const at = (href: string) => window.history.replaceState(null, '', href);

describe('the pool page opens the run in its link', { timeout: 90_000 }, () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const hr = await server.login(LOGINS.hr);
    for (const quarter of ['2026-Q1', '2026-Q2']) {
      const created = await hr.post('/api/pool-runs', { quarter });
      expect(created.status).toBe(201);
      ids[quarter] = created.body.id;
      const computed = await hr.post(`/api/pool-runs/${created.body.id}/compute`, { version: 1 });
      expect(computed.status).toBe(200);
    }
    // Q1 is released (its statements reach the reps); Q2 stays a draft.
    const q1 = ids['2026-Q1'];
    expect((await hr.post(`/api/pool-runs/${q1}/approve`, { version: 2 })).body.state).toBe('approved');
    expect((await hr.post(`/api/pool-runs/${q1}/release`)).body.state).toBe('released');
  });

  afterEach(() => at('/'));

  it('selects the linked run for HR, not the latest one', async () => {
    at(`/pool?run=${encodeURIComponent(ids['2026-Q1'] ?? '')}`);
    await signedIn(LOGINS.hr, <PoolPage />);
    expect(await screen.findByText('Pool run 2026-Q1', {}, slow)).toBeTruthy();
    expect(screen.queryByText('Pool run 2026-Q2')).toBeNull();
    expect(screen.queryByTestId('pool-linked-missing')).toBeNull();
  });

  it('says so when the linked run is unknown, and shows the latest run', async () => {
    at('/pool?run=pool-run-gone');
    await signedIn(LOGINS.hr, <PoolPage />);
    const alert = await screen.findByTestId('pool-linked-missing', {}, slow);
    expect(alert.textContent).toContain('The pool run in the link (pool-run-gone) was not found');
    expect(await screen.findByText('Pool run 2026-Q2', {}, slow)).toBeTruthy();
  });

  it("marks a rep's linked statement", async () => {
    const q1 = ids['2026-Q1'] ?? '';
    at(`/pool?run=${encodeURIComponent(q1)}`);
    await signedIn(LOGINS.sales, <PoolPage />);
    const card = await screen.findByTestId(`statement-${q1}`, {}, slow);
    expect(card.getAttribute('aria-current')).toBe('true');
    expect(screen.queryByTestId('pool-linked-missing')).toBeNull();
  });

  it('tells a rep that a run not released to them is not here, instead of a blank page', async () => {
    at(`/pool?run=${encodeURIComponent(ids['2026-Q2'] ?? '')}`);
    await signedIn(LOGINS.sales, <PoolPage />);
    const alert = await screen.findByTestId('pool-linked-missing', {}, slow);
    expect(alert.textContent).toContain("that quarter's pool may not be released yet");
    // The statements the rep does have are still listed.
    await waitFor(() => expect(screen.getByTestId(`statement-${ids['2026-Q1']}`)).toBeTruthy(), slow);
    expect(screen.getByTestId(`statement-${ids['2026-Q1']}`).getAttribute('aria-current')).toBeNull();
  });
});
