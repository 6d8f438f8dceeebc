import { caseStudySnapshot } from '../../host/demo/case-study.ts';
import { caseStudyBaselines } from '../../host/demo/case-study-baselines.ts';
import { demoKindOf, demoSeed } from '../../host/demo/demo-seed.ts';
import { relativeDemo } from '../../host/demo/relative-demo.ts';
import {
  asOfMillis,
  cycleMonths,
  krColours,
  metricsByMonth,
  monthEnd,
  monthOf,
  quarterMonths,
  utcMillis,
} from '../../plugin/domain/index.ts';
import type { Snapshot } from '../../plugin/domain/types.ts';
import { evaluate } from '../../plugin/engine/evaluate.ts';
import { loadSettings } from '../../plugin/engine/load-settings.ts';
import { validateSnapshot } from '../../plugin/engine/validate-snapshot.ts';
import settingsJson from '../../rules/settings.defaults.json' with { type: 'json' };

const settings = loadSettings(settingsJson, 'rules/settings.defaults.json');
const theCase = caseStudySnapshot();
const caseMetrics = metricsByMonth(theCase, settings);
const FIRST_RATE = caseMetrics[0]!.alignmentRate;
const LAST_RATE = caseMetrics.at(-1)!.alignmentRate;
const REAL_TODAY = new Date().toISOString().slice(0, 10);

const DATES: [string, string][] = [
  ['early January (before the case’s kickoff day)', '2027-01-03'],
  ['the first day of a July cycle', '2026-07-01'],
  ['mid-cycle', '2026-10-15'],
  ['the last day of June', '2026-06-30'],
  ['a leap day', '2028-02-29'],
  ['today', REAL_TODAY],
];

/** Every instant and date the snapshot holds, with where it sits. */
function datesOf(s: Snapshot): [string, string][] {
  const out: [string, string][] = [];
  for (const kr of s.keyResults) {
    for (const l of kr.links) out.push([`${kr.id} link`, l.linkedAt]);
    if (kr.rationaleAt) out.push([`${kr.id} rationaleAt`, kr.rationaleAt]);
    if (kr.confirmedAt) out.push([`${kr.id} confirmedAt`, kr.confirmedAt]);
    for (const r of kr.targetHistory) out.push([`${kr.id} revision`, r.at]);
  }
  for (const c of s.checkIns) out.push([`${c.id} submittedAt`, c.submittedAt]);
  for (const e of s.escalations) {
    out.push([`${e.id} raisedAt`, e.raisedAt]);
    if (e.resolvedAt) out.push([`${e.id} resolvedAt`, e.resolvedAt]);
  }
  for (const k of s.keyAccounts) if (k.lastContactAt) out.push([`${k.id} lastContactAt`, k.lastContactAt]);
  return out;
}

describe.each(DATES)('the relative demo on %s (%s)', (_name, today) => {
  const { snapshot, baselines } = relativeDemo(today);
  const months = cycleMonths(snapshot.cycle);

  it('is the half year that contains today, kickoff in January or July', () => {
    expect(snapshot.cycle.start <= today && today <= snapshot.cycle.end).toBe(true);
    expect(months).toHaveLength(6);
    expect(['01', '07']).toContain(snapshot.cycle.start.slice(5, 7));
    expect(snapshot.cycle.id).toBe(`cycle-${today.slice(0, 4)}-h${months[0]!.endsWith('01') ? 1 : 2}`);
    expect(snapshot.objectives.every((o) => o.cycleId === snapshot.cycle.id)).toBe(true);
    expect(snapshot.keyResults.every((kr) => kr.cycleId === snapshot.cycle.id)).toBe(true);
    expect(baselines).toEqual([{ ...caseStudyBaselines[0], cycleId: snapshot.cycle.id }]);
  });

  it('validates against rules/snapshot.schema.json', () => {
    expect(() =>
      validateSnapshot(JSON.parse(JSON.stringify(snapshot)), `relative demo ${today}`),
    ).not.toThrow();
  });

  it('has no date after today', () => {
    const end = asOfMillis(today);
    const late = datesOf(snapshot).filter(([, at]) => utcMillis(at) > end);
    expect(late).toEqual([]);
    expect(datesOf(snapshot).length).toBeGreaterThan(snapshot.keyResults.length);
  });

  it('has its months and quarters inside the cycle and none after today', () => {
    const current = monthOf(today);
    const monthsUsed = [
      ...snapshot.checkIns.map((c) => c.month),
      ...snapshot.escalations.map((e) => e.month),
      ...snapshot.activities.map((a) => a.month),
    ];
    expect(monthsUsed.filter((m) => !months.includes(m) || m > current)).toEqual([]);
    // Activity rows cover every month so far, the current one month to date.
    expect(new Set(snapshot.activities.map((a) => a.month))).toEqual(
      new Set(months.filter((m) => m <= current)),
    );
    for (const r of snapshot.peerReviews) {
      expect(quarterMonths(r.quarter).every((m) => months.includes(m))).toBe(true);
      expect(monthEnd(quarterMonths(r.quarter)[2]!) <= today).toBe(true);
    }
  });

  it('renames ids that carry a month or quarter with the moved one, and keeps them unique', () => {
    for (const c of snapshot.checkIns) expect(c.id.endsWith(c.month)).toBe(true);
    for (const r of snapshot.peerReviews) expect(r.id).toContain(r.quarter.replace('-', '').toLowerCase());
    for (const list of [snapshot.checkIns, snapshot.escalations, snapshot.peerReviews, snapshot.keyResults]) {
      expect(new Set(list.map((i) => i.id)).size).toBe(list.length);
    }
    const krIds = new Set(snapshot.keyResults.map((kr) => kr.id));
    expect(snapshot.checkIns.every((c) => krIds.has(c.krId))).toBe(true);
    expect(snapshot.escalations.every((e) => krIds.has(e.krId))).toBe(true);
    expect(snapshot.keyResults.map((kr) => kr.id)).toEqual(theCase.keyResults.map((kr) => kr.id));
  });

  it('evaluates, with the alignment rate between the case’s kickoff and final values', () => {
    const evaluation = evaluate(snapshot, settings, today);
    expect(evaluation.alignment.rate).toBeGreaterThanOrEqual(FIRST_RATE);
    expect(evaluation.alignment.rate).toBeLessThanOrEqual(LAST_RATE);
    expect(evaluation.metrics.at(-1)?.month).toBe(monthOf(today));
    const rates = evaluation.metrics.map((m) => m.alignmentRate);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
  });

  it('tells the case’s months as they were: every finished month has the case’s figures', () => {
    const metrics = metricsByMonth(snapshot, settings);
    metrics.forEach((m, i) => {
      if (m.month >= monthOf(today)) return;
      expect(m.alignmentRate).toBe(caseMetrics[i]?.alignmentRate);
      expect(m.highMarginShare).toBe(caseMetrics[i]?.highMarginShare);
    });
  });

  it('has an escalation for every red month and amber streak the domain finds today, and no other', () => {
    const colours = snapshot.keyResults.flatMap((kr) =>
      krColours(kr, snapshot.checkIns, snapshot.cycle, settings, today),
    );
    const expected = colours
      .filter((c) => c.colour === 'red' || c.amberStreak === settings.calibration.amberStreakToEscalate)
      .map((c) => `${c.krId}/${c.month}/${c.colour === 'red' ? 'red' : 'amber-streak'}`)
      .sort();
    const raised = snapshot.escalations
      .filter((e) => e.reason === 'red' || e.reason === 'amber-streak')
      .map((e) => `${e.krId}/${e.month}/${e.reason}`)
      .sort();
    expect(raised).toEqual(expected);
  });
});

describe('the relative demo as a transformation of the case', () => {
  it('is the case itself on the case’s last day, less what came after it', () => {
    const { snapshot } = relativeDemo('2026-06-30');
    const end = asOfMillis('2026-06-30');
    expect(snapshot.cycle).toEqual(theCase.cycle);
    expect(snapshot.keyResults).toEqual(theCase.keyResults);
    expect(snapshot.activities).toEqual(theCase.activities);
    expect(snapshot.peerReviews).toEqual(theCase.peerReviews);
    expect(snapshot.keyAccounts).toEqual(theCase.keyAccounts);
    expect(snapshot.checkIns).toEqual(theCase.checkIns.filter((c) => utcMillis(c.submittedAt) <= end));
    expect(snapshot.escalations).toEqual(theCase.escalations.filter((e) => utcMillis(e.raisedAt) <= end));
  });

  it('moves the case by whole half years: December 2026 is the case’s June, ids renamed', () => {
    const { snapshot } = relativeDemo('2026-12-31');
    expect(snapshot.cycle).toMatchObject({ id: 'cycle-2026-h2', name: '2026 下半年', start: '2026-07-01' });
    expect(snapshot.checkIns.find((c) => c.id === 'ci-zhaomin-1-2026-11')?.value).toBe(
      theCase.checkIns.find((c) => c.id === 'ci-zhaomin-1-2026-05')?.value,
    );
    expect(snapshot.peerReviews.map((r) => r.quarter).sort()[0]).toBe('2026-Q3');
    expect(snapshot.peerReviews.some((r) => r.id === 'pr-2026q4-001')).toBe(true);
    // The case's revision in April ("一季度…") is October's, in the third quarter.
    const revised = snapshot.keyResults.find((kr) => kr.id === 'kr-zhaomin-4')?.targetHistory[0];
    expect(revised?.at.slice(0, 7)).toBe('2026-10');
    expect(revised?.reason).toContain('三季度');
    // Response times stay exact: each resolution is as long after its raising as in the case.
    for (const e of snapshot.escalations.filter((x) => x.resolvedAt)) {
      const original = theCase.escalations.find((x) => x.id === e.id)!;
      expect(utcMillis(e.resolvedAt!) - utcMillis(e.raisedAt)).toBe(
        utcMillis(original.resolvedAt!) - utcMillis(original.raisedAt),
      );
    }
  });

  it('undoes what happens after today: later links, revisions and resolutions', () => {
    const { snapshot } = relativeDemo('2026-09-10');
    const zhaomin4 = snapshot.keyResults.find((kr) => kr.id === 'kr-zhaomin-4')!;
    const original = theCase.keyResults.find((kr) => kr.id === 'kr-zhaomin-4')!;
    expect(zhaomin4.targetHistory).toEqual([]);
    expect(zhaomin4.target).toBe(original.targetHistory[0]?.previousTarget);
    expect(zhaomin4.version).toBe(original.version - 1);
    const linked = (s: Snapshot) => s.keyResults.filter((kr) => kr.links.length > 0).length;
    expect(linked(snapshot)).toBeLessThan(linked(theCase));
    for (const kr of snapshot.keyResults) {
      if (!kr.rationaleAt) expect([kr.rationale, kr.evidence]).toEqual(['', '']);
    }
  });

  it('presses the kickoff into the days so far while the cycle is in its first month', () => {
    const { snapshot } = relativeDemo('2027-01-03');
    const links = snapshot.keyResults.flatMap((kr) => kr.links.map((l) => l.linkedAt));
    expect(links.length).toBe(
      theCase.keyResults.flatMap((kr) => kr.links).filter((l) => l.linkedAt < '2026-02').length,
    );
    expect(links.every((at) => at >= '2027-01-01' && at < '2027-01-04')).toBe(true);
    // The January escalation is raised, its resolution 11 days later has not come yet.
    expect(snapshot.escalations).toHaveLength(1);
    expect(snapshot.escalations[0]).toMatchObject({ month: '2027-01', resolvedAt: null, resolution: '' });
    expect(snapshot.checkIns).toEqual([]);
    expect(snapshot.peerReviews).toEqual([]);
  });

  it('keeps the case’s contact gaps as of today', () => {
    const { snapshot } = relativeDemo('2026-11-27');
    const gap = (date: string | null, to: string) => (utcMillis(to) - utcMillis(date!)) / 86_400_000;
    theCase.keyAccounts.forEach((k, i) => {
      const moved = snapshot.keyAccounts[i]!;
      if (k.lastContactAt === null) expect(moved.lastContactAt).toBeNull();
      else expect(gap(moved.lastContactAt, '2026-11-27')).toBe(gap(k.lastContactAt, '2026-06-30'));
    });
  });

  it('fills the current month to date: activities scaled, the month’s high-margin share kept', () => {
    const { snapshot } = relativeDemo('2026-11-15');
    const rows = (s: Snapshot, month: string) => s.activities.filter((a) => a.month === month);
    const sum = (list: { dealsAmountCents: number }[]) => list.reduce((n, a) => n + a.dealsAmountCents, 0);
    expect(sum(rows(snapshot, '2026-11'))).toBeLessThan(sum(rows(theCase, '2026-05')) * 0.6);
    const share = metricsByMonth(snapshot, settings).find((m) => m.month === '2026-11')?.highMarginShare;
    expect(Math.abs((share ?? 0) - (caseMetrics[4]?.highMarginShare ?? 1))).toBeLessThan(0.03);
  });

  it('is pure: the same day gives the same demo, and the case is left as it was', () => {
    const source = caseStudySnapshot();
    expect(relativeDemo('2026-10-15', source)).toEqual(relativeDemo('2026-10-15'));
    expect(source).toEqual(theCase);
  });

  it('rejects a day that is not YYYY-MM-DD', () => {
    expect(() => relativeDemo('2026-13-01')).toThrow(/not a date/);
    expect(() => relativeDemo('27.11.2026')).toThrow(/not a date/);
  });
});

describe('the demo a first start seeds (OKR_DEMO)', () => {
  it('is the relative demo by default and the fixed case on request', () => {
    expect(demoKindOf(undefined)).toBe('relative');
    expect(demoKindOf('')).toBe('relative');
    expect(demoKindOf('case-study')).toBe('case-study');
    expect(() => demoKindOf('fixed')).toThrow(/OKR_DEMO "fixed"/);
    const fixed = demoSeed('case-study', '2026-11-27');
    expect(fixed.snapshot).toEqual(theCase);
    expect(fixed.baselines).toEqual(caseStudyBaselines);
    const relative = demoSeed('relative', '2026-11-27');
    expect(relative.snapshot.cycle.id).toBe('cycle-2026-h2');
    expect(relative.description).toBe('the case-study demo in cycle 2026 下半年, up to 2026-11-27');
  });
});
