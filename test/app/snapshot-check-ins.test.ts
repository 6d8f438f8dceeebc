import { importSnapshot } from '../../adapters/nocobase/server/import-snapshot.ts';
import type { Tables } from '../../adapters/nocobase/server/tables.ts';
import { demoSeed } from '../../host/demo/demo-seed.ts';
import { refuseCheckInsBeforeKrs } from '../../plugin/app/snapshot-check-ins.ts';
import type { Snapshot } from '../../plugin/domain/types.ts';
import { refusalOf } from './run-as.ts';

// A snapshot import (NocoBase's importSnapshot action) refuses check-ins that every evaluation
// would ignore, by row, the way checkIn.save refuses one.
const demo = (): Snapshot => structuredClone(demoSeed('case-study', '2026-06-15').snapshot);

/** The demo with kr-zhaomin-1 proposed on 10 April and check-ins for February, April and May. */
function withLateKr(): { snapshot: Snapshot; rows: number[] } {
  const snapshot = demo();
  const kr = snapshot.keyResults.find((k) => k.id === 'kr-zhaomin-1')!;
  kr.createdAt = '2026-04-10T02:00:00Z';
  snapshot.checkIns = snapshot.checkIns.filter((c) => c.krId !== kr.id);
  const template = demo().checkIns.find((c) => c.krId === kr.id)!;
  const at = snapshot.checkIns.length;
  for (const month of ['2026-02', '2026-04', '2026-03'])
    snapshot.checkIns.push({ ...template, id: `ci-late-${month}`, month });
  return { snapshot, rows: [at + 1, at + 3] };
}

describe('check-ins of a snapshot before their key result existed', () => {
  it('lets the demo through: it reports no month before a KR was proposed', () => {
    expect(() => refuseCheckInsBeforeKrs(demo(), 'demo')).not.toThrow();
    expect(() =>
      refuseCheckInsBeforeKrs(demoSeed('relative', '2026-12-03').snapshot, 'relative demo'),
    ).not.toThrow();
  });

  it('refuses them with 422 month-before-kr naming every such row, from 1', async () => {
    const { snapshot, rows } = withLateKr();
    let thrown: unknown;
    try {
      refuseCheckInsBeforeKrs(snapshot, 'imported snapshot');
    } catch (error) {
      thrown = error;
    }
    expect(await refusalOf(Promise.reject(thrown))).toEqual({
      status: 422,
      code: 'month-before-kr',
      params: { month: '2026-02', from: '2026-04' },
    });
    const { extra, message } = thrown as { extra: { rows: unknown }; message: string };
    expect(extra.rows).toEqual([
      { row: rows[0], krId: 'kr-zhaomin-1', month: '2026-02', from: '2026-04' },
      { row: rows[1], krId: 'kr-zhaomin-1', month: '2026-03', from: '2026-04' },
    ]);
    expect(message).toContain(`row ${rows[0]} (2026-02`);
    expect(message).toContain(`row ${rows[1]} (2026-03`);
  });

  it('stops NocoBase’s importSnapshot before it writes anything', async () => {
    let transactions = 0;
    const tables = {
      transaction: async () => {
        transactions++;
        return {};
      },
    } as unknown as Tables;
    const refused = await refusalOf(importSnapshot(tables, withLateKr().snapshot));
    expect([refused.status, refused.code, transactions]).toEqual([422, 'month-before-kr', 0]);
    await importSnapshot(tables, demo());
    expect(transactions).toBe(1);
  });
});
