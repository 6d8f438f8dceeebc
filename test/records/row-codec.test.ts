import type { AppRecords, RecordName } from '../../plugin/app/ports.ts';
import {
  makeActivity,
  makeCheckIn,
  makeCycle,
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

const at = '2026-05-02T08:00:00.000Z';
const version = { reason: 'r', authorId: 'p1', createdAt: at, publishedAt: null, publishedById: null };

/** One record of every kind, with nulls, JSON and big integers where the kind has them. */
const SAMPLES: { [C in RecordName]: AppRecords[C] } = {
  cycles: makeCycle({ locked: true }),
  regions: { id: 'east', name: '华东' },
  people: { ...makePerson({ baseBonusCents: 12_000_000_00, joinedOn: '2026-01-05' }), version: 3 },
  personMoves: {
    id: 'm1',
    personId: 'p1',
    fromRegionId: null,
    toRegionId: 'east',
    fromManagerId: 'p9',
    toManagerId: null,
    on: '2026-04-01',
    reason: '调岗',
    krs: 'stay',
    at,
    byId: null,
  },
  objectives: { ...makeObjective({ description: '拓展华东' }), version: 2, custom: { channel: 'web' } },
  keyResults: { ...makeKeyResult({ archivedAt: at }), links: [], custom: null },
  links: { krId: 'kr1', objectiveId: 'o1', weight: 0.5, linkedAt: at, version: 4 },
  checkIns: {
    ...makeCheckIn({ resourceRequest: { kind: 'budget', detail: '预算' } as never }),
    custom: null,
  },
  escalations: { ...makeEscalation(), version: 2 },
  escalationComments: { id: 'c1', escalationId: 'e1', authorId: 'p1', text: '跟进', at },
  krComments: { id: 'k1', krId: 'kr1', authorId: 'p1', text: '@p2 请看', mentionIds: ['p2'], at },
  activities: makeActivity({ dealsAmountCents: 2 ** 40 }),
  keyAccounts: { id: 'a1', name: '客户甲', ownerId: 'p1', lastContactAt: null },
  peerReviews: {
    id: 'r1',
    quarter: '2026-Q2',
    reviewerId: 'p1',
    revieweeId: 'p2',
    scores: { collaboration: 4, crossRegionHelp: 3, knowledgeSharing: 5 },
    comment: '',
  },
  peerReviewWindows: {
    id: '2026-Q2',
    quarter: '2026-Q2',
    state: 'open',
    closesOn: null,
    crossRegion: [],
    openedAt: at,
    openedById: 'p1',
    closedAt: null,
    version: 1,
  },
  formOverlays: { id: 'check-in', overlay: { fields: [] }, version: 2, updatedAt: at, updatedById: 'p1' },
  settingsVersions: {
    version: 2,
    status: 'proposed',
    settings: { a: 1 } as never,
    rollbackOf: 1,
    ...version,
  },
  poolRuns: {
    id: 'run1',
    quarter: '2026-Q2',
    cycleId: 'h1',
    state: 'draft',
    poolCents: null,
    settingsVersion: 3,
    computedAt: null,
    createdAt: at,
    createdById: 'p1',
    updatedAt: at,
    version: 1,
    result: null,
  },
  automationVersions: {
    version: 1,
    status: 'published',
    document: { automations: [] } as never,
    rollbackOf: null,
    ...version,
  },
  ruleVersions: {
    version: 1,
    status: 'published',
    document: { rules: [] } as never,
    rollbackOf: null,
    ...version,
  },
};

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
