import type { Objective } from '../../../plugin/domain/types.ts';
import { applyChange, type BoardKr, type BoardState, withKr } from './board-state.ts';

const objective = (id: string): Objective => ({
  id,
  cycleId: 'c',
  title: id,
  ownerId: 'p',
  focusTags: [],
  weight: 1,
});
const kr = (id: string, links: BoardKr['links'] = [], version = 1): BoardKr => ({
  id,
  cycleId: 'c',
  ownerType: 'person',
  ownerId: 'rep',
  title: id,
  metric: 'number',
  baseline: 0,
  target: 10,
  unit: '',
  focusTags: [],
  links,
  rationale: '',
  rationaleAt: null,
  evidence: '',
  confirmedAt: null,
  updateIntervalDays: null,
  targetHistory: [],
  createdAt: '2026-01-01T00:00:00Z',
  version,
});
const board = (krs: BoardKr[]): BoardState => ({
  locked: false,
  objectives: [objective('o1'), objective('o2')],
  keyResults: krs,
  presence: [],
  seq: 5,
});
const change = (type: string, id: string, record?: unknown) => ({
  type,
  id,
  record,
  seq: 6,
  at: '2026-01-05T00:00:00Z',
});

describe('board state', () => {
  it('adds a link from another screen with its row version', () => {
    const next = applyChange(
      board([kr('k1')]),
      change('link.saved', 'k1:o1', { krId: 'k1', objectiveId: 'o1', weight: 60, linkedAt: 'x', version: 1 }),
    );
    expect(next.keyResults[0]?.links).toEqual([{ objectiveId: 'o1', weight: 60, linkedAt: 'x', version: 1 }]);
    expect(next.seq).toBe(6);
  });

  it('removes a link by its "kr:objective" id', () => {
    const start = board([
      kr('k1', [
        { objectiveId: 'o1', weight: 50, linkedAt: 'x', version: 2 },
        { objectiveId: 'o2', weight: 50, linkedAt: 'x', version: 1 },
      ]),
    ]);
    const next = applyChange(start, change('link.removed', 'k1:o1'));
    expect(next.keyResults[0]?.links.map((l) => l.objectiveId)).toEqual(['o2']);
  });

  it('keeps known link versions when a KR arrives without them (HTTP routes) and ignores older rows', () => {
    const start = board([kr('k1', [{ objectiveId: 'o1', weight: 50, linkedAt: 'x', version: 4 }], 3)]);
    const plain = {
      ...kr('k1', [], 4),
      title: 'renamed',
      links: [{ objectiveId: 'o1', weight: 50, linkedAt: 'x' }],
    };
    const next = applyChange(start, change('keyResult.saved', 'k1', plain));
    expect(next.keyResults[0]?.title).toBe('renamed');
    expect(next.keyResults[0]?.links[0]?.version).toBe(4);
    const older = withKr(next, { ...kr('k1', [], 2), title: 'old' });
    expect(older.keyResults[0]?.title).toBe('renamed');
  });

  it('leaves the board alone for changes it does not draw', () => {
    const start = board([kr('k1')]);
    expect(applyChange(start, change('checkIn.saved', 'ci1', {})).keyResults).toBe(start.keyResults);
  });
});
