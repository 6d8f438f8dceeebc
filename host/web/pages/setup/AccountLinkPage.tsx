import { Button, Card, Form, Input, message, Spin, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../../../plugin/app/password-rule.ts';
import type { ApiClient } from '../../api/client.ts';
import type { Me } from '../../api/endpoints.ts';
import { useAction, useAsync } from '../../app/use-async.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { passwordRules, repeatRules } from './password-rules.ts';
import { setupApi } from './setup-api.ts';

/** Where a one-time sign-in link lands: the person sees their name and login and sets their password. */
export function AccountLinkPage({
  client,
  token,
  onSignedIn,
}: {
  client: ApiClient;
  token: string;
  onSignedIn: (me: Me) => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useMemo(() => setupApi(client), [client]);
  const link = useAsync(() => api.checkLink(token), [api, token]);
  const [form] = Form.useForm<{ password: string; repeat: string }>();
  const action = useAction();

  const submit = async ({ password }: { password: string }) => {
    const me = await action.run(() => api.redeemLink(token, password));
    if (!me) return;
    void message.success(t('setup.linkDone', { name: me.name }));
    window.history.replaceState(null, '', '/');
    onSignedIn(me);
  };

  return (
    <div style={{ maxWidth: 480, margin: '48px auto', padding: '0 16px' }}>
      <Card>
        <Typography.Title level={3}>{t('setup.linkTitle')}</Typography.Title>
        {link.loading ? <Spin /> : null}
        {link.error ? <ErrorAlert error={link.error} /> : null}
        {link.data ? (
          <>
            <Typography.Paragraph>
              {t('setup.linkIntro', {
                name: link.data.name,
                login: link.data.login,
                until: new Date(link.data.expiresAt).toLocaleString(i18n.language),
              })}
            </Typography.Paragraph>
            <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
              <Form.Item
                name="password"
                label={t('setup.password')}
                extra={t('setup.passwordHint', { min: MIN_PASSWORD_LENGTH })}
                rules={passwordRules(t, () => link.data?.login ?? '')}
              >
                <Input.Password autoComplete="new-password" maxLength={200} autoFocus />
              </Form.Item>
              <Form.Item
                name="repeat"
                label={t('setup.repeat')}
                dependencies={['password']}
                rules={repeatRules(t, () => form.getFieldValue('password'))}
              >
                <Input.Password autoComplete="new-password" maxLength={200} />
              </Form.Item>
              {action.error ? <ErrorAlert error={action.error} onClose={action.clearError} /> : null}
              <Button type="primary" htmlType="submit" loading={action.busy} block>
                {t('setup.linkSubmit')}
              </Button>
            </Form>
          </>
        ) : null}
      </Card>
    </div>
  );
}
