// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { getInstanceByDom } from 'echarts/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Health } from '../../plugin/domain/health.ts';
import type { Settings } from '../../plugin/domain/settings.ts';
import defaults from '../../rules/settings.defaults.json' with { type: 'json' };
import { renderChartToSvg } from '../shared/echarts.ts';
import { widgetT } from '../shared/i18n.ts';
import { TEST_IDS } from '../test-ids.ts';
import { HealthRadar } from './index.tsx';
import { buildHealthRadarOption, healthTarget, seriesForMode } from './radar-option.ts';

const settings = defaults as Settings;
const rep: Health = {
  signedDeals: 66.7,
  clientVisits: 100,
  proposalConversion: 50,
  keyClientCoverage: 80,
  highMarginShare: 45.2,
  krPace: 90,
};
const median: Health = {
  signedDeals: 100,
  clientVisits: 75,
  proposalConversion: 62.5,
  keyClientCoverage: 100,
  highMarginShare: 70,
  krPace: 100,
};
const t = widgetT('zh-CN');

afterEach(cleanup);

type RadarOption = {
  radar: { indicator: { name: string; max: number }[] };
  series: { data: { name: string; value: number[]; lineStyle: { type: string } }[] }[];
};

describe('health radar option', () => {
  it('labels each axis with its target from settings and scales to the target', () => {
    const option = buildHealthRadarOption(
      ['signedDeals', 'krPace'],
      [{ name: '黄敏', kind: 'rep', values: rep }],
      settings,
      t,
    ) as unknown as RadarOption;
    expect(option.radar.indicator).toEqual([
      { name: '签单数\n目标 3 单/月', max: 100, min: 0 },
      { name: 'KR 进度\n目标 进度 ≥ 90%', max: 100, min: 0 },
    ]);
    expect(option.series[0]?.data[0]?.value).toEqual([67, 90]);
  });

  it('follows changed settings targets', () => {
    const changed = { ...settings, health: { ...settings.health, clientVisitsPerMonth: 20 } };
    expect(healthTarget('clientVisits', changed)).toBe(20);
    const option = buildHealthRadarOption(['clientVisits'], [], changed, t) as unknown as RadarOption;
    expect(option.radar.indicator[0]?.name).toBe('客户拜访\n目标 20 次/月');
  });

  it('draws the rep over a dashed team median', () => {
    const series = seriesForMode('repVsMedian', {
      rep: { name: '黄敏', kind: 'rep', values: rep },
      median: { name: '团队中位数', kind: 'median', values: median },
    });
    const option = buildHealthRadarOption(
      ['signedDeals', 'clientVisits', 'proposalConversion', 'keyClientCoverage', 'highMarginShare', 'krPace'],
      series,
      settings,
      t,
    ) as unknown as RadarOption;
    const [repData, medianData] = option.series[0]?.data ?? [];
    expect(repData?.value).toEqual([67, 100, 50, 80, 45, 90]);
    expect(medianData?.lineStyle.type).toBe('dashed');
    const svg = renderChartToSvg(option as never, 500, 400);
    expect(svg).toContain('方案转化率');
    expect(svg).toContain('团队中位数');
  });

  it('shows only the series a mode asks for', () => {
    const data = {
      rep: { name: 'a', kind: 'rep' as const, values: rep },
      team: { name: 'b', kind: 'team' as const, values: median },
      median: { name: 'c', kind: 'median' as const, values: median },
    };
    expect(seriesForMode('rep', data).map((s) => s.name)).toEqual(['a']);
    expect(seriesForMode('team', data).map((s) => s.name)).toEqual(['b']);
    expect(seriesForMode('repVsMedian', data).map((s) => s.name)).toEqual(['a', 'c']);
  });
});

describe('HealthRadar', () => {
  it('switches mode and reports it', () => {
    const onModeChange = vi.fn();
    render(
      <HealthRadar
        rep={{ name: '黄敏', health: rep }}
        team={median}
        median={median}
        settings={settings}
        onModeChange={onModeChange}
        renderer="svg"
      />,
    );
    const figure = screen.getByRole('figure', { name: '目标健康度雷达图' });
    const chart = getInstanceByDom(figure.firstElementChild as HTMLElement);
    const seriesNames = () =>
      ((chart?.getOption() as RadarOption | undefined)?.series[0]?.data ?? []).map((d) => d.name);
    expect(seriesNames()).toEqual(['黄敏']);
    fireEvent.click(screen.getByText('个人对比团队中位数'));
    expect(onModeChange).toHaveBeenCalledExactlyOnceWith('repVsMedian');
    expect(seriesNames()).toEqual(['黄敏', '团队中位数']);
    expect(screen.getByTestId(TEST_IDS.radar.root)).toBeTruthy();
  });

  it('offers no mode switch when only a team is given', () => {
    render(<HealthRadar team={median} settings={settings} renderer="svg" />);
    expect(screen.queryByTestId(TEST_IDS.radar.mode)).toBeNull();
  });
});
