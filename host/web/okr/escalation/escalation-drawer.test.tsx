// @vitest-environment jsdom

import { render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { LOGINS } from '../../../../test/server/helpers.ts';
import { ApiClient } from '../../api/client.ts';
import { endpoints } from '../../api/endpoints.ts';
import { AppContext } from '../../app/app-context.tsx';
import { createShellI18n } from '../../i18n/i18n.ts';
import { cookieJarFetch, pageTestServer, slow } from '../../pages/page-test-server.tsx';
import { EscalationDrawer } from './EscalationDrawer.tsx';

// The manager's escalation drawer in Chinese, against the real reference host.
const { server } = pageTestServer();
const zh = createShellI18n('zh-CN');

async function renderAsManager(escalationId: string) {
  globalThis.fetch = cookieJarFetch(globalThis.fetch);
  const client = new ApiClient({ baseUrl: server.url, translate: (k) => zh.t(k) });
  const api = endpoints(client);
  const user = await api.login(LOGINS.manager, 'demo1234');
  return render(
    <I18nextProvider i18n={zh}>
      <AppContext.Provider
        value={{ client, api, user, lang: 'zh-CN', currentCycleId: null, refreshUnread: () => {} }}
      >
        <EscalationDrawer escalationId={escalationId} onClose={() => {}} onOpenKr={() => {}} />
      </AppContext.Provider>
    </I18nextProvider>,
  );
}

describe('escalation drawer', { timeout: 120_000 }, () => {
  let escalationId = '';

  beforeAll(async () => {
    const sales = await server.login(LOGINS.sales);
    const kr = await sales.post('/api/key-results', {
      cycleId: 'cycle-2026-h1',
      ownerType: 'person',
      ownerId: 'person-zhaomin',
      title: '回款 300 万元',
      metric: 'number',
      baseline: 0,
      target: 300,
      unit: '万元',
    });
    expect(kr.status).toBe(201);
    // Raised before the red check-in of the month the KR was made in: the rules would raise one first.
    const raised = await sales.post('/api/escalations', {
      krId: kr.body.id,
      month: '2026-06',
      reason: 'red',
    });
    expect(raised.status).toBe(201);
    escalationId = raised.body.id;
    const checkIn = await sales.put(`/api/key-results/${kr.body.id}/check-ins/2026-06`, {
      value: 20,
      confidence: 3,
      blockers: '客户财务审批卡在集团总部',
      resourceRequest: { kind: 'people', detail: '需要一名售前工程师驻场两周' },
    });
    expect([200, 201]).toContain(checkIn.status);
  });

  it('shows the rep’s blocker and the request in the words the rep chose (人员), and the waiting days', async () => {
    await renderAsManager(escalationId);
    const blocker = await screen.findByTestId('escalation-blocker', {}, slow);
    expect(blocker.textContent).toBe('客户财务审批卡在集团总部');
    const request = screen.getByTestId('escalation-request');
    expect(request.textContent).toBe('人员需要一名售前工程师驻场两周');
    expect(request.textContent).not.toContain('人力');
    expect(screen.getByTestId('escalation-sla').textContent).toMatch(/^已等待 \d+ 天$/);
    await waitFor(() => expect(screen.getByText('发起了升级')).toBeTruthy(), slow);
  });
});
