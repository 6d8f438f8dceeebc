import { Card, Result, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Endpoints, Me } from '../api/endpoints.ts';
import { navigate } from '../app/router.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';

/** A phone that scanned the kickoff QR code: trade the token for a session limited to this board. */
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
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    api
      .qrSignIn(cycleId, token)
      .then(() => api.me())
      .then((me) => {
        if (!live) return;
        // The token leaves the address bar so it is not shared by a screenshot or the history.
        navigate(`/kickoff/${encodeURIComponent(cycleId)}`, { replace: true });
        onSignedIn(me);
      })
      .catch((e: unknown) => {
        if (live) setError(e);
      });
    return () => {
      live = false;
    };
  }, [api, cycleId, token, onSignedIn]);
  return (
    <div style={{ padding: 16, maxWidth: 480, margin: '0 auto' }}>
      <Card>
        {error ? (
          <Result status="warning" title={t('kickoff.qr.failed')} extra={<ErrorAlert error={error} />} />
        ) : (
          <div style={{ textAlign: 'center', padding: 24 }}>
            <Spin />
            <div style={{ marginTop: 12 }}>{t('kickoff.qr.signingIn')}</div>
          </div>
        )}
      </Card>
    </div>
  );
}
