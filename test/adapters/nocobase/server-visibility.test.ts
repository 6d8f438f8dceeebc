import { boardSnapshot } from '../../../plugin/app/board-snapshot.ts';
import type { StoredLink } from '../../../plugin/app/ports.ts';
import type { HostUser } from '../../../plugin/sdk/index.ts';
import { visibleSnapshot } from '../../../plugin/sdk/index.ts';
import { demoSnapshot } from './demo.ts';

const snapshot = demoSnapshot();
const hr: HostUser = {
  userId: '2',
  personId: 'person-linxue',
  name: '林雪',
  role: 'hr',
  regionId: null,
  scope: null,
};
const rowsOf = (version: (krId: string) => number): StoredLink[] =>
  snapshot.keyResults.flatMap((kr) => kr.links.map((l) => ({ ...l, krId: kr.id, version: version(kr.id) })));

describe('okrAlign:board answer', () => {
  it("keeps each link's row version, so the board unlinks without provoking a 409", () => {
    const versions = (krId: string) => (krId === 'kr-wuqian-1' ? 3 : 1);
    const board = boardSnapshot(visibleSnapshot(hr, snapshot), rowsOf(versions));
    const wuqian = board.keyResults.find((k) => k.id === 'kr-wuqian-1')!;
    expect(wuqian.links).toHaveLength(2);
    for (const link of wuqian.links) expect(link).toMatchObject({ version: 3, linkedAt: expect.any(String) });
    const linked = board.keyResults.flatMap((k) => k.links);
    expect(linked.length).toBeGreaterThan(70);
    expect(linked.every((l) => 'version' in l)).toBe(true);
  });

  it('leaves a link without a stored row unversioned rather than guessing', () => {
    const board = boardSnapshot(visibleSnapshot(hr, snapshot), []);
    const link = board.keyResults.find((k) => k.id === 'kr-zhaomin-1')!.links[0]!;
    expect(link).not.toHaveProperty('version');
  });

  it('carries no raw peer review, not even for hr who may read them elsewhere', () => {
    expect(visibleSnapshot(hr, snapshot).peerReviews.length).toBe(snapshot.peerReviews.length);
    const board = boardSnapshot(
      visibleSnapshot(hr, snapshot),
      rowsOf(() => 1),
    );
    expect(board.peerReviews).toEqual([]);
    expect(JSON.stringify(board)).not.toContain('reviewerId');
  });
});
