import { COLLECTIONS } from '../../../adapters/nocobase/server/collections.ts';
import type { Row } from '../../../adapters/nocobase/server/records.ts';
import { recordRuleEvents } from '../../../adapters/nocobase/server/rule-events.ts';
import type { TableAccess, Tables } from '../../../adapters/nocobase/server/tables.ts';
import type { RuleEvent } from '../../../plugin/engine/index.ts';
import { demoSnapshot } from './demo.ts';

// Rows in memory with equality and `$in` filters: enough for rule events, versions and notifications.
function memoryTables(rows: Record<string, Row[]>): Tables {
  const matches = (row: Row, filter: Record<string, unknown> = {}) =>
    Object.entries(filter).every(([k, v]) =>
      v && typeof v === 'object' && '$in' in v ? (v.$in as unknown[]).includes(row[k]) : row[k] === v,
    );
  const access = {
    find: async (c: string, filter?: Record<string, unknown>) =>
      (rows[c] ?? []).filter((r) => matches(r, filter)),
    findOne: async () => null,
    create: async (c: string, v: Row) => {
      rows[c] = [...(rows[c] ?? []), v];
      return v;
    },
    update: async () => {},
    updateWhere: async () => 0,
    destroy: async () => 0,
  } as unknown as TableAccess;
  return { ...access, transaction: (fn) => fn(access) };
}

const red: RuleEvent = {
  type: 'calibration-red',
  subject: { krId: 'kr-zhengkai-1', month: '2026-03' },
  params: { pacePercent: 20 },
};
const published = (automations: unknown[]) => ({
  version: 1,
  status: 'published',
  document: { version: 1, automations },
  reason: '华南红灯',
  authorId: 'person-linxue',
  createdAt: '2026-03-01T00:00:00Z',
  publishedAt: '2026-03-01T00:00:00Z',
  publishedById: 'person-linxue',
  rollbackOf: null,
});

describe('automations on NocoBase: new rule events run HR’s published in-app steps', () => {
  it('sends nothing extra until HR publishes a version (NocoBase workflows are the shipped behaviour)', async () => {
    const rows: Record<string, Row[]> = {};
    expect(await recordRuleEvents(memoryTables(rows), [red], '2026-03-05T08:00:00Z', demoSnapshot())).toBe(1);
    expect(rows[COLLECTIONS.notifications] ?? []).toEqual([]);
    expect(rows[COLLECTIONS.ruleEvents]).toHaveLength(1);
  });

  it('notifies the region head once with the words HR wrote; the same event again adds nothing', async () => {
    const rows: Record<string, Row[]> = {
      [COLLECTIONS.automationVersions]: [
        published([
          {
            id: 'south-red',
            title: '华南红灯',
            enabled: true,
            trigger: 'calibration-red',
            conditions: { all: [{ fact: 'region', operator: 'equal', value: 'region-south' }] },
            steps: [
              {
                type: 'notify',
                to: [{ who: 'region-head' }],
                inApp: true,
                message: { title: '{region} 红灯', text: '{owner}：{kr}' },
              },
              { type: 'wait', days: 3 },
              { type: 'notify', to: [{ who: 'owner' }], inApp: true, message: { title: 'x', text: 'y' } },
            ],
          },
        ]),
      ],
    };
    const tables = memoryTables(rows);
    const snapshot = demoSnapshot();
    await recordRuleEvents(tables, [red], '2026-03-05T08:00:00Z', snapshot);
    await recordRuleEvents(tables, [red], '2026-03-05T09:00:00Z', snapshot);
    const notes = rows[COLLECTIONS.notifications] ?? [];
    const head = snapshot.people.find((p) => p.role === 'manager' && p.regionId === 'region-south')!;
    expect(notes.map((n) => [n.personId, n.kind, (n.params as { title: string }).title])).toEqual([
      [head.id, 'automation.message', '华南 红灯'],
    ]);
  });
});
