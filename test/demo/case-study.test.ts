import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caseStudySnapshot, DEMO_PASSWORD, demoAccounts } from '../../host/demo/case-study.ts';
import { SNAPSHOT_FILE, serialiseSnapshot } from '../../host/demo/write-snapshot.ts';
import {
  averageResponseDays,
  completionSpread,
  computePoolRun,
  daysSinceContact,
  krColours,
  metricsByMonth,
} from '../../plugin/domain/index.ts';
import type { Escalation, Snapshot } from '../../plugin/domain/types.ts';
import { loadSettings } from '../../plugin/engine/load-settings.ts';
import { validateSnapshot } from '../../plugin/engine/validate-snapshot.ts';
import settingsJson from '../../rules/settings.defaults.json' with { type: 'json' };

const settings = loadSettings(settingsJson, 'rules/settings.defaults.json');
const snapshot: Snapshot = caseStudySnapshot();
const metrics = metricsByMonth(snapshot, settings);
const metricOf = (month: string) => {
  const found = metrics.find((m) => m.month === month);
  if (!found) throw new Error(`no metrics for ${month}`);
  return found;
};

describe('case-study snapshot file', () => {
  it('is exactly what the generator writes (run `npx tsx host/demo/write-snapshot.ts` after a change)', () => {
    expect(readFileSync(SNAPSHOT_FILE, 'utf8')).toBe(serialiseSnapshot());
  });

  it('is deterministic', () => {
    expect(caseStudySnapshot()).toEqual(snapshot);
  });

  it('validates against rules/snapshot.schema.json', () => {
    expect(() => validateSnapshot(JSON.parse(serialiseSnapshot()), 'case-study.snapshot.json')).not.toThrow();
  });
});

describe('the organisation of the case', () => {
  const byRole = (role: string) => snapshot.people.filter((p) => p.role === role);

  it('has 6 regions, 15 reps, 6 regional managers and the HQ roles', () => {
    expect(snapshot.regions.map((r) => r.name)).toEqual(['华东', '华南', '华北', '华中', '西南', '西北']);
    expect(byRole('sales')).toHaveLength(15);
    expect(
      byRole('manager')
        .map((m) => m.regionId)
        .sort(),
    ).toEqual(snapshot.regions.map((r) => r.id).sort());
    expect(byRole('strategy')).toHaveLength(1);
    expect(byRole('hr')).toHaveLength(1);
    expect(byRole('admin')).toHaveLength(1);
    for (const rep of byRole('sales')) {
      const manager = snapshot.people.find((p) => p.id === rep.managerId);
      expect(manager?.role).toBe('manager');
      expect(manager?.regionId).toBe(rep.regionId);
    }
  });

  it('has five KRs per rep, a KR per region and the strategic Objectives with their focus tags', () => {
    for (const rep of byRole('sales')) {
      expect(
        snapshot.keyResults.filter((kr) => kr.ownerType === 'person' && kr.ownerId === rep.id),
      ).toHaveLength(5);
    }
    expect(snapshot.keyResults.filter((kr) => kr.ownerType === 'region')).toHaveLength(6);
    const tags = snapshot.objectives.flatMap((o) => o.focusTags);
    expect(tags).toContain('new-energy');
    expect(tags).toContain('high-margin');
  });

  it('has one demo login per person with the demo password', () => {
    expect(demoAccounts.map((a) => a.personId).sort()).toEqual(snapshot.people.map((p) => p.id).sort());
    expect(new Set(demoAccounts.map((a) => a.login)).size).toBe(demoAccounts.length);
    for (const account of demoAccounts) {
      const person = snapshot.people.find((p) => p.id === account.personId);
      expect(account.role).toBe(person?.role);
      expect(account.displayName).toBe(person?.name);
      expect(account.password).toBe(DEMO_PASSWORD);
    }
  });
});

describe('every reference in the snapshot is valid', () => {
  const ids = (items: { id: string }[]) => new Set(items.map((i) => i.id));
  const people = ids(snapshot.people);
  const regions = ids(snapshot.regions);
  const objectives = ids(snapshot.objectives);
  const krs = ids(snapshot.keyResults);

  it('has unique ids in every collection', () => {
    for (const list of [
      snapshot.people,
      snapshot.regions,
      snapshot.objectives,
      snapshot.keyResults,
      snapshot.checkIns,
      snapshot.escalations,
      snapshot.keyAccounts,
      snapshot.peerReviews,
    ]) {
      expect(ids(list).size).toBe(list.length);
    }
    const checkInKeys = snapshot.checkIns.map((c) => `${c.krId}/${c.month}`);
    expect(new Set(checkInKeys).size).toBe(checkInKeys.length);
    const activityKeys = snapshot.activities.map((a) => `${a.personId}/${a.month}`);
    expect(new Set(activityKeys).size).toBe(activityKeys.length);
  });

  it('points only at people, regions, Objectives and KRs that exist', () => {
    const bad: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) bad.push(what);
    };
    for (const p of snapshot.people) {
      check(p.regionId === null || regions.has(p.regionId), `person ${p.id} region`);
      check(p.managerId === null || people.has(p.managerId), `person ${p.id} manager`);
    }
    for (const o of snapshot.objectives)
      check(people.has(o.ownerId) && o.cycleId === snapshot.cycle.id, o.id);
    for (const kr of snapshot.keyResults) {
      check((kr.ownerType === 'person' ? people : regions).has(kr.ownerId), `${kr.id} owner`);
      check(kr.cycleId === snapshot.cycle.id, `${kr.id} cycle`);
      for (const link of kr.links) check(objectives.has(link.objectiveId), `${kr.id} link`);
    }
    for (const c of snapshot.checkIns) check(krs.has(c.krId), `${c.id} kr`);
    for (const e of snapshot.escalations) {
      check(krs.has(e.krId) && people.has(e.raisedById), `${e.id} kr/raiser`);
      check(e.assigneeId === null || people.has(e.assigneeId), `${e.id} assignee`);
    }
    for (const a of snapshot.activities) check(people.has(a.personId), `activity ${a.personId}`);
    for (const k of snapshot.keyAccounts) check(people.has(k.ownerId), `${k.id} owner`);
    for (const r of snapshot.peerReviews) {
      check(people.has(r.reviewerId) && people.has(r.revieweeId), `${r.id} people`);
      check(r.reviewerId !== r.revieweeId, `${r.id} reviews themselves`);
    }
    expect(bad).toEqual([]);
  });
});

describe('the case’s results, measured through the domain functions', () => {
  it('moves the alignment rate from about 38 % in January to about 89 % in June, never falling', () => {
    expect(Math.abs(metricOf('2026-01').alignmentRate - 0.38)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(metricOf('2026-06').alignmentRate - 0.89)).toBeLessThanOrEqual(0.05);
    const rates = metrics.map((m) => m.alignmentRate);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
  });

  it('raises the high-margin share from about 41 % to about 67 %', () => {
    expect(Math.abs((metricOf('2026-01').highMarginShare ?? 0) - 0.41)).toBeLessThanOrEqual(0.02);
    expect(Math.abs((metricOf('2026-06').highMarginShare ?? 0) - 0.67)).toBeLessThanOrEqual(0.02);
  });

  it('resolves escalations in about 11 days in January–February and about 2.3 days in May–June', () => {
    const resolvedIn = (from: string, to: string): Escalation[] =>
      snapshot.escalations.filter((e) => e.resolvedAt !== null && e.resolvedAt >= from && e.resolvedAt < to);
    const early = resolvedIn('2026-01-01', '2026-03-01');
    const late = resolvedIn('2026-05-01', '2026-07-01');
    expect(early.length).toBeGreaterThanOrEqual(3);
    expect(late.length).toBeGreaterThanOrEqual(3);
    expect(Math.abs((averageResponseDays(early) ?? 0) - 11)).toBeLessThanOrEqual(1);
    expect(Math.abs((averageResponseDays(late) ?? 0) - 2.3)).toBeLessThanOrEqual(0.4);
  });

  it('narrows the spread of completion rates from a wide start to a small one in June', () => {
    const january = completionSpread(snapshot, '2026-01', settings)?.spread ?? 0;
    const june = completionSpread(snapshot, '2026-06', settings)?.spread ?? 1;
    expect(january).toBeGreaterThanOrEqual(0.35);
    expect(june).toBeLessThan(january / 1.5);
  });
});

describe('the stories of the case', () => {
  const at = '2026-07-31';
  const colours = snapshot.keyResults.flatMap((kr) =>
    krColours(kr, snapshot.checkIns, snapshot.cycle, settings, at),
  );

  it('has an escalation for every red month and every amber streak the domain finds, and no other', () => {
    const threshold = settings.calibration.amberStreakToEscalate;
    const expected = colours
      .filter((c) => c.colour === 'red' || c.amberStreak === threshold)
      .map((c) => `${c.krId}/${c.month}/${c.colour === 'red' ? 'red' : 'amber-streak'}`)
      .sort();
    const raised = snapshot.escalations
      .filter((e) => e.reason === 'red' || e.reason === 'amber-streak')
      .map((e) => `${e.krId}/${e.month}/${e.reason}`)
      .sort();
    expect(raised).toEqual(expected);
    expect(colours.filter((c) => c.colour === 'red').length).toBeGreaterThanOrEqual(3);
  });

  it('has 华南 amber for two months running, escalated, then green (the case’s turnaround)', () => {
    const south = snapshot.people.filter((p) => p.regionId === 'region-south' && p.role === 'sales');
    const turned = south.some((rep) =>
      snapshot.keyResults
        .filter((kr) => kr.ownerId === rep.id)
        .some((kr) => {
          const c = colours.filter((mc) => mc.krId === kr.id).map((mc) => mc.colour);
          return c[1] === 'amber' && c[2] === 'amber' && c[3] === 'green';
        }),
    );
    expect(turned).toBe(true);
  });

  it('has exactly one missing check-in, counted red', () => {
    const missing = colours.filter((c) => c.missing);
    expect(missing).toHaveLength(1);
    expect(missing[0]?.colour).toBe('red');
  });

  it('has key accounts not contacted for longer than the alert threshold at the end of June', () => {
    const gaps = snapshot.keyAccounts.filter(
      (k) => (daysSinceContact(k, '2026-06-30') ?? 0) > settings.alerts.keyClientGapDays,
    );
    expect(gaps.length).toBeGreaterThanOrEqual(2);
    expect(gaps.length).toBeLessThan(snapshot.keyAccounts.length / 4);
  });

  it('has quarterly peer reviews across regions, with one rep under the minimum number of reviews', () => {
    const regionOf = new Map(snapshot.people.map((p) => [p.id, p.regionId]));
    for (const quarter of ['2026-Q1', '2026-Q2']) {
      const reviews = snapshot.peerReviews.filter((r) => r.quarter === quarter);
      expect(reviews.some((r) => regionOf.get(r.reviewerId) !== regionOf.get(r.revieweeId))).toBe(true);
    }
    const counts = new Map<string, number>();
    for (const r of snapshot.peerReviews) {
      const key = `${r.quarter}/${r.revieweeId}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect([...counts.values()].some((n) => n < settings.peerReview.minReviewers)).toBe(true);
  });

  it('runs the Q2 pool to the cent', () => {
    const run = computePoolRun(snapshot, settings, '2026-Q2');
    expect(run.allocations.reduce((sum, a) => sum + a.cents, 0)).toBe(run.poolCents);
    expect(run.eligible.length).toBeGreaterThan(10);
  });
});
