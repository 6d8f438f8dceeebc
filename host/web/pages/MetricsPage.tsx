import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { MetricsDashboard } from '../../../widgets/MetricsDashboard/index.tsx';
import { useApp } from '../app/app-context.tsx';
import { useAsync } from '../app/use-async.ts';
import { EmptyHint } from '../components/EmptyHint.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatPercent } from '../i18n/format-percent.ts';

const PERCENT = 100;

/** A rate (0..1) shown as a percentage with one decimal. */
function RateCard({ title, rate, lang }: { title: string; rate: number; lang: string }) {
  return (
    <Col xs={12} md={6}>
      <Card size="small">
        <Statistic title={title} value={formatPercent(rate * PERCENT, lang)} />
      </Card>
    </Col>
  );
}

export default function MetricsPage() {
  const { t } = useTranslation();
  const { api, lang, currentCycleId } = useApp();
  const metrics = useAsync(() => api.metrics(currentCycleId ?? undefined), [api, currentCycleId]);
  const cycles = useAsync(() => api.cycles(), [api]);
  if (metrics.error && !metrics.data) return <ErrorAlert error={metrics.error} />;
  if (!metrics.data) return <Loading />;
  const m = metrics.data;
  return (
    <div>
      <PageHeader
        title={t('metrics.title')}
        subtitle={t('metrics.subtitle', {
          cycle: cycles.data?.cycles.find((c) => c.id === m.cycleId)?.name ?? '',
          at: m.at,
          version: m.settingsVersion,
        })}
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <RateCard title={t('metrics.alignmentRate')} rate={m.alignmentRate} lang={lang} />
        <RateCard title={t('metrics.linkedRate')} rate={m.linkedRate} lang={lang} />
      </Row>
      {m.months.length === 0 ? (
        <EmptyHint text={t('metrics.empty')} />
      ) : (
        <MetricsDashboard metrics={m.months} locale={lang} />
      )}
    </div>
  );
}
