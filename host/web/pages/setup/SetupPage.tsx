import { Alert, Button, Card, Form, Input, message, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../../../plugin/app/password-rule.ts';
import type { ApiClient } from '../../api/client.ts';
import type { Me } from '../../api/endpoints.ts';
import { useAction } from '../../app/use-async.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { passwordRules, repeatRules } from './password-rules.ts';
import { type SetupBody, setupApi } from './setup-api.ts';

interface Values extends SetupBody {
  repeat: string;
}

/**
 * The first-run page of an empty install: the company's name and the first admin, who chooses their
 * own login and password (no default password exists) and is signed in when it is saved.
 */
export function SetupPage({ client, onSignedIn }: { client: ApiClient; onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const api = useMemo(() => setupApi(client), [client]);
  const [form] = Form.useForm<Values>();
  const action = useAction();

  const submit = async ({ repeat: _repeat, ...body }: Values) => {
    const me = await action.run(() => api.complete(body));
    if (!me) return;
    void message.success(t('setup.done', { name: me.name }));
    onSignedIn(me);
  };

  return (
    <div style={{ maxWidth: 520, margin: '48px auto', padding: '0 16px' }}>
      <Card>
        <Typography.Title level={3}>{t('setup.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item
            name="companyName"
            label={t('setup.companyName')}
            rules={[{ required: true, whitespace: true, message: t('setup.companyNameRequired') }]}
          >
            <Input maxLength={200} autoFocus />
          </Form.Item>
          <Form.Item
            name="adminName"
            label={t('setup.adminName')}
            rules={[{ required: true, whitespace: true, message: t('setup.adminNameRequired') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="login"
            label={t('setup.login')}
            extra={t('setup.loginHint')}
            rules={[
              { required: true, message: t('setup.loginRequired') },
              { pattern: /^[a-z0-9._-]{2,60}$/, message: t('setup.loginRule') },
            ]}
          >
            <Input autoComplete="username" maxLength={60} />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('setup.password')}
            extra={t('setup.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            dependencies={['login']}
            rules={passwordRules(t, () => form.getFieldValue('login') ?? '')}
          >
            <Input.Password autoComplete="new-password" maxLength={200} />
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
          <Alert type="info" showIcon message={t('setup.next')} style={{ marginBottom: 16 }} />
          <Button type="primary" htmlType="submit" loading={action.busy} block>
            {t('setup.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
