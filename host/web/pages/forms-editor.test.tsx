// @vitest-environment jsdom

import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { LOGINS } from '../../../test/server/helpers.ts';
import FormsEditorPage from './FormsEditorPage.tsx';
import { inProcessServer } from './in-process-test-server.ts';
import { pageTestServer, slow } from './page-test-server.tsx';

const { signedIn } = pageTestServer(() => inProcessServer());

const fieldsCard = () =>
  screen.getByText('Fields', { selector: '.ant-card-head-title' }).closest('.ant-card') as HTMLElement;
const dialog = () => document.querySelector('.ant-modal-content') as HTMLElement;
const submit = () => within(dialog()).getAllByRole('button', { name: 'Add field' }).at(-1) as HTMLElement;

describe('adding a field in the forms editor', { timeout: 120_000 }, () => {
  it('keeps an invalid dialog open with its errors inline, throws nothing, names fields by label and undoes', async () => {
    await signedIn(LOGINS.hr, <FormsEditorPage />);
    await screen.findByText('Resource request', {}, slow);
    expect(within(fieldsCard()).queryByText('resourceRequest')).toBeNull();
    expect(within(fieldsCard()).getByText('Resource request')).toBeTruthy();

    fireEvent.click(within(fieldsCard()).getByRole('button', { name: 'Add field' }));
    await waitFor(() => expect(dialog()).toBeTruthy());
    expect(within(dialog()).queryByText(/field id/i)).toBeNull();
    await act(async () => {
      fireEvent.click(submit());
    });
    expect(await within(dialog()).findByText('Enter a label')).toBeTruthy();

    fireEvent.change(within(dialog()).getByLabelText('Chinese label'), { target: { value: '拜访渠道' } });
    await act(async () => {
      fireEvent.click(submit());
    });
    const row = await within(fieldsCard()).findByText('拜访渠道');
    expect(row.closest('tr')?.textContent).not.toContain('custom_1');

    fireEvent.click(screen.getByRole('button', { name: /Undo \(1\)/ }));
    await waitFor(() => expect(within(fieldsCard()).queryByText('拜访渠道')).toBeNull());
  });
});
