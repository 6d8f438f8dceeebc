import { utcMillis } from '../domain/dates.ts';
import type { CheckIn, Id, KeyResult } from '../domain/types.ts';

/** One KR's check-ins sorted by month (same-month ones in snapshot order), with their submission instants. */
export interface KrCheckIns {
  checkIns: CheckIn[];
  /** `utcMillis(checkIns[i].submittedAt)`. */
  millis: number[];
}

/**
 * The check-ins of one snapshot grouped per KR id for one full evaluation, in flat typed arrays:
 * each submission instant parsed once, each group sorted by month (same-month ones in snapshot
 * order), as `groupCheckIns` sorts them. A KR's group is handed out as fresh arrays
 * ({@link groupAt}) that die with the KR's evaluation, so an organisation's groups are four
 * allocations that live through the evaluation, not two arrays per KR.
 */
export class CheckInTable {
  /** KR id → group number, in order of first appearance among the KRs. */
  private readonly groupOf = new Map<Id, number>();
  /** The first KR of each group (what `SnapshotIndex.krById` holds). */
  private readonly firstKr: KeyResult[] = [];
  /** The group of each KR, by position in the snapshot. */
  private readonly groupOfKr: Int32Array;
  /** Group g holds the check-ins `order[start[g]]` … `order[start[g + 1] - 1]`. */
  private readonly start: Int32Array;
  private readonly order: Int32Array;
  /** `utcMillis(checkIns[i].submittedAt)`, by position in the snapshot. */
  private readonly millis: Float64Array;

  constructor(
    private readonly checkIns: readonly CheckIn[],
    keyResults: readonly KeyResult[],
  ) {
    this.groupOfKr = new Int32Array(keyResults.length);
    for (let k = 0; k < keyResults.length; k++) {
      const kr = keyResults[k]!;
      let g = this.groupOf.get(kr.id);
      if (g === undefined) {
        g = this.firstKr.length;
        this.groupOf.set(kr.id, g);
        this.firstKr.push(kr);
      }
      this.groupOfKr[k] = g;
    }
    const groups = this.firstKr.length;
    const groupOfCheckIn = new Int32Array(checkIns.length);
    this.millis = new Float64Array(checkIns.length);
    this.start = new Int32Array(groups + 1);
    // Every instant is parsed, a check-in of an unknown KR too, as groupCheckIns does.
    // A KR's check-ins mostly come one after another: the previous group is reused without a lookup.
    let lastKrId: Id | undefined;
    let lastGroup = -1;
    for (let i = 0; i < checkIns.length; i++) {
      const checkIn = checkIns[i]!;
      this.millis[i] = utcMillis(checkIn.submittedAt);
      if (checkIn.krId !== lastKrId) {
        lastKrId = checkIn.krId;
        lastGroup = this.groupOf.get(lastKrId) ?? -1;
      }
      const g = lastGroup;
      groupOfCheckIn[i] = g;
      if (g >= 0) this.start[g + 1]!++;
    }
    for (let g = 0; g < groups; g++) this.start[g + 1]! += this.start[g]!;
    this.order = new Int32Array(this.start[groups]!);
    const next = this.start.slice(0, groups);
    for (let i = 0; i < checkIns.length; i++) {
      const g = groupOfCheckIn[i]!;
      if (g >= 0) this.order[next[g]!++] = i;
    }
    for (let g = 0; g < groups; g++) this.sortByMonth(this.start[g]!, this.start[g + 1]!);
  }

  private sortByMonth(from: number, to: number): void {
    const { checkIns, order } = this;
    let sorted = true;
    for (let p = from + 1; p < to && sorted; p++)
      sorted = checkIns[order[p - 1]!]!.month <= checkIns[order[p]!]!.month;
    if (sorted) return;
    // Positions ascend in snapshot order, so breaking ties by position keeps same-month ones in it.
    const part = Array.from(order.subarray(from, to));
    part.sort((a, b) => {
      const ma = checkIns[a]!.month;
      const mb = checkIns[b]!.month;
      return ma < mb ? -1 : ma > mb ? 1 : a - b;
    });
    order.set(part, from);
  }

  private group(g: number): KrCheckIns | undefined {
    const from = this.start[g]!;
    const to = this.start[g + 1]!;
    if (from === to) return undefined;
    const checkIns: CheckIn[] = new Array(to - from);
    const millis: number[] = new Array(to - from);
    for (let p = from; p < to; p++) {
      const i = this.order[p]!;
      checkIns[p - from] = this.checkIns[i]!;
      millis[p - from] = this.millis[i]!;
    }
    return { checkIns, millis };
  }

  /** The check-ins of the KR at `position` in the snapshot; undefined when it has none. */
  groupAt(position: number): KrCheckIns | undefined {
    return this.group(this.groupOfKr[position]!);
  }

  /** The check-ins of the KR `id`, sorted by month; undefined when it has none or is unknown. */
  checkInsOf(id: Id): CheckIn[] | undefined {
    const g = this.groupOf.get(id);
    return g === undefined ? undefined : this.group(g)?.checkIns;
  }

  /** The first KR with id `id`. */
  krById(id: Id): KeyResult | undefined {
    const g = this.groupOf.get(id);
    return g === undefined ? undefined : this.firstKr[g];
  }

  /** Every KR id with check-ins and its check-ins, in order of first appearance among the KRs. */
  *groups(): Generator<[Id, CheckIn[]]> {
    for (const [id, g] of this.groupOf) {
      const group = this.group(g);
      if (group !== undefined) yield [id, group.checkIns];
    }
  }

  /** Every KR id and its first KR. */
  *krs(): Generator<[Id, KeyResult]> {
    for (const [id, g] of this.groupOf) yield [id, this.firstKr[g]!];
  }
}
