// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Client, LOGINS } from '../../../../test/server/helpers.ts';
import { pageTestServer, slow } from '../page-test-server.tsx';
import OrganisationPage from './OrganisationPage.tsx';

// The admin's organisation page against the real reference host with the demo data, in English.
const { server, signedIn } = pageTestServer();

const click = async (el: HTMLElement) => {
  await act(async () => {
    fireEvent.click(el);
  });
};

describe('organisation page', { timeout: 180_000 }, () => {
  it('adds a region, shows people with their bonus in yuan, and hands over a one-time link', async () => {
    const errors = vi.spyOn(console, 'error');
    const admin = await server.login(LOGINS.admin);
    await admin.post('/api/people', {
      name: '新同事',
      role: 'sales',
      regionId: 'region-east',
      baseBonusCents: 1_234_550,
    });
    await signedIn(LOGINS.admin, <OrganisationPage />);

    expect(await screen.findByText('华东', {}, slow)).toBeTruthy();
    await click(screen.getByRole('button', { name: 'Add region' }));
    const dialog = await screen.findByRole('dialog', {}, slow);
    fireEvent.change(within(dialog).getByLabelText('Region name'), { target: { value: '海外' } });
    await click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Region "海外" added', {}, slow)).toBeTruthy();
    await waitFor(async () => {
      const regions = (await admin.get('/api/regions')).body as { name: string }[];
      expect(regions.map((r) => r.name)).toContain('海外');
    }, slow);

    await click(screen.getByRole('tab', { name: 'People' }));
    expect(await screen.findByText('12,345.50 yuan', {}, slow)).toBeTruthy();

    await click(screen.getByRole('tab', { name: 'Accounts' }));
    const row = (await screen.findByText('新同事', {}, slow)).closest('tr') as HTMLElement;
    expect(within(row).getByText('No account')).toBeTruthy();
    await click(within(row).getByRole('button', { name: 'Create account' }));
    const create = await screen.findByRole('dialog', {}, slow);
    fireEvent.change(within(create).getByLabelText('Login'), { target: { value: 'xin.tong' } });
    await click(within(create).getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('Account created for 新同事', {}, slow)).toBeTruthy();
    const address = await screen.findByText(/\/welcome#token=/, {}, slow);
    const token = /#token=([\w-]+)/.exec(address.textContent ?? '')?.[1];
    const check = await new Client(server.url).post('/api/account-link/check', { token });
    expect(check.body).toMatchObject({ name: '新同事', login: 'xin.tong' });
    expect(errors).not.toHaveBeenCalled();
  });
});
