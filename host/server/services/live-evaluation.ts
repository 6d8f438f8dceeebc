import type { AlignmentFactors } from '../../../plugin/domain/alignment.ts';
import type { MonthColour } from '../../../plugin/domain/pace.ts';
import type { Cycle, Id, KeyResult } from '../../../plugin/domain/types.ts';
import {
  type CustomRuleDocument,
  effectiveSettings,
  ruleSetWithCustom,
} from '../../../plugin/engine/custom-rules.ts';
import {
  type EvaluationChange,
  IncrementalEvaluator,
  type KrChange,
} from '../../../plugin/engine/incremental-evaluator.ts';
import type { Write } from '../../../plugin/engine/incremental-writes.ts';
import type { RuleEvent } from '../../../plugin/engine/rule-types.ts';
import { krIdOf } from '../../../plugin/realtime/message-kr.ts';
import { type BoardId, type BoardMessage, boardOf } from '../../../plugin/sdk/index.ts';
import { toCheckIn, toEscalation } from '../storage/mappers.ts';
import { type Db, getKeyResult, loadSnapshot } from '../storage/queries.ts';
import { currentSettings } from './settings-service.ts';

/**
 * Commands whose board messages name every rule input they change (check-ins, KRs, links,
 * escalations): the live evaluation applies those messages. After any other write it rebuilds.
 */
const COVERED_WRITES = new Set([
  'checkIn.save',
  'keyResult.create',
  'keyResult.update',
  'keyResult.confirm',
  'keyResult.delete',
  'keyResult.archive',
  'keyResult.sendBack',
  'link.save',
  'link.delete',
  'link.move',
  'escalation.raise',
  'escalation.assign',
  'escalation.resolve',
  /** An intent committed on the board WebSocket (link, unlink, KR fields). */
  'board.intent',
]);

/** The board message with a KR's new alignment score and month colours, after a write. */
export const EVALUATED = 'keyResult.evaluated';

/** `record` of an {@link EVALUATED} message: the KR's row of `GET /api/evaluation`, and its colours. */
export interface EvaluatedKr {
  krId: Id;
  score: number;
  factors: AlignmentFactors;
  colours: MonthColour[];
}

export interface LiveState {
  cycle: Cycle;
  /** The "as of" date: today, clamped into the cycle. */
  at: string;
  settingsVersion: number;
  evaluator: IncrementalEvaluator;
}

/** What changed since the rules runner last asked: a rebuild (then every event counts), or these KRs. */
export interface LiveChanges {
  rebuilt: boolean;
  krs: KrChange[];
  /** The pool's events when the pool fact changed; null when it did not. */
  poolEvents: RuleEvent[] | null;
}

interface Bus {
  subscribe(boardId: BoardId, listener: (message: BoardMessage) => void): () => void;
  publish(boardId: BoardId, message: BoardMessage): void;
}

export interface LiveDeps {
  db: Db;
  today(): string;
  customRules(): Promise<CustomRuleDocument | null>;
  log: { error(obj: unknown, msg?: string): void };
}

interface LiveCycle {
  cycleId: Id;
  state: LiveState | null;
  /** A write this evaluation cannot follow happened: the next read rebuilds it from storage. */
  stale: boolean;
  /** Builds and writes of this cycle, one after the other. */
  chain: Promise<unknown>;
  pending: { rebuilt: boolean; krs: Map<Id, KrChange>; poolEvents: RuleEvent[] | null };
  unsubscribe: () => void;
}

/** ISO dates compare as strings: today, clamped into the cycle. */
export const atOf = (cycle: Cycle, today: string): string => [cycle.start, today, cycle.end].sort()[1]!;

const emptyPending = (rebuilt: boolean): LiveCycle['pending'] => ({
  rebuilt,
  krs: new Map(),
  poolEvents: null,
});

/**
 * The evaluation of each cycle held in memory (plugin/engine/incremental-evaluator.ts): built from
 * storage at first use, then kept up to date from the board messages of committed writes (each
 * applied record is read back from storage, so a late or repeated message is harmless). A write it
 * cannot follow, or one on another instance, makes it stale: the next read rebuilds it. After each
 * applied write the changed KRs' colours go out on the cycle's board ({@link EVALUATED}).
 */
export class LiveEvaluations {
  private readonly cycles = new Map<Id, LiveCycle>();
  private bus: Bus | null = null;
  /** Full builds done (tests and benches read it). */
  rebuilds = 0;

  constructor(private readonly deps: LiveDeps) {}

  /** Follows the board messages of `bus` and publishes the new colours on it. */
  connect(bus: Bus): void {
    this.bus = bus;
  }

  /** The cycle's live evaluation, rebuilt first when stale, on another day or other settings. */
  async of(cycle: Cycle): Promise<LiveState> {
    const live = this.cycleOf(cycle.id);
    const { version } = await currentSettings(this.deps.db);
    return this.serial(live, async () => {
      const at = atOf(cycle, this.deps.today());
      const state = live.state;
      if (
        !state ||
        live.stale ||
        state.at !== at ||
        state.settingsVersion !== version ||
        state.cycle.start !== cycle.start ||
        state.cycle.end !== cycle.end
      )
        return this.rebuild(live, cycle);
      return state;
    });
  }

  /** What changed since the last call (the rules runner turns it into new events). */
  takeChanges(cycleId: Id): LiveChanges {
    const live = this.cycles.get(cycleId);
    if (!live) return { rebuilt: true, krs: [], poolEvents: null };
    const { rebuilt, krs, poolEvents } = live.pending;
    live.pending = emptyPending(false);
    return { rebuilt, krs: [...krs.values()], poolEvents };
  }

  /** Resolves when the writes seen so far are applied (tests, benches). */
  async settled(cycleId: Id): Promise<void> {
    await this.cycles.get(cycleId)?.chain;
  }

  /** A committed write, by the command that made it: unless its messages say it all, rebuild. */
  written(command: string | undefined): void {
    if (command !== undefined && COVERED_WRITES.has(command)) return;
    this.invalidate();
  }

  /** Another instance wrote, or the data is otherwise unknown: every cycle rebuilds on next read. */
  invalidate(cycleId?: Id): void {
    for (const live of this.cycles.values())
      if (cycleId === undefined || live.cycleId === cycleId) live.stale = true;
  }

  close(): void {
    for (const live of this.cycles.values()) live.unsubscribe();
    this.cycles.clear();
  }

  private cycleOf(cycleId: Id): LiveCycle {
    let live = this.cycles.get(cycleId);
    if (live) return live;
    const created: LiveCycle = {
      cycleId,
      state: null,
      stale: false,
      chain: Promise.resolve(),
      pending: emptyPending(true),
      unsubscribe: () => {},
    };
    if (this.bus) created.unsubscribe = this.bus.subscribe(boardOf(cycleId), (m) => this.observe(created, m));
    this.cycles.set(cycleId, created);
    live = created;
    return live;
  }

  private serial<T>(live: LiveCycle, work: () => Promise<T>): Promise<T> {
    const next = live.chain.then(work);
    live.chain = next.catch(() => undefined);
    return next;
  }

  private async rebuild(live: LiveCycle, cycle: Cycle): Promise<LiveState> {
    // A write seen while loading marks it stale again: the read after rebuilds once more.
    live.stale = false;
    const snapshot = await loadSnapshot(this.deps.db, cycle);
    const { version, settings } = await currentSettings(this.deps.db);
    const custom = await this.deps.customRules();
    const at = atOf(cycle, this.deps.today());
    const evaluator = IncrementalEvaluator.create(
      snapshot,
      effectiveSettings(settings, custom),
      at,
      ruleSetWithCustom(custom),
      { snapshotFrom: 'storage' },
    );
    this.rebuilds += 1;
    live.state = { cycle, at, settingsVersion: version, evaluator };
    live.pending = emptyPending(true);
    return live.state;
  }

  private observe(live: LiveCycle, message: BoardMessage): void {
    if (message.type === EVALUATED || !live.state) return;
    if (message.type.startsWith('objective.')) {
      live.stale = true;
      return;
    }
    this.serial(live, () => this.apply(live, message)).catch((err) => {
      this.deps.log.error(err, 'live evaluation: applying a write failed; it rebuilds on the next read');
      live.stale = true;
    });
  }

  private async apply(live: LiveCycle, message: BoardMessage): Promise<void> {
    const state = live.state;
    if (!state || live.stale) return;
    const writes = await this.writesOf(state, message);
    if (writes.length === 0 || live.stale) return;
    const changes: EvaluationChange[] = writes.map((write) => state.evaluator.apply(write));
    for (const change of changes) {
      for (const kr of change.krs) live.pending.krs.set(kr.krId, kr);
      if (change.poolEvents !== null) live.pending.poolEvents = change.poolEvents;
    }
    this.publishColours(state, changes);
  }

  private publishColours(state: LiveState, changes: EvaluationChange[]): void {
    if (!this.bus) return;
    const krIds = new Set(changes.flatMap((c) => c.krs.filter((k) => !k.removed).map((k) => k.krId)));
    for (const krId of krIds) {
      const alignment = state.evaluator.alignmentOf(krId);
      if (!alignment) continue;
      const record: EvaluatedKr = { ...alignment, colours: state.evaluator.colours(krId) ?? [] };
      this.bus.publish(boardOf(state.cycle.id), { type: EVALUATED, id: krId, record });
    }
  }

  /** The incremental writes a board message stands for, from the rows as stored now. */
  private async writesOf(state: LiveState, message: BoardMessage): Promise<Write[]> {
    const { db } = this.deps;
    const ev = state.evaluator;
    const [kind] = message.type.split('.');
    if (message.type === 'checkIn.saved' || message.type === 'checkIn.removed') {
      const row = await db
        .selectFrom('check_ins')
        .selectAll()
        .where('id', '=', message.id)
        .executeTakeFirst();
      if (!row) return [{ kind: 'check-in-removed', checkInId: message.id }];
      // The snapshot holds the check-ins of its live KRs only.
      return ev.colours(row.kr_id) ? [{ kind: 'check-in-saved', checkIn: toCheckIn(row) }] : [];
    }
    if (message.type === 'escalation.saved') {
      const row = await db
        .selectFrom('escalations')
        .selectAll()
        .where('id', '=', message.id)
        .executeTakeFirst();
      return row && ev.colours(row.kr_id)
        ? [{ kind: 'escalation-saved', escalation: toEscalation(row) }]
        : [];
    }
    if (kind !== 'keyResult' && kind !== 'link') return [];
    if (message.type === 'keyResult.commented') return [];
    const krId = krIdOf(message) ?? message.id;
    const kr = await getKeyResult(db, krId);
    const known = ev.colours(krId) !== undefined;
    if (!isLive(kr, state.cycle.id)) return known ? [{ kind: 'kr-removed', krId }] : [];
    if (known) return [{ kind: 'kr-saved', keyResult: kr }];
    // New, or back from the archive: with the check-ins and escalations it kept.
    const [checkIns, escalations] = await Promise.all([
      db.selectFrom('check_ins').selectAll().where('kr_id', '=', krId).orderBy('month').execute(),
      db
        .selectFrom('escalations')
        .selectAll()
        .where('kr_id', '=', krId)
        .orderBy('raised_at')
        .orderBy('id')
        .execute(),
    ]);
    return [
      { kind: 'kr-saved', keyResult: kr },
      ...checkIns.map((row): Write => ({ kind: 'check-in-saved', checkIn: toCheckIn(row) })),
      ...escalations.map((row): Write => ({ kind: 'escalation-saved', escalation: toEscalation(row) })),
    ];
  }
}

function isLive(kr: KeyResult | null, cycleId: Id): kr is KeyResult {
  return kr !== null && kr.cycleId === cycleId && !kr.archivedAt;
}
