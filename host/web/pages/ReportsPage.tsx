import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HQ_SCOPE, notifyEndpoints, type ReportListing } from '../api/notify-endpoints.ts';
import { useApp } from '../app/app-context.tsx';
import { useAction, useAsync } from '../app/use-async.ts';
import { EmptyHint } from '../components/EmptyHint.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { suggestedReportMonth } from './report-month.ts';

/**
 * Monthly calibration reports: a manager reads their own region, hr, strategy and admin any region
 * or HQ. Each month downloads as a workbook or opens as a printable page.
 */
export default function ReportsPage() {
  const { t } = useTranslation();
  const { client, api, user, lang } = useApp();
  const notify = useMemo(() => notifyEndpoints(client), [client]);
  const reports = useAsync(() => notify.reports(), [notify]);
  const regions = useAsync(() => api.regions(), [api]);
  const ownRegionOnly = user.role === 'manager';
  const canGenerate = user.role === 'hr' || user.role === 'admin';
  const [chosenScope, setScope] = useState<string>(HQ_SCOPE);
  const scope = ownRegionOnly ? (user.regionId ?? '') : chosenScope;
  const cycles = useAsync(() => (canGenerate ? api.cycles() : Promise.resolve(null)), [api, canGenerate]);
  const [chosenMonth, setMonth] = useState<Dayjs | null>(null);
  const month =
    chosenMonth ?? dayjs(suggestedReportMonth(cycles.data?.cycles ?? [], dayjs().format('YYYY-MM-DD')));
  const [generated, setGenerated] = useState<string | null>(null);
  const action = useAction();

  const scopeName = (s: string) =>
    s === HQ_SCOPE ? t('reports.hq') : (regions.data?.find((r) => r.id === s)?.name ?? s);

  const generate = async () => {
    const m = month.format('YYYY-MM');
    const made = await action.run(() => notify.generateReport(m));
    if (made) {
      setGenerated(made.month);
      reports.reload();
    }
  };

  return (
    <div>
      <PageHeader
        title={t('reports.title')}
        subtitle={
          ownRegionOnly ? t('reports.ownRegion', { region: scopeName(scope) }) : t('reports.subtitle')
        }
        extra={
          ownRegionOnly ? null : (
            <Space>
              <Typography.Text>{t('reports.scope')}</Typography.Text>
              <Select
                style={{ minWidth: 180 }}
                value={chosenScope}
                onChange={setScope}
                aria-label={t('reports.scope')}
                options={[
                  { value: HQ_SCOPE, label: t('reports.hq') },
                  ...(regions.data ?? []).map((r) => ({ value: r.id, label: r.name })),
                ]}
              />
            </Space>
          )
        }
      />
      <ErrorAlert error={reports.error ?? regions.error} />
      <ErrorAlert error={action.error} onClose={action.clearError} />
      {ownRegionOnly && !user.regionId ? (
        <Alert type="warning" showIcon message={t('reports.noRegion')} style={{ marginBottom: 12 }} />
      ) : null}
      {canGenerate ? (
        <Card size="small" title={t('reports.generateTitle')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('reports.generateHint')}</Typography.Paragraph>
          <Space wrap>
            <DatePicker
              picker="month"
              value={month}
              onChange={setMonth}
              allowClear={false}
              aria-label={t('reports.month')}
            />
            <Button type="primary" loading={action.busy} onClick={() => void generate()}>
              {t('reports.generate')}
            </Button>
          </Space>
          {generated ? (
            <Alert
              role="status"
              type="success"
              showIcon
              closable
              onClose={() => setGenerated(null)}
              message={t('reports.generated', { month: generated })}
              style={{ marginTop: 12 }}
            />
          ) : null}
        </Card>
      ) : null}
      <Card size="small" title={t('reports.listTitle', { scope: scopeName(scope) })}>
        <Table<ReportListing>
          size="small"
          rowKey="month"
          loading={reports.loading}
          dataSource={reports.data ?? []}
          scroll={{ x: true }}
          pagination={{ pageSize: 12, hideOnSinglePage: true }}
          locale={{
            emptyText: <EmptyHint text={canGenerate ? t('reports.emptyHr') : t('reports.empty')} />,
          }}
          columns={[
            { title: t('reports.month'), dataIndex: 'month' },
            {
              title: t('reports.generatedAt'),
              render: (_, r) => new Date(r.generatedAt).toLocaleString(lang),
            },
            { title: t('reports.settingsVersion'), dataIndex: 'settingsVersion' },
            {
              title: '',
              render: (_, r) => (
                <Space wrap>
                  <Button
                    size="small"
                    icon={<DownloadOutlined />}
                    href={notify.reportWorkbookUrl(r.month, scope, lang)}
                    disabled={scope === ''}
                    download
                  >
                    {t('reports.workbook')}
                  </Button>
                  <Button
                    size="small"
                    icon={<PrinterOutlined />}
                    href={notify.reportPageUrl(r.month, scope, lang)}
                    disabled={scope === ''}
                    target="_blank"
                    rel="noopener"
                  >
                    {t('reports.page')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
