import type { AlignmentFactors } from '../domain/alignment.ts';
import { alignmentRate, linkedRate } from '../domain/alignment.ts';
import { cycleMonths, monthEnd, monthOf, quarterMonths, quarterOf } from '../domain/dates.ts';
import { type CycleMetrics, metricsByMonth } from '../domain/metrics.ts';
import type { MonthColour } from '../domain/pace.ts';
import type { PoolRunResult } from '../domain/pool.ts';
import type { Settings } from '../domain/settings.ts';
import { indexSnapshot } from '../domain/snapshot-index.ts';
import type { Cycle, Id, IsoDate, Quarter, Snapshot } from '../domain/types.ts';
import { buildFacts } from './build-facts.ts';
import { defaultRuleSet } from './default-rules.ts';
import { InputError } from './errors.ts';
import type { RuleEvent, RuleSet } from './rule-types.ts';
import { runRules } from './run-rules.ts';
import { validateSnapshot } from './validate-snapshot.ts';

/** Everything the engine decides and computes for one snapshot at one date. */
export interface Evaluation {
  alignment: {
    /** Share 0..1 of personal KRs at or above `alignment.minScore`. */
    rate: number;
    /** Share 0..1 of personal KRs with an explicit link. */
    linkedRate: number;
    perKr: { krId: Id; score: number; factors: AlignmentFactors }[];
  };
  /** Per KR, per cycle month that has a check-in or is past due. */
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
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const QUARTER = /^\d{4}-Q[1-4]$/;

function checkAt(at: string): void {
  if (!ISO_DATE.test(at) || Number.isNaN(Date.parse(`${at}T00:00:00Z`))) {
    throw new InputError(`evaluate: "${at}" is not a date; give the "as of" date as YYYY-MM-DD.`);
  }
}

function lastEndedQuarter(cycle: Cycle, at: IsoDate): Quarter | null {
  const quarters = [...new Set(cycleMonths(cycle).map(quarterOf))];
  const ended = quarters.filter((quarter) => monthEnd(quarterMonths(quarter).at(-1)!) <= at);
  return ended.at(-1) ?? null;
}

function poolQuarter(cycle: Cycle, at: IsoDate, quarter: Quarter | undefined): Quarter | null {
  if (quarter === undefined) return lastEndedQuarter(cycle, at);
  if (!QUARTER.test(quarter)) {
    throw new InputError(`evaluate: "${quarter}" is not a quarter; use YYYY-Qn with n from 1 to 4.`);
  }
  return quarter;
}

/**
 * Evaluates a snapshot as of `at`: validates it against `rules/snapshot.schema.json`, computes the
 * facts with the domain functions and runs the compiled rules.
 * @param settings validated settings (see `loadSettings`)
 * @param at the "as of" date, `YYYY-MM-DD`
 * @param rules compiled rule files; default: the shipped `rules/*.rules.json`
 * @throws SnapshotError when the snapshot does not match its schema; InputError for a bad date or quarter
 */
export function evaluate(
  snapshot: Snapshot,
  settings: Settings,
  at: IsoDate,
  rules: RuleSet = defaultRuleSet(),
  options: EvaluateOptions = {},
): Evaluation {
  checkAt(at);
  validateSnapshot(snapshot, options.source);
  const quarter = poolQuarter(snapshot.cycle, at, options.quarter);
  const index = indexSnapshot(snapshot);
  const org = buildFacts(snapshot, settings, at, quarter, index);
  const lastMonth = monthOf(at);
  return {
    alignment: {
      rate: alignmentRate(snapshot.keyResults, snapshot.objectives, settings, at).rate,
      linkedRate: linkedRate(snapshot.keyResults, at).rate,
      perKr: org.krs.map(({ kr, fact, factors }) => ({ krId: kr.id, score: fact.score, factors })),
    },
    colours: org.krs.flatMap((subject) => subject.colours),
    events: runRules(org, settings, rules),
    metrics: metricsByMonth(snapshot, settings, index).filter((metrics) => metrics.month <= lastMonth),
    pool: org.pool?.run ?? null,
  };
}
