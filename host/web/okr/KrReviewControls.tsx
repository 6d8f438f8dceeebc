import { Button, Input, message, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyResult } from '../../../plugin/domain/types.ts';
import { useApp } from '../app/app-context.tsx';
import { useAction } from '../app/use-async.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { okrEndpoints } from './okr-endpoints.ts';

const MAX_REASON = 500;

/** The manager's answer to a proposed KR: confirm its alignment, or send it back with a comment. */
export function KrReviewControls({ kr, onDone }: { kr: KeyResult; onDone: (saved: KeyResult) => void }) {
  const { t } = useTranslation();
  const { client } = useApp();
  const okr = useMemo(() => okrEndpoints(client), [client]);
  const action = useAction();
  const [sending, setSending] = useState(false);
  const [reason, setReason] = useState('');

  const confirm = async () => {
    const saved = await action.run(() => okr.confirmKeyResult(kr.id, kr.version));
    if (!saved) return;
    void message.success(t('okrAuthoring.review.confirmed', { title: kr.title }));
    onDone(saved);
  };
  const sendBack = async () => {
    const saved = await action.run(() => okr.sendBackKeyResult(kr.id, kr.version, reason.trim()));
    if (!saved) return;
    void message.success(t('okrAuthoring.review.sentBack', { title: kr.title }));
    setSending(false);
    setReason('');
    onDone(saved);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={action.error} onClose={action.clearError} />
      {sending ? (
        <>
          <Input.TextArea
            rows={3}
            maxLength={MAX_REASON}
            showCount
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-label={t('okrAuthoring.review.reason')}
            placeholder={t('okrAuthoring.review.reasonHint')}
          />
          <Space>
            <Button
              type="primary"
              danger
              disabled={reason.trim() === ''}
              loading={action.busy}
              onClick={() => void sendBack()}
            >
              {t('okrAuthoring.review.sendBack')}
            </Button>
            <Button onClick={() => setSending(false)}>{t('common.cancel')}</Button>
          </Space>
        </>
      ) : (
        <Space>
          <Button type="primary" loading={action.busy} onClick={() => void confirm()}>
            {t('okrAuthoring.review.confirm')}
          </Button>
          <Button onClick={() => setSending(true)}>{t('okrAuthoring.review.sendBack')}</Button>
        </Space>
      )}
    </Space>
  );
}
