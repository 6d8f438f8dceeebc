import { Button, Card, Segmented, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Delivery, notifyEndpoints, type WebhookView } from '../api/notify-endpoints.ts';
import { useApp } from '../app/app-context.tsx';
import { useAction, useAsync } from '../app/use-async.ts';
import { EmptyHint } from '../components/EmptyHint.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RobotsPanel, type RobotsPort } from './channels/RobotsPanel.tsx';

type DeliveryFilter = 'failed' | 'all';

/** Group robots per region, a test message each, and the deliveries that failed (admin). */
export default function ChannelsPage() {
  const { t } = useTranslation();
  const { client, api, lang } = useApp();
  const notify = useMemo(() => notifyEndpoints(client), [client]);
  const port = useMemo<RobotsPort>(
    () => ({
      list: notify.webhooks,
      regions: () => api.regions(),
      create: notify.createWebhook,
      update: notify.updateWebhook,
      remove: notify.deleteWebhook,
      test: notify.testWebhook,
    }),
    [notify, api],
  );
  const [robots, setRobots] = useState<WebhookView[]>([]);
  const [filter, setFilter] = useState<DeliveryFilter>('failed');
  const deliveries = useAsync(
    () => notify.deliveries(filter === 'failed' ? { status: 'failed' } : {}),
    [notify, filter],
  );
  const action = useAction();
  const hookName = (id: string | null) => robots.find((h) => h.id === id)?.name ?? id ?? '';
  const retry = async (d: Delivery) => {
    if (await action.run(() => notify.retryDelivery(d.id))) deliveries.reload();
  };

  return (
    <div>
      <PageHeader title={t('channels.title')} subtitle={t('channels.subtitle')} />
      <RobotsPanel port={port} lang={lang} onRobots={setRobots} />
      <ErrorAlert error={action.error} onClose={action.clearError} />
      <Card
        size="small"
        title={t('channels.deliveries')}
        extra={
          <Segmented<DeliveryFilter>
            size="small"
            value={filter}
            onChange={setFilter}
            options={[
              { value: 'failed', label: t('channels.failedOnly') },
              { value: 'all', label: t('channels.allDeliveries') },
            ]}
          />
        }
      >
        <ErrorAlert error={deliveries.error} />
        <Table<Delivery>
          size="small"
          rowKey="id"
          loading={deliveries.loading}
          dataSource={deliveries.data ?? []}
          scroll={{ x: true }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{
            emptyText: (
              <EmptyHint text={filter === 'failed' ? t('channels.noFailed') : t('channels.noDeliveries')} />
            ),
          }}
          columns={[
            {
              title: t('channels.createdAt'),
              render: (_, d) => new Date(d.createdAt).toLocaleString(lang),
            },
            {
              title: t('channels.recipient'),
              render: (_, d) => (d.channel === 'webhook' ? hookName(d.webhookId) : d.recipient),
            },
            { title: t('channels.kind'), render: (_, d) => d.message.kind },
            {
              title: t('channels.status'),
              render: (_, d) => (
                <Tag color={d.status === 'failed' ? 'red' : d.status === 'sent' ? 'green' : 'blue'}>
                  {t(`channels.statuses.${d.status}`)}
                </Tag>
              ),
            },
            { title: t('channels.attempts'), dataIndex: 'attempts' },
            { title: t('channels.lastError'), render: (_, d) => d.lastError ?? '' },
            {
              title: '',
              render: (_, d) =>
                d.status === 'failed' ? (
                  <Button size="small" disabled={action.busy} onClick={() => void retry(d)}>
                    {t('channels.retry')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
    </div>
  );
}
