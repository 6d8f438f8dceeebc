import { COLLECTION_DEFS, COLLECTIONS } from '../../../adapters/nocobase/server/collections.ts';
import { snapshotRows } from '../../../adapters/nocobase/server/import-snapshot.ts';
import { demoSnapshot } from './demo.ts';

describe('nocobase collections', () => {
  it('declares each named collection once, with a primary key and no NocoBase id of its own', () => {
    expect(COLLECTION_DEFS.map((c) => c.name).sort()).toEqual(Object.values(COLLECTIONS).sort());
    for (const c of COLLECTION_DEFS) {
      expect(c.name).toMatch(/^okr_[a-z_]+$/);
      expect(c.autoGenId).toBe(false);
      expect(c.fields.filter((f) => f.primaryKey)).toHaveLength(1);
      expect(new Set(c.fields.map((f) => f.name)).size).toBe(c.fields.length);
    }
  });

  it('has a column for every field the demo snapshot writes', () => {
    const byKey = new Map(COLLECTION_DEFS.map((c) => [c.name, new Set(c.fields.map((f) => f.name))]));
    for (const [key, rows] of snapshotRows(demoSnapshot())) {
      const columns = byKey.get(COLLECTIONS[key])!;
      for (const row of rows) {
        const missing = Object.keys(row).filter((k) => !columns.has(k));
        expect(missing, `${COLLECTIONS[key]}`).toEqual([]);
      }
    }
  });

  it('keeps NocoBase timestamps off where the pack has its own createdAt', () => {
    const settings = COLLECTION_DEFS.find((c) => c.name === COLLECTIONS.settingsVersions)!;
    const objectives = COLLECTION_DEFS.find((c) => c.name === COLLECTIONS.objectives)!;
    expect(settings.timestamps).toBe(false);
    expect(objectives.timestamps).toBe(true);
  });
});
