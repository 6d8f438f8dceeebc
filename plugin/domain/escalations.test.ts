import { describe, expect, it } from 'vitest';
import { averageResponseDays, isOverdue, isResolvedBy, responseDays } from './escalations.ts';
import { makeEscalation, makeSettings } from './test-factories.ts';

const settings = makeSettings();
const target = settings.alerts.escalationResponseTargetDays;

describe('response days', () => {
  it('is fractional: 2.3 days', () => {
    const e = makeEscalation({ raisedAt: '2026-03-03T09:00:00Z', resolvedAt: '2026-03-05T16:12:00Z' });
    expect(responseDays(e)).toBeCloseTo(2.3, 12);
  });

  it('is null while unresolved', () => {
    expect(responseDays(makeEscalation())).toBeNull();
  });

  it('averages the resolved ones only; null when none', () => {
    const es = [
      makeEscalation({ id: 'a', raisedAt: '2026-03-01T00:00:00Z', resolvedAt: '2026-03-02T00:00:00Z' }),
      makeEscalation({ id: 'b', raisedAt: '2026-03-01T00:00:00Z', resolvedAt: '2026-03-04T14:24:00Z' }),
      makeEscalation({ id: 'c' }),
    ];
    expect(averageResponseDays(es)).toBeCloseTo(2.3, 12);
    expect(averageResponseDays([makeEscalation()])).toBeNull();
    expect(averageResponseDays([])).toBeNull();
  });
});

describe('isOverdue', () => {
  const raisedAt = '2026-03-03T09:00:00Z';
  const plusDays = (days: number) => new Date(Date.parse(raisedAt) + days * 86_400_000).toISOString();

  it.each([
    { name: 'raised after `at`', e: { raisedAt }, at: '2026-03-02T00:00:00Z', overdue: false },
    { name: 'exactly at the target', e: { raisedAt }, at: plusDays(target), overdue: false },
    { name: 'just past the target', e: { raisedAt }, at: plusDays(target + 0.01), overdue: true },
    {
      name: 'resolved in time',
      e: { raisedAt, resolvedAt: plusDays(1) },
      at: plusDays(target + 5),
      overdue: false,
    },
    {
      name: 'resolved later than `at`',
      e: { raisedAt, resolvedAt: plusDays(target + 10) },
      at: plusDays(target + 5),
      overdue: true,
    },
  ])('$name → $overdue', ({ e, at, overdue }) => {
    expect(isOverdue(makeEscalation(e), settings, at)).toBe(overdue);
  });

  it('the target days come from settings', () => {
    const e = makeEscalation({ raisedAt });
    const at = plusDays(target + 1);
    expect(isOverdue(e, settings, at)).toBe(true);
    expect(isOverdue(e, makeSettings({ alerts: { escalationResponseTargetDays: target + 2 } }), at)).toBe(
      false,
    );
  });

  it('a calendar date means the end of that day', () => {
    const e = makeEscalation({ raisedAt, resolvedAt: '2026-03-10T18:00:00Z' });
    expect(isResolvedBy(e, '2026-03-10')).toBe(true);
    expect(isResolvedBy(e, '2026-03-09')).toBe(false);
  });
});
