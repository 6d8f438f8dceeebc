// @vitest-environment jsdom

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { LOGINS } from '../../../test/server/helpers.ts';
import AuditPage from './AuditPage.tsx';
import { inProcessServer } from './in-process-test-server.ts';
import { pageTestServer, slow } from './page-test-server.tsx';

const { server, signedIn } = pageTestServer(() => inProcessServer());

describe('the audit page in words', { timeout: 60_000 }, () => {
  it('shows the action, the person and the subject by name, and the changed field with its title', async () => {
    const sales = await server.login(LOGINS.sales);
    const kr = (await sales.get('/api/key-results/kr-zhaomin-1')).body;
    const objectiveId = kr.links[0].objectiveId as string;
    const put = await sales.put(`/api/key-results/kr-zhaomin-1/links/${objectiveId}`, {
      weight: 55,
      version: 1,
    });
    expect(put.status).toBe(200);

    await signedIn(LOGINS.hr, <AuditPage />);
    const cell = await screen.findByText('Changed a link weight', {}, slow);
    const row = cell.closest('tr') as HTMLElement;
    expect(row.textContent).toContain('赵敏');
    expect(row.textContent).toContain(`${kr.title} → `);
    expect(row.textContent).not.toContain('link.update');
    expect(row.textContent).not.toContain(objectiveId);

    fireEvent.click(within(row).getByRole('button'));
    const changes = await screen.findByTestId('audit-changes');
    await waitFor(() => expect(within(changes).getByText('Weight')).toBeTruthy());
    const weight = within(changes).getByText('Weight').closest('tr') as HTMLElement;
    expect(weight.textContent).toBe('Weight10055');
    expect(changes.textContent).not.toContain('version');
  });
});
