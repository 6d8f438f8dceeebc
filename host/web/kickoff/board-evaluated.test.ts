import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../api/endpoints.ts';
import { applyChange, type BoardState, EMPTY_BOARD, type EvaluatedKr, withEvaluated } from './board-state.ts';

const factors: EvaluatedKr['factors'] = {
  linked: true,
  focusMatch: 0,
  rationale: true,
  managerConfirmed: false,
};
const colour = (krId: string, month: string, c: 'green' | 'amber' | 'red') => ({
  krId,
  month,
  colour: c,
  pacePercent: c === 'green' ? 100 : 40,
  missing: false,
  checkInId: `${krId}-${month}`,
  amberStreak: c === 'amber' ? 1 : 0,
  redStreak: c === 'red' ? 1 : 0,
});
const read: Evaluation = {
  cycleId: 'c',
  at: '2026-06-15',
  settingsVersion: 1,
  alignment: [
    { krId: 'kr-a', score: 80, factors },
    { krId: 'kr-b', score: 60, factors },
  ],
  colours: [
    colour('kr-a', '2026-05', 'green'),
    colour('kr-a', '2026-06', 'green'),
    colour('kr-b', '2026-06', 'amber'),
  ],
};
const evaluated = (record: EvaluatedKr, seq = 7) => ({
  type: 'keyResult.evaluated',
  id: record.krId,
  record,
  seq,
  at: '2026-06-15T08:00:00Z',
});

describe('colours pushed after a write (keyResult.evaluated)', () => {
  it('are kept per KR on the board, the newest winning', () => {
    const first: EvaluatedKr = {
      krId: 'kr-a',
      score: 80,
      factors,
      colours: [colour('kr-a', '2026-06', 'amber')],
    };
    const second: EvaluatedKr = { ...first, colours: [colour('kr-a', '2026-06', 'red')] };
    const board: BoardState = applyChange(applyChange(EMPTY_BOARD, evaluated(first)), evaluated(second, 8));
    expect(board.evaluated).toEqual({ 'kr-a': second });
    expect(board.seq).toBe(8);
    // The KR list is the board's own: a pushed colour adds no card.
    expect(board.keyResults).toBe(EMPTY_BOARD.keyResults);
  });

  it('replace the read rows of those KRs only', () => {
    const pushed: EvaluatedKr = {
      krId: 'kr-a',
      score: 65,
      factors,
      colours: [colour('kr-a', '2026-05', 'green'), colour('kr-a', '2026-06', 'red')],
    };
    const merged = withEvaluated(read, { 'kr-a': pushed })!;
    expect(merged.colours.filter((c) => c.krId === 'kr-a').map((c) => c.colour)).toEqual(['green', 'red']);
    expect(merged.colours.filter((c) => c.krId === 'kr-b')).toEqual(
      read.colours.filter((c) => c.krId === 'kr-b'),
    );
    expect(merged.alignment.find((a) => a.krId === 'kr-a')?.score).toBe(65);
    expect(merged.alignment.find((a) => a.krId === 'kr-b')?.score).toBe(60);
    expect(withEvaluated(read, undefined)).toBe(read);
    expect(withEvaluated(null, { 'kr-a': pushed })).toBeNull();
  });
});
