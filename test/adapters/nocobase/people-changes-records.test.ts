import { COLLECTION_DEFS, COLLECTIONS } from '../../../adapters/nocobase/server/collections.ts';
import { toPerson } from '../../../adapters/nocobase/server/records.ts';
import { VERSIONED } from '../../../adapters/nocobase/server/row-versions.ts';
import { CATALOGUE } from '../../../plugin/app/catalogue.ts';
import { makePerson } from '../../../plugin/domain/test-factories.ts';

// People changes on NocoBase: tenure columns, the moves collection, a row version and the actions.
describe('nocobase: people tenure and moves', () => {
  const fields = (name: string) => COLLECTION_DEFS.find((d) => d.name === name)?.fields.map((f) => f.name);

  it('declares the columns and the moves collection (schema-check adds them to an older install)', () => {
    expect(fields(COLLECTIONS.people)).toEqual(expect.arrayContaining(['joinedOn', 'leftOn', 'version']));
    expect(fields(COLLECTIONS.personMoves)).toEqual(
      expect.arrayContaining(['personId', 'fromRegionId', 'toRegionId', 'on', 'reason', 'krs']),
    );
    expect(VERSIONED).toContain(COLLECTIONS.people);
  });

  it('reads the dates back, and a row without them as before', () => {
    const p = makePerson();
    expect(toPerson({ ...p, joinedOn: '2026-08-01', leftOn: null, version: 2 })).toEqual({
      ...p,
      joinedOn: '2026-08-01',
    });
    expect(toPerson({ ...p, joinedOn: null, leftOn: null })).toEqual(p);
  });

  it('maps person.leave and person.move to actions', () => {
    expect(CATALOGUE.leavePerson?.name).toBe('person.leave');
    expect(CATALOGUE.movePerson?.name).toBe('person.move');
  });
});
