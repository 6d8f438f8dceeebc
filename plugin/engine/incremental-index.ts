/**
 * What a write can change: from one write to the results that depend on it. Pure; the incremental
 * evaluator recomputes exactly these, and a host can use the same answer to know which boards,
 * statements or caches to refresh.
 */
import type { CheckIn, Escalation, Id, KeyResult, Month, Person, Quarter } from '../domain/types.ts';
import type { Write } from './incremental-writes.ts';

/** Lookups of the state a write is applied to (before the write). */
export interface DependencyView {
  keyResult(krId: Id): KeyResult | undefined;
  checkIn(checkInId: Id): CheckIn | undefined;
  escalation(escalationId: Id): Escalation | undefined;
  person(personId: Id): Person | undefined;
  /** The cycle's months, in order. */
  months: readonly Month[];
  /** The quarter of the pool run held, or null when there is none. */
  poolQuarter: Quarter | null;
  /** The last month of `poolQuarter`. */
  poolLastMonth: Month | null;
}

/** What depends on one write. */
export interface Dependents {
  /** Everything depends on it (settings, or a change outside the incremental writes). */
  full: boolean;
  /**
   * The KRs whose facts and events are evaluated again (their `kr` fact always), each with the
   * cycle months whose colour and month facts may change.
   */
  krs: { krId: Id; months: Month[] }[];
  /** Owners of personal KRs touched: their completion rate and contribution value. */
  personIds: Id[];
  /** The regions of those owners (regional figures). */
  regionIds: Id[];
  /** Their managers (team figures: a team is a manager's reports). */
  teamIds: Id[];
  /** Rows of the organisation's metrics that may change. */
  metricMonths: Month[];
  /** The pool run that may change (its contributions, eligibility, size and statements), or null. */
  poolQuarter: Quarter | null;
}

const FULL: Dependents = {
  full: true,
  krs: [],
  personIds: [],
  regionIds: [],
  teamIds: [],
  metricMonths: [],
  poolQuarter: null,
};

/** Cycle months from `from` on (all of them when `from` is before the cycle). */
function monthsFrom(months: readonly Month[], from: Month): Month[] {
  return months.filter((month) => month >= from);
}

class Collector {
  readonly krs = new Map<Id, Set<Month>>();
  readonly persons = new Set<Id>();
  readonly metricMonths = new Set<Month>();
  pool = false;
  constructor(readonly view: DependencyView) {}

  kr(krId: Id, months: readonly Month[]): void {
    let set = this.krs.get(krId);
    if (set === undefined) {
      set = new Set();
      this.krs.set(krId, set);
    }
    for (const month of months) set.add(month);
  }

  metricMonth(month: Month): void {
    if (this.view.months.includes(month)) this.metricMonths.add(month);
  }

  /** A personal KR's figures changed from `from` on (its owner's rate, the metrics rows, the pool). */
  owner(kr: KeyResult | undefined, from: Month | null): void {
    if (kr === undefined || kr.ownerType !== 'person') return;
    this.persons.add(kr.ownerId);
    const months = from === null ? this.view.months : monthsFrom(this.view.months, from);
    for (const month of months) this.metricMonths.add(month);
    const last = this.view.poolLastMonth;
    if (this.view.poolQuarter !== null && last !== null && (from === null || from <= last)) this.pool = true;
  }

  done(): Dependents {
    const people = [...this.persons].map((id) => this.view.person(id));
    const distinct = (values: (Id | null | undefined)[]) =>
      [...new Set(values.filter((v): v is Id => typeof v === 'string'))].sort();
    const order = (month: Month) => this.view.months.indexOf(month);
    return {
      full: false,
      krs: [...this.krs].map(([krId, months]) => ({
        krId,
        months: [...months].sort((a, b) => order(a) - order(b)),
      })),
      personIds: [...this.persons].sort(),
      regionIds: distinct(people.map((p) => p?.regionId)),
      teamIds: distinct(people.map((p) => p?.managerId)),
      metricMonths: this.view.months.filter((month) => this.metricMonths.has(month)),
      poolQuarter: this.pool ? this.view.poolQuarter : null,
    };
  }
}

/** What `write` can change in the state `view` describes. */
export function dependentsOf(write: Write, view: DependencyView): Dependents {
  const out = new Collector(view);
  switch (write.kind) {
    case 'settings-changed':
    case 'snapshot-replaced':
      return { ...FULL };
    case 'check-in-saved':
    case 'check-in-removed': {
      const before = view.checkIn(write.kind === 'check-in-saved' ? write.checkIn.id : write.checkInId);
      const after = write.kind === 'check-in-saved' ? write.checkIn : undefined;
      for (const checkIn of [before, after]) {
        if (checkIn === undefined) continue;
        // A month's colour feeds the streaks of the months after it.
        const from = checkIn.month;
        const kr = view.keyResult(checkIn.krId);
        if (kr === undefined) continue;
        out.kr(kr.id, monthsFrom(view.months, from));
        out.owner(kr, from);
      }
      return out.done();
    }
    case 'kr-saved':
    case 'kr-removed': {
      const krId = write.kind === 'kr-saved' ? write.keyResult.id : write.krId;
      const before = view.keyResult(krId);
      const after = write.kind === 'kr-saved' ? write.keyResult : undefined;
      if (before === undefined && after === undefined) return out.done();
      out.kr(krId, view.months);
      out.owner(before, null);
      out.owner(after, null);
      return out.done();
    }
    case 'escalation-saved': {
      // Response times are counted in the month of resolution, before and after the write.
      const before = view.escalation(write.escalation.id)?.resolvedAt ?? null;
      const after = write.escalation.resolvedAt;
      for (const at of [before, after]) if (at !== null) out.metricMonth(at.slice(0, 7));
      return out.done();
    }
    case 'link-saved':
    case 'link-removed': {
      const kr = view.keyResult(write.krId);
      if (kr === undefined) return out.done();
      // Links decide alignment and strategic weight, never a colour.
      out.kr(kr.id, []);
      out.owner(kr, null);
      return out.done();
    }
  }
}
