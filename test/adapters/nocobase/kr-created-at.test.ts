import { backfillKrCreationDates } from '../../../adapters/nocobase/server/backfill-created-at.ts';
import { COLLECTION_DEFS, COLLECTIONS } from '../../../adapters/nocobase/server/collections.ts';
import type { TableAccess, Tables } from '../../../adapters/nocobase/server/tables.ts';
import { makeKeyResult } from '../../../plugin/domain/test-factories.ts';
import { decodeRow, encodeRow, type Row } from '../../../plugin/records/row-codec.ts';

// Rows in memory with the semantics backfill relies on: find by collection, UPDATE … WHERE by plain
// equality (null matching a missing or null value, as SQL's IS NULL). The live suite runs NocoBase.
function memoryTables(rows: Record<string, Row[]>): Tables {
  const matches = (row: Row, where: Row) =>
    Object.entries(where).every(([k, v]) => (v === null ? row[k] == null : row[k] === v));
  const access: TableAccess = {
    find: async (c) => [...(rows[c] ?? [])],
    findOne: async () => null,
    create: async (_c, v) => v,
    update: async () => {},
    updateWhere: async (c, where, values) => {
      const hit = (rows[c] ?? []).filter((r) => matches(r, where));
      for (const r of hit) Object.assign(r, values);
      return hit.length;
    },
    destroy: async () => 0,
  };
  return { ...access, transaction: (fn) => fn(access) };
}

describe('the creation time of a key result on NocoBase', () => {
  it('is stored as proposedAt, next to (not in) NocoBase’s own createdAt', () => {
    const kr = makeKeyResult({ createdAt: '2026-04-15T03:00:00Z' });
    const row = encodeRow('keyResults', kr);
    expect(row).toMatchObject({ proposedAt: '2026-04-15T03:00:00Z' });
    expect(row).not.toHaveProperty('createdAt');
    // NocoBase hands its own timestamps back with the row; they are not the KR's.
    const stored = { ...row, createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z' };
    expect(decodeRow('keyResults', stored).createdAt).toBe('2026-04-15T03:00:00Z');
    const def = COLLECTION_DEFS.find((c) => c.name === COLLECTIONS.keyResults)!;
    expect(def.timestamps).toBe(true);
    expect(def.fields.find((f) => f.name === 'proposedAt')).toMatchObject({ type: 'string' });
  });

  it('is filled from the cycle start for rows stored before it was kept, once', async () => {
    const rows: Record<string, Row[]> = {
      [COLLECTIONS.cycles]: [
        { id: 'h1', name: 'H1', start: '2026-01-01', end: '2026-06-30', locked: false },
        { id: 'h2', name: 'H2', start: '2026-07-01', end: '2026-12-31', locked: false },
      ],
      [COLLECTIONS.keyResults]: [
        { id: 'old-h1', cycleId: 'h1', proposedAt: null },
        { id: 'old-h2', cycleId: 'h2' },
        { id: 'new-h2', cycleId: 'h2', proposedAt: '2026-12-03T08:00:00Z' },
      ],
    };
    const tables = memoryTables(rows);
    expect(await backfillKrCreationDates(tables)).toBe(2);
    expect(rows[COLLECTIONS.keyResults]!.map((r) => r.proposedAt)).toEqual([
      '2026-01-01T00:00:00Z',
      '2026-07-01T00:00:00Z',
      '2026-12-03T08:00:00Z',
    ]);
    expect(await backfillKrCreationDates(tables)).toBe(0);
  });
});
