import type { BoardMessage } from '../../../plugin/sdk/index.ts';

/** How long a change waits for the versions before it that have not arrived yet. */
export const DEFAULT_GAP_WAIT_MS = 100;

interface RecordState {
  last: number;
  held: BoardMessage[];
  timer: NodeJS.Timeout | null;
}

/**
 * Keeps the changes of each record in row-version order. Two instances may commit versions 5 and 6
 * of one record and publish them in the other order; 6 then waits (at most `gapWaitMs`) for 5, and
 * a version older than one already passed on is dropped, so no client applies an older state over
 * a newer one. Messages without a version (removals) pass at once and forget the record.
 */
export class VersionOrder {
  private readonly records = new Map<string, RecordState>();

  constructor(
    private readonly deliver: (message: BoardMessage) => void,
    private readonly gapWaitMs = DEFAULT_GAP_WAIT_MS,
  ) {}

  accept(message: BoardMessage): void {
    const key = `${message.type.split('.')[0]}:${message.id}`;
    const version = message.version;
    if (typeof version !== 'number') {
      this.forget(key);
      this.deliver(message);
      return;
    }
    const state = this.records.get(key);
    if (!state) {
      this.records.set(key, { last: version, held: [], timer: null });
      this.deliver(message);
      return;
    }
    if (version <= state.last) return;
    if (version === state.last + 1) {
      state.last = version;
      this.deliver(message);
      this.releaseContiguous(state);
      return;
    }
    if (!state.held.some((m) => m.version === version)) state.held.push(message);
    state.held.sort((a, b) => (a.version ?? 0) - (b.version ?? 0));
    state.timer ??= setTimeout(() => this.releaseAll(state), this.gapWaitMs);
  }

  /** Drops every record's state (the board has no listeners left). */
  clear(): void {
    for (const key of [...this.records.keys()]) this.forget(key);
  }

  private forget(key: string): void {
    const state = this.records.get(key);
    if (!state) return;
    this.releaseAll(state);
    this.records.delete(key);
  }

  private releaseContiguous(state: RecordState): void {
    while (state.held[0] && state.held[0].version === state.last + 1) {
      const next = state.held.shift()!;
      state.last = next.version!;
      this.deliver(next);
    }
    if (state.held.length === 0 && state.timer) {
      clearTimeout(state.timer);
      state.timer = null;
    }
  }

  /** The wait is over: what is held goes out in version order, the gap stays a gap. */
  private releaseAll(state: RecordState): void {
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    for (const m of state.held.splice(0)) {
      if ((m.version ?? 0) <= state.last) continue;
      state.last = m.version!;
      this.deliver(m);
    }
  }
}
