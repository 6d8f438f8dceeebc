import { Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { type HTMLAttributes, useMemo } from 'react';
import type { PoolRunResult, PoolStatement } from '../../plugin/domain/pool.ts';
import type { Id } from '../../plugin/domain/types.ts';
import { EChart } from '../shared/EChart.tsx';
import type { ChartRenderer } from '../shared/echarts.ts';
import { use } from '../shared/echarts-core.ts';
import { useWidgetT, type WidgetLocale, type WidgetT } from '../shared/i18n.ts';
import { TEST_IDS } from '../test-ids.ts';
import { buildPoolOption, moneyFormatter } from './pool-option.ts';

// The ECharts parts this widget draws with (the shared core has the renderers, aria and tooltip).
use([BarChart, LineChart, GridComponent, LegendComponent]);

export { buildPoolOption, moneyFormatter } from './pool-option.ts';

export interface PoolAllocationProps {
  /** `computePoolRun` result. */
  run: PoolRunResult;
  people: { id: Id; name: string }[];
  /** Currency of the cents (ISO 4217). */
  currency?: string;
  /** Person whose statement is open; undefined lets the table keep its own. */
  selectedPersonId?: Id | null;
  onSelectPerson?: (personId: Id | null) => void;
  chartHeight?: number;
  renderer?: ChartRenderer;
  locale?: WidgetLocale;
}

const DEFAULT_CHART_HEIGHT = 320;
const DEFAULT_CURRENCY = 'CNY';
const oneDecimal = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** The statement of one person: every line is an i18n key of plugin/domain's statement locale. */
export function StatementLines({ statement, ts }: { statement: PoolStatement; ts: WidgetT }) {
  return (
    <ol data-testid={TEST_IDS.pool.statement(statement.personId)} style={{ margin: 0, paddingLeft: 20 }}>
      {statement.lines.map((line, index) => (
        // Lines have no id and never reorder.
        // biome-ignore lint/suspicious/noArrayIndexKey: a statement is rendered as given
        <li key={index}>{ts(line.key, line.params)}</li>
      ))}
    </ol>
  );
}

/** Quarterly pool run: a chart of the amounts, a table per person, and the statement behind each amount. */
export function PoolAllocation({
  run,
  people,
  currency = DEFAULT_CURRENCY,
  selectedPersonId,
  onSelectPerson,
  chartHeight = DEFAULT_CHART_HEIGHT,
  renderer,
  locale,
}: PoolAllocationProps) {
  const t = useWidgetT(locale);
  const ts = useWidgetT(locale, 'statement');
  const names = useMemo(() => new Map(people.map((p) => [p.id, p.name])), [people]);
  const nameOf = (id: Id) => names.get(id) ?? id;
  const money = useMemo(() => moneyFormatter(locale ?? 'zh-CN', currency), [locale, currency]);
  const option = useMemo(
    () => buildPoolOption(run, (id) => names.get(id) ?? id, t, money),
    [run, names, t, money],
  );
  const statements = run.statements;

  const columns: ColumnsType<PoolStatement> = [
    { title: t('pool.person'), key: 'person', render: (_, s) => nameOf(s.personId) },
    {
      title: t('pool.contribution'),
      key: 'value',
      align: 'right',
      render: (_, s) => oneDecimal(s.contribution.value),
      sorter: (a, b) => a.contribution.value - b.contribution.value,
    },
    {
      title: t('pool.peer'),
      key: 'peer',
      align: 'right',
      render: (_, s) =>
        s.contribution.peerCounted ? (
          oneDecimal(s.contribution.peer)
        ) : (
          <span role="img" title={t('pool.notCounted')} aria-label={t('pool.notCounted')}>
            {t('pool.noScore')}
          </span>
        ),
    },
    {
      title: t('pool.system'),
      key: 'system',
      align: 'right',
      render: (_, s) => oneDecimal(s.contribution.system),
    },
    {
      title: t('pool.crossRegionHelp'),
      key: 'help',
      align: 'right',
      render: (_, s) => oneDecimal(s.contribution.crossRegionHelp) ?? t('pool.noScore'),
    },
    {
      title: t('pool.ideal'),
      key: 'ideal',
      align: 'right',
      render: (_, s) => money(Math.round(s.allocation.idealCents)),
    },
    {
      title: t('pool.amount'),
      key: 'amount',
      align: 'right',
      render: (_, s) => <strong>{money(s.allocation.cents)}</strong>,
      sorter: (a, b) => a.allocation.cents - b.allocation.cents,
    },
    {
      title: t('pool.flags'),
      key: 'flags',
      render: (_, s) => (
        <Space size={4}>
          {s.allocation.floorApplied && <Tag color="gold">{t('pool.floorApplied')}</Tag>}
          {s.allocation.capApplied && <Tag color="volcano">{t('pool.capApplied')}</Tag>}
        </Space>
      ),
    },
  ];

  const expandedRowKeys =
    selectedPersonId === undefined ? undefined : selectedPersonId === null ? [] : [selectedPersonId];

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={TEST_IDS.pool.root}>
      <Typography.Text strong>
        {t('pool.total', { quarter: run.quarter, amount: money(run.poolCents), count: run.eligible.length })}
      </Typography.Text>
      <EChart option={option} height={chartHeight} renderer={renderer} ariaLabel={t('pool.aria')} />
      <Table<PoolStatement>
        size="small"
        rowKey="personId"
        pagination={false}
        dataSource={statements}
        columns={columns}
        onRow={(s) => ({ 'data-testid': TEST_IDS.pool.row(s.personId) }) as HTMLAttributes<HTMLElement>}
        expandable={{
          expandedRowKeys,
          expandRowByClick: true,
          onExpand: (expanded, s) => onSelectPerson?.(expanded ? s.personId : null),
          expandedRowRender: (s) => (
            <div>
              <Typography.Text type="secondary">{t('pool.statement')}</Typography.Text>
              <StatementLines statement={s} ts={ts} />
            </div>
          ),
        }}
      />
      {run.excluded.length > 0 && (
        <section aria-label={t('pool.excludedTitle')}>
          <Typography.Text strong>{t('pool.excludedTitle')}</Typography.Text>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {run.excluded.map((e) => (
              <li key={e.personId}>
                {t('pool.excludedLine', { name: nameOf(e.personId), reason: ts(e.reason) })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Space>
  );
}

export default PoolAllocation;
