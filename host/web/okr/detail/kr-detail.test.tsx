// @vitest-environment jsdom

import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { LOGINS } from '../../../../test/server/helpers.ts';
import { useRoute } from '../../app/router.ts';
import NotificationsPage from '../../pages/NotificationsPage.tsx';
import { pageTestServer, slow } from '../../pages/page-test-server.tsx';
import DetailDrawers from './DetailDrawers.tsx';
import { KrDetailDrawer } from './KrDetailDrawer.tsx';

// The KR drawer and the notification link to it, against the real reference host.
const { server, signedIn } = pageTestServer();

/** The notifications page with the drawers the route asks for, as the shell shows them. */
function NotificationsWithDrawers() {
  const route = useRoute();
  return (
    <>
      <NotificationsPage />
      <DetailDrawers route={route} />
    </>
  );
}

describe('KR detail drawer', { timeout: 120_000 }, () => {
  let krId = '';
  const title = '储能客户回款 300 万元';

  beforeAll(async () => {
    const sales = await server.login(LOGINS.sales);
    const created = await sales.post('/api/key-results', {
      cycleId: 'cycle-2026-h1',
      ownerType: 'person',
      ownerId: 'person-zhaomin',
      title,
      metric: 'number',
      baseline: 0,
      target: 300,
      unit: '万元',
      rationale: '储能是公司今年的重点方向，回款直接支撑战略目标的达成。',
    });
    expect(created.status).toBe(201);
    krId = created.body.id;
  });

  it('names the missing factor (the link, not the rationale) and offers the action that adds most', async () => {
    await signedIn(LOGINS.sales, <KrDetailDrawer krId={krId} onClose={() => {}} onAct={() => {}} />);
    const reminder = await screen.findByTestId('kr-detail-reminder', {}, slow);
    expect(reminder.textContent).toContain('not linked to a strategic objective (40 points missing)');
    expect(reminder.textContent).not.toContain('rationale');
    expect(within(reminder).getByRole('button', { name: 'Link to a strategic objective +40' })).toBeTruthy();
    const breakdown = screen.getByRole('region', { name: 'Alignment score by factor' });
    expect(breakdown.textContent).toContain('Rationale25 / 25 points');
    expect(breakdown.textContent).toContain('Linked to a strategic objective0 / 40 points40 points missing');
  });

  it('opens from a mention notification at /kr/<id>', async () => {
    const manager = await server.login(LOGINS.manager);
    const comment = await manager.post(`/api/key-results/${krId}/comments`, {
      text: '@赵敏 回款计划请补充到依据里',
      mentionIds: ['person-zhaomin'],
    });
    expect(comment.status).toBe(201);
    window.history.replaceState(null, '', '/notifications');
    await signedIn(LOGINS.sales, <NotificationsWithDrawers />);
    const link = await screen.findByRole(
      'link',
      { name: /mentioned you in the discussion of "储能客户回款 300 万元"/ },
      slow,
    );
    expect(link.getAttribute('href')).toBe(`/kr/${krId}`);
    await act(async () => {
      fireEvent.click(link);
    });
    expect(window.location.pathname).toBe(`/kr/${krId}`);
    const drawer = await screen.findByTestId('kr-detail', {}, slow);
    await waitFor(() => expect(drawer.textContent).toContain('回款计划请补充到依据里'), slow);
  });
});
