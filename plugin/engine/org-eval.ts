/**
 * The per-subject computations of an evaluation, shared by `evaluate()` (over a whole snapshot) and
 * the incremental evaluator (over the subjects a write touches). Everything that depends only on
 * the cycle, the settings and the "as of" date is computed once in an {@link EvalFrame}; each
 * check-in's submission instant is parsed once; each KR is computed in one pass over its own
 * check-ins. The numbers are those of the domain functions (`krColours`, `alignmentFactors`,
 * `daysSinceUpdate`, `metricsByMonth`, …), added in the same order, so results are identical.
 */

import { daysSinceContact } from '../domain/alerts.ts';
import {
  type AlignmentFactors,
  factorsAsOf,
  linkedAsOf,
  type PreparedAlignment,
  prepareAlignment,
  scoreAsOf,
  scoreOfFactors,
} from '../domain/alignment.ts';
import { asOfMillis, cycleMonths, monthEnd, monthOf, utcMillis } from '../domain/dates.ts';
import { averageResponseDays } from '../domain/escalations.ts';
import { firstOwedMonth } from '../domain/kr-lifetime.ts';
import { type CycleMetrics, highMarginShare } from '../domain/metrics.ts';
import {
  checkInDueDate,
  keyResultAtMonthEnd,
  krProgress,
  type MonthColour,
  monthColours,
} from '../domain/pace.ts';
import type { Settings } from '../domain/settings.ts';
import type { SnapshotIndex } from '../domain/snapshot-index.ts';
import type {
  Activity,
  CheckIn,
  Cycle,
  Escalation,
  Id,
  IsoDate,
  KeyAccount,
  KeyResult,
  Month,
  Objective,
  PeerReview,
  Person,
  Snapshot,
} from '../domain/types.ts';
import type { CheckInTable, KrCheckIns } from './check-in-table.ts';
import type { KrFact, MonthFact } from './fact-catalogue.ts';
import type { AccountSubject, KrSubject } from './subjects.ts';

export type { KrCheckIns };

const MS_PER_DAY = 86_400_000;

/** What one evaluation date fixes: the cycle's months and their dates, parsed once. */
export interface EvalFrame {
  settings: Settings;
  at: IsoDate;
  months: Month[];
  monthIndex: Map<Month, number>;
  /** year × 12 + month (1–12) of the first cycle month, read as digits ({@link monthIndexOf}). */
  firstMonthOrdinal: number;
  /** Expected progress at the end of each month ({@link expectedProgress}). */
  expected: number[];
  dueDates: IsoDate[];
  /** `asOfMillis` of each month's check-in due date. */
  dueAsOf: number[];
  /** `asOfMillis` of each month's last day (the "as of" of that month's metrics). */
  monthEndAsOf: number[];
  /** Months `[0, metricMonths)` are those up to the month of `at` (the metrics rows). */
  metricMonths: number;
  atAsOf: number;
  /** `utcMillis(at)`: midnight at the start of `at` (what `daysBetween` measures to). */
  atMillis: number;
  cycle: Cycle;
  /** `utcMillis(cycle.start)`. */
  cycleStartMillis: number;
  cap: number;
  objectivesById: Map<Id, Objective>;
  /** Per month index: its check-in due date has passed by `at`. */
  isDue: (i: number) => boolean;
  /** Per month index: the progress expected by its end. */
  expectedOf: (i: number) => number;
  /** Reused by every KR of this frame (evaluation is synchronous): its check-in that counts per month. */
  pick: MonthPick;
  /** Month facts and a KR fact reused by every KR whose subject dies with its rule run ({@link evaluateKr}). */
  scratch: { months: MonthFact[]; kr: KrFact };
}

const NO_CHECK_INS: KrCheckIns = { checkIns: [], millis: [] };

/** The check-in that counts per month of the KR being evaluated: an index into its group, -1 for none. */
class MonthPick {
  readonly best: Int32Array;
  group: KrCheckIns = NO_CHECK_INS;
  constructor(months: number) {
    this.best = new Int32Array(months);
  }
  readonly checkInOf = (i: number): CheckIn | undefined => {
    const b = this.best[i]!;
    return b < 0 ? undefined : this.group.checkIns[b];
  };
}

export function evalFrame(snapshot: Snapshot, settings: Settings, at: IsoDate): EvalFrame {
  const months = cycleMonths(snapshot.cycle);
  const lastMonth = monthOf(at);
  let metricMonths = 0;
  while (metricMonths < months.length && months[metricMonths]! <= lastMonth) metricMonths++;
  const dueDates = months.map((month) => checkInDueDate(month, settings));
  const dueAsOf = dueDates.map(asOfMillis);
  const expected = months.map((_, i) => (i + 1) / months.length);
  const atAsOf = asOfMillis(at);
  return {
    settings,
    at,
    months,
    monthIndex: new Map(months.map((month, i) => [month, i])),
    firstMonthOrdinal:
      months.length === 0 ? 0 : Number(months[0]!.slice(0, 4)) * 12 + Number(months[0]!.slice(5, 7)),
    expected,
    dueDates,
    dueAsOf,
    monthEndAsOf: months.map((month) => asOfMillis(monthEnd(month))),
    metricMonths,
    atAsOf,
    atMillis: utcMillis(at),
    cycle: snapshot.cycle,
    cycleStartMillis: utcMillis(snapshot.cycle.start),
    cap: settings.contribution.progressCapPercent / 100,
    objectivesById: new Map(snapshot.objectives.map((objective) => [objective.id, objective])),
    isDue: (i) => atAsOf > dueAsOf[i]!,
    expectedOf: (i) => expected[i]!,
    pick: new MonthPick(months.length),
    scratch: { months: months.map(emptyMonthFact), kr: emptyKrFact() },
  };
}

function emptyMonthFact(): MonthFact {
  return {
    month: '',
    colour: 'red',
    pacePercent: null,
    amberStreak: 0,
    redStreak: 0,
    missing: false,
    dueDate: '',
    confidence: null,
    previousConfidence: null,
  };
}

function emptyKrFact(): KrFact {
  return {
    id: '',
    ownerType: 'person',
    ownerId: '',
    score: 0,
    linked: false,
    focusMatch: 0,
    rationale: false,
    managerConfirmed: false,
    daysSinceUpdate: 0,
    hasOwnUpdateInterval: false,
    ownUpdateIntervalDays: null,
  };
}

function sortByMonth(group: KrCheckIns): void {
  const { checkIns } = group;
  let sorted = true;
  for (let i = 1; i < checkIns.length && sorted; i++) sorted = checkIns[i - 1]!.month <= checkIns[i]!.month;
  if (sorted) return;
  const order = checkIns.map((_, i) => i);
  // Array.prototype.sort is stable: same-month check-ins keep their snapshot order.
  order.sort((a, b) => {
    const ma = checkIns[a]!.month;
    const mb = checkIns[b]!.month;
    return ma < mb ? -1 : ma > mb ? 1 : 0;
  });
  const millis = group.millis;
  group.checkIns = order.map((i) => checkIns[i]!);
  group.millis = order.map((i) => millis[i]!);
}

/** Groups check-ins per KR id in one pass, parsing each submission instant once. */
export function groupCheckIns(checkIns: readonly CheckIn[]): Map<Id, KrCheckIns> {
  const byKr = new Map<Id, KrCheckIns>();
  for (const checkIn of checkIns) {
    const millis = utcMillis(checkIn.submittedAt);
    const group = byKr.get(checkIn.krId);
    if (group === undefined) byKr.set(checkIn.krId, { checkIns: [checkIn], millis: [millis] });
    else {
      group.checkIns.push(checkIn);
      group.millis.push(millis);
    }
  }
  for (const group of byKr.values()) sortByMonth(group);
  return byKr;
}

/** Inserts or replaces (same id) a check-in in a KR's group, keeping it sorted by month. */
export function upsertCheckIn(group: KrCheckIns, checkIn: CheckIn): void {
  removeCheckIn(group, checkIn.id);
  const { checkIns, millis } = group;
  // After the last check-in of the same or an earlier month, as a snapshot appending it would sort it.
  let at = checkIns.length;
  while (at > 0 && checkIns[at - 1]!.month > checkIn.month) at--;
  checkIns.splice(at, 0, checkIn);
  millis.splice(at, 0, utcMillis(checkIn.submittedAt));
}

/** Removes the check-in `id` from a KR's group; false when it is not there. */
export function removeCheckIn(group: KrCheckIns, id: Id): boolean {
  const at = group.checkIns.findIndex((c) => c.id === id);
  if (at < 0) return false;
  group.checkIns.splice(at, 1);
  group.millis.splice(at, 1);
  return true;
}

/**
 * Per KR slot and metrics month, what the metrics rows count: whether the KR existed in the month
 * (else it counts nowhere), aligned and linked as of the month end, and progress at the month end
 * capped at `progressCapPercent` (personal KRs only).
 * Flat typed arrays, so an organisation's rows are four allocations, not four per KR.
 */
export class MetricSlots {
  exists: Uint8Array;
  aligned: Uint8Array;
  linked: Uint8Array;
  progress: Float64Array;
  constructor(
    readonly months: number,
    capacity: number,
  ) {
    const size = Math.max(1, capacity) * Math.max(1, months);
    this.exists = new Uint8Array(size);
    this.aligned = new Uint8Array(size);
    this.linked = new Uint8Array(size);
    this.progress = new Float64Array(size);
  }
  /** Makes room for `slot`. */
  ensure(slot: number): void {
    const needed = (slot + 1) * this.months;
    if (needed <= this.progress.length) return;
    const size = Math.max(needed, this.progress.length * 2);
    const grow = <T extends Uint8Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.exists = grow(this.exists, (n) => new Uint8Array(n));
    this.aligned = grow(this.aligned, (n) => new Uint8Array(n));
    this.linked = grow(this.linked, (n) => new Uint8Array(n));
    this.progress = grow(this.progress, (n) => new Float64Array(n));
  }
}

/** What one KR adds to the organisation's figures besides its subject. */
export interface KrCounts {
  personal: boolean;
  /** Created by `at` (only then it counts in the rates as of `at`). */
  exists: boolean;
  /** Score at `at` reaches `alignment.minScore` (counts in the alignment rate when personal). */
  aligned: boolean;
  /** Has a link made by `at` (counts in the linked rate when personal). */
  linked: boolean;
}

const CHAR_CODE_ZERO = 48;

/**
 * `frame.monthIndex.get(month)`: the cycle's months are consecutive, so a plain `YYYY-MM` is
 * placed by arithmetic (then checked against the month there); anything else is looked up.
 */
function monthIndexOf(frame: EvalFrame, month: Month): number | undefined {
  if (month.length !== 7) return frame.monthIndex.get(month);
  const ordinal =
    ((month.charCodeAt(0) - CHAR_CODE_ZERO) * 1000 +
      (month.charCodeAt(1) - CHAR_CODE_ZERO) * 100 +
      (month.charCodeAt(2) - CHAR_CODE_ZERO) * 10 +
      (month.charCodeAt(3) - CHAR_CODE_ZERO)) *
      12 +
    (month.charCodeAt(5) - CHAR_CODE_ZERO) * 10 +
    (month.charCodeAt(6) - CHAR_CODE_ZERO);
  const i = ordinal - frame.firstMonthOrdinal;
  if (i >= 0 && i < frame.months.length && frame.months[i] === month) return i;
  return frame.monthIndex.get(month);
}

function isNewer(millis: number, id: Id, bestMillis: number, bestId: Id): boolean {
  return millis !== bestMillis ? millis > bestMillis : id > bestId;
}

/** Colour rows of one KR; leaves in `frame.pick` the check-in that counts per month. */
function colourRows(kr: KeyResult, group: KrCheckIns, frame: EvalFrame): MonthColour[] {
  const { months, settings, pick } = frame;
  // The newest check-in per cycle month among those submitted by `at` (krColours' choice).
  const best = pick.best;
  best.fill(-1);
  pick.group = group;
  const { checkIns, millis } = group;
  for (let j = 0; j < checkIns.length; j++) {
    const m = millis[j]!;
    if (m > frame.atAsOf) continue;
    const i = monthIndexOf(frame, checkIns[j]!.month);
    if (i === undefined) continue;
    const b = best[i]!;
    if (b < 0 || isNewer(m, checkIns[j]!.id, millis[b]!, checkIns[b]!.id)) best[i] = j;
  }
  return monthColours(kr, months, settings, pick.checkInOf, frame.isDue, frame.expectedOf);
}

/**
 * Capped progress at each metrics month's end from the check-in that counts then (latest month up
 * to it, then newest submission, then larger id; submission time does not matter), as
 * `completionRate` computes it.
 */
function progressRows(
  kr: KeyResult,
  group: KrCheckIns,
  frame: EvalFrame,
  rows: Float64Array,
  base: number,
): void {
  const { checkIns, millis } = group;
  let j = 0;
  let best = -1;
  for (let i = 0; i < frame.metricMonths; i++) {
    const month = frame.months[i]!;
    while (j < checkIns.length && checkIns[j]!.month <= month) {
      const c = checkIns[j]!;
      if (
        best < 0 ||
        c.month !== checkIns[best]!.month ||
        isNewer(millis[j]!, c.id, millis[best]!, checkIns[best]!.id)
      )
        best = j;
      j++;
    }
    const progress = best < 0 ? 0 : krProgress(keyResultAtMonthEnd(kr, month), checkIns[best]!.value);
    rows[base + i] = Math.min(frame.cap, progress);
  }
}

function daysSinceUpdateOf(
  kr: KeyResult,
  group: KrCheckIns,
  frame: EvalFrame,
  createdMillis: number,
): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (const m of group.millis) if (m <= frame.atAsOf && m > latest) latest = m;
  for (const revision of kr.targetHistory) {
    const m = utcMillis(revision.at);
    if (m <= frame.atAsOf && m > latest) latest = m;
  }
  // lifetimeStart(kr, cycle), parsed once.
  const start = Math.max(createdMillis, frame.cycleStartMillis);
  const from = latest === Number.NEGATIVE_INFINITY ? start : latest;
  return Math.max(0, (frame.atMillis - from) / MS_PER_DAY);
}

/**
 * The month facts of one KR's colour rows. A row's confidence is that of its check-in, read as a
 * map from check-in id would (the last one in the group when an id repeats). `reuse`: written into
 * the frame's scratch facts (a fresh array of them), valid until the next KR.
 */
function monthFacts(colours: readonly MonthColour[], frame: EvalFrame, reuse: boolean): MonthFact[] {
  const { months, pick } = frame;
  const checkIns = pick.group.checkIns;
  const facts: MonthFact[] = new Array(colours.length);
  let previous: number | null = null;
  let i = 0;
  for (let r = 0; r < colours.length; r++) {
    const colour = colours[r]!;
    while (months[i] !== colour.month) i++;
    let confidence: number | null = null;
    const b = pick.best[i]!;
    if (colour.checkInId !== null && b >= 0) {
      let j = checkIns.length - 1;
      while (j > b && checkIns[j]!.id !== colour.checkInId) j--;
      confidence = checkIns[j]!.confidence ?? null;
    }
    facts[r] = reuse
      ? writeMonthFact(frame.scratch.months[r]!, colour, frame.dueDates[i]!, confidence, previous)
      : monthFact(colour, frame.dueDates[i]!, confidence, previous);
    previous = confidence;
  }
  return facts;
}

function monthFact(
  colour: MonthColour,
  dueDate: IsoDate,
  confidence: number | null,
  previousConfidence: number | null,
): MonthFact {
  return {
    month: colour.month,
    colour: colour.colour,
    pacePercent: colour.pacePercent,
    amberStreak: colour.amberStreak,
    redStreak: colour.redStreak,
    missing: colour.missing,
    dueDate,
    confidence,
    previousConfidence,
  };
}

/** {@link monthFact} written into `fact`, field for field. */
function writeMonthFact(
  fact: MonthFact,
  colour: MonthColour,
  dueDate: IsoDate,
  confidence: number | null,
  previousConfidence: number | null,
): MonthFact {
  fact.month = colour.month;
  fact.colour = colour.colour;
  fact.pacePercent = colour.pacePercent;
  fact.amberStreak = colour.amberStreak;
  fact.redStreak = colour.redStreak;
  fact.missing = colour.missing;
  fact.dueDate = dueDate;
  fact.confidence = confidence;
  fact.previousConfidence = previousConfidence;
  return fact;
}

/** The `kr` fact, written into `into` when given (a scratch fact), else a new one. */
function krFact(
  kr: KeyResult,
  factors: AlignmentFactors,
  daysSinceUpdate: number,
  settings: Settings,
  into?: KrFact,
): KrFact {
  if (into === undefined) {
    return {
      id: kr.id,
      ownerType: kr.ownerType,
      ownerId: kr.ownerId,
      score: scoreOfFactors(factors, settings),
      linked: factors.linked,
      focusMatch: factors.focusMatch,
      rationale: factors.rationale,
      managerConfirmed: factors.managerConfirmed,
      daysSinceUpdate,
      hasOwnUpdateInterval: kr.updateIntervalDays !== null,
      ownUpdateIntervalDays: kr.updateIntervalDays,
    };
  }
  into.id = kr.id;
  into.ownerType = kr.ownerType;
  into.ownerId = kr.ownerId;
  into.score = scoreOfFactors(factors, settings);
  into.linked = factors.linked;
  into.focusMatch = factors.focusMatch;
  into.rationale = factors.rationale;
  into.managerConfirmed = factors.managerConfirmed;
  into.daysSinceUpdate = daysSinceUpdate;
  into.hasOwnUpdateInterval = kr.updateIntervalDays !== null;
  into.ownUpdateIntervalDays = kr.updateIntervalDays;
  return into;
}

/**
 * Evaluates one KR with its check-ins: its subject (facts, colours, month facts); for a personal KR
 * also its metrics inputs, written to `slots` at `slot`. `counts` receives its alignment-rate inputs.
 * `transient`: the subject's facts are the frame's scratch ones, valid until the next KR is
 * evaluated (for a caller that runs its rules at once and keeps only colours and factors).
 */
export function evaluateKr(
  kr: KeyResult,
  group: KrCheckIns | undefined,
  frame: EvalFrame,
  slots?: MetricSlots,
  slot = 0,
  counts?: KrCounts,
  transient = false,
): KrSubject {
  const checkIns = group ?? NO_CHECK_INS;
  const { settings } = frame;
  const prepared: PreparedAlignment = prepareAlignment(kr, frame.objectivesById);
  const factors = factorsAsOf(prepared, settings, frame.atAsOf);
  const createdMillis = utcMillis(kr.createdAt);
  const days = daysSinceUpdateOf(kr, checkIns, frame, createdMillis);
  const fact = krFact(kr, factors, days, settings, transient ? frame.scratch.kr : undefined);
  const colours = colourRows(kr, checkIns, frame);
  const months = monthFacts(colours, frame, transient);
  const personal = kr.ownerType === 'person';
  if (personal && slots !== undefined) {
    const minScore = settings.alignment.minScore;
    const base = slot * frame.metricMonths;
    const firstOwed = firstOwedMonth(kr);
    for (let i = 0; i < frame.metricMonths; i++) {
      const end = frame.monthEndAsOf[i]!;
      // owesCheckIn(kr, month), its first owed month read once.
      const exists = frame.months[i]! >= firstOwed;
      slots.exists[base + i] = exists ? 1 : 0;
      slots.aligned[base + i] = exists && scoreAsOf(prepared, settings, end) >= minScore ? 1 : 0;
      slots.linked[base + i] = exists && linkedAsOf(prepared, end) ? 1 : 0;
    }
    progressRows(kr, checkIns, frame, slots.progress, base);
  }
  if (counts !== undefined) {
    // existsAt(kr, atAsOf), its creation parsed once.
    const exists = createdMillis <= frame.atAsOf;
    counts.personal = personal;
    counts.exists = exists;
    counts.aligned = exists && fact.score >= settings.alignment.minScore;
    counts.linked = personal && exists && linkedAsOf(prepared, frame.atAsOf);
  }
  return { kr, factors, fact, colours, months };
}

/** The `account` subject of one key account. */
export function accountSubject(account: KeyAccount, at: IsoDate): AccountSubject {
  const days = daysSinceContact(account, at);
  return {
    account,
    fact: { id: account.id, ownerId: account.ownerId, daysSinceContact: days, neverContacted: days === null },
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => Id | null): Map<Id, T[]> {
  const groups = new Map<Id, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

/** Resolved escalations per month of resolution, in snapshot order (the response-time rows). */
export function escalationsByMonth(escalations: readonly Escalation[]): Map<Month, Escalation[]> {
  return groupBy(escalations, (e) => (e.resolvedAt === null ? null : monthOf(e.resolvedAt)));
}

export function activitiesByMonth(activities: readonly Activity[]): Map<Month, Activity[]> {
  return groupBy(activities, (a) => a.month);
}

/** A read-only Map over live state, for the domain functions that take a {@link SnapshotIndex}. */
export class LiveMap<V> implements ReadonlyMap<Id, V> {
  constructor(
    private readonly read: (key: Id) => V | undefined,
    private readonly all: () => Iterable<[Id, V]>,
  ) {}
  get(key: Id): V | undefined {
    return this.read(key);
  }
  has(key: Id): boolean {
    return this.read(key) !== undefined;
  }
  get size(): number {
    let n = 0;
    for (const _ of this.all()) n++;
    return n;
  }
  forEach(callback: (value: V, key: Id, map: ReadonlyMap<Id, V>) => void): void {
    for (const [key, value] of this.all()) callback(value, key, this);
  }
  *entries(): MapIterator<[Id, V]> {
    yield* this.all();
  }
  *keys(): MapIterator<Id> {
    for (const [key] of this.all()) yield key;
  }
  *values(): MapIterator<V> {
    for (const [, value] of this.all()) yield value;
  }
  [Symbol.iterator](): MapIterator<[Id, V]> {
    return this.entries();
  }
}

/**
 * A {@link SnapshotIndex} whose check-in lists are the groups already made (sorted by month), read
 * through, not copied; `personalKrsByOwner` when the caller grouped them already.
 */
export function indexFromGroups(
  snapshot: Snapshot,
  groups: Map<Id, KrCheckIns>,
  personalKrsByOwner?: Map<Id, KeyResult[]>,
): SnapshotIndex {
  const krById = new Map<Id, KeyResult>();
  for (const kr of snapshot.keyResults) if (!krById.has(kr.id)) krById.set(kr.id, kr);
  return {
    checkInsByKr: new LiveMap(
      (id) => groups.get(id)?.checkIns,
      function* () {
        for (const [id, group] of groups) yield [id, group.checkIns] as [Id, readonly CheckIn[]];
      },
    ),
    personalKrsByOwner:
      personalKrsByOwner ??
      groupBy(snapshot.keyResults, (kr) => (kr.ownerType === 'person' ? kr.ownerId : null)),
    krById,
    regionOf: new Map(snapshot.people.map((person) => [person.id, person.regionId])),
    reviewsByReviewee: groupBy<PeerReview>(snapshot.peerReviews, (review) => review.revieweeId),
  };
}

/**
 * A {@link SnapshotIndex} of a full evaluation: check-in lists and KRs read from `table` on demand,
 * each person's personal KRs from `owned` (in snapshot order).
 */
export function indexFromTable(
  snapshot: Snapshot,
  table: CheckInTable,
  owned: ReadonlyMap<Id, { krs: readonly KeyResult[] }>,
): SnapshotIndex {
  return {
    checkInsByKr: new LiveMap(
      (id) => table.checkInsOf(id),
      () => table.groups(),
    ),
    personalKrsByOwner: new LiveMap(
      (id) => owned.get(id)?.krs,
      function* () {
        for (const [id, mine] of owned) yield [id, mine.krs] as [Id, readonly KeyResult[]];
      },
    ),
    krById: new LiveMap(
      (id) => table.krById(id),
      () => table.krs(),
    ),
    regionOf: new Map(snapshot.people.map((person) => [person.id, person.regionId])),
    reviewsByReviewee: groupBy<PeerReview>(snapshot.peerReviews, (review) => review.revieweeId),
  };
}

/**
 * Completion rate per metrics month of one person from their personal KRs' slots (in snapshot
 * order), over the KRs that existed in the month: NaN for a month with none; null without KRs.
 */
export function completionRates(
  krSlots: readonly number[] | undefined,
  slots: MetricSlots,
  frame: EvalFrame,
): number[] | null {
  if (krSlots === undefined || krSlots.length === 0) return null;
  const rates: number[] = [];
  const n = frame.metricMonths;
  for (let i = 0; i < n; i++) {
    let total = 0;
    let existing = 0;
    for (const slot of krSlots) {
      if (slots.exists[slot * n + i] === 0) continue;
      total += slots.progress[slot * n + i]!;
      existing++;
    }
    rates.push(existing === 0 ? Number.NaN : total / existing);
  }
  return rates;
}

/** The inputs of the metrics rows that writes never change, grouped once. */
export interface StaticMetricInputs {
  escalations: Map<Month, Escalation[]>;
  activities: Map<Month, Activity[]>;
  sales: Person[];
}

export function staticMetricInputs(snapshot: Snapshot): StaticMetricInputs {
  return {
    escalations: escalationsByMonth(snapshot.escalations),
    activities: activitiesByMonth(snapshot.activities),
    sales: snapshot.people.filter((person) => person.role === 'sales'),
  };
}

/**
 * Counts of personal KRs: in all, created by `at` (the rates as of `at`), and existing, aligned
 * and linked per metrics month.
 */
export interface MetricCounts {
  personal: number;
  existingAt: number;
  existing: number[];
  aligned: number[];
  linked: number[];
}

/** Adds (`sign` 1) or takes away (-1) one personal KR's slot, created by `at` or not (`exists`), from `counts`. */
export function countSlot(
  counts: MetricCounts,
  slots: MetricSlots,
  slot: number,
  sign: 1 | -1,
  exists: boolean,
): void {
  const n = counts.aligned.length;
  counts.personal += sign;
  if (exists) counts.existingAt += sign;
  for (let i = 0; i < n; i++) {
    counts.existing[i]! += sign * slots.exists[slot * n + i]!;
    counts.aligned[i]! += sign * slots.aligned[slot * n + i]!;
    counts.linked[i]! += sign * slots.linked[slot * n + i]!;
  }
}

export function emptyCounts(frame: EvalFrame): MetricCounts {
  return {
    personal: 0,
    existingAt: 0,
    existing: new Array<number>(frame.metricMonths).fill(0),
    aligned: new Array<number>(frame.metricMonths).fill(0),
    linked: new Array<number>(frame.metricMonths).fill(0),
  };
}

const rate = (count: number, total: number) => (total === 0 ? 0 : count / total);

/** The metrics rows (`metricsByMonth` up to the month of `at`) from counts and completion rates. */
export function metricRows(
  frame: EvalFrame,
  counts: MetricCounts,
  inputs: StaticMetricInputs,
  ratesOf: (personId: Id) => readonly number[] | null,
): CycleMetrics[] {
  const rows: CycleMetrics[] = [];
  const salesRates: (readonly number[])[] = [];
  for (const person of inputs.sales) {
    const rates = ratesOf(person.id);
    if (rates !== null) salesRates.push(rates);
  }
  for (let i = 0; i < frame.metricMonths; i++) {
    const month = frame.months[i]!;
    let spread: number | null = null;
    if (salesRates.length > 0) {
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (const rates of salesRates) {
        const r = rates[i]!;
        // NaN: none of this person's KRs existed yet, so they are not in this month's spread.
        if (Number.isNaN(r)) continue;
        if (r < min) min = r;
        if (r > max) max = r;
      }
      if (min <= max) spread = max - min;
    }
    rows.push({
      month,
      alignmentRate: rate(counts.aligned[i]!, counts.existing[i]!),
      linkedRate: rate(counts.linked[i]!, counts.existing[i]!),
      averageResponseDays: averageResponseDays(inputs.escalations.get(month) ?? []),
      highMarginShare: highMarginShare(inputs.activities.get(month) ?? []),
      completionSpread: spread,
    });
  }
  return rows;
}
