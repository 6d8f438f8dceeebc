import { hasKeyClientGap } from './alerts.ts';
import { monthEnd } from './dates.ts';
import { highMarginShare, personalKeyResultsIn, progressAt } from './metrics.ts';
import { expectedProgress, pacePercent } from './pace.ts';
import type { Settings } from './settings.ts';
import type { Id, Month, Snapshot } from './types.ts';

/** The axes of the goal-health radar. */
export type HealthDimension =
  | 'signedDeals'
  | 'clientVisits'
  | 'proposalConversion'
  | 'keyClientCoverage'
  | 'highMarginShare'
  | 'krPace';

export const HEALTH_DIMENSIONS: readonly HealthDimension[] = [
  'signedDeals',
  'clientVisits',
  'proposalConversion',
  'keyClientCoverage',
  'highMarginShare',
  'krPace',
];

export type Health = Record<HealthDimension, number>;

const FULL = 100;

/** 0..100: how much of `target` the `actual` reaches; full marks when there is no target to reach. */
function reach(actual: number, target: number): number {
  if (target <= 0) return FULL;
  return Math.min(FULL, Math.max(0, (FULL * actual) / target));
}

/**
 * Goal health of one person in `month`, each axis 0..100 against its target in `settings.health`:
 * deals signed and client visits per month; proposal conversion (won / sent); share of key accounts
 * contacted within `alerts.keyClientGapDays` by the month end (full marks without key accounts);
 * high-margin share of the month's deals; and KR pace, the mean pace of the person's KRs each
 * measured against `calibration.greenMinPacePercent` (0 without KRs existing in `month`).
 */
export function healthOf(personId: Id, snapshot: Snapshot, settings: Settings, month: Month): Health {
  const targets = settings.health;
  const activities = snapshot.activities.filter((a) => a.personId === personId && a.month === month);
  const sum = (pick: (a: (typeof activities)[number]) => number) =>
    activities.reduce((s, a) => s + pick(a), 0);
  const sent = sum((a) => a.proposalsSent);
  const conversionPercent = sent === 0 ? 0 : (FULL * sum((a) => a.proposalsWon)) / sent;

  const at = monthEnd(month);
  const accounts = snapshot.keyAccounts.filter((account) => account.ownerId === personId);
  const covered = accounts.filter((account) => !hasKeyClientGap(account, settings, at)).length;
  const coverage =
    accounts.length === 0
      ? FULL
      : reach((FULL * covered) / accounts.length, targets.keyClientCoveragePercent);

  const share = highMarginShare(activities);

  const krs = personalKeyResultsIn(personId, snapshot.keyResults, month);
  const expected = expectedProgress(snapshot.cycle, month);
  const paceScores = krs.map((kr) =>
    reach(
      pacePercent(progressAt(kr, snapshot.checkIns, month), expected),
      settings.calibration.greenMinPacePercent,
    ),
  );

  return {
    signedDeals: reach(
      sum((a) => a.dealsSigned),
      targets.signedDealsPerMonth,
    ),
    clientVisits: reach(
      sum((a) => a.clientVisits),
      targets.clientVisitsPerMonth,
    ),
    proposalConversion: reach(conversionPercent, targets.proposalConversionPercent),
    keyClientCoverage: coverage,
    highMarginShare: share === null ? 0 : reach(FULL * share, targets.highMarginSharePercent),
    krPace: paceScores.length === 0 ? 0 : paceScores.reduce((s, p) => s + p, 0) / paceScores.length,
  };
}

function combine(healths: Health[], pick: (values: number[]) => number): Health | null {
  if (healths.length === 0) return null;
  const result = {} as Health;
  for (const dimension of HEALTH_DIMENSIONS) {
    result[dimension] = pick(healths.map((health) => health[dimension]));
  }
  return result;
}

function mean(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function teamHealths(personIds: Id[], snapshot: Snapshot, settings: Settings, month: Month): Health[] {
  return personIds.map((id) => healthOf(id, snapshot, settings, month));
}

/** Mean health per axis over `personIds`; null for an empty team. */
export function teamHealth(
  personIds: Id[],
  snapshot: Snapshot,
  settings: Settings,
  month: Month,
): Health | null {
  return combine(teamHealths(personIds, snapshot, settings, month), mean);
}

/** Median health per axis over `personIds` (a reference line on the radar); null for an empty team. */
export function medianHealth(
  personIds: Id[],
  snapshot: Snapshot,
  settings: Settings,
  month: Month,
): Health | null {
  return combine(teamHealths(personIds, snapshot, settings, month), median);
}
