import { describe, expect, it } from 'vitest';
import { daysSinceUpdate, isStale } from './alerts.ts';
import { alignmentRate, linkedRate } from './alignment.ts';
import { healthOf } from './health.ts';
import { fillCreationDates, firstOwedMonth, lifetimeStart, owesCheckIn } from './kr-lifetime.ts';
import { completionRate, metricsByMonth } from './metrics.ts';
import { krColours } from './pace.ts';
import {
  makeAlignedKeyResult,
  makeCheckIn,
  makeCycle,
  makeKeyResult,
  makePerson,
  makeSettings,
  makeSnapshot,
} from './test-factories.ts';
import type { KeyResult } from './types.ts';

const settings = makeSettings({ calibration: { checkinDueDay: 5 } }); // due on day 5 of the next month
const cycle = makeCycle(); // 2026-01 … 2026-06
const monthsOf = (kr: KeyResult, at: string) =>
  krColours(kr, [], cycle, settings, at).map((mc) => `${mc.month}:${mc.colour}:${mc.missing}`);

describe('firstOwedMonth and the calibration-week boundary', () => {
  it('a KR created in the last second of March owes March', () => {
    const kr = makeKeyResult({ createdAt: '2026-03-31T23:59:59Z' });
    expect(firstOwedMonth(kr)).toBe('2026-03');
    expect(owesCheckIn(kr, '2026-02')).toBe(false);
    // March's check-in is due on 5 April; on the 6th it is missing, and only it.
    expect(monthsOf(kr, '2026-04-06')).toEqual(['2026-03:red:true']);
  });

  it("a KR created on the first day of March's calibration week owes April first, not March", () => {
    const kr = makeKeyResult({ createdAt: '2026-04-01T00:00:00Z' });
    expect(firstOwedMonth(kr)).toBe('2026-04');
    expect(monthsOf(kr, '2026-04-06')).toEqual([]);
    expect(monthsOf(kr, '2026-05-06')).toEqual(['2026-04:red:true']);
  });

  it('a KR created mid-cycle has no colour, no missing month and no streak before it existed', () => {
    const kr = makeKeyResult({ createdAt: '2026-04-15T03:00:00Z' });
    const rows = krColours(kr, [], cycle, settings, '2026-06-30');
    expect(rows.map((r) => r.month)).toEqual(['2026-04', '2026-05']);
    // The red streak starts in the KR's first month, not at the cycle start.
    expect(rows.map((r) => r.redStreak)).toEqual([1, 2]);
  });

  it('a stray check-in of a month before the KR existed does not colour that month', () => {
    const kr = makeKeyResult({ createdAt: '2026-04-15T03:00:00Z' });
    const early = makeCheckIn({ month: '2026-03', value: 12 });
    expect(krColours(kr, [early], cycle, settings, '2026-04-10')).toEqual([]);
  });
});

describe('time without an update counts from the creation', () => {
  it('a KR never updated is stale only after its own interval since it was created', () => {
    const kr = makeKeyResult({ createdAt: '2026-05-20T00:00:00Z' });
    expect(lifetimeStart(kr, cycle)).toBe('2026-05-20T00:00:00Z');
    expect(daysSinceUpdate(kr, [], cycle, '2026-06-04')).toBe(15);
    expect(isStale(kr, [], cycle, settings, '2026-06-04')).toBe(false);
  });

  it('a KR created before the cycle began counts from the cycle start', () => {
    const kr = makeKeyResult({ createdAt: '2025-12-20T08:00:00Z' });
    expect(lifetimeStart(kr, cycle)).toBe(cycle.start);
    expect(daysSinceUpdate(kr, [], cycle, '2026-01-31')).toBe(30);
  });
});

describe('a KR not yet existing is left out of rates and health', () => {
  const old = makeAlignedKeyResult({ id: 'kr-old' });
  const late = makeKeyResult({ id: 'kr-late', createdAt: '2026-04-10T02:00:00Z' });
  const people = [makePerson({ id: 'person-1', role: 'sales' })];
  const checkIns = [makeCheckIn({ krId: 'kr-old', month: '2026-01', value: 2 })];
  const snapshot = makeSnapshot({ people, keyResults: [old, late], checkIns });

  it('alignment and linked rates of March count the old KR only; of April both', () => {
    expect(alignmentRate([old, late], [], settings, '2026-03-31').total).toBe(1);
    expect(linkedRate([old, late], '2026-03-31')).toMatchObject({ aligned: 1, total: 1, rate: 1 });
    expect(linkedRate([old, late], '2026-04-30')).toMatchObject({ aligned: 1, total: 2 });
  });

  it('completion rate and the metrics rows of earlier months are as if the late KR did not exist', () => {
    const without = makeSnapshot({ people, keyResults: [old], checkIns });
    expect(completionRate('person-1', snapshot, '2026-03', settings)).toBe(
      completionRate('person-1', without, '2026-03', settings),
    );
    expect(metricsByMonth(snapshot, settings).slice(0, 3)).toEqual(
      metricsByMonth(without, settings).slice(0, 3),
    );
    expect(completionRate('person-1', snapshot, '2026-04', settings)).not.toBe(
      completionRate('person-1', without, '2026-04', settings),
    );
  });

  it('the KR pace axis of the radar counts only KRs that existed in the month', () => {
    const without = makeSnapshot({ people, keyResults: [old], checkIns });
    expect(healthOf('person-1', snapshot, settings, '2026-02').krPace).toBe(
      healthOf('person-1', without, settings, '2026-02').krPace,
    );
  });
});

describe('an old snapshot without createdAt', () => {
  it('gets the cycle start, and then colours every month as before', () => {
    const { createdAt: _dropped, ...stored } = makeKeyResult();
    const snapshot = fillCreationDates(makeSnapshot({ keyResults: [stored as KeyResult] }));
    expect(snapshot.keyResults[0]!.createdAt).toBe('2026-01-01T00:00:00Z');
    expect(krColours(snapshot.keyResults[0]!, [], cycle, settings, '2026-06-30')).toHaveLength(5);
  });

  it('keeps a createdAt it has', () => {
    const kr = makeKeyResult({ createdAt: '2026-02-03T04:05:06Z' });
    expect(fillCreationDates(makeSnapshot({ keyResults: [kr] })).keyResults[0]!.createdAt).toBe(
      '2026-02-03T04:05:06Z',
    );
  });
});
