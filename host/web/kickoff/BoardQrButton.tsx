import { QrcodeOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Modal, Space, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Id } from '../../../plugin/domain/types.ts';
import type { BoardInvite } from '../api/endpoints.ts';
import { useApp } from '../app/app-context.tsx';
import { useAction } from '../app/use-async.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';

// The QR drawing library loads only when a facilitator opens the code, not with the board.
const QRCodeSVG = lazy(() => import('qrcode.react').then((m) => ({ default: m.QRCodeSVG })));

/**
 * The big-screen QR code of the board: one code for the whole room. It invites to this board only;
 * each phone then signs in as its own person, so the code can be shown and copied freely.
 */
export function BoardQrButton({ cycleId }: { cycleId: Id }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [open, setOpen] = useState(false);
  const [invite, setInvite] = useState<BoardInvite | null>(null);
  const { busy, error, run } = useAction();
  const mint = async () => {
    const minted = await run(() => api.mintBoardInvite(cycleId));
    if (minted) setInvite(minted);
  };
  const show = () => {
    setOpen(true);
    if (!invite || new Date(invite.expiresAt).getTime() <= Date.now()) void mint();
  };
  const url = invite ? `${window.location.origin}${invite.path}` : '';
  return (
    <>
      <Button icon={<QrcodeOutlined />} onClick={show}>
        {t('kickoff.qr.show')}
      </Button>
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        footer={null}
        title={t('kickoff.qr.title')}
        width={480}
      >
        <Space direction="vertical" style={{ width: '100%' }} align="center">
          <ErrorAlert error={error} />
          {busy ? <Loading /> : null}
          {invite && !busy ? (
            <>
              <Card>
                <Suspense fallback={<Loading />}>
                  <QRCodeSVG value={url} size={280} includeMargin aria-label={t('kickoff.qr.title')} />
                </Suspense>
              </Card>
              <Typography.Text strong data-testid="board-qr-expiry">
                {t('kickoff.qr.expires', {
                  at: new Date(invite.expiresAt).toLocaleString(undefined, {
                    dateStyle: 'short',
                    timeStyle: 'short',
                  }),
                })}
              </Typography.Text>
              <Typography.Paragraph
                copyable={{ text: url, tooltips: [t('kickoff.qr.copy'), t('kickoff.qr.copied')] }}
                style={{ marginBottom: 0 }}
              >
                {t('kickoff.qr.link')}
              </Typography.Paragraph>
            </>
          ) : null}
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            {t('kickoff.qr.hint')}
          </Typography.Paragraph>
          <Button icon={<ReloadOutlined />} onClick={() => void mint()} disabled={busy}>
            {t('kickoff.qr.renew')}
          </Button>
        </Space>
      </Modal>
    </>
  );
}
