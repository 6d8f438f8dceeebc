import type { ContributionDetail } from '../domain/contribution.ts';
import { computePoolRun } from '../domain/pool.ts';
import type { Settings } from '../domain/settings.ts';
import type { SnapshotIndex } from '../domain/snapshot-index.ts';
import type { Id, IsoDate, Quarter, Snapshot } from '../domain/types.ts';
import { accountSubject, evalFrame, evaluateKr, groupCheckIns, indexFromGroups } from './org-eval.ts';
import type { AccountSubject, KrSubject, PoolSubject } from './subjects.ts';

export type { AccountSubject, KrSubject, PoolSubject };

/** The facts of every subject of a snapshot at one date, computed by the domain functions. */
export interface OrgFacts {
  krs: KrSubject[];
  accounts: AccountSubject[];
  pool: PoolSubject | null;
}

export function poolSubject(
  snapshot: Snapshot,
  settings: Settings,
  quarter: Quarter,
  index: SnapshotIndex | undefined,
  detailOf?: (personId: Id) => ContributionDetail,
): PoolSubject {
  const run = computePoolRun(snapshot, settings, quarter, index, detailOf);
  return {
    run,
    fact: {
      quarter: run.quarter,
      poolCents: run.poolCents,
      eligibleCount: run.eligible.length,
      excludedCount: run.excluded.length,
      hasEligible: run.eligible.length > 0,
    },
  };
}

/**
 * Computes the facts the rules decide on; `quarter` null means no pool run.
 * @param index lookups of `snapshot` (see `indexSnapshot`), when the caller has them already
 */
export function buildFacts(
  snapshot: Snapshot,
  settings: Settings,
  at: IsoDate,
  quarter: Quarter | null,
  index?: SnapshotIndex,
): OrgFacts {
  const frame = evalFrame(snapshot, settings, at);
  const groups = groupCheckIns(snapshot.checkIns);
  const krs = snapshot.keyResults.map((kr) => evaluateKr(kr, groups.get(kr.id), frame));
  const accounts = snapshot.keyAccounts.map((account) => accountSubject(account, at));
  const pool =
    quarter === null
      ? null
      : poolSubject(snapshot, settings, quarter, index ?? indexFromGroups(snapshot, groups));
  return { krs, accounts, pool };
}
