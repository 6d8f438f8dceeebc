import { COLLECTION_DEFS, COLLECTIONS } from '../../../adapters/nocobase/server/collections.ts';
import { entityRow } from '../../../adapters/nocobase/server/records.ts';
import { CATALOGUE } from '../../../plugin/app/catalogue.ts';
import { makeKeyResult, makeObjective } from '../../../plugin/domain/test-factories.ts';

// Issue 14 on NocoBase: the new fields have columns and read back; the new commands have actions.
describe('nocobase: objective description, archive and send-back', () => {
  const fields = (name: string) => COLLECTION_DEFS.find((d) => d.name === name)?.fields.map((f) => f.name);

  it('declares the columns (schema-check adds them to an older install at start)', () => {
    expect(fields(COLLECTIONS.objectives)).toEqual(expect.arrayContaining(['description', 'archivedAt']));
    expect(fields(COLLECTIONS.keyResults)).toEqual(expect.arrayContaining(['archivedAt', 'sentBack']));
  });

  it('reads them back, and reads an older row without them the same as before', () => {
    const [toObjective, toKeyResult] = [entityRow('objectives'), entityRow('keyResults')];
    const o = makeObjective();
    expect(
      toObjective({ ...o, version: 1, description: '东南亚代理商', archivedAt: '2026-05-01T00:00:00Z' }),
    ).toMatchObject({ description: '东南亚代理商', archivedAt: '2026-05-01T00:00:00Z' });
    expect(toObjective({ ...o, description: '', archivedAt: null })).toEqual(o);
    const { links: _l, createdAt, ...fields } = makeKeyResult();
    // NocoBase keeps the KR's own createdAt as proposedAt (its createdAt is the row's).
    const kr = { ...fields, proposedAt: createdAt };
    const sentBack = { at: '2026-05-01T00:00:00Z', byId: 'person-2', reason: '请补充客户名单' };
    expect(toKeyResult({ ...kr, sentBack, archivedAt: null })).toMatchObject({ sentBack });
    expect(toKeyResult({ ...kr, sentBack: null, archivedAt: null })).not.toHaveProperty('sentBack');
  });

  it('maps the new commands to actions', () => {
    expect(CATALOGUE.archiveObjective?.name).toBe('objective.archive');
    expect(CATALOGUE.archiveKeyResult?.name).toBe('keyResult.archive');
    expect(CATALOGUE.sendBackKeyResult?.name).toBe('keyResult.sendBack');
  });
});
