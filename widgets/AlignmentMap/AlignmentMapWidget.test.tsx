// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { getInstanceByDom } from 'echarts/core';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCard, makeKr, makeObjective } from '../shared/factories.ts';
import { AlignmentMap } from './index.tsx';
import { MAP_ROW_HEIGHT } from './map-option.ts';

afterEach(cleanup);

describe('AlignmentMap', () => {
  it('hands ECharts both trees and grows with the number of KRs', () => {
    const objectives = [makeObjective({ id: 'o-1', title: '拓展新能源行业客户' })];
    const cards = Array.from({ length: 40 }, (_, i) =>
      makeCard(
        makeKr({
          id: `kr-${i}`,
          links: i % 4 === 0 ? [] : [{ objectiveId: 'o-1', weight: 100, linkedAt: '2026-01-08T00:00:00Z' }],
        }),
      ),
    );
    render(
      <AlignmentMap objectives={objectives} cards={cards} locale="en-US" renderer="svg" minHeight={100} />,
    );
    const figure = screen.getByRole('figure', {
      name: 'Links from strategic objectives through regions to personal KRs',
    });
    const element = figure.firstElementChild as HTMLElement;
    expect(element.style.height).toBe(`${30 * MAP_ROW_HEIGHT}px`);
    const option = getInstanceByDom(element)?.getOption() as {
      series: { id: string; data: { name: string }[] }[];
    };
    expect(option.series.map((s) => s.id)).toEqual(['aligned', 'unaligned']);
    expect(option.series[1]?.data[0]?.name).toBe('Unlinked KRs · 10 KRs');
  });
});
