// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { WebhookInput, WebhookView } from '../api/notify-endpoints.ts';
import { createShellI18n } from '../i18n/i18n.ts';
import { ChannelForm } from './ChannelForm.tsx';

const i18n = createShellI18n('en-US');
afterEach(cleanup);

// What the server sends for a stored robot: address token and secret already masked.
const stored: WebhookView = {
  id: 'w1',
  regionId: 'region-east',
  platform: 'dingtalk',
  name: 'East sales group',
  url: 'https://oapi.dingtalk.com/robot/send?access_token=••••cdef',
  hasSecret: true,
  secret: '••••cret',
  lang: 'zh-CN',
  enabled: true,
  createdAt: '2026-05-01T00:00:00.000Z',
  updatedAt: '2026-05-01T00:00:00.000Z',
  version: 3,
};

function show(existing: WebhookView | null) {
  const sent: WebhookInput[] = [];
  render(
    <I18nextProvider i18n={i18n}>
      <ChannelForm
        existing={existing}
        regions={[{ id: 'region-east', name: 'East' }]}
        lang="en-US"
        onSubmit={(input) => sent.push(input)}
        onCancel={() => {}}
      />
    </I18nextProvider>,
  );
  return sent;
}

const save = async () => {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: /save/i }));
  });
};

describe('channel form', { timeout: 60_000 }, () => {
  it('types the secret into a password box and never puts the stored secret into a box', async () => {
    const sent = show(stored);
    const secretBox = screen.getByLabelText('Signing secret') as HTMLInputElement;
    expect(secretBox.type).toBe('password');
    expect(secretBox.value).toBe('');
    expect(secretBox.placeholder).toBe('••••cret');
    const urlBox = screen.getByLabelText('Webhook address') as HTMLInputElement;
    expect(urlBox.value).toBe('');
    for (const input of Array.from(document.querySelectorAll('input')))
      expect(input.value).not.toContain('access_token');

    fireEvent.change(secretBox, { target: { value: 'SEC-new-secret-value' } });
    expect(secretBox.type).toBe('password');
    await save();
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      regionId: 'region-east',
      platform: 'dingtalk',
      name: 'East sales group',
      lang: 'zh-CN',
      enabled: true,
      secret: 'SEC-new-secret-value',
    });
  });

  it('keeps the stored address and secret when their boxes stay empty, and removes the secret only when asked', async () => {
    const sent = show(stored);
    await save();
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).not.toHaveProperty('url');
    expect(sent[0]).not.toHaveProperty('secret');

    fireEvent.click(screen.getByLabelText('Remove the stored secret'));
    await save();
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]?.secret).toBe('');
  });

  it('asks for name and address of a new robot in words, and sends the HQ robot with no region', async () => {
    const sent = show(null);
    await save();
    expect(await screen.findByText("Paste the robot's webhook address.")).toBeTruthy();
    expect(screen.getByText('Give the robot a name, e.g. the group it posts to.')).toBeTruthy();
    expect(sent).toHaveLength(0);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'HQ group' } });
    fireEvent.change(screen.getByLabelText('Webhook address'), {
      target: { value: 'https://open.feishu.cn/open-apis/bot/v2/hook/abc' },
    });
    await save();
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      regionId: null,
      name: 'HQ group',
      url: 'https://open.feishu.cn/open-apis/bot/v2/hook/abc',
    });
    expect(sent[0]).not.toHaveProperty('secret');
  });
});
