import { VersionOrder } from '../../host/server/cluster/version-order.ts';
import type { BoardMessage } from '../../plugin/sdk/index.ts';

const saved = (id: string, version: number): BoardMessage => ({ type: 'link.saved', id, version });

describe('changes of one record in row-version order', () => {
  it('holds a version that overtook the one before it until that one arrives', () => {
    const out: string[] = [];
    const order = new VersionOrder((m) => out.push(`${m.id}@${m.version}`), 1_000);
    order.accept(saved('a', 5));
    order.accept(saved('a', 7));
    order.accept(saved('b', 1));
    order.accept(saved('a', 6));
    expect(out).toEqual(['a@5', 'b@1', 'a@6', 'a@7']);
  });

  it('drops an older version and lets the held ones go after the wait', async () => {
    const out: string[] = [];
    const order = new VersionOrder((m) => out.push(`${m.id}@${m.version ?? '-'}`), 30);
    order.accept(saved('a', 2));
    order.accept(saved('a', 4));
    order.accept(saved('a', 1));
    expect(out).toEqual(['a@2']);
    await new Promise((r) => setTimeout(r, 60));
    order.accept(saved('a', 3));
    expect(out).toEqual(['a@2', 'a@4']);
    order.accept({ type: 'link.removed', id: 'a' });
    order.accept(saved('a', 1));
    expect(out).toEqual(['a@2', 'a@4', 'a@-', 'a@1']);
  });
});
