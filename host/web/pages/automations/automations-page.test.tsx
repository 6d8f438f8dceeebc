// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { LOGINS } from '../../../../test/server/helpers.ts';
import { pageTestServer, slow } from '../page-test-server.tsx';
import AutomationsPage from './AutomationsPage.tsx';

// HR's automations page against the real reference host with the demo data, in English.
const { server, signedIn } = pageTestServer();

const click = async (el: HTMLElement) => {
  await act(async () => {
    fireEvent.click(el);
  });
};
const stepTitles = () =>
  screen
    .getAllByTestId('automation-step')
    .map((s) => s.querySelector('.ant-card-head-title')?.textContent ?? '');

describe('automations page', { timeout: 180_000 }, () => {
  it('reorders steps, builds a condition and publishes both, validated by the server', async () => {
    const errors = vi.spyOn(console, 'error');
    const hr = await server.login(LOGINS.hr);
    await signedIn(LOGINS.hr, <AutomationsPage />);

    const row = (await screen.findByText('校准红灯：提醒负责人及其上级', {}, slow)).closest(
      'tr',
    ) as HTMLElement;
    expect(within(row).getByText('Monthly calibration red')).toBeTruthy();
    await click(within(row).getByRole('button', { name: 'Edit' }));
    const editor = await screen.findByTestId('automation-editor', {}, slow);
    expect(stepTitles()).toEqual(['Step 1 · Notify']);

    fireEvent.mouseEnter(within(editor).getByRole('button', { name: /Add step/ }));
    await click(await screen.findByText('Wait', {}, slow));
    expect(stepTitles()).toEqual(['Step 1 · Notify', 'Step 2 · Wait']);
    await click(within(editor).getByRole('button', { name: 'Move up Step 2' }));
    expect(stepTitles()).toEqual(['Step 1 · Wait', 'Step 2 · Notify']);
    fireEvent.change(within(editor).getByLabelText('Days to wait'), { target: { value: '5' } });

    await click(within(editor).getByRole('button', { name: 'Add condition' }));
    await waitFor(() => expect(within(editor).getAllByText('Region').length).toBeGreaterThan(0), slow);

    await click(screen.getByRole('button', { name: 'Publish' }));
    const dialog = await screen.findByRole('dialog', {}, slow);
    fireEvent.change(within(dialog).getByLabelText('Reason for the change'), {
      target: { value: '先等五天再提醒' },
    });
    await click(within(dialog).getByRole('button', { name: 'Publish' }));
    expect(await screen.findByText('Automations version 1 published', {}, slow)).toBeTruthy();

    // Checked while the page settles (it reloads the versions after publishing).
    const regions = (await hr.get('/api/regions')).body as { id: string }[];
    await waitFor(async () => {
      const current = (await hr.get('/api/automations')).body;
      const red = current.document.automations.find(
        (a: { id: string }) => a.id === 'standard-calibration-red',
      );
      expect(red.steps.map((s: { type: string }) => s.type)).toEqual(['wait', 'notify']);
      expect(red.steps[0]).toEqual({ type: 'wait', days: 5 });
      expect(red.conditions).toEqual({ all: [{ fact: 'region', operator: 'equal', value: regions[0]?.id }] });
      const versions = (await hr.get('/api/automations/versions')).body as {
        reason: string;
        authorId: string;
      }[];
      expect(versions[0]).toMatchObject({ reason: '先等五天再提醒', authorId: 'person-linxue' });
      expect(screen.queryByText('Unpublished changes')).toBeNull();
    }, slow);
    expect(errors).not.toHaveBeenCalled();
  });
});
