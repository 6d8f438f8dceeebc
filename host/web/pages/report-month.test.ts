import type { Cycle } from '../../../plugin/domain/types.ts';
import { suggestedReportMonth } from './report-month.ts';

const cycle = (id: string, start: string, end: string): Cycle => ({
  id,
  name: id,
  start,
  end,
  locked: false,
});
const h1 = cycle('2026-H1', '2026-01-01', '2026-06-30');

describe('suggested report month', () => {
  it('offers last month inside a cycle, across a year end too', () => {
    expect(suggestedReportMonth([h1], '2026-05-15')).toBe('2026-04');
    expect(suggestedReportMonth([cycle('2025-H2', '2025-07-01', '2025-12-31')], '2026-01-03')).toBe(
      '2025-12',
    );
  });

  it('falls back to the last month of the latest cycle when no cycle covers last month', () => {
    expect(suggestedReportMonth([h1], '2026-11-27')).toBe('2026-06');
    expect(suggestedReportMonth([], '2026-11-27')).toBe('2026-10');
  });
});
