import { describe, expect, it } from 'vitest';
import { HEALTH_DIMENSIONS, healthOf, medianHealth, teamHealth } from './health.ts';
import {
  makeActivity,
  makeCheckIn,
  makeKeyAccount,
  makeKeyResult,
  makePerson,
  makeSettings,
  makeSnapshot,
} from './test-factories.ts';

const settings = makeSettings();
const t = settings.health;

describe('healthOf', () => {
  it('scores each axis against its target, capped at 100', () => {
    const snapshot = makeSnapshot({
      people: [makePerson()],
      activities: [
        makeActivity({
          month: '2026-03',
          dealsSigned: t.signedDealsPerMonth * 2,
          clientVisits: t.clientVisitsPerMonth / 2,
          proposalsSent: 10,
          proposalsWon: (10 * t.proposalConversionPercent) / 100 / 2,
          dealsAmountCents: 1000,
          highMarginAmountCents: (1000 * t.highMarginSharePercent) / 100,
        }),
        makeActivity({ month: '2026-02', dealsSigned: 99 }),
      ],
    });
    const health = healthOf('person-1', snapshot, settings, '2026-03');
    expect(health.signedDeals).toBe(100);
    expect(health.clientVisits).toBeCloseTo(50, 9);
    expect(health.proposalConversion).toBeCloseTo(50, 9);
    expect(health.highMarginShare).toBeCloseTo(100, 9);
    // No key accounts: nothing uncovered. No KRs: no pace.
    expect(health.keyClientCoverage).toBe(100);
    expect(health.krPace).toBe(0);
  });

  it('a person with no activity scores 0 on activity axes', () => {
    const health = healthOf('person-1', makeSnapshot(), settings, '2026-03');
    expect(health).toMatchObject({
      signedDeals: 0,
      clientVisits: 0,
      proposalConversion: 0,
      highMarginShare: 0,
    });
  });

  it('key-client coverage counts accounts contacted within the gap by the month end', () => {
    const snapshot = makeSnapshot({
      keyAccounts: [
        makeKeyAccount({ id: 'a', lastContactAt: '2026-03-01' }),
        makeKeyAccount({ id: 'b', lastContactAt: '2025-11-01' }),
        makeKeyAccount({ id: 'c', lastContactAt: null }),
        makeKeyAccount({ id: 'd', lastContactAt: '2026-03-20' }),
        makeKeyAccount({ id: 'other', ownerId: 'person-2', lastContactAt: null }),
      ],
    });
    // 2 of 4 covered = 50 % of a 100 % target.
    expect(healthOf('person-1', snapshot, settings, '2026-03').keyClientCoverage).toBeCloseTo(50, 9);
    // A lower coverage target makes 50 % full marks; a longer gap covers account b too.
    expect(
      healthOf('person-1', snapshot, makeSettings({ health: { keyClientCoveragePercent: 50 } }), '2026-03')
        .keyClientCoverage,
    ).toBe(100);
    expect(
      healthOf('person-1', snapshot, makeSettings({ alerts: { keyClientGapDays: 200 } }), '2026-03')
        .keyClientCoverage,
    ).toBeCloseTo(75, 9);
  });

  it('KR pace is the mean pace against the green band, each KR capped', () => {
    // March expects half of the target.
    const snapshot = makeSnapshot({
      keyResults: [makeKeyResult({ id: 'a', target: 10 }), makeKeyResult({ id: 'b', target: 10 })],
      checkIns: [
        makeCheckIn({ krId: 'a', month: '2026-03', value: 10 }),
        makeCheckIn({ krId: 'b', month: '2026-02', value: 2 }),
      ],
    });
    const green = settings.calibration.greenMinPacePercent;
    const expected = (100 + (100 * 40) / green) / 2;
    expect(healthOf('person-1', snapshot, settings, '2026-03').krPace).toBeCloseTo(expected, 9);
    const lenient = makeSettings({ calibration: { greenMinPacePercent: 40, amberMinPacePercent: 30 } });
    expect(healthOf('person-1', snapshot, lenient, '2026-03').krPace).toBe(100);
  });

  it('targets come from settings', () => {
    const snapshot = makeSnapshot({ activities: [makeActivity({ month: '2026-03', dealsSigned: 2 })] });
    expect(
      healthOf('person-1', snapshot, makeSettings({ health: { signedDealsPerMonth: 4 } }), '2026-03')
        .signedDeals,
    ).toBe(50);
    expect(
      healthOf('person-1', snapshot, makeSettings({ health: { signedDealsPerMonth: 2 } }), '2026-03')
        .signedDeals,
    ).toBe(100);
  });
});

describe('team health', () => {
  const snapshot = makeSnapshot({
    activities: [
      makeActivity({ personId: 'p1', month: '2026-03', clientVisits: 0 }),
      makeActivity({ personId: 'p2', month: '2026-03', clientVisits: t.clientVisitsPerMonth / 4 }),
      makeActivity({ personId: 'p3', month: '2026-03', clientVisits: t.clientVisitsPerMonth }),
    ],
  });

  it('mean and median per axis', () => {
    expect(teamHealth(['p1', 'p2', 'p3'], snapshot, settings, '2026-03')?.clientVisits).toBeCloseTo(
      125 / 3,
      9,
    );
    expect(medianHealth(['p1', 'p2', 'p3'], snapshot, settings, '2026-03')?.clientVisits).toBeCloseTo(25, 9);
    expect(medianHealth(['p1', 'p2'], snapshot, settings, '2026-03')?.clientVisits).toBeCloseTo(12.5, 9);
    expect(Object.keys(teamHealth(['p1'], snapshot, settings, '2026-03') ?? {})).toEqual([
      ...HEALTH_DIMENSIONS,
    ]);
  });

  it('is null for an empty team', () => {
    expect(teamHealth([], snapshot, settings, '2026-03')).toBeNull();
    expect(medianHealth([], snapshot, settings, '2026-03')).toBeNull();
  });
});
