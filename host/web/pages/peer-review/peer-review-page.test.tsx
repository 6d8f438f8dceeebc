// @vitest-environment jsdom

import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { LOGINS } from '../../../../test/server/helpers.ts';
import { inProcessServer } from '../in-process-test-server.ts';
import { pageTestServer, slow } from '../page-test-server.tsx';
import { PEER_REVIEW_TEST_IDS } from './MyPeerReviews.tsx';
import PeerReviewPage from './PeerReviewPage.tsx';
import { WINDOW_TEST_IDS } from './ReviewWindowAdmin.tsx';

const { server, signedIn } = pageTestServer(() => inProcessServer());
const user = () => userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });

// The demo has 2026-Q2 reviews of zhaomin's east colleagues sunhao and wuqian, none of their manager.
describe('the peer-review page', { timeout: 60_000 }, () => {
  it('tells a rep there is no open window yet', async () => {
    await signedIn(LOGINS.sales, <PeerReviewPage />);
    expect(await screen.findByText(/No review window is open/, {}, slow)).toBeTruthy();
    expect(screen.queryByTestId(PEER_REVIEW_TEST_IDS.progress)).toBeNull();
  });

  it('shows a rep their colleagues by name with the progress of the open window, and saves a review', async () => {
    const hr = await server.login(LOGINS.hr);
    expect((await hr.post('/api/peer-review-windows', { quarter: '2026-Q2' })).status).toBe(201);
    await signedIn(LOGINS.sales, <PeerReviewPage />);
    const progress = await screen.findByTestId(PEER_REVIEW_TEST_IDS.progress, {}, slow);
    expect(progress.textContent).toBe('Done 2/3');
    const row = screen.getByText('陈志强').closest('li') as HTMLElement;
    expect(row.textContent).toContain('华东');
    expect(row.textContent).toContain('To review');
    expect(document.body.textContent).not.toContain('person-');

    await user().click(within(row).getByRole('button', { name: 'Review' }));
    const dialog = await screen.findByRole('dialog', {}, slow);
    for (const label of ['Collaboration', 'Cross-region help', 'Knowledge sharing']) {
      const field = within(dialog).getByText(label, { selector: 'label' }).closest('.ant-formily-item');
      await user().click(within(field as HTMLElement).getByText('4'));
    }
    await user().click(within(dialog).getByRole('button', { name: /Submit/ }));
    expect(await screen.findByText('Your review of 陈志强 is saved', {}, slow)).toBeTruthy();
    await waitFor(
      () => expect(screen.getByTestId(PEER_REVIEW_TEST_IDS.progress).textContent).toBe('Done 3/3'),
      slow,
    );
  });

  it('shows hr the completion per person in counts, and a control to close the window', async () => {
    await signedIn(LOGINS.hr, <PeerReviewPage />);
    const total = await screen.findByTestId(WINDOW_TEST_IDS.completion, {}, slow);
    expect(total.textContent).toMatch(/^Everyone: done \d+\/\d+$/);
    const row = (await screen.findByText('赵敏', {}, slow)).closest('tr') as HTMLElement;
    expect(row.textContent).toContain('Done 3/3');
    expect(screen.getByRole('button', { name: 'Close the window' })).toBeTruthy();
    expect(screen.queryByTestId(PEER_REVIEW_TEST_IDS.progress)).toBeNull();
  });
});
