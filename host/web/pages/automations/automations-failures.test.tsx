// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import defaults from '../../../../rules/automations.default.json' with { type: 'json' };
import { LOGINS } from '../../../../test/server/helpers.ts';
import { inProcessServer } from '../in-process-test-server.ts';
import { pageTestServer, slow } from '../page-test-server.tsx';
import AutomationsPage from './AutomationsPage.tsx';

// The failed steps of HR's automations on the page, against the real host (rules evaluated in process).
const { server, signedIn } = pageTestServer(() => inProcessServer());
const BROKEN = {
  id: 'south-red-robot',
  title: '华南红灯：推送到区域群',
  enabled: true,
  trigger: 'calibration-red',
  conditions: { all: [{ fact: 'region', operator: 'equal', value: 'region-south' }] },
  steps: [
    {
      type: 'notify',
      to: [{ who: 'region-head' }],
      inApp: false,
      channelId: 'deleted-channel',
      message: { title: '{region} 红灯', text: '{owner} 的「{kr}」为{colour}' },
    },
  ],
};

const click = async (el: HTMLElement) => {
  await act(async () => {
    fireEvent.click(el);
  });
};

describe('automations page: failed steps and the trigger search', { timeout: 180_000 }, () => {
  it('lists a failed step in words with a count badge; HR retries it', async () => {
    const hr = await server.login(LOGINS.hr);
    const document = { ...defaults, automations: [...defaults.automations, BROKEN] };
    const proposed = await hr.post('/api/automations/proposals', { document, reason: '推送到群' });
    expect((await hr.post(`/api/automations/versions/${proposed.body.version}/publish`)).status).toBe(200);
    const south = await server.login(LOGINS.otherSales);
    const kr = (await south.get('/api/key-results/kr-zhengkai-1')).body;
    const people = (await hr.get('/api/people')).body as { id: string; name: string }[];
    const owner = people.find((p) => p.id === kr.ownerId)!.name;
    await south.put('/api/key-results/kr-zhengkai-1/check-ins/2026-06', {
      value: kr.baseline,
      confidence: 2,
    });
    // A missing channel cannot come back by waiting: the step fails at once, without backoff.
    await waitFor(async () => expect((await hr.get('/api/automations/failures')).body.count).toBe(1), slow);

    await signedIn(LOGINS.hr, <AutomationsPage />);
    const tab = await screen.findByRole('tab', { name: /Failed steps/ }, slow);
    await waitFor(() => expect(within(tab).getByText('1')).toBeTruthy(), slow);
    await click(tab);
    const panel = await screen.findByTestId('automation-failures', {}, slow);
    expect(within(panel).getByText('1 step(s) still failed after the last attempt')).toBeTruthy();
    const row = within(panel).getByText(BROKEN.title).closest('tr') as HTMLElement;
    const cells = [...row.querySelectorAll('td')].map((td) => td.textContent);
    expect(cells.slice(0, 4)).toEqual([
      BROKEN.title,
      'Step 1 · Notify',
      'Monthly calibration red',
      `${owner} · ${kr.title} · 华南 · 2026-06`,
    ]);
    expect(cells[4]).toContain('"deleted-channel" does not exist');
    expect(row.textContent).not.toContain('kr-zhengkai-1');

    await click(within(row).getByRole('button', { name: /^Retry/ }));
    expect(await screen.findByText('Retry scheduled for the next pass', {}, slow)).toBeTruthy();
    expect(await within(panel).findByText('No failed steps.', {}, slow)).toBeTruthy();
    const runs = (await hr.get('/api/automations/runs?status=retrying')).body as { key: string }[];
    expect(runs.filter((r) => r.key.endsWith(`|${BROKEN.id}|0`))).toHaveLength(1);
  });

  it('finds a trigger by typing its words', async () => {
    await signedIn(LOGINS.hr, <AutomationsPage />);
    const row = (await screen.findByText('校准红灯：提醒负责人及其上级', {}, slow)).closest(
      'tr',
    ) as HTMLElement;
    await click(within(row).getByRole('button', { name: 'Edit' }));
    const editor = await screen.findByTestId('automation-editor', {}, slow);
    const trigger = within(editor).getByRole('combobox', { name: 'When this happens' });
    fireEvent.mouseDown(trigger);
    fireEvent.change(trigger, { target: { value: 'amber' } });
    const options = await waitFor(() => {
      const shown = [...document.querySelectorAll('.ant-select-item-option')].map((o) => o.textContent);
      expect(shown.length).toBeGreaterThan(0);
      return shown;
    }, slow);
    expect(options.every((o) => o?.toLowerCase().includes('amber'))).toBe(true);
    fireEvent.change(trigger, { target: { value: 'things people do' } });
    await waitFor(() => {
      const shown = [...document.querySelectorAll('.ant-select-item-option')];
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.some((o) => o.textContent?.toLowerCase().includes('amber'))).toBe(false);
    }, slow);
  });
});
