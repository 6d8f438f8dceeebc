import { lastMonthWithData } from './health-month.ts';

const months = ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'];
const activity = (month: string) => ({ month }) as never;

describe('the month the health page opens on', () => {
  it('is the last month with data, not the nearly empty current one', () => {
    const snapshot = { activities: [activity('2026-10'), activity('2026-11')], checkIns: [] };
    expect(lastMonthWithData(months, snapshot, '2026-12-03')).toBe('2026-11');
  });
  it('counts check-ins as data, never looks past today, and falls back to the current month', () => {
    expect(lastMonthWithData(months, { activities: [], checkIns: [activity('2026-09')] }, '2026-12-03')).toBe(
      '2026-09',
    );
    expect(lastMonthWithData(months, { activities: [activity('2026-12')], checkIns: [] }, '2026-11-20')).toBe(
      '2026-11',
    );
    expect(lastMonthWithData(months, { activities: [], checkIns: [] }, '2026-12-03')).toBe('2026-12');
  });
});
