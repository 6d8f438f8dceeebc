import type { Health, HealthDimension } from '../../plugin/domain/health.ts';
import type { Settings } from '../../plugin/domain/settings.ts';
import type { WidgetChartOption } from '../shared/echarts.ts';
import type { WidgetT } from '../shared/i18n.ts';
import { SERIES_COLOURS } from '../shared/palette.ts';

export type RadarMode = 'rep' | 'team' | 'repVsMedian';
export const RADAR_MODES: readonly RadarMode[] = ['rep', 'team', 'repVsMedian'];

export interface RadarSeries {
  name: string;
  kind: 'rep' | 'team' | 'median';
  values: Health;
}

/** healthOf scores every axis 0..100, 100 meaning the settings target is met. */
const HEALTH_SCALE_MAX = 100;

/** The settings value each axis is normalised against, shown next to the axis name. */
export function healthTarget(dimension: HealthDimension, settings: Settings): number {
  switch (dimension) {
    case 'signedDeals':
      return settings.health.signedDealsPerMonth;
    case 'clientVisits':
      return settings.health.clientVisitsPerMonth;
    case 'proposalConversion':
      return settings.health.proposalConversionPercent;
    case 'keyClientCoverage':
      return settings.health.keyClientCoveragePercent;
    case 'highMarginShare':
      return settings.health.highMarginSharePercent;
    case 'krPace':
      return settings.calibration.greenMinPacePercent;
  }
}

/** Which series a mode shows: a rep, the team, or the rep over the team median. */
export function seriesForMode(
  mode: RadarMode,
  data: { rep?: RadarSeries; team?: RadarSeries; median?: RadarSeries },
): RadarSeries[] {
  const pick = (...list: (RadarSeries | undefined)[]) =>
    list.filter((s): s is RadarSeries => s !== undefined);
  if (mode === 'rep') return pick(data.rep);
  if (mode === 'team') return pick(data.team);
  return pick(data.rep, data.median);
}

const SYMBOLS: Record<RadarSeries['kind'], string> = { rep: 'circle', team: 'rect', median: 'triangle' };

export function buildHealthRadarOption(
  dimensions: readonly HealthDimension[],
  series: readonly RadarSeries[],
  settings: Settings,
  t: WidgetT,
): WidgetChartOption {
  return {
    aria: { enabled: true, decal: { show: true } },
    color: SERIES_COLOURS,
    legend: { bottom: 0, data: series.map((s) => s.name) },
    tooltip: { trigger: 'item' },
    radar: {
      radius: '62%',
      center: ['50%', '48%'],
      indicator: dimensions.map((dimension) => ({
        name: `${t(`radar.dimension.${dimension}`)}\n${t(`radar.target.${dimension}`, {
          value: healthTarget(dimension, settings),
        })}`,
        max: HEALTH_SCALE_MAX,
        min: 0,
      })),
      axisName: { color: '#1f1f1f', fontSize: 12, lineHeight: 16 },
      splitNumber: 4,
    },
    series: [
      {
        type: 'radar',
        data: series.map((s) => ({
          name: s.name,
          value: dimensions.map((d) => Math.round(s.values[d])),
          symbol: SYMBOLS[s.kind],
          symbolSize: 7,
          lineStyle: { type: s.kind === 'median' ? 'dashed' : 'solid', width: 2 },
          areaStyle: s.kind === 'median' ? undefined : { opacity: 0.15 },
          label: { show: series.length === 1, formatter: '{c}' },
        })),
      },
    ],
  };
}
