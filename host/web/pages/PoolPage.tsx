import {
  Alert,
  Button,
  Card,
  List,
  Modal,
  message,
  Popconfirm,
  Select,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { quarterEndOf } from '../../../plugin/app/quarter-open.ts';
import { cycleMonths, quarterOf } from '../../../plugin/domain/dates.ts';
import type { PoolRunResult } from '../../../plugin/domain/pool.ts';
import { nextPoolTransition, POOL_STATES } from '../../../plugin/domain/pool-lifecycle.ts';
import { PoolAllocation, StatementLines } from '../../../widgets/PoolAllocation/index.tsx';
import { useWidgetT } from '../../../widgets/shared/i18n.ts';
import type { PoolRun } from '../api/endpoints.ts';
import { useApp } from '../app/app-context.tsx';
import { useRoute } from '../app/router.ts';
import { useAction, useAsync } from '../app/use-async.ts';
import { EmptyHint } from '../components/EmptyHint.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';

const CENTS = 100;

/** Today in the browser, as the day a quarter is compared with. */
const today = () => new Date().toISOString().slice(0, 10);

/** `/pool?run=<id>` (notifications, the audit log) opens that run, or that run's own statement. */
export default function PoolPage() {
  const { user } = useApp();
  const linked = useRoute().query.get('run');
  return user.role === 'hr' || user.role === 'admin' ? (
    <PoolRuns linked={linked} />
  ) : (
    <MyStatements linked={linked} />
  );
}

function money(cents: number | null, lang: string) {
  if (cents === null) return '—';
  return new Intl.NumberFormat(lang, { style: 'currency', currency: 'CNY' }).format(cents / CENTS);
}

/** HR: create a quarter's run, compute, see allocation and statements, approve, release, lock. */
function PoolRuns({ linked }: { linked: string | null }) {
  const { t } = useTranslation();
  const { api, lang } = useApp();
  const runs = useAsync(() => api.poolRuns(), [api]);
  const cycles = useAsync(() => api.cycles(), [api]);
  const people = useAsync(() => api.people(), [api]);
  const [selectedId, setSelectedId] = useState<string | null>(linked);
  // Another link followed while the page is open selects its run.
  useEffect(() => setSelectedId(linked), [linked]);
  const [quarter, setQuarter] = useState<string | undefined>(undefined);
  const [working, setWorking] = useState<string | null>(null);
  const action = useAction();

  const quarters = useMemo(() => {
    const all = (cycles.data?.cycles ?? []).flatMap((c) => cycleMonths(c).map(quarterOf));
    return [...new Set(all)].sort().reverse();
  }, [cycles.data]);
  const selected = runs.data?.find((r) => r.id === selectedId) ?? runs.data?.[0] ?? null;
  const statements = useAsync(
    () => (selected?.result ? api.poolStatements(selected.id) : Promise.resolve([])),
    [api, selected?.id, selected?.version],
  );

  const replaceRun = (run: PoolRun) =>
    runs.setData((list) => {
      const rest = (list ?? []).filter((r) => r.id !== run.id);
      return [run, ...rest].sort((a, b) => b.quarter.localeCompare(a.quarter));
    });

  const step = async (label: string, work: () => Promise<PoolRun>, done?: (run: PoolRun) => string) => {
    setWorking(label);
    const run = await action.run(work);
    setWorking(null);
    if (run) {
      replaceRun(run);
      setSelectedId(run.id);
      if (done) void message.success(done(run));
    }
  };

  /** A quarter that has not ended yet is computed on part of its data: HR confirms knowingly. */
  const confirmOpenQuarter = (q: string) => {
    const end = quarterEndOf(q);
    if (today() > end) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      Modal.confirm({
        title: t('pool.quarterOpen.confirmTitle', { quarter: q }),
        content: t('pool.quarterOpen.confirmBody', { quarter: q, end }),
        okText: t('pool.quarterOpen.computeAnyway'),
        cancelText: t('common.cancel'),
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
  };

  const computed = (run: PoolRun) =>
    t('pool.saved.computed', { quarter: run.quarter, size: money(run.poolCents, lang) });

  const create = async () => {
    if (!quarter || !(await confirmOpenQuarter(quarter))) return;
    await step(
      t('pool.creating'),
      async () => {
        const created = await api.createPoolRun(quarter);
        replaceRun(created);
        setWorking(t('pool.computing'));
        return api.computePoolRun(created.id, created.version);
      },
      computed,
    );
  };

  if (runs.error && !runs.data) return <ErrorAlert error={runs.error} />;
  if (!runs.data) return <Loading />;

  const result: PoolRunResult | null = selected?.result
    ? { ...selected.result, statements: statements.data ?? [] }
    : null;
  const next = selected ? nextPoolTransition(selected.state) : undefined;
  const linkedMissing = linked !== null && selectedId === linked && !runs.data.some((r) => r.id === linked);

  return (
    <div>
      <PageHeader
        title={t('pool.title')}
        extra={
          <>
            <Select
              aria-label={t('pool.quarter')}
              placeholder={t('pool.pickQuarter')}
              style={{ minWidth: 140 }}
              value={quarter}
              onChange={setQuarter}
              options={quarters.map((q) => ({ value: q, label: q }))}
            />
            <Button type="primary" disabled={!quarter || working !== null} onClick={() => void create()}>
              {t('pool.create')}
            </Button>
          </>
        }
      />
      <ErrorAlert error={action.error} onClose={action.clearError} />
      {linkedMissing ? (
        <Alert
          type="warning"
          showIcon
          data-testid="pool-linked-missing"
          message={t('pool.linked.runMissing', { id: linked })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {working ? (
        <Alert
          type="info"
          showIcon
          icon={<Spin size="small" />}
          message={working}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {runs.data.length === 0 ? (
        <EmptyHint text={t('pool.noRuns')} />
      ) : (
        <Table<PoolRun>
          size="small"
          rowKey="id"
          dataSource={runs.data}
          pagination={false}
          scroll={{ x: true }}
          rowSelection={{
            type: 'radio',
            selectedRowKeys: selected ? [selected.id] : [],
            onChange: (keys) => setSelectedId(String(keys[0])),
          }}
          onRow={(r) => ({ onClick: () => setSelectedId(r.id) })}
          columns={[
            { title: t('pool.quarter'), dataIndex: 'quarter' },
            { title: t('pool.state'), render: (_, r) => <Tag>{t(`pool.states.${r.state}`)}</Tag> },
            { title: t('pool.size'), render: (_, r) => money(r.poolCents, lang) },
            {
              title: t('pool.computedAt'),
              render: (_, r) =>
                r.computedAt ? new Date(r.computedAt).toLocaleString(lang) : t('pool.notComputed'),
            },
            { title: t('pool.settingsVersion'), render: (_, r) => r.settingsVersion ?? '—' },
          ]}
        />
      )}
      {selected ? (
        <Card
          size="small"
          style={{ marginTop: 16 }}
          title={t('pool.runTitle', { quarter: selected.quarter })}
          extra={
            <Space wrap>
              {selected.state === 'draft' ? (
                <Button
                  disabled={working !== null}
                  onClick={async () => {
                    if (!(await confirmOpenQuarter(selected.quarter))) return;
                    await step(
                      t('pool.computing'),
                      () => api.computePoolRun(selected.id, selected.version),
                      computed,
                    );
                  }}
                >
                  {selected.result ? t('pool.recompute') : t('pool.compute')}
                </Button>
              ) : null}
              {next ? (
                <Popconfirm
                  title={t(`pool.confirm.${next}`)}
                  onConfirm={() =>
                    void step(
                      t(`pool.doing.${next}`),
                      () => api.transitionPoolRun(selected.id, next, selected.version),
                      (run) => t(`pool.saved.${next}`, { quarter: run.quarter }),
                    )
                  }
                  okText={t('common.yes')}
                  cancelText={t('common.no')}
                >
                  <Button type="primary" disabled={working !== null || !selected.result}>
                    {t(`pool.actions.${next}`)}
                  </Button>
                </Popconfirm>
              ) : null}
              {selected.state === 'draft' ? (
                <Popconfirm
                  title={t('pool.confirm.delete')}
                  okText={t('common.yes')}
                  cancelText={t('common.no')}
                  onConfirm={async () => {
                    const ok = await action.run(() => api.deletePoolRun(selected.id));
                    if (ok) {
                      void message.success(t('pool.saved.deleted', { quarter: selected.quarter }));
                      runs.setData((list) => (list ?? []).filter((r) => r.id !== selected.id));
                      setSelectedId(null);
                    }
                  }}
                >
                  <Button danger disabled={working !== null}>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              ) : null}
            </Space>
          }
        >
          <Steps
            size="small"
            current={POOL_STATES.indexOf(selected.state)}
            items={POOL_STATES.map((s) => ({ title: t(`pool.states.${s}`) }))}
            style={{ marginBottom: 16 }}
          />
          {selected.state === 'locked' ? (
            <Alert type="info" showIcon message={t('pool.lockedNote')} style={{ marginBottom: 12 }} />
          ) : null}
          <ErrorAlert error={statements.error} />
          {statements.data?.[0]?.quarterOpen ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('pool.quarterOpen.tag')}
              description={t('pool.quarterOpen.note', {
                quarter: selected.quarter,
                end: statements.data[0].quarterOpen.quarterEndsOn,
              })}
            />
          ) : null}
          {result ? (
            statements.loading && !statements.data ? (
              <Loading />
            ) : (
              <PoolAllocation
                run={result}
                people={(people.data ?? []).map((p) => ({ id: p.id, name: p.name }))}
                locale={lang}
              />
            )
          ) : (
            <EmptyHint text={t('pool.computeFirst')} />
          )}
        </Card>
      ) : null}
    </div>
  );
}

/** Everyone else: their own statements of released runs, nothing of anybody else. */
function MyStatements({ linked }: { linked: string | null }) {
  const { t } = useTranslation();
  const { api, lang } = useApp();
  const mine = useAsync(() => api.myStatements(), [api]);
  const ts = useWidgetT(lang, 'statement');
  const linkedCard = useRef<HTMLDivElement>(null);
  const found = linked !== null && (mine.data ?? []).some((s) => s.runId === linked);
  useEffect(() => {
    if (found) linkedCard.current?.scrollIntoView?.({ block: 'start' });
  }, [found]);
  if (mine.error && !mine.data) return <ErrorAlert error={mine.error} />;
  if (!mine.data) return <Loading />;
  return (
    <div>
      <PageHeader title={t('pool.myTitle')} />
      {linked !== null && !found ? (
        <Alert
          type="warning"
          showIcon
          data-testid="pool-linked-missing"
          message={t('pool.linked.statementMissing')}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {mine.data.length === 0 ? (
        <EmptyHint text={t('pool.noStatements')} />
      ) : (
        <List
          dataSource={mine.data}
          renderItem={(s) => (
            <Card
              ref={s.runId === linked ? linkedCard : undefined}
              size="small"
              data-testid={`statement-${s.runId}`}
              aria-current={s.runId === linked ? 'true' : undefined}
              style={{ marginBottom: 12, ...(s.runId === linked ? { borderColor: '#1677ff' } : {}) }}
              title={t('pool.statementOf', { quarter: s.quarter })}
              extra={
                <Space size={4}>
                  {s.statement.quarterOpen ? <Tag color="orange">{t('pool.quarterOpen.tag')}</Tag> : null}
                  <Tag>{t(`pool.states.${s.state}`)}</Tag>
                </Space>
              }
            >
              {s.statement.quarterOpen ? (
                <Typography.Paragraph type="warning">
                  {t('pool.quarterOpen.note', {
                    quarter: s.quarter,
                    end: s.statement.quarterOpen.quarterEndsOn,
                  })}
                </Typography.Paragraph>
              ) : null}
              <Typography.Title level={4} style={{ marginTop: 0 }}>
                {money(s.statement.allocation.cents, lang)}
              </Typography.Title>
              <StatementLines statement={s.statement} ts={ts} />
            </Card>
          )}
        />
      )}
    </div>
  );
}
