import type { RecordName } from '../../plugin/app/ports.ts';
import {
  makeEscalation,
  makeKeyResult,
  makeObjective,
  makePerson,
} from '../../plugin/domain/test-factories.ts';
import { RECORD_NAMES, RECORD_SCHEMA } from '../../plugin/records/record-schema.ts';
import {
  decodeRow,
  encodeRow,
  entityOf,
  keyFields,
  keyOf,
  type Row,
  RowError,
  toColumns,
} from '../../plugin/records/row-codec.ts';
import { at, SAMPLES } from './record-samples.ts';

/** What PostgreSQL hands back through Sequelize: BIGINT as strings, and (for the test) JSON as text. */
function asStored(c: RecordName, row: Row): Row {
  const out = { ...row };
  for (const [name, f] of Object.entries(RECORD_SCHEMA[c].fields) as [
    string,
    { type: string; column?: string },
  ][]) {
    const column = f.column ?? name;
    if (f.type === 'bigInt' && out[column] != null) out[column] = String(out[column]);
    if (f.type === 'json' && out[column] != null) out[column] = JSON.stringify(out[column]);
  }
  return out;
}

describe('the pack record schema and row codec', () => {
  it('covers every record kind of AppRecords', () => {
    expect(RECORD_NAMES.sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(RECORD_NAMES.map((c) => [c]))('round-trips a %s record through its stored row', (c) => {
    const record = SAMPLES[c];
    const row = asStored(c, encodeRow(c, record));
    // The host's own timestamps come back as Date objects.
    if (c === 'poolRuns') Object.assign(row, { createdAt: new Date(at), updatedAt: new Date(at) });
    const { links: _links, ...expected } = record as unknown as Row;
    const decoded = decodeRow(c, row) as unknown as Row;
    expect(decoded).toEqual(expected);
    expect(keyOf(c, decodeRow(c, row) as never)).toBe(keyOf(c, record));
  });

  it('stores a key result’s createdAt as proposedAt and leaves NocoBase’s timestamps alone', () => {
    const kr = makeKeyResult({ createdAt: at });
    const row = encodeRow('keyResults', kr);
    expect(row).toMatchObject({ proposedAt: at });
    expect(row).not.toHaveProperty('createdAt');
    expect(row).not.toHaveProperty('links');
    expect(encodeRow('poolRuns', SAMPLES.poolRuns)).not.toHaveProperty('createdAt');
    expect(toColumns('keyResults', { createdAt: at, cycleId: 'h1' })).toEqual({
      proposedAt: at,
      cycleId: 'h1',
    });
  });

  it('keeps "present only when set" fields out of the record when the column is empty', () => {
    const person = decodeRow('people', { ...encodeRow('people', makePerson()), joinedOn: null, leftOn: '' });
    expect(person).not.toHaveProperty('joinedOn');
    expect(person).not.toHaveProperty('leftOn');
    const objective = decodeRow('objectives', encodeRow('objectives', { ...makeObjective(), version: 1 }));
    expect(objective).not.toHaveProperty('description');
    expect(objective).not.toHaveProperty('archivedAt');
  });

  it('reads rows from before the row version and JSON columns were filled', () => {
    const { version: _v, ...row } = encodeRow('people', SAMPLES.people);
    expect(decodeRow('people', row).version).toBe(1);
    const kr = decodeRow('keyResults', { ...encodeRow('keyResults', SAMPLES.keyResults), focusTags: null });
    expect(kr.focusTags).toEqual([]);
  });

  it('refuses a number column holding text, or an integer past 2^53, naming the field and value', () => {
    const row = encodeRow('people', SAMPLES.people);
    expect(() => decodeRow('people', { ...row, baseBonusCents: 'lots' })).toThrow(
      /field "baseBonusCents" holds "lots" in a people row/,
    );
    expect(() => decodeRow('people', { ...row, baseBonusCents: '9007199254740993' })).toThrow(RowError);
    expect(decodeRow('people', { ...row, baseBonusCents: '9007199254740991' }).baseBonusCents).toBe(
      Number.MAX_SAFE_INTEGER,
    );
    expect(() => decodeRow('people', { ...row, name: null })).toThrow(/field "name" holds null/);
    expect(() =>
      decodeRow('objectives', { ...encodeRow('objectives', SAMPLES.objectives), focusTags: '[' }),
    ).toThrow(/field "focusTags" holds "\["/);
  });

  it('maps ids to key fields: joined parts, the version, or the id', () => {
    expect(keyOf('links', SAMPLES.links)).toBe('kr1~o1');
    expect(keyFields('links', 'kr~1~o1')).toEqual({ krId: 'kr~1', objectiveId: 'o1' });
    expect(keyOf('activities', SAMPLES.activities)).toBe(
      `${SAMPLES.activities.personId}:${SAMPLES.activities.month}`,
    );
    expect(keyFields('settingsVersions', '7')).toEqual({ version: 7 });
    expect(keyFields('cycles', 'h1')).toEqual({ id: 'h1' });
    expect(encodeRow('links', SAMPLES.links).id).toBe('kr1~o1');
  });

  it('drops the row version and custom values from the sdk entity, never the KR version', () => {
    expect(entityOf('objectives', SAMPLES.objectives)).not.toHaveProperty('version');
    expect(entityOf('objectives', SAMPLES.objectives)).not.toHaveProperty('custom');
    expect(entityOf('keyResults', SAMPLES.keyResults)).toHaveProperty('version');
    expect(entityOf('escalations', SAMPLES.escalations)).toEqual(makeEscalation());
  });
});
