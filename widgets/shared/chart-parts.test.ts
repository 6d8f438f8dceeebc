import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CycleMetrics } from '../../plugin/domain/metrics.ts';
import type { PoolRunResult } from '../../plugin/domain/pool.ts';
import type { Settings } from '../../plugin/domain/settings.ts';
import defaults from '../../rules/settings.defaults.json' with { type: 'json' };
import { widgetT } from './i18n.ts';

// Each chart widget registers only the ECharts parts it draws with (so a page bundles only its own
// charts). Loaded alone, without shared/echarts.ts (which registers every part), each widget's own
// option must still draw: ECharts warns in development about a series or component it was not given.
const MISSING_PART = /not imported|not exists|load it first|unknown series/i;

const t = widgetT('en-US');

afterEach(() => {
  vi.restoreAllMocks();
});

/** Loads the widget entry in a fresh module graph and draws `build()`'s option as SVG with the shared core. */
async function drawAlone(
  entry: string,
  build: () => Promise<unknown>,
): Promise<{ svg: string; said: string[] }> {
  vi.resetModules();
  const said: string[] = [];
  for (const level of ['warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      const words = args.map(String).join(' ');
      if (MISSING_PART.test(words)) said.push(words);
    });
  }
  await import(/* @vite-ignore */ entry);
  const { init } = await import('./echarts-core.ts');
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 400 });
  try {
    chart.setOption({ ...((await build()) as object), animation: false });
    return { svg: chart.renderToSVGString(), said };
  } finally {
    chart.dispose();
  }
}

describe('chart parts each widget registers', () => {
  it('HealthRadar draws its radar with legend', async () => {
    const { svg, said } = await drawAlone('../HealthRadar/index.tsx', async () => {
      const { buildHealthRadarOption } = await import('../HealthRadar/radar-option.ts');
      const { HEALTH_DIMENSIONS } = await import('../../plugin/domain/health.ts');
      const values = Object.fromEntries(HEALTH_DIMENSIONS.map((d) => [d, 80])) as never;
      return buildHealthRadarOption(
        HEALTH_DIMENSIONS,
        [{ name: 'Rep A', kind: 'rep', values }],
        defaults as Settings,
        t,
      );
    });
    expect(said).toEqual([]);
    expect(svg).toContain('Rep A');
  });

  it('MetricsDashboard draws its lines with the reference line', async () => {
    const { svg, said } = await drawAlone('../MetricsDashboard/index.tsx', async () => {
      const { buildMetricOption } = await import('../MetricsDashboard/metrics-option.ts');
      const month = (m: string, alignmentRate: number): CycleMetrics => ({
        month: m,
        alignmentRate,
        linkedRate: alignmentRate,
        averageResponseDays: null,
        highMarginShare: null,
        completionSpread: null,
      });
      return buildMetricOption(
        'alignmentRate',
        [month('2026-01', 0.4), month('2026-02', 0.7)],
        { alignmentRate: 0.38 },
        t,
      );
    });
    expect(said).toEqual([]);
    expect(svg).toContain('2026-02');
    // The before-value line is a markLine: ECharts drops it without a word when that part is missing.
    expect(svg).toContain(`${t('metrics.baseline')} 38%`);
  });

  it('PoolAllocation draws its bars and ideal-share marks', async () => {
    const { svg, said } = await drawAlone('../PoolAllocation/index.tsx', async () => {
      const { buildPoolOption, moneyFormatter } = await import('../PoolAllocation/pool-option.ts');
      const allocation = (personId: string, cents: number) => ({
        personId,
        cents,
        idealCents: cents,
        floorApplied: false,
        capApplied: false,
      });
      const run = {
        quarter: '2026-Q1',
        poolCents: 300_000,
        eligible: ['p-a', 'p-b'],
        excluded: [],
        allocations: [allocation('p-a', 200_000), allocation('p-b', 100_000)],
        statements: [],
      } as unknown as PoolRunResult;
      return buildPoolOption(run, (id) => `Person ${id}`, t, moneyFormatter('en-US', 'CNY'));
    });
    expect(said).toEqual([]);
    expect(svg).toContain('Person p-a');
  });
});
