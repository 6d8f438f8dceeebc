/**
 * An evaluation held in memory for one cycle, kept up to date write by write: a write re-evaluates
 * only what depends on it ({@link dependentsOf}): the KRs it touches (facts, colours, events), their
 * owners' completion rates and contribution values, the metrics counts and the pool fact. Whole
 * results (`evaluation()`) are assembled on request and equal `evaluate()` of the same state,
 * result for result (`test/engine/incremental.property.test.ts`). Pure: no I/O, no clock.
 */
import { type Contribution, type ContributionDetail, contributionDetail } from '../domain/contribution.ts';
import { quarterMonths } from '../domain/dates.ts';
import type { MonthColour } from '../domain/pace.ts';
import { computePoolRun, type PoolRunResult, poolSize } from '../domain/pool.ts';
import type { Settings } from '../domain/settings.ts';
import type { SnapshotIndex } from '../domain/snapshot-index.ts';
import type {
  CheckIn,
  Escalation,
  Id,
  IsoDate,
  KeyResult,
  PeerReview,
  Person,
  Quarter,
  Snapshot,
} from '../domain/types.ts';
import type { KrSubject } from './build-facts.ts';
import { defaultRuleSet } from './default-rules.ts';
import { InputError } from './errors.ts';
import { checkAt, type EvaluateOptions, type Evaluation, poolQuarter } from './evaluate.ts';
import type { PoolFact } from './fact-catalogue.ts';
import { type DependencyView, type Dependents, dependentsOf } from './incremental-index.ts';
import { linksWith, linksWithout, type Write, type WriteKind } from './incremental-writes.ts';
import {
  accountSubject,
  completionRates,
  countSlot,
  type EvalFrame,
  emptyCounts,
  escalationsByMonth,
  evalFrame,
  evaluateKr,
  groupCheckIns,
  type KrCheckIns,
  type KrCounts,
  LiveMap,
  type MetricCounts,
  MetricSlots,
  metricRows,
  removeCheckIn,
  type StaticMetricInputs,
  staticMetricInputs,
  upsertCheckIn,
} from './org-eval.ts';
import type { RuleEvent, RuleSet } from './rule-types.ts';
import { runAccountRules, runKrRules, runPoolRules } from './run-rules.ts';
import { admitSnapshot, validateSnapshot } from './validate-snapshot.ts';

/** The new state of one KR a write touched. */
export interface KrChange {
  krId: Id;
  /** The KR no longer exists (its colours and events are then empty). */
  removed: boolean;
  colours: MonthColour[];
  /** The KR's events (its `kr` rules, then its months' rules), replacing those it had. */
  events: RuleEvent[];
}

/** What one write changed. */
export interface EvaluationChange {
  write: WriteKind;
  /** Everything was evaluated again (settings or snapshot replaced): read `evaluation()`. */
  full: boolean;
  /** What the write could change (see {@link dependentsOf}). */
  dependents: Dependents;
  /** The touched KRs, in the order the write names them. */
  krs: KrChange[];
  /** The pool's events after the write when the pool fact changed; null when it did not. */
  poolEvents: RuleEvent[] | null;
}

interface KrEntry {
  kr: KeyResult;
  /** Row in the metric slots. */
  slot: number;
  /** Position in the snapshot's KR order (Map order; kept in step for the owners' lists). */
  seq: number;
  subject: KrSubject;
  events: RuleEvent[];
  counts: KrCounts;
}

interface PoolState {
  quarter: Quarter;
  /** Sales people by id (the pool's population). */
  sales: Map<Id, Person>;
  details: Map<Id, ContributionDetail>;
  eligible: Set<Id>;
  eligibleBaseCents: number;
  fact: PoolFact;
  events: RuleEvent[];
  run: PoolRunResult | null;
}

function duplicate(ids: Iterable<Id>): Id | undefined {
  const seen = new Set<Id>();
  for (const id of ids) {
    if (seen.has(id)) return id;
    seen.add(id);
  }
  return undefined;
}

function insertBySeq(list: KrEntry[], entry: KrEntry): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.seq < entry.seq) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, entry);
}

const isPersonal = (kr: KeyResult) => kr.ownerType === 'person';
const NO_MONTHS: KrSubject['months'] = [];

/**
 * Holds the evaluation of one cycle's snapshot at one date and applies writes to it. Build with
 * {@link IncrementalEvaluator.create}, with the rule set in effect (built-in plus published custom
 * rules: `ruleSetWithCustom`, and `effectiveSettings` for their settings); results it returns are
 * shared with its state: read them, do not change them.
 */
export class IncrementalEvaluator {
  private settings: Settings;
  private at: IsoDate;
  private readonly rules: RuleSet;
  private readonly options: EvaluateOptions;
  private frame!: EvalFrame;
  private base!: Omit<Snapshot, 'keyResults' | 'checkIns'>;
  private peopleById!: Map<Id, Person>;
  private krs!: Map<Id, KrEntry>;
  private checkIns!: Map<Id, CheckIn>;
  private groups!: Map<Id, KrCheckIns>;
  private byOwner!: Map<Id, KrEntry[]>;
  private slots!: MetricSlots;
  private freeSlots!: number[];
  private nextSeq!: number;
  private nextSlot!: number;
  private counts!: MetricCounts;
  private alignedCount!: number;
  private linkedCount!: number;
  private metricInputs!: StaticMetricInputs;
  private accountEvents!: RuleEvent[];
  private index!: SnapshotIndex;
  private pool!: PoolState | null;
  private view!: DependencyView;

  private constructor(settings: Settings, at: IsoDate, rules: RuleSet, options: EvaluateOptions) {
    this.settings = settings;
    this.at = at;
    this.rules = rules;
    this.options = options;
  }

  /**
   * Evaluates `snapshot` in full and holds the results. Same arguments and errors as `evaluate()`;
   * KR, check-in and person ids must be unique (as storage keys are).
   */
  static create(
    snapshot: Snapshot,
    settings: Settings,
    at: IsoDate,
    rules: RuleSet = defaultRuleSet(),
    options: EvaluateOptions = {},
  ): IncrementalEvaluator {
    const evaluator = new IncrementalEvaluator(settings, at, rules, options);
    evaluator.rebuild(snapshot);
    return evaluator;
  }

  /** The "as of" date of the results. */
  get date(): IsoDate {
    return this.at;
  }

  /** The quarter of the pool run held, or null. */
  get quarter(): Quarter | null {
    return this.pool?.quarter ?? null;
  }

  /** Evaluates everything again as of another date (e.g. when the day changes). */
  moveTo(at: IsoDate): void {
    const snapshot = this.snapshot();
    const previous = this.at;
    this.at = at;
    try {
      this.rebuild(snapshot);
    } catch (error) {
      this.at = previous;
      this.rebuild(snapshot);
      throw error;
    }
  }

  private rebuild(snapshot: Snapshot): void {
    checkAt(this.at);
    admitSnapshot(snapshot, this.options.snapshotFrom, this.options.source);
    for (const [what, ids] of [
      ['key result', snapshot.keyResults.map((kr) => kr.id)],
      ['check-in', snapshot.checkIns.map((c) => c.id)],
      ['person', snapshot.people.map((p) => p.id)],
    ] as const) {
      const id = duplicate(ids);
      if (id !== undefined)
        throw new InputError(`incremental evaluation: ${what} id "${id}" appears twice; ids must be unique.`);
    }
    const quarter = poolQuarter(snapshot.cycle, this.at, this.options.quarter);
    const { keyResults, checkIns, ...base } = snapshot;
    this.base = { ...base, escalations: [...base.escalations] };
    this.frame = evalFrame(snapshot, this.settings, this.at);
    this.peopleById = new Map(snapshot.people.map((p) => [p.id, p]));
    this.groups = groupCheckIns(checkIns);
    this.checkIns = new Map(checkIns.map((c) => [c.id, c]));
    this.krs = new Map();
    this.byOwner = new Map();
    this.slots = new MetricSlots(this.frame.metricMonths, keyResults.length);
    this.freeSlots = [];
    this.nextSeq = 0;
    this.nextSlot = 0;
    this.counts = emptyCounts(this.frame);
    this.alignedCount = 0;
    this.linkedCount = 0;
    for (const kr of keyResults) {
      const entry = this.newEntry(kr, this.nextSeq);
      this.krs.set(kr.id, entry);
      if (isPersonal(kr)) this.addToOwner(entry);
      this.evaluateEntry(entry);
    }
    this.metricInputs = staticMetricInputs(snapshot);
    this.accountEvents = [];
    for (const account of snapshot.keyAccounts)
      runAccountRules(accountSubject(account, this.at), this.settings, this.rules, this.accountEvents);
    this.index = this.liveIndex(snapshot.people, snapshot.peerReviews);
    this.view = {
      keyResult: (id) => this.krs.get(id)?.kr,
      checkIn: (id) => this.checkIns.get(id),
      escalation: (id) => this.base.escalations.find((e) => e.id === id),
      person: (id) => this.peopleById.get(id),
      months: this.frame.months,
      poolQuarter: quarter,
      poolLastMonth: quarter === null ? null : quarterMonths(quarter)[2]!,
    };
    this.pool = quarter === null ? null : this.buildPool(quarter);
  }

  private liveIndex(people: readonly Person[], reviews: readonly PeerReview[]): SnapshotIndex {
    const reviewsByReviewee = new Map<Id, PeerReview[]>();
    for (const review of reviews) {
      const list = reviewsByReviewee.get(review.revieweeId);
      if (list === undefined) reviewsByReviewee.set(review.revieweeId, [review]);
      else list.push(review);
    }
    const groups = this.groups;
    const krs = this.krs;
    const byOwner = this.byOwner;
    return {
      checkInsByKr: new LiveMap(
        (id) => groups.get(id)?.checkIns,
        function* () {
          for (const [id, group] of groups) yield [id, group.checkIns] as [Id, CheckIn[]];
        },
      ),
      personalKrsByOwner: new LiveMap(
        (id) => {
          const list = byOwner.get(id);
          return list === undefined || list.length === 0 ? undefined : list.map((e) => e.kr);
        },
        function* () {
          for (const [id, list] of byOwner)
            if (list.length > 0) yield [id, list.map((e) => e.kr)] as [Id, KeyResult[]];
        },
      ),
      krById: new LiveMap(
        (id) => krs.get(id)?.kr,
        function* () {
          for (const [id, entry] of krs) yield [id, entry.kr] as [Id, KeyResult];
        },
      ),
      regionOf: new Map(people.map((p) => [p.id, p.regionId])),
      reviewsByReviewee,
    };
  }

  private newEntry(kr: KeyResult, seq: number): KrEntry {
    const slot = this.freeSlots.pop() ?? this.nextSlot++;
    this.slots.ensure(slot);
    this.nextSeq = Math.max(this.nextSeq, seq + 1);
    return {
      kr,
      slot,
      seq,
      subject: undefined as unknown as KrSubject,
      events: [],
      counts: { personal: false, exists: false, aligned: false, linked: false },
    };
  }

  private addToOwner(entry: KrEntry): void {
    const owner = entry.kr.ownerId;
    let list = this.byOwner.get(owner);
    if (list === undefined) {
      list = [];
      this.byOwner.set(owner, list);
    }
    insertBySeq(list, entry);
  }

  private removeFromOwner(entry: KrEntry): void {
    const list = this.byOwner.get(entry.kr.ownerId);
    if (list === undefined) return;
    const at = list.indexOf(entry);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.byOwner.delete(entry.kr.ownerId);
  }

  private uncount(entry: KrEntry): void {
    const c = entry.counts;
    if (!c.personal) return;
    countSlot(this.counts, this.slots, entry.slot, -1, c.exists);
    if (c.aligned) this.alignedCount--;
    if (c.linked) this.linkedCount--;
    c.personal = false;
  }

  /** (Re-)evaluates one KR: its subject and events, and its share of the counts. */
  private evaluateEntry(entry: KrEntry): void {
    this.uncount(entry);
    const subject = evaluateKr(
      entry.kr,
      this.groups.get(entry.kr.id),
      this.frame,
      this.slots,
      entry.slot,
      entry.counts,
    );
    const events: RuleEvent[] = [];
    runKrRules(subject, this.settings, this.rules, events);
    // The month facts only feed the rules; the colours keep what they say.
    subject.months = NO_MONTHS;
    entry.subject = subject;
    entry.events = events;
    const c = entry.counts;
    if (c.personal) {
      countSlot(this.counts, this.slots, entry.slot, 1, c.exists);
      if (c.aligned) this.alignedCount++;
      if (c.linked) this.linkedCount++;
    }
  }

  private liteSnapshot(): Snapshot {
    return { ...this.base, keyResults: [], checkIns: [] };
  }

  private detailOf(personId: Id, quarter: Quarter): ContributionDetail {
    return contributionDetail(personId, this.liteSnapshot(), this.settings, quarter, this.index);
  }

  private poolFactOf(
    state: Pick<PoolState, 'quarter' | 'eligible' | 'eligibleBaseCents' | 'sales'>,
  ): PoolFact {
    const rate = this.settings.pool.ratePercent;
    const base = state.eligibleBaseCents;
    const poolCents = Number.isSafeInteger(base)
      ? Number((BigInt(base) * BigInt(rate)) / 100n)
      : poolSize(
          [...state.eligible].map((id) => state.sales.get(id)!.baseBonusCents),
          rate,
        );
    return {
      quarter: state.quarter,
      poolCents,
      eligibleCount: state.eligible.size,
      excludedCount: state.sales.size - state.eligible.size,
      hasEligible: state.eligible.size > 0,
    };
  }

  private buildPool(quarter: Quarter): PoolState {
    // The full run once: it checks what evaluate() checks (cents, percentages) and throws alike.
    const lite = this.liteSnapshot();
    const details = new Map<Id, ContributionDetail>();
    const detailOf = (personId: Id) => {
      const detail = this.detailOf(personId, quarter);
      details.set(personId, detail);
      return detail;
    };
    const run = computePoolRun(lite, this.settings, quarter, this.index, detailOf);
    const sales = new Map(lite.people.filter((p) => p.role === 'sales').map((p) => [p.id, p]));
    const eligible = new Set(run.eligible);
    let eligibleBaseCents = 0;
    for (const id of eligible) eligibleBaseCents += sales.get(id)!.baseBonusCents;
    const state: PoolState = {
      quarter,
      sales,
      details,
      eligible,
      eligibleBaseCents,
      fact: {
        quarter: run.quarter,
        poolCents: run.poolCents,
        eligibleCount: run.eligible.length,
        excludedCount: run.excluded.length,
        hasEligible: run.eligible.length > 0,
      },
      events: [],
      // Allocations and statements are made again on request: a 20,000-rep run is ~100 MB to hold.
      run: null,
    };
    runPoolRules(state, this.settings, this.rules, state.events);
    return state;
  }

  /** Recomputes the contribution of `personId`; true when the pool fact changed. */
  private updateContribution(personId: Id): boolean {
    const pool = this.pool;
    if (pool === null) return false;
    const person = pool.sales.get(personId);
    if (person === undefined) return false;
    pool.run = null;
    const detail = this.detailOf(personId, pool.quarter);
    pool.details.set(personId, detail);
    const eligible = detail.contribution.value >= this.settings.pool.minContribution;
    if (eligible === pool.eligible.has(personId)) return false;
    if (eligible) {
      pool.eligible.add(personId);
      pool.eligibleBaseCents += person.baseBonusCents;
    } else {
      pool.eligible.delete(personId);
      pool.eligibleBaseCents -= person.baseBonusCents;
    }
    const fact = this.poolFactOf(pool);
    const before = pool.fact;
    pool.fact = fact;
    return (
      fact.poolCents !== before.poolCents ||
      fact.eligibleCount !== before.eligibleCount ||
      fact.excludedCount !== before.excludedCount ||
      fact.hasEligible !== before.hasEligible
    );
  }

  private validateRecords(part: Partial<Pick<Snapshot, 'keyResults' | 'checkIns'>>): void {
    validateSnapshot(
      {
        cycle: this.base.cycle,
        regions: [],
        people: [],
        objectives: [],
        keyResults: part.keyResults ?? [],
        checkIns: part.checkIns ?? [],
        escalations: [],
        activities: [],
        keyAccounts: [],
        peerReviews: [],
      },
      this.options.source ?? 'write',
    );
  }

  /** What `write` can change in the state held (before applying it). */
  dependents(write: Write): Dependents {
    return dependentsOf(write, this.view);
  }

  /**
   * Applies one write and re-evaluates what depends on it.
   * @throws SnapshotError when the written record does not match the snapshot schema (nothing is
   * applied); InputError for a link write on an unknown KR or ids that would repeat
   */
  apply(write: Write): EvaluationChange {
    const dependents = this.dependents(write);
    if (write.kind === 'escalation-saved') {
      const escalations = [...this.base.escalations];
      const at = escalations.findIndex((e) => e.id === write.escalation.id);
      if (at < 0) escalations.push(write.escalation);
      else escalations[at] = write.escalation;
      this.base.escalations = escalations;
      this.metricInputs = { ...this.metricInputs, escalations: escalationsByMonth(escalations) };
      return { write: write.kind, full: false, dependents, krs: [], poolEvents: null };
    }
    if (write.kind === 'settings-changed' || write.kind === 'snapshot-replaced') {
      const snapshot = write.kind === 'snapshot-replaced' ? write.snapshot : this.snapshot();
      const previous = { settings: this.settings, snapshot: this.snapshot() };
      if (write.kind === 'settings-changed') this.settings = write.settings;
      try {
        this.rebuild(snapshot);
      } catch (error) {
        this.settings = previous.settings;
        this.rebuild(previous.snapshot);
        throw error;
      }
      return { write: write.kind, full: true, dependents, krs: [], poolEvents: null };
    }
    const touched: Id[] = [];
    const owners = new Set<Id>();
    const touch = (krId: Id | undefined) => {
      if (krId !== undefined && !touched.includes(krId)) touched.push(krId);
    };
    const ownerOf = (kr: KeyResult | undefined) => {
      if (kr !== undefined && isPersonal(kr)) owners.add(kr.ownerId);
    };
    switch (write.kind) {
      case 'check-in-saved':
      case 'check-in-removed': {
        const id = write.kind === 'check-in-saved' ? write.checkIn.id : write.checkInId;
        const after = write.kind === 'check-in-saved' ? write.checkIn : undefined;
        if (after !== undefined) this.validateRecords({ checkIns: [after] });
        const before = this.checkIns.get(id);
        if (before !== undefined && (after === undefined || before.krId !== after.krId)) {
          const group = this.groups.get(before.krId)!;
          removeCheckIn(group, id);
          if (group.checkIns.length === 0) this.groups.delete(before.krId);
        }
        if (after !== undefined) {
          let group = this.groups.get(after.krId);
          if (group === undefined) {
            group = { checkIns: [], millis: [] };
            this.groups.set(after.krId, group);
          }
          upsertCheckIn(group, after);
          this.checkIns.set(id, after);
        } else this.checkIns.delete(id);
        for (const krId of [before?.krId, after?.krId]) {
          // A check-in of a KR that does not exist changes nothing but the snapshot.
          if (krId === undefined || !this.krs.has(krId)) continue;
          touch(krId);
          ownerOf(this.krs.get(krId)?.kr);
        }
        break;
      }
      case 'kr-saved':
      case 'link-saved':
      case 'link-removed': {
        let kr: KeyResult;
        if (write.kind === 'kr-saved') kr = write.keyResult;
        else {
          const entry = this.krs.get(write.krId);
          if (entry === undefined)
            throw new InputError(`write: key result "${write.krId}" does not exist; save the KR first.`);
          const links =
            write.kind === 'link-saved'
              ? linksWith(entry.kr.links, write.link)
              : linksWithout(entry.kr.links, write.objectiveId);
          kr = { ...entry.kr, links };
        }
        this.validateRecords({ keyResults: [kr] });
        let entry = this.krs.get(kr.id);
        if (entry === undefined) {
          entry = this.newEntry(kr, this.nextSeq);
          this.krs.set(kr.id, entry);
        } else {
          ownerOf(entry.kr);
          if (isPersonal(entry.kr)) this.removeFromOwner(entry);
          entry.kr = kr;
        }
        if (isPersonal(kr)) this.addToOwner(entry);
        ownerOf(kr);
        touch(kr.id);
        break;
      }
      case 'kr-removed': {
        const entry = this.krs.get(write.krId);
        if (entry === undefined) break;
        this.uncount(entry);
        ownerOf(entry.kr);
        if (isPersonal(entry.kr)) this.removeFromOwner(entry);
        this.krs.delete(write.krId);
        this.freeSlots.push(entry.slot);
        const group = this.groups.get(write.krId);
        if (group !== undefined) {
          for (const c of group.checkIns) this.checkIns.delete(c.id);
          this.groups.delete(write.krId);
        }
        const escalations = this.base.escalations;
        if (escalations.some((e: Escalation) => e.krId === write.krId)) {
          this.base.escalations = escalations.filter((e) => e.krId !== write.krId);
          this.metricInputs = {
            ...this.metricInputs,
            escalations: escalationsByMonth(this.base.escalations),
          };
        }
        touch(write.krId);
        break;
      }
    }
    const krs: KrChange[] = [];
    for (const krId of touched) {
      const entry = this.krs.get(krId);
      if (entry === undefined) {
        krs.push({ krId, removed: true, colours: [], events: [] });
        continue;
      }
      this.evaluateEntry(entry);
      krs.push({ krId, removed: false, colours: entry.subject.colours, events: entry.events });
    }
    let poolChanged = false;
    for (const owner of owners) if (this.updateContribution(owner)) poolChanged = true;
    let poolEvents: RuleEvent[] | null = null;
    if (poolChanged && this.pool !== null) {
      this.pool.events = [];
      runPoolRules(this.pool, this.settings, this.rules, this.pool.events);
      poolEvents = this.pool.events;
    }
    return { write: write.kind, full: false, dependents, krs, poolEvents };
  }

  /** Applies writes in order; the changes of each. */
  applyAll(writes: Iterable<Write>): EvaluationChange[] {
    return [...writes].map((write) => this.apply(write));
  }

  /** The snapshot as the writes left it. */
  snapshot(): Snapshot {
    const { cycle, regions, people, objectives, escalations, activities, keyAccounts, peerReviews } =
      this.base;
    return {
      cycle,
      regions,
      people,
      objectives,
      keyResults: [...this.krs.values()].map((entry) => entry.kr),
      checkIns: [...this.checkIns.values()],
      escalations,
      activities,
      keyAccounts,
      peerReviews,
    };
  }

  /** The KRs held, in evaluation order (without assembling a whole snapshot). */
  keyResults(): KeyResult[] {
    return [...this.krs.values()].map((entry) => entry.kr);
  }

  /** The colours of one KR, or undefined when there is no such KR. */
  colours(krId: Id): MonthColour[] | undefined {
    return this.krs.get(krId)?.subject.colours;
  }

  /** The alignment of one KR (as in `evaluation().alignment.perKr`), or undefined. */
  alignmentOf(krId: Id): Evaluation['alignment']['perKr'][number] | undefined {
    const entry = this.krs.get(krId);
    if (entry === undefined) return undefined;
    const { fact, factors } = entry.subject;
    return { krId, score: fact.score, factors };
  }

  /** Every KR's month colours, in KR order (as `evaluation().colours`, without the rest). */
  allColours(): MonthColour[] {
    const colours: MonthColour[] = [];
    for (const entry of this.krs.values()) for (const colour of entry.subject.colours) colours.push(colour);
    return colours;
  }

  /** Every event (as `evaluation().events`), without assembling metrics or the pool run. */
  allEvents(): RuleEvent[] {
    const events: RuleEvent[] = [];
    for (const entry of this.krs.values()) for (const event of entry.events) events.push(event);
    for (const event of this.accountEvents) events.push(event);
    if (this.pool !== null) for (const event of this.pool.events) events.push(event);
    return events;
  }

  /** The alignment and linked rates (as `evaluation().alignment`, without the per-KR rows). */
  rates(): { rate: number; linkedRate: number } {
    const personal = this.counts.existingAt;
    return {
      rate: personal === 0 ? 0 : this.alignedCount / personal,
      linkedRate: personal === 0 ? 0 : this.linkedCount / personal,
    };
  }

  /** The events of one KR, or undefined when there is no such KR. */
  krEvents(krId: Id): RuleEvent[] | undefined {
    return this.krs.get(krId)?.events;
  }

  /** The contribution of a sales person in the pool's quarter; null without a pool or such a person. */
  contribution(personId: Id): Contribution | null {
    return this.pool?.details.get(personId)?.contribution ?? null;
  }

  /** The pool run (allocations and statements made on first request after a change). */
  poolRun(): PoolRunResult | null {
    const pool = this.pool;
    if (pool === null) return null;
    pool.run ??= computePoolRun(
      this.liteSnapshot(),
      this.settings,
      pool.quarter,
      this.index,
      (id) => pool.details.get(id)!,
    );
    return pool.run;
  }

  /** The metrics rows, one per cycle month up to the month of the date. */
  metrics(): Evaluation['metrics'] {
    const frame = this.frame;
    return metricRows(frame, this.counts, this.metricInputs, (personId) => {
      const list = this.byOwner.get(personId);
      return list === undefined
        ? null
        : completionRates(
            list.map((entry) => entry.slot),
            this.slots,
            frame,
          );
    });
  }

  /** Everything, as `evaluate()` of {@link snapshot} returns it. */
  evaluation(): Evaluation {
    const perKr: Evaluation['alignment']['perKr'] = [];
    for (const entry of this.krs.values()) {
      const { kr, fact, factors } = entry.subject;
      perKr.push({ krId: kr.id, score: fact.score, factors });
    }
    return {
      alignment: { ...this.rates(), perKr },
      colours: this.allColours(),
      events: this.allEvents(),
      metrics: this.metrics(),
      pool: this.poolRun(),
    };
  }
}

/** {@link IncrementalEvaluator.create}. */
export function createIncrementalEvaluator(
  snapshot: Snapshot,
  settings: Settings,
  at: IsoDate,
  rules?: RuleSet,
  options?: EvaluateOptions,
): IncrementalEvaluator {
  return IncrementalEvaluator.create(snapshot, settings, at, rules, options);
}
