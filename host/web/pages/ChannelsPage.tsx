import { Alert, Button, Card, Modal, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Delivery,
  notifyEndpoints,
  type SendResult,
  type WebhookInput,
  type WebhookView,
} from '../api/notify-endpoints.ts';
import { useApp } from '../app/app-context.tsx';
import { useAction, useAsync } from '../app/use-async.ts';
import { EmptyHint } from '../components/EmptyHint.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ChannelForm } from './ChannelForm.tsx';

type Editing = { existing: WebhookView | null } | null;
type DeliveryFilter = 'failed' | 'all';

/** Group robots per region, a test message each, and the deliveries that failed (admin). */
export default function ChannelsPage() {
  const { t } = useTranslation();
  const { client, api, lang } = useApp();
  const notify = useMemo(() => notifyEndpoints(client), [client]);
  const hooks = useAsync(() => notify.webhooks(), [notify]);
  const regions = useAsync(() => api.regions(), [api]);
  const [filter, setFilter] = useState<DeliveryFilter>('failed');
  const deliveries = useAsync(
    () => notify.deliveries(filter === 'failed' ? { status: 'failed' } : {}),
    [notify, filter],
  );
  const [editing, setEditing] = useState<Editing>(null);
  const [tested, setTested] = useState<{ name: string; result: SendResult } | null>(null);
  const [testingId, setTestingId] = useState<string | null>(null);
  const action = useAction();

  const regionName = (id: string | null) =>
    id === null ? t('channels.hq') : (regions.data?.find((r) => r.id === id)?.name ?? id);
  const hookName = (id: string | null) => hooks.data?.find((h) => h.id === id)?.name ?? id ?? '';

  const save = async (input: WebhookInput) => {
    const target = editing?.existing ?? null;
    const saved = await action.run(() =>
      target ? notify.updateWebhook(target.id, target.version, input) : notify.createWebhook(input),
    );
    if (saved) {
      setEditing(null);
      hooks.reload();
    }
  };
  const remove = async (hook: WebhookView) => {
    if (await action.run(() => notify.deleteWebhook(hook.id))) hooks.reload();
  };
  const test = async (hook: WebhookView) => {
    setTestingId(hook.id);
    setTested(null);
    const result = await action.run(() => notify.testWebhook(hook.id));
    setTestingId(null);
    if (result) setTested({ name: hook.name, result });
  };
  const retry = async (d: Delivery) => {
    if (await action.run(() => notify.retryDelivery(d.id))) deliveries.reload();
  };

  const sorted = [...(hooks.data ?? [])].sort((a, b) =>
    regionName(a.regionId).localeCompare(regionName(b.regionId)),
  );

  return (
    <div>
      <PageHeader
        title={t('channels.title')}
        subtitle={t('channels.subtitle')}
        extra={
          <Button type="primary" onClick={() => setEditing({ existing: null })}>
            {t('channels.add')}
          </Button>
        }
      />
      <ErrorAlert error={hooks.error ?? regions.error} />
      <ErrorAlert error={action.error} onClose={action.clearError} />
      {tested ? (
        <Alert
          role="status"
          showIcon
          closable
          onClose={() => setTested(null)}
          type={tested.result.ok ? 'success' : 'warning'}
          message={
            tested.result.ok
              ? t('channels.testOk', { name: tested.name })
              : t('channels.testFailed', { name: tested.name })
          }
          description={tested.result.ok ? undefined : tested.result.error}
          style={{ marginBottom: 12 }}
          data-testid="channel-test-result"
        />
      ) : null}
      <Card size="small" title={t('channels.robots')} style={{ marginBottom: 16 }}>
        <Table<WebhookView>
          size="small"
          rowKey="id"
          loading={hooks.loading}
          dataSource={sorted}
          pagination={false}
          scroll={{ x: true }}
          locale={{
            emptyText: (
              <EmptyHint
                text={t('channels.empty')}
                action={
                  <Button type="primary" onClick={() => setEditing({ existing: null })}>
                    {t('channels.add')}
                  </Button>
                }
              />
            ),
          }}
          columns={[
            { title: t('channels.region'), render: (_, h) => regionName(h.regionId) },
            { title: t('channels.name'), dataIndex: 'name' },
            { title: t('channels.platform'), render: (_, h) => t(`channels.platforms.${h.platform}`) },
            {
              title: t('channels.url'),
              render: (_, h) => <Typography.Text code>{h.url}</Typography.Text>,
            },
            {
              title: t('channels.secret'),
              render: (_, h) => (h.hasSecret ? h.secret : t('channels.noSecret')),
            },
            {
              title: t('channels.enabled'),
              render: (_, h) =>
                h.enabled ? <Tag color="green">{t('channels.on')}</Tag> : <Tag>{t('channels.off')}</Tag>,
            },
            {
              title: '',
              render: (_, h) => (
                <Space wrap>
                  <Button
                    size="small"
                    loading={testingId === h.id}
                    disabled={testingId !== null}
                    onClick={() => void test(h)}
                  >
                    {t('channels.test')}
                  </Button>
                  <Button size="small" onClick={() => setEditing({ existing: h })}>
                    {t('channels.edit')}
                  </Button>
                  <Popconfirm
                    title={t('channels.deleteConfirm', { name: h.name })}
                    okText={t('common.delete')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => void remove(h)}
                  >
                    <Button size="small" danger>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
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
      <Modal
        open={editing !== null}
        title={editing?.existing ? t('channels.editTitle') : t('channels.addTitle')}
        footer={null}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        {editing ? (
          <ChannelForm
            existing={editing.existing}
            regions={regions.data ?? []}
            lang={lang}
            busy={action.busy}
            onSubmit={(input) => void save(input)}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </Modal>
    </div>
  );
}
