import { waitingDays } from './sla.ts';

describe('waitingDays: the SLA clock of an escalation', () => {
  it.each([
    ['2026-09-28T10:00:00Z', '2026-10-03T09:00:00Z', 4],
    ['2026-09-05T08:30:00Z', '2026-12-03T12:00:00Z', 89],
    ['2026-09-30T23:00:00Z', '2026-10-01T01:00:00Z', 0],
    ['2026-12-31T08:00:00Z', '2027-01-02T08:00:00Z', 2],
    ['2026-02-27T00:00:00Z', '2026-03-01T00:00:00Z', 2],
  ])('raised %s, now %s: %i days', (raisedAt, now, days) => {
    expect(waitingDays({ raisedAt, resolvedAt: null }, now)).toBe(days);
  });

  it('stops at the resolution and never goes negative', () => {
    expect(
      waitingDays(
        { raisedAt: '2026-09-05T08:00:00Z', resolvedAt: '2026-09-15T09:00:00Z' },
        '2026-12-03T00:00:00Z',
      ),
    ).toBe(10);
    expect(waitingDays({ raisedAt: '2026-12-05T08:00:00Z', resolvedAt: null }, '2026-12-03T00:00:00Z')).toBe(
      0,
    );
  });
});
