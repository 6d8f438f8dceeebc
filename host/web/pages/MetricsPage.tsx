import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { MetricsDashboard } from '../../../widgets/MetricsDashboard/index.tsx';
import { useApp } from '../app/app-context.tsx';
import { useAsync } from '../app/use-async.ts';
import { EmptyHint } from '../components/EmptyHint.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';

const PERCENT = 100;

/** A rate (0..1) shown as a percentage with one decimal. */
function RateCard({ title, rate }: { title: string; rate: number }) {
  return (
    <Col xs={12} md={6}>
      <Card size="small">
        <Statistic title={title} value={Math.round(rate * PERCENT * 10) / 10} suffix="%" />
      </Card>
    </Col>
  );
}

export default function MetricsPage() {
  const { t } = useTranslation();
  const { api, lang, currentCycleId } = useApp();
  const metrics = useAsync(() => api.metrics(currentCycleId ?? undefined), [api, currentCycleId]);
  if (metrics.error && !metrics.data) return <ErrorAlert error={metrics.error} />;
  if (!metrics.data) return <Loading />;
  const m = metrics.data;
  return (
    <div>
      <PageHeader
        title={t('metrics.title')}
        subtitle={t('metrics.subtitle', { cycle: m.cycleId, at: m.at, version: m.settingsVersion })}
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <RateCard title={t('metrics.alignmentRate')} rate={m.alignmentRate} />
        <RateCard title={t('metrics.linkedRate')} rate={m.linkedRate} />
      </Row>
      {m.months.length === 0 ? (
        <EmptyHint text={t('metrics.empty')} />
      ) : (
        <MetricsDashboard metrics={m.months} locale={lang} />
      )}
    </div>
  );
}
