import { Button, Card, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Endpoints, Me } from '../api/endpoints.ts';
import { navigate } from '../app/router.ts';
import { useAction, useAsync } from '../app/use-async.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';

/**
 * A phone that scanned the board's QR code: the code only invites to the board, so the person signs
 * in with their own login and password and gets a session limited to this board.
 */
export function QrSignInPage({
  api,
  cycleId,
  token,
  onSignedIn,
}: {
  api: Endpoints;
  cycleId: string;
  token: string;
  onSignedIn: (me: Me) => void;
}) {
  const { t } = useTranslation();
  const { busy, error, run } = useAction();
  const info = useAsync(() => api.boardJoinInfo(cycleId, token), [api, cycleId, token]);
  const enter = (me: Me) => {
    // The invite leaves the address bar so a screenshot or the history does not pass it on.
    navigate(`/kickoff/${encodeURIComponent(cycleId)}`, { replace: true });
    onSignedIn(me);
  };
  const already = info.data?.you;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the answer says who this is
  useEffect(() => {
    if (already) enter(already);
  }, [already]);
  const join = async (values: { login: string; password: string }) => {
    const me = await run(async () => {
      await api.joinBoard(cycleId, { invite: token, login: values.login.trim(), password: values.password });
      return api.me();
    });
    if (me) enter(me);
  };
  if (info.loading || already) return <Loading />;
  return (
    <div style={{ padding: 16, maxWidth: 420, margin: '0 auto' }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('kickoff.join.title')}
        </Typography.Title>
        {info.data ? (
          <>
            <Typography.Paragraph strong>
              {t('kickoff.join.board', { cycle: info.data.cycleName })}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t('kickoff.join.intro')}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">
              {t('kickoff.join.until', {
                at: new Date(info.data.expiresAt).toLocaleString(undefined, {
                  dateStyle: 'short',
                  timeStyle: 'short',
                }),
              })}
            </Typography.Paragraph>
          </>
        ) : null}
        <ErrorAlert error={info.error ?? error} />
        {info.error ? null : (
          <Form layout="vertical" onFinish={join} requiredMark={false} style={{ marginTop: 12 }}>
            <Form.Item
              name="login"
              label={t('signIn.login')}
              rules={[{ required: true, whitespace: true, message: t('signIn.loginRequired') }]}
            >
              <Input autoComplete="username" autoCapitalize="none" size="large" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('signIn.password')}
              rules={[{ required: true, message: t('signIn.passwordRequired') }]}
            >
              <Input.Password autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              {t('kickoff.join.submit')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
