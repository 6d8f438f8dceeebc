import type { AlignmentFactors } from '../domain/alignment.ts';
import { cycleMonths, monthEnd, quarterMonths, quarterOf } from '../domain/dates.ts';
import type { CycleMetrics } from '../domain/metrics.ts';
import type { MonthColour } from '../domain/pace.ts';
import type { PoolRunResult } from '../domain/pool.ts';
import type { Settings } from '../domain/settings.ts';
import type { Cycle, Id, IsoDate, KeyResult, Quarter, Snapshot } from '../domain/types.ts';
import { type PoolSubject, poolSubject } from './build-facts.ts';
import { CheckInTable } from './check-in-table.ts';
import { defaultRuleSet } from './default-rules.ts';
import { InputError } from './errors.ts';
import {
  accountSubject,
  completionRates,
  countSlot,
  emptyCounts,
  evalFrame,
  evaluateKr,
  indexFromTable,
  type KrCounts,
  MetricSlots,
  metricRows,
  staticMetricInputs,
} from './org-eval.ts';
import { poolDetails } from './pool-details.ts';
import type { RuleEvent, RuleSet } from './rule-types.ts';
import { runAccountRules, runKrRules, runPoolRules } from './run-rules.ts';
import { admitSnapshot, type SnapshotOrigin } from './validate-snapshot.ts';

/** Everything the engine decides and computes for one snapshot at one date. */
export interface Evaluation {
  alignment: {
    /** Share 0..1 of personal KRs at or above `alignment.minScore`. */
    rate: number;
    /** Share 0..1 of personal KRs with an explicit link. */
    linkedRate: number;
    perKr: { krId: Id; score: number; factors: AlignmentFactors }[];
  };
  /** Per KR, per cycle month from its creation month on that has a check-in or is past due. */
  colours: MonthColour[];
  events: RuleEvent[];
  /** One entry per cycle month up to the month of `at`. */
  metrics: CycleMetrics[];
  /** The pool run of the chosen quarter; null when no quarter of the cycle has ended by `at`. */
  pool: PoolRunResult | null;
}

export interface EvaluateOptions {
  /** Quarter of the pool run (`YYYY-Qn`); default: the latest quarter of the cycle ended by `at`. */
  quarter?: Quarter;
  /** Name of the snapshot in error messages. */
  source?: string;
  /**
   * `'storage'`: the host built the snapshot from its own typed storage, so it is not checked
   * against `rules/snapshot.schema.json` again. Default `'outside'`: checked, a mismatch is refused.
   */
  snapshotFrom?: SnapshotOrigin;
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const QUARTER = /^\d{4}-Q[1-4]$/;

/** @throws InputError when `at` is not a `YYYY-MM-DD` date */
export function checkAt(at: string): void {
  if (!ISO_DATE.test(at) || Number.isNaN(Date.parse(`${at}T00:00:00Z`))) {
    throw new InputError(`evaluate: "${at}" is not a date; give the "as of" date as YYYY-MM-DD.`);
  }
}

function lastEndedQuarter(cycle: Cycle, at: IsoDate): Quarter | null {
  const quarters = [...new Set(cycleMonths(cycle).map(quarterOf))];
  const ended = quarters.filter((quarter) => monthEnd(quarterMonths(quarter).at(-1)!) <= at);
  return ended.at(-1) ?? null;
}

export function poolQuarter(cycle: Cycle, at: IsoDate, quarter: Quarter | undefined): Quarter | null {
  if (quarter === undefined) return lastEndedQuarter(cycle, at);
  if (!QUARTER.test(quarter)) {
    throw new InputError(`evaluate: "${quarter}" is not a quarter; use YYYY-Qn with n from 1 to 4.`);
  }
  return quarter;
}

/**
 * Evaluates a snapshot as of `at`: validates it against `rules/snapshot.schema.json` (unless it comes
 * from the host's storage, `options.snapshotFrom`), computes the facts with the domain functions and
 * runs the compiled rules.
 * @param settings validated settings (see `loadSettings`)
 * @param at the "as of" date, `YYYY-MM-DD`
 * @param rules compiled rule files; default: the shipped `rules/*.rules.json`
 * @throws SnapshotError when a snapshot from outside does not match its schema; InputError for a bad date or quarter
 */
export function evaluate(
  snapshot: Snapshot,
  settings: Settings,
  at: IsoDate,
  rules: RuleSet = defaultRuleSet(),
  options: EvaluateOptions = {},
): Evaluation {
  checkAt(at);
  admitSnapshot(snapshot, options.snapshotFrom, options.source);
  const quarter = poolQuarter(snapshot.cycle, at, options.quarter);
  return evaluateValid(snapshot, settings, at, rules, quarter);
}

/**
 * {@link evaluate} of a snapshot already validated, with the pool quarter chosen. One pass over the
 * KRs: each KR's facts are computed, its rules run and its metrics inputs written to flat slots, so
 * its month facts never outlive it.
 */
export function evaluateValid(
  snapshot: Snapshot,
  settings: Settings,
  at: IsoDate,
  rules: RuleSet,
  quarter: Quarter | null,
): Evaluation {
  const frame = evalFrame(snapshot, settings, at);
  const { keyResults } = snapshot;
  const table = new CheckInTable(snapshot.checkIns, keyResults);
  const slots = new MetricSlots(frame.metricMonths, keyResults.length);
  const counts = emptyCounts(frame);
  const krCounts: KrCounts = { personal: false, exists: false, aligned: false, linked: false };
  // Each person's personal KRs in snapshot order, with their slots.
  const owned = new Map<Id, { krs: KeyResult[]; slots: number[] }>();
  const events: RuleEvent[] = [];
  const colours: MonthColour[] = [];
  const perKr: Evaluation['alignment']['perKr'] = new Array(keyResults.length);
  let aligned = 0;
  let linked = 0;
  for (let slot = 0; slot < keyResults.length; slot++) {
    const kr = keyResults[slot]!;
    const subject = evaluateKr(kr, table.groupAt(slot), frame, slots, slot, krCounts, true);
    perKr[slot] = { krId: kr.id, score: subject.fact.score, factors: subject.factors };
    for (const colour of subject.colours) colours.push(colour);
    runKrRules(subject, settings, rules, events);
    if (!krCounts.personal) continue;
    countSlot(counts, slots, slot, 1, krCounts.exists);
    if (krCounts.aligned) aligned++;
    if (krCounts.linked) linked++;
    const mine = owned.get(kr.ownerId);
    if (mine === undefined) owned.set(kr.ownerId, { krs: [kr], slots: [slot] });
    else {
      mine.krs.push(kr);
      mine.slots.push(slot);
    }
  }
  for (const account of snapshot.keyAccounts)
    runAccountRules(accountSubject(account, at), settings, rules, events);
  let pool: PoolSubject | null = null;
  if (quarter !== null) {
    const index = indexFromTable(snapshot, table, owned);
    const details = poolDetails(snapshot, settings, quarter, index, frame, slots, owned);
    pool = poolSubject(snapshot, settings, quarter, index, details);
    runPoolRules(pool, settings, rules, events);
  }
  const metrics = metricRows(frame, counts, staticMetricInputs(snapshot), (personId) =>
    completionRates(owned.get(personId)?.slots, slots, frame),
  );
  const personal = counts.existingAt;
  return {
    alignment: {
      rate: personal === 0 ? 0 : aligned / personal,
      linkedRate: personal === 0 ? 0 : linked / personal,
      perKr,
    },
    colours,
    events,
    metrics,
    pool: pool === null ? null : pool.run,
  };
}
