/**
 * The engine on an organisation of 2,000 reps × 5 KRs × 6 months: compiled rules, a hand-written
 * function computing the same events, and json-rules-engine (timed on a sample, extrapolated), in
 * one run. Also times the whole `evaluate()` (schema validation + domain facts + rules + metrics +
 * pool) on the same organisation. Every time is also given as a multiple of the hand-written rules
 * measured in the same run, so runs on a busy machine stay comparable.
 */
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { Settings } from '../plugin/domain/settings.ts';
import type {
  Activity,
  CheckIn,
  Escalation,
  KeyAccount,
  KeyResult,
  Objective,
  PeerReview,
  Person,
  Snapshot,
} from '../plugin/domain/types.ts';
import { buildFacts, type OrgFacts } from '../plugin/engine/build-facts.ts';
import { defaultRuleSet, defaultSettings } from '../plugin/engine/default-rules.ts';
import { evaluate } from '../plugin/engine/evaluate.ts';
import type { FactSet } from '../plugin/engine/fact-catalogue.ts';
import { referenceEngine } from '../plugin/engine/reference-engine.ts';
import type { EventSubject, RuleEvent, RuleSet } from '../plugin/engine/rule-types.ts';
import { runRules } from '../plugin/engine/run-rules.ts';
import { type Timing, time } from './timing.ts';

const REPS = 2_000;
const REVIEWS_PER_REP = 4;
const KRS_PER_REP = 5;
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
const AT = '2026-07-10';
const JRE_SAMPLE = 3_000;

// Deterministic pseudo-random numbers (mulberry32), so every run measures the same organisation.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A deterministic organisation of `reps` sales reps with check-ins, activity, escalations and peer reviews. */
export function syntheticOrg(reps: number): Snapshot {
  const next = random(42);
  const cycle = { id: 'c', name: '2026 H1', start: '2026-01-01', end: '2026-06-30', locked: false };
  const objectives: Objective[] = [
    { id: 'o-ne', cycleId: 'c', title: 'New energy', ownerId: 'hq', focusTags: ['new-energy'], weight: 2 },
    { id: 'o-hm', cycleId: 'c', title: 'High margin', ownerId: 'hq', focusTags: ['high-margin'], weight: 1 },
  ];
  const people: Person[] = [];
  const keyResults: KeyResult[] = [];
  const checkIns: CheckIn[] = [];
  const keyAccounts: KeyAccount[] = [];
  const activities: Activity[] = [];
  const escalations: Escalation[] = [];
  const peerReviews: PeerReview[] = [];
  for (let p = 0; p < reps; p++) {
    const personId = `p${p}`;
    people.push({
      id: personId,
      name: personId,
      role: 'sales',
      regionId: `r${p % 6}`,
      managerId: null,
      baseBonusCents: 3_000_000,
    });
    keyAccounts.push({
      id: `a${p}`,
      name: `account ${p}`,
      ownerId: personId,
      lastContactAt: next() < 0.1 ? null : `2026-0${1 + Math.floor(next() * 6)}-1${Math.floor(next() * 9)}`,
    });
    for (const month of MONTHS) {
      const deals = Math.round(next() * 5_000_000);
      activities.push({
        personId,
        month,
        dealsSigned: deals > 0 ? 1 : 0,
        dealsAmountCents: deals,
        highMarginAmountCents: Math.round(deals * next()),
        clientVisits: Math.floor(next() * 12),
        proposalsSent: 4,
        proposalsWon: Math.floor(next() * 5),
        collectionsCents: 0,
      });
    }
    for (let r = 0; r < REVIEWS_PER_REP; r++) {
      const score = () => 1 + Math.floor(next() * 5);
      peerReviews.push({
        id: `rv-${p}-${r}`,
        quarter: '2026-Q2',
        reviewerId: `p${(p + 1 + Math.floor(next() * (reps - 1))) % reps}`,
        revieweeId: personId,
        scores: { collaboration: score(), crossRegionHelp: score(), knowledgeSharing: score() },
        comment: '',
      });
    }
    if (p % 10 === 0) {
      const m = 1 + Math.floor(next() * 5);
      escalations.push({
        id: `e${p}`,
        krId: `${personId}-kr0`,
        raisedById: personId,
        assigneeId: null,
        month: `2026-0${m}`,
        reason: 'red',
        detail: '',
        raisedAt: `2026-0${m}-0${1 + Math.floor(next() * 9)}T08:00:00Z`,
        resolvedAt: next() < 0.7 ? `2026-0${m}-2${Math.floor(next() * 9)}T17:30:00Z` : null,
        resolution: '',
      });
    }
    for (let k = 0; k < KRS_PER_REP; k++) {
      const id = `${personId}-kr${k}`;
      const linked = next() < 0.7;
      keyResults.push({
        id,
        cycleId: 'c',
        ownerType: 'person',
        ownerId: personId,
        title: id,
        metric: 'number',
        baseline: 0,
        target: 120,
        unit: '',
        focusTags: [next() < 0.5 ? 'new-energy' : 'high-margin'],
        links: linked
          ? [{ objectiveId: next() < 0.5 ? 'o-ne' : 'o-hm', weight: 50, linkedAt: '2026-01-05T00:00:00Z' }]
          : [],
        rationale: next() < 0.6 ? 'serves the new-energy objective directly' : '',
        rationaleAt: '2026-01-06T00:00:00Z',
        evidence: '',
        confirmedAt: next() < 0.5 ? '2026-01-10T00:00:00Z' : null,
        updateIntervalDays: next() < 0.2 ? 30 : null,
        targetHistory: [],
        createdAt: '2026-01-01T00:00:00Z',
        version: 1,
      });
      let value = 0;
      for (const [m, month] of MONTHS.entries()) {
        value += 20 * (0.5 + next());
        if (next() < 0.05) continue;
        checkIns.push({
          id: `${id}-${month}`,
          krId: id,
          month,
          value: Math.round(value),
          selfColour: null,
          colourNote: '',
          submittedAt: `2026-0${m + 1}-28T09:00:00Z`,
          blockers: '',
          resourceRequest: null,
          confidence: 7,
        });
      }
    }
  }
  return {
    cycle,
    regions: [],
    people,
    objectives,
    keyResults,
    checkIns,
    escalations,
    activities,
    keyAccounts,
    peerReviews,
  };
}

/** The shipped rules written by hand: the baseline the compiled rules are compared with. */
function handWritten(org: OrgFacts, settings: Settings): RuleEvent[] {
  const events: RuleEvent[] = [];
  const { alignment, calibration, alerts, contribution, pool } = settings;
  for (const { kr, fact, months } of org.krs) {
    const subject: EventSubject =
      kr.ownerType === 'person' ? { krId: kr.id, personId: kr.ownerId } : { krId: kr.id };
    if (fact.score < alignment.minScore) {
      const params = { score: fact.score, minScore: alignment.minScore, rationale: fact.rationale };
      events.push({ type: 'alignment-low', subject: { ...subject }, params });
    }
    if (!fact.linked) events.push({ type: 'kr-unlinked', subject: { ...subject }, params: {} });
    const interval = fact.hasOwnUpdateInterval ? fact.ownUpdateIntervalDays : alerts.krStaleDays;
    if (interval !== null && fact.daysSinceUpdate > interval) {
      const params = {
        daysSinceUpdate: fact.daysSinceUpdate,
        ownUpdateIntervalDays: fact.ownUpdateIntervalDays,
        krStaleDays: alerts.krStaleDays,
      };
      events.push({ type: 'kr-stale', subject: { ...subject }, params });
    }
    for (const m of months) {
      if (m.colour === 'amber') {
        const params = {
          pacePercent: m.pacePercent,
          amberStreak: m.amberStreak,
          greenMinPacePercent: calibration.greenMinPacePercent,
        };
        events.push({ type: 'calibration-amber', subject: { ...subject, month: m.month }, params });
      }
      if (m.colour === 'red') {
        const params = {
          pacePercent: m.pacePercent,
          missing: m.missing,
          redStreak: m.redStreak,
          amberMinPacePercent: calibration.amberMinPacePercent,
        };
        events.push({ type: 'calibration-red', subject: { ...subject, month: m.month }, params });
      }
      if (m.colour === 'red' || m.amberStreak >= calibration.amberStreakToEscalate) {
        const params = {
          colour: m.colour,
          amberStreak: m.amberStreak,
          redStreak: m.redStreak,
          amberStreakToEscalate: calibration.amberStreakToEscalate,
        };
        events.push({ type: 'escalate', subject: { ...subject, month: m.month }, params });
      }
      if (m.missing) {
        const params = { dueDate: m.dueDate, checkinDueDay: calibration.checkinDueDay };
        events.push({ type: 'checkin-missing', subject: { ...subject, month: m.month }, params });
      }
    }
  }
  for (const { fact } of org.accounts) {
    if (
      fact.neverContacted ||
      (fact.daysSinceContact !== null && fact.daysSinceContact > alerts.keyClientGapDays)
    ) {
      const params = { daysSinceContact: fact.daysSinceContact, keyClientGapDays: alerts.keyClientGapDays };
      events.push({
        type: 'key-client-gap',
        subject: { accountId: fact.id, personId: fact.ownerId },
        params,
      });
    }
  }
  const poolFact = org.pool?.fact;
  if (poolFact?.hasEligible) {
    const f = poolFact;
    const params = {
      quarter: f.quarter,
      poolCents: f.poolCents,
      eligibleCount: f.eligibleCount,
      peerWeight: contribution.peerWeight,
      systemWeight: contribution.systemWeight,
      crossRegionBonusPercent: contribution.crossRegionBonusPercent,
      ratePercent: pool.ratePercent,
      minContribution: pool.minContribution,
      floorPercentOfEqualShare: pool.floorPercentOfEqualShare,
      capPercentOfEqualShare: pool.capPercentOfEqualShare,
    };
    events.push({ type: 'pool-weights', subject: { quarter: f.quarter }, params });
  }
  return events;
}

/** Every rule evaluation as json-rules-engine sees it: one fact set per subject. */
function referenceFactSets(
  org: OrgFacts,
  settings: Settings,
): { subject: 'kr' | 'month' | 'account'; facts: FactSet }[] {
  const sets: { subject: 'kr' | 'month' | 'account'; facts: FactSet }[] = [];
  for (const { fact, months } of org.krs) {
    sets.push({ subject: 'kr', facts: { settings, kr: fact } });
    for (const month of months) sets.push({ subject: 'month', facts: { settings, kr: fact, month } });
  }
  for (const { fact } of org.accounts) sets.push({ subject: 'account', facts: { settings, account: fact } });
  return sets;
}

/** json-rules-engine on a sample of the fact sets, extrapolated to all (in its own scope, so its garbage goes). */
async function timeJsonRulesEngine(org: OrgFacts, settings: Settings, rules: RuleSet) {
  const sets = referenceFactSets(org, settings);
  const engines = {
    kr: referenceEngine(rules, 'kr'),
    month: referenceEngine(rules, 'month'),
    account: referenceEngine(rules, 'account'),
  };
  const step = Math.max(1, Math.floor(sets.length / JRE_SAMPLE));
  const sample = sets.filter((_, i) => i % step === 0).slice(0, JRE_SAMPLE);
  for (const set of sample.slice(0, 200)) await engines[set.subject](set.facts);
  const jreStart = performance.now();
  for (const set of sample) await engines[set.subject](set.facts);
  const jreSampleMs = performance.now() - jreStart;
  const jreMs = (jreSampleMs / sample.length) * sets.length;
  return { ms: jreMs, sampleMs: jreSampleMs, sampled: sample.length, runs: sets.length };
}

async function main(): Promise<void> {
  const settings = defaultSettings();
  const rules = defaultRuleSet();
  const snapshot = syntheticOrg(REPS);
  const buildStart = performance.now();
  const org = buildFacts(snapshot, settings, AT, null);
  const firstBuildMs = performance.now() - buildStart;
  const compiledEvents = runRules(org, settings, rules);
  const handEvents = handWritten(org, settings);
  if (
    !isDeepStrictEqual(JSON.parse(JSON.stringify(compiledEvents)), JSON.parse(JSON.stringify(handEvents)))
  ) {
    throw new Error('bench/engine-evaluate: the hand-written baseline and the compiled rules disagree.');
  }
  const compiled = time(15, () => runRules(org, settings, rules));
  const hand = time(15, () => handWritten(org, settings));

  const jre = await timeJsonRulesEngine(org, settings, rules);

  const build = time(3, () => buildFacts(snapshot, settings, AT, '2026-Q2'));
  let evaluation: ReturnType<typeof evaluate> | undefined;
  const evaluated = time(3, () => {
    evaluation = evaluate(snapshot, settings, AT, rules, { quarter: '2026-Q2' });
  });
  if (evaluation?.pool === null || evaluation?.metrics.length !== MONTHS.length) {
    throw new Error(
      'bench/engine-evaluate: evaluate() left out the pool or the metrics; the bench measures the wrong thing.',
    );
  }

  const krMonths = org.krs.reduce((n, s) => n + s.months.length, 0);
  const ms = (value: number) => `${value.toFixed(1).padStart(9)} ms`;
  const times = (t: number, base: number) => `${ms(t)} ${(t / base).toFixed(1).padStart(7)} ×`;
  const row = (label: string, t: Partial<Timing> & { wall: number }, note: string) => {
    const cpu = t.cpu === undefined ? ''.padEnd(26) : `cpu ${times(t.cpu, hand.cpu)}`;
    console.log(`  ${label.padEnd(30)}${times(t.wall, hand.wall)}   ${cpu}   (${note})`);
  };
  console.log(`engine-evaluate: ${REPS} reps × ${KRS_PER_REP} KRs × ${MONTHS.length} months`);
  console.log(
    `  subjects: ${org.krs.length} KRs, ${krMonths} KR-months, ${org.accounts.length} accounts, ${org.pool === null ? 0 : 1} pool`,
  );
  console.log(`  events: ${compiledEvents.length} (compiled and hand-written agree)`);
  console.log('  times are medians; ratios are against the hand-written rules measured in this run');
  row('rules, hand-written function', hand, 'median of 15; the baseline');
  row('rules, compiled closures', compiled, 'median of 15; target < 10 ×');
  row(
    'rules, json-rules-engine',
    { wall: jre.ms },
    `extrapolated from ${jre.sampled} of ${jre.runs} runs, ${((jre.sampleMs / jre.sampled) * 1000).toFixed(0)} µs/run`,
  );
  row('domain facts, first run', { wall: firstBuildMs }, 'buildFacts without pool, cold');
  row('domain facts with pool', build, 'buildFacts, median of 3');
  row(
    'evaluate() whole organisation',
    evaluated,
    'median of 3: schema, facts, rules, metrics, pool; target < 1 s idle',
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
