import type { PoolRunResult } from '../../plugin/domain/pool.ts';
import type { Id } from '../../plugin/domain/types.ts';
import type { WidgetChartOption } from '../shared/echarts.ts';
import type { WidgetT } from '../shared/i18n.ts';
import { NEUTRAL, TRAFFIC_COLOURS } from '../shared/palette.ts';

const CENTS_PER_UNIT = 100;
const BAR_COLOUR = '#0072B2';

export const centsToUnits = (cents: number) => cents / CENTS_PER_UNIT;

export function moneyFormatter(locale: string, currency: string) {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  return (cents: number) => format.format(centsToUnits(cents));
}

/**
 * The pool as bars per person (largest first): the final amount as a bar, the proportional share
 * before floor, cap and rounding as a diamond; a bar moved by floor or cap is hatched and says so.
 */
export function buildPoolOption(
  run: PoolRunResult,
  nameOf: (personId: Id) => string,
  t: WidgetT,
  formatMoney: (cents: number) => string,
): WidgetChartOption {
  const rows = [...run.allocations].sort((a, b) => b.cents - a.cents || a.personId.localeCompare(b.personId));
  return {
    aria: { enabled: true },
    legend: { top: 0, data: [t('pool.amount'), t('pool.ideal')] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((a) => nameOf(a.personId)),
      axisLabel: { interval: 0, rotate: 30 },
    },
    yAxis: {
      type: 'value',
      axisLabel: { formatter: (value: number) => formatMoney(value * CENTS_PER_UNIT) },
    },
    series: [
      {
        type: 'bar',
        name: t('pool.amount'),
        itemStyle: { color: BAR_COLOUR },
        data: rows.map((a) => {
          const adjusted = a.floorApplied || a.capApplied;
          const flag = a.floorApplied ? t('pool.floorShort') : a.capApplied ? t('pool.capShort') : '';
          return {
            value: centsToUnits(a.cents),
            itemStyle: adjusted
              ? {
                  color: a.floorApplied ? TRAFFIC_COLOURS.amber.strong : TRAFFIC_COLOURS.red.strong,
                  decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: Math.PI / 4 },
                }
              : { color: BAR_COLOUR },
            label: {
              show: true,
              position: 'top',
              fontSize: 10,
              color: NEUTRAL.text,
              formatter: flag ? `${formatMoney(a.cents)}\n${flag}` : formatMoney(a.cents),
            },
          };
        }),
      },
      {
        type: 'line',
        name: t('pool.ideal'),
        data: rows.map((a) => centsToUnits(Math.round(a.idealCents))),
        symbol: 'diamond',
        symbolSize: 10,
        lineStyle: { opacity: 0 },
        itemStyle: { color: NEUTRAL.muted },
      },
    ],
  };
}
