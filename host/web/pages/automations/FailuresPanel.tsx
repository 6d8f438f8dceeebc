import { Alert, Button, message, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../app/use-async.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import type { AutomationsApi, FailedRun } from './automations-api.ts';

/** Steps that failed after their last attempt: what, about whom, why; "retry" hands one back to the ticker. */
export function FailuresPanel(props: {
  runs: FailedRun[];
  count: number;
  loading: boolean;
  api: AutomationsApi;
  triggerWords: (trigger: string) => string;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const action = useAction();
  const retry = async (run: FailedRun) => {
    if (!(await action.run(() => props.api.retry(run.id)))) return;
    message.success(t('automations.failures.retried'));
    props.onChanged();
  };
  const about = (r: FailedRun) => [r.person, r.kr, r.region, r.month].filter(Boolean).join(' · ') || '—';
  return (
    <div data-testid="automation-failures">
      <ErrorAlert error={action.error} onClose={action.clearError} />
      <Alert
        type={props.count > 0 ? 'warning' : 'info'}
        showIcon
        style={{ marginBottom: 12 }}
        message={
          props.count > 0
            ? t('automations.failures.summary', { count: props.count })
            : t('automations.failures.none')
        }
        description={props.count > 0 ? t('automations.failures.hint') : undefined}
      />
      <Table<FailedRun>
        rowKey="id"
        size="small"
        loading={props.loading}
        dataSource={props.runs}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: true }}
        columns={[
          {
            title: t('automations.failures.automation'),
            render: (_, r) => r.automation ?? t('automations.failures.goneAutomation'),
          },
          {
            title: t('automations.failures.step'),
            render: (_, r) =>
              `${t('automations.step.number', { n: r.step })} · ${t(`automations.steps.${r.kind}`)}`,
          },
          { title: t('automations.failures.trigger'), render: (_, r) => props.triggerWords(r.trigger) },
          { title: t('automations.failures.about'), render: about },
          {
            title: t('automations.failures.error'),
            render: (_, r) => <Typography.Text type="danger">{r.error ?? '—'}</Typography.Text>,
          },
          { title: t('automations.failures.attempts'), dataIndex: 'attempts' },
          {
            title: t('automations.failures.when'),
            render: (_, r) => new Date(r.createdAt).toLocaleString(i18n.language),
          },
          {
            title: '',
            render: (_, r) => (
              <Button
                size="small"
                aria-label={`${t('automations.failures.retry')} ${r.automation ?? ''} ${about(r)}`}
                loading={action.busy}
                onClick={() => void retry(r)}
              >
                {t('automations.failures.retry')}
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}
