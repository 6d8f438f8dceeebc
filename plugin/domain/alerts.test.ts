import { describe, expect, it } from 'vitest';
import { daysSinceContact, daysSinceUpdate, hasKeyClientGap, isStale, lastUpdate } from './alerts.ts';
import {
  makeCheckIn,
  makeCycle,
  makeKeyAccount,
  makeKeyResult,
  makeSettings,
  makeTargetRevision,
} from './test-factories.ts';

const settings = makeSettings();
const gap = settings.alerts.keyClientGapDays;

describe('key-client contact', () => {
  it('counts days since the last contact, null when never contacted', () => {
    expect(daysSinceContact(makeKeyAccount({ lastContactAt: '2026-01-01' }), '2026-04-01')).toBe(90);
    expect(daysSinceContact(makeKeyAccount({ lastContactAt: '2026-01-01' }), '2026-01-01T12:00:00Z')).toBe(
      0.5,
    );
    expect(daysSinceContact(makeKeyAccount({ lastContactAt: null }), '2026-04-01')).toBeNull();
  });

  it.each([
    { days: gap - 1, alert: false },
    { days: gap, alert: false },
    { days: gap + 1, alert: true },
  ])('a gap of $days days alerts: $alert', ({ days, alert }) => {
    const at = new Date(Date.UTC(2026, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);
    expect(hasKeyClientGap(makeKeyAccount({ lastContactAt: '2026-01-01' }), settings, at)).toBe(alert);
  });

  it('never contacted is a gap; the gap length comes from settings', () => {
    expect(hasKeyClientGap(makeKeyAccount({ lastContactAt: null }), settings, '2026-01-02')).toBe(true);
    const account = makeKeyAccount({ lastContactAt: '2026-01-01' });
    expect(hasKeyClientGap(account, settings, '2026-03-02')).toBe(false);
    expect(hasKeyClientGap(account, makeSettings({ alerts: { keyClientGapDays: 30 } }), '2026-03-02')).toBe(
      true,
    );
  });
});

describe('KR updates', () => {
  const cycle = makeCycle();
  const kr = makeKeyResult({ targetHistory: [makeTargetRevision({ at: '2026-03-15T09:00:00Z' })] });
  const checkIns = [
    makeCheckIn({ month: '2026-01', submittedAt: '2026-02-03T09:00:00Z' }),
    makeCheckIn({ month: '2026-03', submittedAt: '2026-04-02T09:00:00Z' }),
    makeCheckIn({ krId: 'other', month: '2026-04', submittedAt: '2026-05-02T09:00:00Z' }),
  ];

  it('lastUpdate takes the newest check-in or revision of this KR', () => {
    expect(lastUpdate(kr, checkIns)).toBe('2026-04-02T09:00:00Z');
    expect(lastUpdate(kr, checkIns, '2026-04-01')).toBe('2026-03-15T09:00:00Z');
    expect(lastUpdate(kr, [], '2026-03-01')).toBeNull();
  });

  it('daysSinceUpdate counts from the cycle start when never updated', () => {
    expect(daysSinceUpdate(kr, [], cycle, '2026-01-31')).toBe(30);
    expect(daysSinceUpdate(kr, checkIns, cycle, '2026-02-04T09:00:00Z')).toBe(1);
  });

  it('staleness uses the KR interval, else settings.alerts.krStaleDays', () => {
    const stale = settings.alerts.krStaleDays;
    const at = new Date(Date.UTC(2026, 0, 1) + stale * 86_400_000).toISOString();
    const after = new Date(Date.UTC(2026, 0, 1) + (stale + 1) * 86_400_000).toISOString();
    const plain = makeKeyResult();
    expect(isStale(plain, [], cycle, settings, at)).toBe(false);
    expect(isStale(plain, [], cycle, settings, after)).toBe(true);
    expect(isStale(plain, [], cycle, makeSettings({ alerts: { krStaleDays: stale + 1 } }), after)).toBe(
      false,
    );
    expect(isStale(makeKeyResult({ updateIntervalDays: 10 }), [], cycle, settings, '2026-01-12')).toBe(true);
  });
});
