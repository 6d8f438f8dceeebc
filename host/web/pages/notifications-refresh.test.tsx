// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { LOGINS } from '../../../test/server/helpers.ts';
import { inProcessServer } from './in-process-test-server.ts';
import NotificationsPage from './NotificationsPage.tsx';
import { pageTestServer, slow } from './page-test-server.tsx';

// The 通知 page shows new notifications without a reload, against the real host.
const { server, signedIn } = pageTestServer(() => inProcessServer());

describe('notifications page', { timeout: 120_000 }, () => {
  it('shows a notification that arrives while it is open', async () => {
    const manager = await server.login(LOGINS.manager);
    const before = (await manager.get('/api/notifications')).body as { id: string; readAt: string | null }[];
    const unreadBefore = before.filter((n) => n.readAt === null).length;
    await signedIn(LOGINS.manager, <NotificationsPage pollMs={300} />);
    expect(await screen.findByText(`${unreadBefore} unread`, {}, slow)).toBeTruthy();
    const items = () => document.querySelectorAll('.ant-list-item').length;
    await waitFor(() => expect(items()).toBe(before.length), slow);

    // A rep of the manager's region reports no progress: the rules tell the manager.
    const sales = await server.login(LOGINS.sales);
    const kr = (await sales.get('/api/key-results/kr-zhaomin-1')).body;
    const res = await sales.put('/api/key-results/kr-zhaomin-1/check-ins/2026-06', {
      value: kr.baseline,
      confidence: 2,
    });
    expect(res.status).toBe(200);
    await waitFor(
      async () =>
        expect(((await manager.get('/api/notifications')).body as unknown[]).length).toBeGreaterThan(
          before.length,
        ),
      slow,
    );
    const after = (await manager.get('/api/notifications')).body as { readAt: string | null }[];
    await waitFor(() => expect(items()).toBe(after.length), slow);
    const unreadAfter = after.filter((n) => n.readAt === null).length;
    expect(unreadAfter).toBeGreaterThan(unreadBefore);
    expect(await screen.findByText(`${unreadAfter} unread`, {}, slow)).toBeTruthy();
  });
});
