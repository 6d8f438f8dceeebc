import { nocobaseRecords } from '../../../adapters/nocobase/server/app-records.ts';
import { COLLECTIONS } from '../../../adapters/nocobase/server/collections.ts';
import { snapshotRows } from '../../../adapters/nocobase/server/import-snapshot.ts';
import { entityRow, type Row, toPerson } from '../../../adapters/nocobase/server/records.ts';
import { entityOf } from '../../../plugin/records/row-codec.ts';
import { demoSnapshot } from './demo.ts';
import { memoryTables } from './memory-tables.ts';

// What PostgreSQL gives back through Sequelize: BIGINT as strings, JSON already parsed.
const BIGINT = new Set(['baseBonusCents', 'dealsAmountCents', 'highMarginAmountCents', 'collectionsCents']);
const asStored = (row: Row): Row =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, BIGINT.has(k) ? String(v) : v]));

describe('nocobase records', () => {
  const snapshot = demoSnapshot();
  const rows = new Map(snapshotRows(snapshot).map(([k, r]) => [k, r.map(asStored)]));
  const get = (key: Parameters<typeof rows.get>[0]) => rows.get(key)!;

  it('round-trips every entity of the demo snapshot through its rows', async () => {
    const tables = memoryTables({
      [COLLECTIONS.keyResults]: get('keyResults'),
      [COLLECTIONS.links]: get('links'),
    });
    const krs = await nocobaseRecords(tables).find('keyResults');
    expect(krs.map((kr) => entityOf('keyResults', kr))).toEqual(
      snapshot.keyResults.map((kr) => ({
        ...kr,
        links: [...kr.links].sort((a, b) => a.objectiveId.localeCompare(b.objectiveId)),
      })),
    );
    expect(get('people').map(toPerson)).toEqual(snapshot.people);
    expect(get('objectives').map(entityRow('objectives'))).toEqual(snapshot.objectives);
    expect(get('checkIns').map(entityRow('checkIns'))).toEqual(snapshot.checkIns);
    expect(get('escalations').map(entityRow('escalations'))).toEqual(snapshot.escalations);
    expect(get('activities').map(entityRow('activities'))).toEqual(snapshot.activities);
    expect(get('keyAccounts').map(entityRow('keyAccounts'))).toEqual(snapshot.keyAccounts);
    expect(get('peerReviews').map(entityRow('peerReviews'))).toEqual(snapshot.peerReviews);
  });

  it('refuses a number column holding text, naming the field', () => {
    const row = { ...get('people')[0]!, baseBonusCents: 'lots' };
    expect(() => toPerson(row)).toThrow(/field "baseBonusCents" holds "lots"/);
  });

  it('names link rows by key result and objective so a link has one row', () => {
    const ids = get('links').map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(COLLECTIONS.links).toBe('okr_kr_links');
  });
});
