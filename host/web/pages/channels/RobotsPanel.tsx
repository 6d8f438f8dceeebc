import { Alert, Button, Card, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SendResult, WebhookInput, WebhookView } from '../../api/notify-endpoints.ts';
import { useAction, useAsync } from '../../app/use-async.ts';
import { EmptyHint } from '../../components/EmptyHint.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ChannelForm } from '../ChannelForm.tsx';

/** The calls the robots panel makes; each host answers them with the pack's channel commands. */
export interface RobotsPort {
  list(): Promise<WebhookView[]>;
  regions(): Promise<{ id: string; name: string }[]>;
  create(input: WebhookInput): Promise<WebhookView>;
  update(id: string, version: number, input: WebhookInput): Promise<WebhookView>;
  remove(id: string): Promise<unknown>;
  test(id: string): Promise<SendResult>;
}

type Editing = { existing: WebhookView | null } | null;

/** Group robots per region: add, edit, remove, send a test message (admin). */
export function RobotsPanel({
  port,
  lang,
  onRobots,
}: {
  port: RobotsPort;
  lang: 'zh-CN' | 'en-US';
  /** Told the robots each time they are read (the deliveries log names them). */
  onRobots?: (robots: WebhookView[]) => void;
}) {
  const { t } = useTranslation();
  const hooks = useAsync(() => port.list(), [port]);
  const regions = useAsync(() => port.regions(), [port]);
  const [editing, setEditing] = useState<Editing>(null);
  const [tested, setTested] = useState<{ name: string; result: SendResult } | null>(null);
  const [testingId, setTestingId] = useState<string | null>(null);
  const action = useAction();
  useEffect(() => {
    if (hooks.data) onRobots?.(hooks.data);
  }, [hooks.data, onRobots]);

  const regionName = (id: string | null) =>
    id === null ? t('channels.hq') : (regions.data?.find((r) => r.id === id)?.name ?? id);

  const save = async (input: WebhookInput) => {
    const target = editing?.existing ?? null;
    const saved = await action.run(() =>
      target ? port.update(target.id, target.version, input) : port.create(input),
    );
    if (saved) {
      setEditing(null);
      hooks.reload();
    }
  };
  const remove = async (hook: WebhookView) => {
    if (await action.run(() => port.remove(hook.id))) hooks.reload();
  };
  const test = async (hook: WebhookView) => {
    setTestingId(hook.id);
    setTested(null);
    const result = await action.run(() => port.test(hook.id));
    setTestingId(null);
    if (result) setTested({ name: hook.name, result });
  };

  const sorted = [...(hooks.data ?? [])].sort((a, b) =>
    regionName(a.regionId).localeCompare(regionName(b.regionId)),
  );

  return (
    <>
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
      <Card
        size="small"
        title={t('channels.robots')}
        style={{ marginBottom: 16 }}
        extra={
          <Button type="primary" onClick={() => setEditing({ existing: null })}>
            {t('channels.add')}
          </Button>
        }
      >
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
    </>
  );
}
