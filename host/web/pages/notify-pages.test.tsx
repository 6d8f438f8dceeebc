// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { LOGINS } from '../../../test/server/helpers.ts';
import { RobotReceiver } from '../../../test/server/notify-receiver.ts';
import { ApiClient } from '../api/client.ts';
import ChannelsPage from './ChannelsPage.tsx';
import PrimerPage from './PrimerPage.tsx';
import { en, pageTestServer, renderPage } from './page-test-server.tsx';
import ReportsPage from './ReportsPage.tsx';

// The robots are local receivers on loopback.
process.env.OKR_WEBHOOK_ALLOW_PRIVATE = '1';

// The pages against the real reference host (SQLite in a temp dir, HTTP on loopback) and stand-in robots.
const { server, signedIn } = pageTestServer();
const receiver = new RobotReceiver();

beforeAll(async () => {
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
});

describe('notification, report and primer pages', { timeout: 60_000 }, () => {
  it('says in words whether a test message reached each robot, and shows secrets masked', async () => {
    const admin = await server.login(LOGINS.admin);
    for (const [name, behaviour] of [
      ['East ok', undefined],
      ['East down', 'always-fail' as const],
    ] as const) {
      const res = await admin.post('/api/channels/webhooks', {
        regionId: 'region-east',
        platform: 'wecom',
        name,
        url: receiver.robot('wecom', name.replace(' ', '-'), behaviour ? { behaviour } : {}),
        secret: 'SEC-0123456789-full-secret',
      });
      expect(res.status).toBe(201);
    }
    await signedIn(LOGINS.admin, <ChannelsPage />);
    const okRow = (await screen.findByText('East ok')).closest('tr') as HTMLElement;
    expect(document.body.textContent).not.toContain('full-secret');
    expect(within(okRow).getByText('••••cret')).toBeTruthy();

    await act(async () => {
      fireEvent.click(within(okRow).getByRole('button', { name: 'Send test message' }));
    });
    const ok = await screen.findByTestId('channel-test-result');
    expect(ok.textContent).toContain('Test message delivered to "East ok"');
    expect(receiver.callsTo('wecom', 'East-ok')).toBe(1);

    const downRow = screen.getByText('East down').closest('tr') as HTMLElement;
    await act(async () => {
      fireEvent.click(within(downRow).getByRole('button', { name: 'Send test message' }));
    });
    await waitFor(() =>
      expect(screen.getByTestId('channel-test-result').textContent).toContain(
        'The test message to "East down" was not delivered',
      ),
    );
    expect(screen.getByTestId('channel-test-result').textContent).toMatch(/500|robot down/);
    expect(screen.getByText('No failed deliveries: every message went out. Nothing to do.')).toBeTruthy();
  });

  it("links a manager's report downloads to their own region", async () => {
    const hr = await server.login(LOGINS.hr);
    expect((await hr.post('/api/reports/calibration/generate', { month: '2026-05' })).status).toBe(201);
    await signedIn(LOGINS.manager, <ReportsPage />);
    const row = (await screen.findByText('2026-05')).closest('tr') as HTMLElement;
    const workbook = within(row).getByRole('link', { name: /Download workbook/ });
    const href = workbook.getAttribute('href') ?? '';
    expect(href).toContain('/api/reports/calibration/2026-05/workbook?scope=region-east');
    expect(screen.queryByRole('button', { name: 'Generate' })).toBeNull();
    // The link works with the manager's session.
    const res = await globalThis.fetch(href);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
  });

  it('shows the primer in the shell language, without scripts or its own language link', async () => {
    await signedIn(LOGINS.sales, <PrimerPage />);
    const frame = (await screen.findByTitle('OKR primer')) as HTMLIFrameElement;
    const doc = frame.getAttribute('srcdoc') ?? '';
    expect(doc).toContain('<html lang="en-US">');
    expect(doc).toContain('body > nav { display: none }');
    expect(frame.getAttribute('sandbox')).toBe('');
  });

  it('shows why the primer cannot be read when the session has ended', async () => {
    // No session cookie: the server answers 401, the page says so in words instead of a blank frame.
    const client = new ApiClient({ baseUrl: server.url, translate: (k) => en.t(k) });
    renderPage(
      client,
      { userId: 'u', personId: 'p', name: 'x', role: 'sales', regionId: null, scope: null },
      <PrimerPage />,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).not.toMatch(/^\s*401\s*$/);
    expect(alert.textContent?.length).toBeGreaterThan(10);
    expect(screen.queryByTitle('OKR primer')).toBeNull();
  });
});
