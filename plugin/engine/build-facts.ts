import { daysSinceContact, daysSinceUpdate } from '../domain/alerts.ts';
import { type AlignmentFactors, alignmentFactors, scoreOfFactors } from '../domain/alignment.ts';
import { checkInDueDate, krColours, type MonthColour } from '../domain/pace.ts';
import { computePoolRun, type PoolRunResult } from '../domain/pool.ts';
import type { Settings } from '../domain/settings.ts';
import type { SnapshotIndex } from '../domain/snapshot-index.ts';
import type {
  CheckIn,
  Id,
  IsoDate,
  KeyAccount,
  KeyResult,
  Month,
  Quarter,
  Snapshot,
} from '../domain/types.ts';
import type { AccountFact, KrFact, MonthFact, PoolFact } from './fact-catalogue.ts';

/** One key result with its facts and the domain results they came from. */
export interface KrSubject {
  kr: KeyResult;
  factors: AlignmentFactors;
  fact: KrFact;
  colours: MonthColour[];
  months: MonthFact[];
}

export interface AccountSubject {
  account: KeyAccount;
  fact: AccountFact;
}

export interface PoolSubject {
  run: PoolRunResult;
  fact: PoolFact;
}

/** The facts of every subject of a snapshot at one date, computed by the domain functions. */
export interface OrgFacts {
  krs: KrSubject[];
  accounts: AccountSubject[];
  pool: PoolSubject | null;
}

function checkInsByKr(checkIns: readonly CheckIn[]): Map<Id, CheckIn[]> {
  const byKr = new Map<Id, CheckIn[]>();
  for (const checkIn of checkIns) {
    const list = byKr.get(checkIn.krId);
    if (list === undefined) byKr.set(checkIn.krId, [checkIn]);
    else list.push(checkIn);
  }
  return byKr;
}

function monthFact(colour: MonthColour, dueDate: IsoDate): MonthFact {
  return {
    month: colour.month,
    colour: colour.colour,
    pacePercent: colour.pacePercent,
    amberStreak: colour.amberStreak,
    redStreak: colour.redStreak,
    missing: colour.missing,
    dueDate,
  };
}

function krSubject(
  kr: KeyResult,
  checkIns: CheckIn[],
  snapshot: Snapshot,
  settings: Settings,
  at: IsoDate,
  dueDates: Map<Month, IsoDate>,
): KrSubject {
  const factors = alignmentFactors(kr, snapshot.objectives, settings, at);
  const colours = krColours(kr, checkIns, snapshot.cycle, settings, at);
  const months = colours.map((colour) => {
    let due = dueDates.get(colour.month);
    if (due === undefined) {
      due = checkInDueDate(colour.month, settings);
      dueDates.set(colour.month, due);
    }
    return monthFact(colour, due);
  });
  const fact: KrFact = {
    id: kr.id,
    ownerType: kr.ownerType,
    ownerId: kr.ownerId,
    score: scoreOfFactors(factors, settings),
    linked: factors.linked,
    focusMatch: factors.focusMatch,
    rationale: factors.rationale,
    managerConfirmed: factors.managerConfirmed,
    daysSinceUpdate: daysSinceUpdate(kr, checkIns, snapshot.cycle, at),
    hasOwnUpdateInterval: kr.updateIntervalDays !== null,
    ownUpdateIntervalDays: kr.updateIntervalDays,
  };
  return { kr, factors, fact, colours, months };
}

function poolSubject(
  snapshot: Snapshot,
  settings: Settings,
  quarter: Quarter,
  index: SnapshotIndex | undefined,
): PoolSubject {
  const run = computePoolRun(snapshot, settings, quarter, index);
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
  const byKr = checkInsByKr(snapshot.checkIns);
  const dueDates = new Map<Month, IsoDate>();
  const krs = snapshot.keyResults.map((kr) =>
    krSubject(kr, byKr.get(kr.id) ?? [], snapshot, settings, at, dueDates),
  );
  const accounts = snapshot.keyAccounts.map((account) => {
    const days = daysSinceContact(account, at);
    return {
      account,
      fact: {
        id: account.id,
        ownerId: account.ownerId,
        daysSinceContact: days,
        neverContacted: days === null,
      },
    };
  });
  const pool = quarter === null ? null : poolSubject(snapshot, settings, quarter, index);
  return { krs, accounts, pool };
}
