// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { LOW_CONFIDENCE_RULES } from '../../../../plugin/engine/custom-rules-examples.ts';
import { LOGINS } from '../../../../test/server/helpers.ts';
import { inProcessServer } from '../in-process-test-server.ts';
import { pageTestServer, slow } from '../page-test-server.tsx';
import RulesPage from './RulesPage.tsx';

// The admin's rules page against the real reference host with the demo data, in English.
const { server, signedIn } = pageTestServer(() => inProcessServer());

const click = async (el: HTMLElement) => {
  await act(async () => {
    fireEvent.click(el);
  });
};

describe('rules page', { timeout: 180_000 }, () => {
  it('lists built-in rules, previews a custom rule per region and publishes it with a reason', async () => {
    const errors = vi.spyOn(console, 'error');
    const admin = await server.login(LOGINS.admin);
    await signedIn(LOGINS.admin, <RulesPage />);
    await click(await screen.findByRole('tab', { name: 'Built-in rules' }, slow));
    expect(await screen.findByText('Monthly calibration red', {}, slow)).toBeTruthy();
    await click(screen.getByRole('tab', { name: 'Custom rules' }));
    expect(screen.getByText('No custom rules yet.')).toBeTruthy();

    // A discarded proposal takes version 1, so the page's publication is version 2.
    const proposal = await admin.post('/api/custom-rules/proposals', {
      document: LOW_CONFIDENCE_RULES,
      reason: '示例',
    });
    expect(proposal.status).toBe(201);
    await admin.post(`/api/custom-rules/versions/${proposal.body.version}/discard`);

    await click(screen.getByRole('button', { name: /New rule/ }));
    const editor = await screen.findByTestId('rule-editor', {}, slow);
    const rule = LOW_CONFIDENCE_RULES.rules[0]!;
    fireEvent.change(within(editor).getByLabelText('Chinese name'), {
      target: { value: rule.title['zh-CN'] },
    });
    fireEvent.change(within(editor).getAllByLabelText('English name')[0]!, {
      target: { value: rule.title['en-US'] },
    });
    fireEvent.change(within(editor).getByLabelText('Rule key (lowercase letters, digits, hyphens)'), {
      target: { value: 'missing-twice' },
    });
    fireEvent.change(within(editor).getByLabelText('Event key (after custom.)'), {
      target: { value: 'missing-twice' },
    });
    await click(within(editor).getByRole('button', { name: 'Add condition' }));
    await act(async () => {
      fireEvent.mouseDown(within(editor).getByRole('combobox', { name: 'Field' }));
    });
    await click((await screen.findAllByTitle('A key result in one month · Check-in missing')).at(-1)!);
    await click(within(editor).getByRole('button', { name: 'Keep in draft' }));
    expect(await screen.findByText('Unpublished changes', {}, slow)).toBeTruthy();

    await click(screen.getByRole('button', { name: 'Preview' }));
    const preview = await screen.findByTestId('rules-preview', {}, { timeout: 60_000 });
    expect(within(preview).getByText(/[1-9]\d* event\(s\) added, 0 removed/)).toBeTruthy();
    // Per region, each event by person and KR in words, never an id.
    expect(within(preview).getAllByText('Added').length).toBeGreaterThan(0);
    expect(within(preview).queryByText(/kr-|person-|region-/)).toBeNull();

    await click(screen.getByRole('button', { name: 'Publish' }));
    const dialog = await screen.findByRole('dialog', {}, slow);
    expect(within(dialog).getByText(`Added “${rule.title['en-US']}”`)).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('Reason for the change (required)'), {
      target: { value: '每月提醒' },
    });
    await click(within(dialog).getByRole('button', { name: 'Publish' }));
    expect(await screen.findByText(/Custom rules published \(version 2\)/, {}, slow)).toBeTruthy();
    await waitFor(async () => {
      const current = (await admin.get('/api/custom-rules')).body;
      expect(current.current.document.rules.map((r: { name: string }) => r.name)).toEqual(['missing-twice']);
      expect(current.current.reason).toBe('每月提醒');
    }, slow);
    expect(errors).not.toHaveBeenCalled();
  });
});
