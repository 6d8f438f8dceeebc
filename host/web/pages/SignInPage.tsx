import { Button, Card, Form, Input, List, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';
import type { DemoLogin, Endpoints, Me } from '../api/endpoints.ts';
import { useAction } from '../app/use-async.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';

/** Demo logins the server lists; an empty list (or no such endpoint) means this is not the demo. */
async function demoLoginsOf(api: Endpoints): Promise<DemoLogin[]> {
  try {
    const reply = await api.demoLogins();
    return Array.isArray(reply) ? reply : Array.isArray(reply?.logins) ? reply.logins : [];
  } catch {
    return [];
  }
}

/** True while a `rate-limited` answer says to wait: the button stays off until the server will listen again. */
function useRetryWait(error: unknown): boolean {
  const [waiting, setWaiting] = useState(false);
  useEffect(() => {
    const seconds =
      error instanceof ApiError && error.code === 'rate-limited' ? Number(error.params.retryAfter) : 0;
    if (!(seconds > 0)) {
      setWaiting(false);
      return;
    }
    setWaiting(true);
    const timer = setTimeout(() => setWaiting(false), seconds * 1000);
    return () => clearTimeout(timer);
  }, [error]);
  return waiting;
}

export function SignInPage({ api, onSignedIn }: { api: Endpoints; onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ login: string; password: string }>();
  const [demo, setDemo] = useState<DemoLogin[]>([]);
  const { busy, error, run } = useAction();
  const waiting = useRetryWait(error);

  useEffect(() => {
    void demoLoginsOf(api).then(setDemo);
  }, [api]);

  const submit = async (values: { login: string; password: string }) => {
    const me = await run(() => api.login(values.login, values.password));
    if (me) onSignedIn(me);
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: '#f5f5f5',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <Typography.Title level={3}>{t('app.name')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('signIn.intro')}</Typography.Paragraph>
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item
            name="login"
            label={t('signIn.login')}
            rules={[{ required: true, message: t('signIn.loginRequired') }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('signIn.password')}
            rules={[{ required: true, message: t('signIn.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} disabled={waiting} block>
            {t('signIn.submit')}
          </Button>
        </Form>
        {demo.length > 0 ? (
          <section aria-label={t('signIn.demoTitle')} style={{ marginTop: 24 }}>
            <Typography.Text strong>{t('signIn.demoTitle')}</Typography.Text>
            <List
              size="small"
              dataSource={demo}
              renderItem={(d) => (
                <List.Item
                  actions={[
                    <Button
                      key="use"
                      size="small"
                      onClick={() => form.setFieldsValue({ login: d.login, password: d.password })}
                    >
                      {t('signIn.useDemo')}
                    </Button>,
                  ]}
                >
                  <span>
                    {d.displayName} · {t(`roles.${d.role}`)} · <code>{d.login}</code>
                  </span>
                </List.Item>
              )}
            />
          </section>
        ) : null}
      </Card>
    </div>
  );
}
