import { Segmented, Space } from 'antd';
import { RadarChart } from 'echarts/charts';
import { LegendComponent, RadarComponent } from 'echarts/components';
import { useMemo, useState } from 'react';
import { HEALTH_DIMENSIONS, type Health, type HealthDimension } from '../../plugin/domain/health.ts';
import type { Settings } from '../../plugin/domain/settings.ts';
import { EChart } from '../shared/EChart.tsx';
import type { ChartRenderer } from '../shared/echarts.ts';
import { use } from '../shared/echarts-core.ts';
import { useWidgetT, type WidgetLocale } from '../shared/i18n.ts';
import { TEST_IDS } from '../test-ids.ts';
import { buildHealthRadarOption, RADAR_MODES, type RadarMode, seriesForMode } from './radar-option.ts';

// The ECharts parts this widget draws with (the shared core has the renderers, aria and tooltip).
use([RadarChart, RadarComponent, LegendComponent]);

export type { RadarMode, RadarSeries } from './radar-option.ts';
export { buildHealthRadarOption, healthTarget, seriesForMode } from './radar-option.ts';

export interface HealthRadarProps {
  /** `healthOf` of the rep, with the rep's name. */
  rep?: { name: string; health: Health };
  /** `teamHealth` (mean) of the rep's team. */
  team?: Health;
  /** `medianHealth` of the rep's team. */
  median?: Health;
  /** Axes to draw, in order; all six by default. */
  dimensions?: readonly HealthDimension[];
  settings: Settings;
  /** Controlled mode; undefined lets the widget keep its own. */
  mode?: RadarMode;
  onModeChange?: (mode: RadarMode) => void;
  height?: number;
  renderer?: ChartRenderer;
  locale?: WidgetLocale;
}

const DEFAULT_HEIGHT = 380;

/** Goal-health radar: a rep, a team, or a rep over the team median, normalised against settings targets. */
export function HealthRadar({
  rep,
  team,
  median,
  dimensions = HEALTH_DIMENSIONS,
  settings,
  mode: controlledMode,
  onModeChange,
  height = DEFAULT_HEIGHT,
  renderer,
  locale,
}: HealthRadarProps) {
  const t = useWidgetT(locale);
  const [ownMode, setOwnMode] = useState<RadarMode>(rep ? 'rep' : 'team');
  const mode = controlledMode ?? ownMode;
  const option = useMemo(() => {
    const series = seriesForMode(mode, {
      rep: rep && { name: rep.name, kind: 'rep', values: rep.health },
      team: team && { name: t('radar.team'), kind: 'team', values: team },
      median: median && { name: t('radar.median'), kind: 'median', values: median },
    });
    return buildHealthRadarOption(dimensions, series, settings, t);
  }, [mode, rep, team, median, dimensions, settings, t]);
  const available = RADAR_MODES.filter((m) => (m === 'team' ? team : m === 'rep' ? rep : rep && median));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={TEST_IDS.radar.root}>
      {available.length > 1 && (
        <Segmented<RadarMode>
          data-testid={TEST_IDS.radar.mode}
          value={mode}
          options={available.map((m) => ({ value: m, label: t(`radar.mode.${m}`) }))}
          onChange={(next) => {
            if (controlledMode === undefined) setOwnMode(next);
            onModeChange?.(next);
          }}
        />
      )}
      <EChart option={option} height={height} renderer={renderer} ariaLabel={t('radar.aria')} />
    </Space>
  );
}

export default HealthRadar;
