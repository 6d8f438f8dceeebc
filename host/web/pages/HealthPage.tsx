import { Card, Col, Row, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { daysSinceContact, hasKeyClientGap } from '../../../plugin/domain/alerts.ts';
import { cycleMonths } from '../../../plugin/domain/dates.ts';
import { healthOf, medianHealth, teamHealth } from '../../../plugin/domain/health.ts';
import type { Id, KeyAccount } from '../../../plugin/domain/types.ts';
import { HealthRadar } from '../../../widgets/HealthRadar/index.tsx';
import { useApp } from '../app/app-context.tsx';
import { type CycleData, useCycleData } from '../app/use-cycle-data.ts';
import { EmptyHint } from '../components/EmptyHint.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { lastMonthWithData } from './health-month.ts';

export default function HealthPage() {
  const data = useCycleData();
  if (data.error && !data.data) return <ErrorAlert error={data.error} />;
  if (!data.data) return <Loading />;
  return <Health data={data.data} />;
}

function Health({ data }: { data: CycleData }) {
  const { t } = useTranslation();
  const { user, lang } = useApp();
  const { snapshot, settings, at } = data;
  const months = cycleMonths(snapshot.cycle);
  const [month, setMonth] = useState(() => lastMonthWithData(months, snapshot, at));
  // Reps whose activity this user may read: a rep sees only themself.
  const reps = useMemo(
    () =>
      snapshot.people.filter(
        (p) =>
          p.role === 'sales' &&
          (user.role !== 'sales' || p.id === user.personId) &&
          (user.role !== 'manager' || p.regionId === user.regionId),
      ),
    [snapshot, user],
  );
  const [repId, setRepId] = useState<Id | undefined>(
    reps.find((p) => p.id === user.personId)?.id ?? reps[0]?.id,
  );
  const rep = reps.find((p) => p.id === repId);
  const teamIds = rep ? reps.filter((p) => p.regionId === rep.regionId).map((p) => p.id) : [];
  const showTeam = user.role !== 'sales' && teamIds.length > 1;
  const repHealth = rep ? healthOf(rep.id, snapshot, settings, month) : null;
  const team = showTeam ? teamHealth(teamIds, snapshot, settings, month) : null;
  const median = showTeam ? medianHealth(teamIds, snapshot, settings, month) : null;
  const names = new Map(snapshot.people.map((p) => [p.id, p.name]));
  const regions = new Map(snapshot.regions.map((r) => [r.id, r.name]));
  const accounts = [...snapshot.keyAccounts].sort(
    (a, b) =>
      (daysSinceContact(b, at) ?? Number.POSITIVE_INFINITY) -
      (daysSinceContact(a, at) ?? Number.POSITIVE_INFINITY),
  );

  return (
    <div>
      <PageHeader
        title={t('health.title')}
        subtitle={t('health.subtitle', { days: settings.alerts.keyClientGapDays })}
        extra={
          <>
            <Select
              aria-label={t('health.month')}
              value={month}
              onChange={setMonth}
              options={months.map((m) => ({ value: m, label: m }))}
            />
            {reps.length > 1 ? (
              <Select
                aria-label={t('health.rep')}
                showSearch
                optionFilterProp="label"
                style={{ minWidth: 180 }}
                value={repId}
                onChange={setRepId}
                options={reps.map((p) => ({
                  value: p.id,
                  label: `${p.name} · ${regions.get(p.regionId ?? '') ?? ''}`,
                }))}
              />
            ) : null}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={rep ? t('health.radarOf', { name: rep.name }) : t('health.radar')}>
            {rep && repHealth ? (
              <HealthRadar
                key={`${rep.id}-${month}`}
                rep={{ name: rep.name, health: repHealth }}
                team={team ?? undefined}
                median={median ?? undefined}
                settings={settings}
                locale={lang}
              />
            ) : (
              <EmptyHint text={t('health.noReps')} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('health.accounts')}>
            <Table<KeyAccount>
              size="small"
              rowKey="id"
              dataSource={accounts}
              pagination={{ pageSize: 12, hideOnSinglePage: true }}
              locale={{ emptyText: t('health.noAccounts') }}
              scroll={{ x: true }}
              columns={[
                { title: t('health.col.account'), dataIndex: 'name' },
                { title: t('health.col.owner'), render: (_, a) => names.get(a.ownerId) ?? a.ownerId },
                { title: t('health.col.last'), render: (_, a) => a.lastContactAt ?? t('health.never') },
                {
                  title: t('health.col.gap'),
                  render: (_, a) => {
                    const days = daysSinceContact(a, at);
                    const gap = hasKeyClientGap(a, settings, at);
                    return (
                      <Space size={4}>
                        <span>{days === null ? '—' : t('health.days', { days: Math.floor(days) })}</span>
                        {gap ? <Tag color="red">{t('health.gap')}</Tag> : null}
                      </Space>
                    );
                  },
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
