import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  message,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cycleMonths, quarterOf } from '../../../../plugin/domain/dates.ts';
import { useApp } from '../../app/app-context.tsx';
import { useAction, useAsync } from '../../app/use-async.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import type { CrossRegionPair } from './peer-review-api.ts';

export const WINDOW_TEST_IDS = { completion: 'peer-review-completion' } as const;

interface OpenValues {
  closesOn?: Dayjs | null;
  crossRegion?: Partial<CrossRegionPair>[];
}

/** HR: open a quarter's window (closing day, cross-region reviewers), follow completion, close it. */
export function ReviewWindowAdmin() {
  const { t } = useTranslation();
  const { api } = useApp();
  const cycles = useAsync(() => api.cycles(), [api]);
  const windows = useAsync(() => api.peerReviewWindows(), [api]);
  const people = useAsync(() => api.people(), [api]);
  const regions = useAsync(() => api.regions(), [api]);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const action = useAction();
  const [form] = Form.useForm<OpenValues>();

  const quarters = useMemo(() => {
    const all = (cycles.data?.cycles ?? []).flatMap((c) => cycleMonths(c).map(quarterOf));
    return [...new Set(all)].sort().reverse();
  }, [cycles.data]);
  const openOne = windows.data?.find((w) => w.state === 'open');
  const quarter = picked ?? openOne?.quarter ?? quarters[0];
  const window = windows.data?.find((w) => w.quarter === quarter) ?? null;
  const isOpen = window?.state === 'open';
  const completion = useAsync(
    () => (quarter && window ? api.peerReviewCompletion(quarter) : Promise.resolve(null)),
    [api, quarter, window?.state],
  );

  const regionName = useMemo(() => new Map((regions.data ?? []).map((r) => [r.id, r.name])), [regions.data]);
  const peerOptions = (people.data ?? [])
    .filter((p) => (p.role === 'sales' || p.role === 'manager') && p.regionId)
    .map((p) => ({ value: p.id, label: `${p.name}（${regionName.get(p.regionId ?? '') ?? ''}）` }));

  const openWindow = async (values: OpenValues) => {
    if (!quarter) return;
    const crossRegion = (values.crossRegion ?? []).filter(
      (p): p is CrossRegionPair => !!p.reviewerId && !!p.revieweeId,
    );
    const opened = await action.run(() =>
      api.openPeerReviewWindow({
        quarter,
        crossRegion,
        ...(values.closesOn ? { closesOn: values.closesOn.format('YYYY-MM-DD') } : {}),
      }),
    );
    if (!opened) return;
    void message.success(t('peerReview.admin.opened', { quarter }));
    form.resetFields();
    windows.reload();
  };

  const closeWindow = async () => {
    if (!quarter) return;
    const closed = await action.run(() => api.closePeerReviewWindow(quarter));
    if (!closed) return;
    void message.success(t('peerReview.admin.closed', { quarter }));
    windows.reload();
  };

  const c = completion.data;
  return (
    <Card title={t('peerReview.admin.title')} style={{ marginBottom: 16 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text>{t('peerReview.admin.quarter')}</Typography.Text>
          <Select
            style={{ width: 140 }}
            value={quarter}
            onChange={setPicked}
            options={quarters.map((q) => ({ value: q, label: q }))}
            aria-label={t('peerReview.admin.quarter')}
          />
          {window ? (
            <Tag color={isOpen ? 'green' : 'default'}>
              {isOpen ? t('peerReview.admin.stateOpen') : t('peerReview.admin.stateClosed')}
            </Tag>
          ) : (
            <Tag>{t('peerReview.admin.stateNone')}</Tag>
          )}
          {isOpen && window?.closesOn ? (
            <Typography.Text type="secondary">
              {t('peerReview.closesOn', { date: window.closesOn })}
            </Typography.Text>
          ) : null}
          {isOpen ? (
            <Popconfirm title={t('peerReview.admin.closeConfirm', { quarter })} onConfirm={closeWindow}>
              <Button danger loading={action.busy}>
                {t('peerReview.admin.close')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
        {!isOpen && quarter ? (
          <Form form={form} layout="vertical" onFinish={openWindow} style={{ maxWidth: 640 }}>
            <Form.Item
              name="closesOn"
              label={t('peerReview.admin.closesOn')}
              extra={t('peerReview.admin.closesOnHelp')}
            >
              <DatePicker />
            </Form.Item>
            <Typography.Paragraph type="secondary">
              {t('peerReview.admin.crossRegionHelp')}
            </Typography.Paragraph>
            <Form.List name="crossRegion">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Space key={field.key} align="baseline" wrap>
                      <Form.Item
                        name={[field.name, 'reviewerId']}
                        rules={[{ required: true, message: t('peerReview.admin.pickReviewer') }]}
                      >
                        <Select
                          showSearch
                          optionFilterProp="label"
                          style={{ width: 200 }}
                          options={peerOptions}
                          placeholder={t('peerReview.admin.reviewer')}
                        />
                      </Form.Item>
                      <Typography.Text>→</Typography.Text>
                      <Form.Item
                        name={[field.name, 'revieweeId']}
                        rules={[{ required: true, message: t('peerReview.admin.pickReviewee') }]}
                      >
                        <Select
                          showSearch
                          optionFilterProp="label"
                          style={{ width: 200 }}
                          options={peerOptions}
                          placeholder={t('peerReview.admin.reviewee')}
                        />
                      </Form.Item>
                      <Button type="link" onClick={() => remove(field.name)}>
                        {t('peerReview.admin.removePair')}
                      </Button>
                    </Space>
                  ))}
                  <Button type="dashed" onClick={() => add()} style={{ marginBottom: 12 }}>
                    {t('peerReview.admin.addPair')}
                  </Button>
                </>
              )}
            </Form.List>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={action.busy}>
                {window ? t('peerReview.admin.reopen') : t('peerReview.admin.open')}
              </Button>
            </Form.Item>
          </Form>
        ) : null}
        <ErrorAlert error={action.error ?? windows.error ?? completion.error} />
        {c?.window ? (
          <>
            <Typography.Text strong data-testid={WINDOW_TEST_IDS.completion}>
              {t('peerReview.admin.completion', { done: c.done, total: c.total })}
            </Typography.Text>
            <Alert type="info" showIcon message={t('peerReview.admin.countsOnly')} />
            <Table
              rowKey="personId"
              size="small"
              pagination={false}
              dataSource={c.people}
              columns={[
                { title: t('peerReview.admin.person'), dataIndex: 'name' },
                { title: t('peerReview.admin.region'), dataIndex: 'regionName' },
                {
                  title: t('peerReview.admin.progress'),
                  key: 'progress',
                  render: (_: unknown, r: { done: number; total: number }) => (
                    <Tag color={r.done === r.total ? 'green' : 'default'}>
                      {t('peerReview.progress', { done: r.done, total: r.total })}
                    </Tag>
                  ),
                },
              ]}
            />
          </>
        ) : null}
      </Space>
    </Card>
  );
}
