// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { LOW_CONFIDENCE_RULES } from '../../../../plugin/engine/custom-rules-examples.ts';
import { LOGINS } from '../../../../test/server/helpers.ts';
import { inProcessServer } from '../in-process-test-server.ts';
import { pageTestServer, slow } from '../page-test-server.tsx';
import SettingsPage from '../SettingsPage.tsx';

// HR tunes the setting a published custom rule declares on the settings page, against the real host.
const { server, signedIn } = pageTestServer(() => inProcessServer());
const TITLE = 'Low confidence: at most';

const click = async (el: HTMLElement) => {
  await act(async () => {
    fireEvent.click(el);
  });
};

describe('settings page: settings of custom rules', { timeout: 180_000 }, () => {
  it('shows the declared setting with its range, refuses a value outside it, previews and publishes', async () => {
    const admin = await server.login(LOGINS.admin);
    const proposed = await admin.post('/api/custom-rules/proposals', {
      document: LOW_CONFIDENCE_RULES,
      reason: '连续两次信心偏低时提醒',
    });
    expect((await admin.post(`/api/custom-rules/versions/${proposed.body.version}/publish`)).status).toBe(
      200,
    );
    const sales = await server.login(LOGINS.sales);
    for (const month of ['2026-04', '2026-05'])
      await sales.put(`/api/key-results/kr-zhaomin-1/check-ins/${month}`, { value: 5, confidence: 2 });
    const krTitle = (await sales.get('/api/key-results/kr-zhaomin-1')).body.title as string;

    await signedIn(LOGINS.hr, <SettingsPage />);
    // The first render waits for several reads; on a loaded machine that takes a while.
    const card = await screen.findByTestId('custom-settings', {}, { timeout: 60_000 });
    const input = within(card).getByLabelText(TITLE);
    expect((input as HTMLInputElement).value).toBe('3');
    expect(await within(card).findByText('From 0 to 10, default 3')).toBeTruthy();

    fireEvent.change(input, { target: { value: '11' } });
    await click(within(card).getByRole('button', { name: 'Save to draft' }));
    expect(await within(card).findByText(`${TITLE} must be between 0 and 10`)).toBeTruthy();
    expect(screen.queryByTestId('settings-draft')).toBeNull();

    fireEvent.change(input, { target: { value: '1' } });
    await click(within(card).getByRole('button', { name: 'Save to draft' }));
    const draft = await screen.findByTestId('settings-draft', {}, slow);
    const row = within(draft).getByText(TITLE).closest('tr') as HTMLElement;
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual([TITLE, '3', '1']);

    await click(within(draft).getByRole('button', { name: 'Preview' }));
    const preview = await screen.findByTestId('rules-preview', {}, { timeout: 30_000 });
    const removed = within(preview).getAllByText('Removed')[0]!.closest('li') as HTMLElement;
    expect(removed.textContent).toContain(krTitle);
    expect(removed.textContent).toContain('Low confidence in two check-ins in a row');

    fireEvent.change(within(draft).getByLabelText('Reason'), { target: { value: '只提醒信心为 1 的' } });
    await click(within(draft).getByRole('button', { name: 'Publish' }));
    const dialog = await screen.findByRole('dialog', {}, slow);
    expect(within(dialog).getByTestId('settings-change-list').textContent).toBe(`${TITLE}: 3 → 1`);
    await click(within(dialog).getByRole('button', { name: 'Publish' }));
    const hr = await server.login(LOGINS.hr);
    await waitFor(async () => {
      const { settings } = (await hr.get('/api/settings')).body;
      expect(settings.customRules).toEqual({ lowConfidence: { max: 1 } });
    }, slow);
    const versions = (await hr.get('/api/settings/versions')).body as { reason: string; authorId: string }[];
    expect(versions[0]).toMatchObject({ reason: '只提醒信心为 1 的', authorId: 'person-linxue' });
  });
});
