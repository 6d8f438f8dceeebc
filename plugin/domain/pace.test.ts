import { describe, expect, it } from 'vitest';
import {
  checkInDueDate,
  colourFromPace,
  expectedProgress,
  krColours,
  krProgress,
  pacePercent,
  shouldEscalate,
  targetAt,
} from './pace.ts';
import { makeCheckIn, makeCycle, makeKeyResult, makeSettings, makeTargetRevision } from './test-factories.ts';

const settings = makeSettings();
const cycle = makeCycle();
const { greenMinPacePercent, amberMinPacePercent, amberStreakToEscalate } = settings.calibration;

describe('krProgress', () => {
  it.each([
    { name: 'at baseline', kr: { baseline: 0, target: 12 }, value: 0, progress: 0 },
    { name: 'half way', kr: { baseline: 0, target: 12 }, value: 6, progress: 0.5 },
    { name: 'beyond target', kr: { baseline: 0, target: 12 }, value: 18, progress: 1.5 },
    { name: 'below baseline is 0', kr: { baseline: 10, target: 20 }, value: 5, progress: 0 },
    { name: 'falling target half way', kr: { baseline: 20, target: 10 }, value: 15, progress: 0.5 },
    { name: 'falling target worse than baseline', kr: { baseline: 20, target: 10 }, value: 25, progress: 0 },
    { name: 'target equal to baseline, reached', kr: { baseline: 5, target: 5 }, value: 5, progress: 1 },
    { name: 'target equal to baseline, missed', kr: { baseline: 5, target: 5 }, value: 4.99, progress: 0 },
    {
      name: 'milestone reached',
      kr: { metric: 'milestone' as const, baseline: 0, target: 1 },
      value: 1,
      progress: 1,
    },
    {
      name: 'milestone beyond',
      kr: { metric: 'milestone' as const, baseline: 0, target: 1 },
      value: 2,
      progress: 1,
    },
    {
      name: 'milestone not reached',
      kr: { metric: 'milestone' as const, baseline: 0, target: 1 },
      value: 0.9,
      progress: 0,
    },
  ])('$name', ({ kr, value, progress }) => {
    expect(krProgress(makeKeyResult(kr), value)).toBeCloseTo(progress, 12);
  });
});

describe('targetAt', () => {
  const kr = makeKeyResult({
    target: 15,
    targetHistory: [
      makeTargetRevision({ at: '2026-05-01T00:00:00Z', previousTarget: 12, newTarget: 15 }),
      makeTargetRevision({ at: '2026-03-15T00:00:00Z', previousTarget: 10, newTarget: 12 }),
    ],
  });
  it.each([
    { at: '2026-02-28', target: 10 },
    { at: '2026-03-15', target: 12 },
    { at: '2026-04-30', target: 12 },
    { at: '2026-05-01T00:00:00Z', target: 15 },
  ])('as of $at the target is $target', ({ at, target }) => {
    expect(targetAt(kr, at)).toBe(target);
  });
  it('is the current target without revisions', () => {
    expect(targetAt(makeKeyResult({ target: 7 }), '2026-01-01')).toBe(7);
  });
});

describe('expectedProgress and pacePercent', () => {
  it.each([
    { month: '2025-12', expected: 0 },
    { month: '2026-01', expected: 1 / 6 },
    { month: '2026-03', expected: 3 / 6 },
    { month: '2026-06', expected: 1 },
    { month: '2026-07', expected: 1 },
  ])('$month expects $expected', ({ month, expected }) => {
    expect(expectedProgress(cycle, month)).toBeCloseTo(expected, 12);
  });
  it('pace is progress over expected in percent, 100 when nothing is expected', () => {
    expect(pacePercent(0.25, 0.5)).toBe(50);
    expect(pacePercent(0.75, 0.5)).toBe(150);
    expect(pacePercent(0, 0)).toBe(100);
  });
});

describe('colourFromPace', () => {
  it.each([
    { pace: greenMinPacePercent + 50, colour: 'green' },
    { pace: greenMinPacePercent, colour: 'green' },
    { pace: greenMinPacePercent - 0.001, colour: 'amber' },
    { pace: amberMinPacePercent, colour: 'amber' },
    { pace: amberMinPacePercent - 0.001, colour: 'red' },
    { pace: 0, colour: 'red' },
  ])('pace $pace is $colour', ({ pace, colour }) => {
    expect(colourFromPace(pace, settings)).toBe(colour);
  });
  it('follows the bands in settings', () => {
    const strict = makeSettings({ calibration: { greenMinPacePercent: 100, amberMinPacePercent: 95 } });
    expect(colourFromPace(greenMinPacePercent, settings)).toBe('green');
    expect(colourFromPace(greenMinPacePercent, strict)).toBe('red');
  });
});

describe('checkInDueDate', () => {
  it('is the due day of the next month', () => {
    expect(checkInDueDate('2026-01', settings)).toBe(`2026-02-0${settings.calibration.checkinDueDay}`);
    expect(checkInDueDate('2026-12', makeSettings({ calibration: { checkinDueDay: 28 } }))).toBe(
      '2027-01-28',
    );
  });
});

describe('krColours', () => {
  // 0 → 12 over six months: on pace means 2 per month.
  const kr = makeKeyResult({ baseline: 0, target: 12 });
  const checkIn = (month: string, value: number, submittedAt = `${month}-28T09:00:00Z`) =>
    makeCheckIn({ month, value, submittedAt });

  it('missing check-in: nothing before the due day passes, red and missing after', () => {
    const due = checkInDueDate('2026-01', settings);
    expect(krColours(kr, [], cycle, settings, due)).toEqual([]);
    expect(krColours(kr, [], cycle, settings, `${due}T23:59:59Z`)).toEqual([]);
    const after = krColours(
      kr,
      [],
      cycle,
      settings,
      `${due.slice(0, 8)}0${settings.calibration.checkinDueDay + 1}`,
    );
    expect(after).toEqual([
      {
        krId: 'kr-1',
        month: '2026-01',
        colour: 'red',
        pacePercent: null,
        missing: true,
        checkInId: null,
        amberStreak: 0,
        redStreak: 1,
      },
    ]);
  });

  it('a later due day keeps the month open longer', () => {
    const late = makeSettings({ calibration: { checkinDueDay: 20 } });
    expect(krColours(kr, [], cycle, settings, '2026-02-15')).toHaveLength(1);
    expect(krColours(kr, [], cycle, late, '2026-02-15')).toHaveLength(0);
  });

  it('a check-in before its due date shows; one submitted after `at` does not', () => {
    const early = checkIn('2026-01', 2, '2026-01-30T09:00:00Z');
    expect(krColours(kr, [early], cycle, settings, '2026-01-31')).toHaveLength(1);
    expect(krColours(kr, [early], cycle, settings, '2026-01-29')).toHaveLength(0);
  });

  it('colours by pace at the band edges', () => {
    // January expects 1/6 of 12 = 2; value 2 × pace% / 100 gives exactly that pace.
    const atGreen = krColours(
      kr,
      [checkIn('2026-01', (2 * greenMinPacePercent) / 100)],
      cycle,
      settings,
      '2026-01-31',
    );
    const atAmber = krColours(
      kr,
      [checkIn('2026-01', (2 * amberMinPacePercent) / 100)],
      cycle,
      settings,
      '2026-01-31',
    );
    const belowAmber = krColours(
      kr,
      [checkIn('2026-01', (2 * amberMinPacePercent) / 100 - 0.001)],
      cycle,
      settings,
      '2026-01-31',
    );
    expect(atGreen[0]).toMatchObject({ colour: 'green', missing: false, checkInId: 'checkin-kr-1-2026-01' });
    expect(atGreen[0]?.pacePercent).toBeCloseTo(greenMinPacePercent, 9);
    expect(atAmber[0]?.colour).toBe('amber');
    expect(belowAmber[0]?.colour).toBe('red');
  });

  it('uses the newest check-in of a month', () => {
    const first = makeCheckIn({
      id: 'first',
      month: '2026-01',
      value: 0,
      submittedAt: '2026-01-28T09:00:00Z',
    });
    const second = makeCheckIn({
      id: 'second',
      month: '2026-01',
      value: 2,
      submittedAt: '2026-01-29T09:00:00Z',
    });
    expect(krColours(kr, [second, first], cycle, settings, '2026-01-31')[0]).toMatchObject({
      checkInId: 'second',
      colour: 'green',
    });
  });

  it('measures against the target in force at the end of the month', () => {
    // Target raised from 6 to 12 in February: January's 1 is on pace against 6, February's 2 is not against 12.
    const revised = makeKeyResult({
      target: 12,
      targetHistory: [makeTargetRevision({ at: '2026-02-10T00:00:00Z', previousTarget: 6, newTarget: 12 })],
    });
    const colours = krColours(
      revised,
      [checkIn('2026-01', 1), checkIn('2026-02', 2)],
      cycle,
      settings,
      '2026-02-28',
    );
    expect(colours.map((c) => c.colour)).toEqual(['green', 'red']);
  });

  describe('streaks and escalation', () => {
    // Values per month for 0 → 12: green = 2 per month, amber = 80 % pace.
    const amberValue = (monthIndex: number) =>
      ((monthIndex + 1) * 2 * (greenMinPacePercent + amberMinPacePercent)) / 200;
    const greenValue = (monthIndex: number) => (monthIndex + 1) * 2;
    const months = ['2026-01', '2026-02', '2026-03', '2026-04'];
    const run = (kinds: ('g' | 'a' | 'r' | '-')[], s = settings) =>
      krColours(
        kr,
        kinds.flatMap((kind, i) => {
          const month = months[i] as string;
          if (kind === '-') return [];
          return [checkIn(month, kind === 'g' ? greenValue(i) : kind === 'a' ? amberValue(i) : 0)];
        }),
        cycle,
        s,
        '2026-05-31',
      );

    it('the month an amber streak reaches amberStreakToEscalate escalates, not before', () => {
      expect(amberStreakToEscalate).toBe(2);
      const colours = run(['g', 'a', 'a', 'a']);
      expect(colours.map((c) => [c.colour, c.amberStreak])).toEqual([
        ['green', 0],
        ['amber', 1],
        ['amber', 2],
        ['amber', 3],
      ]);
      expect(colours.map((c) => shouldEscalate(c, settings))).toEqual([false, false, true, true]);
    });

    it('a green month breaks the amber streak', () => {
      const colours = run(['a', 'g', 'a', 'g']);
      expect(colours.map((c) => c.amberStreak)).toEqual([1, 0, 1, 0]);
      expect(colours.some((c) => shouldEscalate(c, settings))).toBe(false);
    });

    it('amberStreakToEscalate comes from settings', () => {
      const patient = makeSettings({ calibration: { amberStreakToEscalate: 3 } });
      const colours = run(['g', 'a', 'a', 'a'], patient);
      expect(colours.map((c) => shouldEscalate(c, patient))).toEqual([false, false, false, true]);
    });

    it('red escalates at once; missing months count in the red streak', () => {
      const colours = run(['r', '-', 'a', 'r']);
      expect(colours.map((c) => [c.colour, c.redStreak, c.missing])).toEqual([
        ['red', 1, false],
        ['red', 2, true],
        ['amber', 0, false],
        ['red', 1, false],
      ]);
      expect(colours.map((c) => shouldEscalate(c, settings))).toEqual([true, true, false, true]);
    });

    it('months after `at` and not yet due are left out', () => {
      expect(run(['g', 'g', 'g', 'g']).map((c) => c.month)).toEqual(months);
    });
  });
});
